// @ts-check
// Feedback a learner can act on, in the built site: the failing test's inputs, a picture of
// the difference, the first differing token, one traceback with its line marked, hints only
// for the failure they are about, and a console that runs against the learner's code.

import { outlinedCells } from "./diff-pixels.js";
import { expect, openProblem, problemData, problems, runCode, test } from "./fixtures.js";

/**
 * @typedef {import("@playwright/test").Page} Page
 * @typedef {import("./fixtures.js").Problem} Problem
 */

/** @param {string} slug @returns {Problem} */
function problem(slug) {
  const found = problems.find((p) => p.slug === slug);
  if (!found) throw new Error(`no problem ${slug}`);
  return found;
}

/** @param {Problem} p @param {string} name @returns {string} */
function wrong(p, name) {
  const found = p.wrong_solutions.find((w) => w.name === name);
  if (!found) throw new Error(`${p.slug} has no wrong solution "${name}"`);
  return found.code;
}

/**
 * @param {Page} page
 * @param {string} name
 */
function row(page, name) {
  return page.locator('[data-kata="test"]').filter({ has: page.locator(".kata-res-name", { hasText: name }) });
}

/** @param {Page} page  the open (first failing) row */
function openRow(page) {
  return page.locator('[data-kata="test"]:has(details[open])');
}

const lora = problem("lora-forward");

test("test_a_wrong_lora_forward_shows_the_failing_call_and_outlines_the_cells_that_differ", async ({ page, request }) => {
  await openProblem(page, lora.slug);
  // Right everywhere but the last column, which it zeroes: exactly those cells differ.
  const code = `${lora.solution}\n_right = lora_forward\n\ndef lora_forward(*args):\n`
    + "    y = _right(*args).copy()\n    y[..., -1] = 0\n    return y\n";
  const result = await runCode(page, code);
  expect(result.status).toBe("fail");

  const failing = openRow(page);
  await expect(failing).toHaveCount(1);
  const canvas = failing.locator('[data-kata="diff"][data-kind="array"] canvas');
  await expect(canvas).toHaveAttribute("role", "img");
  await expect(canvas).toHaveAttribute("aria-label", /differ/);
  const { rows, cols } = JSON.parse(await canvas.getAttribute("data-grid") ?? "{}");
  const lastColumn = Array.from({ length: rows }, (_, r) => r * cols + cols - 1);
  expect(rows * cols).toBeGreaterThan(lastColumn.length);
  expect(await outlinedCells(canvas)).toEqual([lastColumn, lastColumn, lastColumn]);

  // A hidden test, opened: its setup and call as Python to copy, its arguments' shapes.
  const data = await problemData(request, lora.slug);
  const hidden = /** @type {{name: string, setup?: string, call?: string}[]} */ (data.tests)
    .find((t) => t.name === "Batched input");
  if (!hidden?.setup || !hidden.call) throw new Error("lora-forward's 'Batched input' changed");
  const batched = row(page, "Batched input");
  await batched.locator("summary").click();
  const inputs = batched.locator('[data-kata="inputs"]');
  await expect(inputs.locator("pre")).toHaveText(`${hidden.setup.trimEnd()}\n${hidden.call}`);
  await expect(inputs.locator("tbody tr").first()).toContainText("ndarray");

  await inputs.locator('[data-kata="copy-to-console"]').click();
  await expect(page.locator('[data-kata="console-input"]')).toHaveValue(`${hidden.setup.trimEnd()}\n${hidden.call}`);
});

test("test_a_tokenizer_that_splits_a_contraction_shows_the_first_differing_token", async ({ page }) => {
  const tokenizer = problem("regex-tokenizer");
  await openProblem(page, tokenizer.slug);
  // Without the "word stops before n't" alternative, "don't" becomes "don", "'", "t".
  const splits = tokenizer.solution.replace(/\| \{_WORD\}\+\?\(\?=\(\?i:n't\)\(\?!\{_LETTER\}\)\) /, "");
  expect(splits).not.toBe(tokenizer.solution);
  const result = await runCode(page, splits);
  expect(result.status).toBe("fail");

  const diff = openRow(page).locator('[data-kata="diff"][data-kind="sequence"]');
  await expect(diff).toContainText(/first difference at index \d+/);
  await expect(diff.locator("tr").filter({ hasText: "Expected" }).locator("mark")).toHaveText(/^'(do|is|ca|does|was|wo)'$/i);
  await expect(diff.locator("tr").filter({ hasText: "Yours" }).locator("mark")).toHaveText(/^'(don|isn|can|doesn|wasn|won)'$/i);
});

test("test_a_runtime_error_shows_one_traceback_marks_its_line_and_the_others_say_same_error", async ({ page }) => {
  await openProblem(page, lora.slug);
  const code = "import numpy as np\n\ndef lora_forward(x, W0, A, B, alpha):\n    r = A.shape[0]\n"
    + "    return x @ W0.T + (alpha / rank) * (x @ A.T) @ B.T\n";
  const result = await runCode(page, code);
  expect(result.status).toBe("fail");

  const results = page.locator('[data-kata="results"]');
  // One full traceback, in the first row; rows with the same error point at it.
  await expect(results.locator('[data-kata="message"]', { hasText: "Traceback (most recent call last)" })).toHaveCount(1);
  await expect(openRow(page).locator('[data-kata="message"]')).toContainText(
    "File \"solution.py\", line 5, in lora_forward");
  const same = results.locator(".kata-res-same");
  expect(await same.count()).toBeGreaterThan(10);
  expect(new Set(await same.allTextContents())).toEqual(new Set(["Same error as Example 1."]));
  await expect(page.locator(".kata-error-line")).toHaveCount(1);
  await expect(page.locator(".kata-error-line")).toContainText("(alpha / rank)");
});

test("test_a_hint_scoped_to_wrong_values_stays_hidden_for_a_wrong_shape", async ({ page }) => {
  await openProblem(page, lora.slug);
  // Scaling by alpha: wrong values everywhere, so the scaling hint (values) shows, and the
  // 1-D test, failing on values too, keeps its shape hint to itself.
  await runCode(page, wrong(lora, "scales by alpha instead of alpha / r"));
  await expect(row(page, "Scaling is alpha / r").locator(".kata-res-hint")).toHaveText(
    "Hint: With r = 4 and alpha = 8 the update is multiplied by 2, not by 8.");
  const oneD = row(page, "1-D input gives a 1-D output");
  await expect(oneD).toHaveAttribute("data-status", "fail");
  await expect(oneD.locator(".kata-res-hint")).toHaveCount(0);

  // Always 2-D: the 1-D test fails on its shape, and now its hint shows.
  await runCode(page, wrong(lora, "always returns a 2-D array"));
  await expect(row(page, "1-D input gives a 1-D output").locator(".kata-res-hint")).toHaveText(
    "Hint: A single vector of shape (d_in,) must come back as shape (d_out,), not (1, d_out).");
});

test("test_the_console_runs_against_the_learners_code_and_survives_a_time_out", async ({ page }) => {
  await openProblem(page, lora.slug);
  await page.evaluate((code) => /** @type {any} */ (window).kata.setCode(code), lora.solution);
  await page.locator('[data-kata="tab-console"]').click();
  const input = page.locator('[data-kata="console-input"]');
  const entries = page.locator('[data-kata="console-entry"]');

  await input.fill("lora_forward(np.ones((1, 2)), np.eye(2), np.ones((1, 2)), np.ones((2, 1)), 3.0)");
  await input.press("Enter");
  await expect(entries.last()).toHaveAttribute("data-status", "ok");
  await expect(entries.last().locator(".kata-console__value")).toHaveText("array([[7., 7.]])");

  await input.fill("while True:\n    pass");
  await input.press("Enter");
  await expect(entries.last()).toHaveAttribute("data-status", "timeout", { timeout: 60_000 });

  await input.fill("lora_forward(np.ones(2), np.eye(2), np.ones((1, 2)), np.ones((2, 1)), 1.0).shape");
  await input.press("Enter");
  await expect(entries.last().locator(".kata-console__value")).toHaveText("(2,)", { timeout: 60_000 });
  expect((await page.evaluate(() => /** @type {any} */ (window).kata.submit())).status).toBe("pass");
});
