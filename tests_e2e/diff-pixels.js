// @ts-check
// Reading a diff picture (runner/diff-picture.js) back from its canvas's pixels, for tests of
// the results pane on its own and in the site.

import { expect } from "@playwright/test";

/** @typedef {import("@playwright/test").Locator} Locator */

/**
 * The cells drawn with an outline in each of the three panels of a row's picture, read from
 * the canvas's pixels: a cell is outlined when the pixel on its left border, half way down,
 * has the outline colour. Indices are positions in the slice shown.
 * @param {Locator} canvas
 * @returns {Promise<number[][]>}
 */
export async function outlinedCells(canvas) {
  await expect(canvas).toHaveAttribute("data-cell", /\d+/);
  return canvas.evaluate((node) => {
    const canvas = /** @type {HTMLCanvasElement} */ (node);
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
    const cell = Number(canvas.dataset.cell);
    const { rows, cols } = JSON.parse(canvas.dataset.grid ?? "{}");
    const ratio = canvas.width / canvas.clientWidth;
    ctx.fillStyle = getComputedStyle(canvas).getPropertyValue("--kata-heat-outline").trim();
    const outline = [1, 3, 5].map((i) => parseInt(String(ctx.fillStyle).slice(i, i + 2), 16));
    /** @param {{x: number, y: number}} panel */
    const outlined = (panel) => Array.from({ length: rows * cols }, (_, k) => k).filter((k) => {
      const x = panel.x + (k % cols) * cell;
      const y = panel.y + Math.floor(k / cols) * cell + Math.floor(cell / 2);
      const pixel = ctx.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data;
      return pixel[3] === 255 && outline.every((value, i) => Math.abs(pixel[i] - value) <= 2);
    });
    return JSON.parse(canvas.dataset.panels ?? "[]").map(outlined);
  });
}
