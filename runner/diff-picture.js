// @ts-check
// The picture of an array that differs from the expected one (an ArrayDetail): Expected,
// Yours and |Yours − Expected| as three heatmaps on one colour scale, drawn on a canvas, the
// values outside tolerance outlined in all three and the largest difference pointed at.
// 1-D arrays wrap into rows; higher ranks show their last two axes, one slice at a time.
// Colours are read from CSS variables (styles/results.css) at every draw, so a change of
// palette needs only `redraw()`; the cell size follows the width of the pane.

import { element } from "./text-diff.js";

/**
 * @typedef {import("./result.js").ArrayDetail} ArrayDetail
 * @typedef {{limit: number, diverging: boolean}} Scale
 *   values map to colours through value / limit, in [-1, 1] (diverging) or [0, 1]
 * @typedef {{shape: number[], expected: number[], actual: number[], difference: number[],
 *   bad: Set<number>, worst: number, rows: number, cols: number, slices: number, scale: Scale,
 *   rtol?: number, atol?: number}} ArrayView
 *   the detail as numbers; a slice holds `rows` x `cols` values (1-D: one row of all values)
 * @typedef {{x: number, y: number}} Point  in CSS pixels
 * @typedef {{cell: number, rows: number, cols: number, panels: Point[], width: number,
 *   height: number}} Layout  the grids as drawn (a 1-D array wraps, so rows and cols are the layout's)
 * @typedef {[number, number, number]} Rgb
 * @typedef {{neg: Rgb, zero: Rgb, pos: Rgb, negInf: string, posInf: string, nan: string,
 *   outline: string, symbol: string, text: string, font: string}} Palette
 * @typedef {{element: HTMLElement, redraw: () => void, dispose: () => void}} Picture
 */

const TITLES = ["Expected", "Yours", "|Yours − Expected|"];
const GAP = 16; // between two panels
const AXIS = 8; // left of and above each grid: where the largest difference is pointed at
const TITLE = 18; // a panel's title, above its grid
const MIN_PANEL = 80; // a narrow grid still leaves room for its title
const MIN_CELL = 3;
const MAX_CELL = 28;
const SYMBOL_CELL = 7; // cells this large or larger also carry a NaN or infinity symbol
const WORDS = /** @type {Record<string, number>} */ ({ nan: NaN, inf: Infinity, "-inf": -Infinity });

/**
 * The picture of an array detail: a root element holding the slice selector (3-D and more),
 * the canvas, a legend and a caption. It draws itself once it has a width (a closed row has
 * none) and again whenever its width changes; `dispose` stops watching the width.
 * @param {ArrayDetail} detail
 * @returns {Picture}
 */
export function diffPicture(detail) {
  const view = arrayView(detail);
  const canvas = element("canvas", { class: "kata-pic-canvas", role: "img" });
  const frame = element("div", { class: "kata-pic-frame" });
  const root = element("div", { class: "kata-pic" });
  const state = { slice: Math.floor(view.worst / (view.rows * view.cols)) || 0, width: 0 };
  const redraw = () => {
    state.width = frame.clientWidth;
    canvas.setAttribute("aria-label", describe(view, state.slice));
    if (state.width) paint(canvas, view, state.slice, layout(state.width, view));
  };
  frame.append(canvas);
  if (view.slices > 1) root.append(sliceSelector(view, state.slice, (slice) => { state.slice = slice; redraw(); }));
  root.append(frame, legend(view), caption(view));
  canvas.setAttribute("aria-label", describe(view, state.slice));
  const resize = new ResizeObserver(() => { if (frame.clientWidth !== state.width) redraw(); });
  resize.observe(frame);
  return { element: root, redraw, dispose: () => resize.disconnect() };
}

/**
 * Whether a detail can be drawn: an array detail holding at least one value.
 * @param {import("./result.js").Detail | undefined} detail
 * @returns {detail is ArrayDetail}
 */
export function isDrawable(detail) {
  return detail?.type === "array" && detail.expected.length > 0 && detail.expected.length === detail.actual.length;
}

// ---------------------------------------------------------------------------------------
// The detail as numbers

/**
 * @param {ArrayDetail} detail
 * @returns {ArrayView}
 */
export function arrayView(detail) {
  const shape = detail.shape.length ? detail.shape : [detail.expected.length];
  const expected = detail.expected.map(toNumber);
  const actual = detail.actual.map(toNumber);
  const difference = expected.map((value, i) => absoluteDifference(value, actual[i]));
  const cols = shape[shape.length - 1];
  const rows = shape.length > 1 ? shape[shape.length - 2] : 1;
  return { shape, expected, actual, difference, bad: new Set(detail.bad), worst: detail.worst, rows, cols,
    slices: Math.max(1, Math.round(expected.length / (rows * cols))),
    scale: scaleOf([expected, actual, difference]), rtol: detail.rtol, atol: detail.atol };
}

/**
 * @param {number | string | boolean} value  JSON's number, or "nan", "inf", "-inf" (a bool array sends booleans)
 * @returns {number}
 */
function toNumber(value) {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return Number(value);
  return WORDS[value] ?? Number(value);
}

/**
 * |actual − expected|, with equal infinities and two NaNs counted as no difference (as the judge counts them).
 * @param {number} expected
 * @param {number} actual
 * @returns {number}
 */
function absoluteDifference(expected, actual) {
  if (expected === actual || (Number.isNaN(expected) && Number.isNaN(actual))) return 0;
  return Math.abs(actual - expected);
}

/**
 * One scale for the three panels: diverging around 0 when any value is negative.
 * @param {number[][]} lists
 * @returns {Scale}
 */
function scaleOf(lists) {
  let limit = 0;
  let diverging = false;
  for (const value of lists.flat()) {
    if (!Number.isFinite(value)) continue;
    limit = Math.max(limit, Math.abs(value));
    diverging ||= value < 0;
  }
  return { limit: limit || 1, diverging };
}

// ---------------------------------------------------------------------------------------
// Geometry

/**
 * @param {number} value
 * @param {number} low
 * @param {number} high
 * @returns {number}
 */
function clamp(value, low, high) {
  return Math.max(low, Math.min(high, value));
}

/**
 * The grid of one slice: a 1-D array wraps into rows when one row would make cells too small.
 * @param {number} width  of the frame, in CSS pixels
 * @param {ArrayView} view
 * @returns {{rows: number, cols: number}}
 */
function gridShape(width, view) {
  if (view.shape.length > 1) return { rows: view.rows, cols: view.cols };
  const count = view.cols;
  const perPanel = (width - 2 * GAP) / 3 - AXIS;
  if (count * 8 <= perPanel) return { rows: 1, cols: count };
  const cell = clamp(Math.floor(perPanel / Math.ceil(Math.sqrt(count))), MIN_CELL, 16);
  const cols = clamp(Math.floor(perPanel / cell), 1, count);
  return { rows: Math.ceil(count / cols), cols };
}

/**
 * Where the three grids go: side by side when cells of MIN_CELL fit, else one under another.
 * @param {number} width  of the frame, in CSS pixels
 * @param {ArrayView} view
 * @returns {Layout}
 */
export function layout(width, view) {
  const { rows, cols } = gridShape(width, view);
  const room = (width - 2 * GAP) / 3; // for each panel, side by side
  const sideBySide = Math.floor((room - AXIS) / cols);
  const stacked = sideBySide < MIN_CELL || room < MIN_PANEL;
  const cell = clamp(stacked ? Math.floor((width - AXIS) / cols) : sideBySide, MIN_CELL, MAX_CELL);
  const [pitch, height] = [Math.max(MIN_PANEL, AXIS + cols * cell), TITLE + AXIS + rows * cell];
  const panels = [0, 1, 2].map((i) => (stacked ? { x: AXIS, y: i * (height + GAP) + TITLE + AXIS }
    : { x: i * (pitch + GAP) + AXIS, y: TITLE + AXIS }));
  return { cell, rows, cols, panels, width: stacked ? pitch : 3 * pitch + 2 * GAP,
    height: stacked ? 3 * height + 2 * GAP : height };
}

/**
 * The top-left corner of the k-th cell of a slice in a panel.
 * @param {Layout} box
 * @param {Point} origin
 * @param {number} k
 * @returns {Point}
 */
function cellAt(box, origin, k) {
  return { x: origin.x + (k % box.cols) * box.cell, y: origin.y + Math.floor(k / box.cols) * box.cell };
}

// ---------------------------------------------------------------------------------------
// Colours

/**
 * The palette, read from the CSS variables that apply to the canvas now.
 * @param {HTMLCanvasElement} canvas
 * @param {CanvasRenderingContext2D} ctx
 * @returns {Palette}
 */
function readPalette(canvas, ctx) {
  const style = getComputedStyle(canvas);
  /** @param {string} name */
  const colour = (name) => normalColour(ctx, style.getPropertyValue(`--kata-heat-${name}`).trim());
  return { neg: rgb(colour("neg")), zero: rgb(colour("zero")), pos: rgb(colour("pos")),
    negInf: colour("neg-inf"), posInf: colour("pos-inf"), nan: colour("nan"), outline: colour("outline"),
    symbol: colour("symbol"), text: style.color, font: style.fontFamily };
}

/**
 * Any CSS colour as the canvas writes it back: "#rrggbb", or "rgba(r, g, b, a)".
 * @param {CanvasRenderingContext2D} ctx
 * @param {string} value
 * @returns {string}
 */
function normalColour(ctx, value) {
  ctx.fillStyle = "#000000";
  ctx.fillStyle = value;
  return String(ctx.fillStyle);
}

/**
 * @param {string} colour  as normalColour returns it
 * @returns {Rgb}
 */
export function rgb(colour) {
  if (colour.startsWith("#")) return /** @type {Rgb} */ ([1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)));
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? ["0", "0", "0"]).map(Number);
  return [r, g, b];
}

/**
 * The colour of one value; the difference panel uses the same mapping as the other two.
 * @param {number} value
 * @param {Scale} scale
 * @param {Palette} palette
 * @returns {string}
 */
function colourOf(value, scale, palette) {
  if (Number.isNaN(value)) return palette.nan;
  if (value === Infinity) return palette.posInf;
  if (value === -Infinity) return palette.negInf;
  const t = clamp(value / scale.limit, -1, 1);
  const end = t < 0 ? palette.neg : palette.pos;
  const mixed = palette.zero.map((zero, i) => Math.round(zero + (end[i] - zero) * Math.abs(t)));
  return `rgb(${mixed.join(", ")})`;
}

// ---------------------------------------------------------------------------------------
// Drawing

/**
 * Draw the three panels of one slice.
 * @param {HTMLCanvasElement} canvas
 * @param {ArrayView} view
 * @param {number} slice
 * @param {Layout} box
 */
function paint(canvas, view, slice, box) {
  const ctx = prepare(canvas, box, slice);
  if (!ctx) return;
  const palette = readPalette(canvas, ctx);
  const start = slice * view.rows * view.cols;
  const count = view.rows * view.cols;
  [view.expected, view.actual, view.difference].forEach((values, p) => {
    const origin = box.panels[p];
    drawTitle(ctx, TITLES[p], origin, box, palette);
    for (let k = 0; k < count; k++) drawCell(ctx, values[start + k], cellAt(box, origin, k), box.cell, view.scale, palette);
    for (let k = 0; k < count; k++) {
      if (view.bad.has(start + k)) outline(ctx, cellAt(box, origin, k), box.cell, palette.outline);
    }
    const worst = view.worst - start;
    if (worst >= 0 && worst < count) pointAt(ctx, box, origin, worst, palette.outline);
  });
}

/**
 * Size the canvas for the layout and the screen, clear it, and write the geometry for tests.
 * @param {HTMLCanvasElement} canvas
 * @param {Layout} box
 * @param {number} slice
 * @returns {CanvasRenderingContext2D | null}
 */
function prepare(canvas, box, slice) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(box.width * ratio);
  canvas.height = Math.round(box.height * ratio);
  canvas.style.width = `${box.width}px`;
  canvas.style.height = `${box.height}px`;
  Object.assign(canvas.dataset, { cell: String(box.cell), panels: JSON.stringify(box.panels), slice: String(slice),
    grid: JSON.stringify({ rows: box.rows, cols: box.cols }), scheme: document.body.dataset.mdColorScheme ?? "default" });
  const ctx = canvas.getContext("2d");
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/**
 * @param {CanvasRenderingContext2D} ctx
 * @param {string} text
 * @param {Point} origin
 * @param {Layout} box
 * @param {Palette} palette
 */
function drawTitle(ctx, text, origin, box, palette) {
  const room = Math.max(MIN_PANEL - AXIS, box.cols * box.cell);
  ctx.fillStyle = palette.text;
  ctx.textBaseline = "alphabetic";
  ctx.font = `600 12px ${palette.font}`;
  if (ctx.measureText(text).width > room) ctx.font = `600 10px ${palette.font}`; // then squeezed if need be
  ctx.fillText(text, origin.x, origin.y - AXIS - 5, room);
}

/**
 * @param {CanvasRenderingContext2D} ctx
 * @param {number} value
 * @param {Point} at
 * @param {number} size
 * @param {Scale} scale
 * @param {Palette} palette
 */
function drawCell(ctx, value, at, size, scale, palette) {
  ctx.fillStyle = colourOf(value, scale, palette);
  ctx.fillRect(at.x, at.y, size, size);
  if (Number.isFinite(value) || size < SYMBOL_CELL) return;
  ctx.fillStyle = palette.symbol;
  const [third, middle] = [Math.max(1, Math.floor(size / 3)), at.y + Math.floor(size / 2)];
  if (Number.isNaN(value)) {
    for (let i = 2; i < size - 2; i++) ctx.fillRect(at.x + i, at.y + size - 1 - i, 1, 1); // a slash
    return;
  }
  ctx.fillRect(at.x + third, middle, size - 2 * third, 1); // a minus, and for +inf a plus
  if (value > 0) ctx.fillRect(at.x + Math.floor(size / 2), at.y + third, 1, size - 2 * third);
}

/**
 * A ring on the cell's border: 1 px, 2 px on cells of 12 px or more.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Point} at
 * @param {number} size
 * @param {string} colour
 */
function outline(ctx, at, size, colour) {
  const thick = size >= 12 ? 2 : 1;
  ctx.fillStyle = colour;
  ctx.fillRect(at.x, at.y, size, thick);
  ctx.fillRect(at.x, at.y + size - thick, size, thick);
  ctx.fillRect(at.x, at.y, thick, size);
  ctx.fillRect(at.x + size - thick, at.y, thick, size);
}

/**
 * Triangles above the column and left of the row of the largest difference.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Layout} box
 * @param {Point} origin
 * @param {number} k  the cell's position in the slice
 * @param {string} colour
 */
function pointAt(ctx, box, origin, k, colour) {
  const cell = cellAt(box, origin, k);
  const [cx, cy, half] = [cell.x + box.cell / 2, cell.y + box.cell / 2, AXIS / 2 - 0.5];
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.moveTo(cx, origin.y - 1);
  ctx.lineTo(cx - half, origin.y - AXIS + 1);
  ctx.lineTo(cx + half, origin.y - AXIS + 1);
  ctx.moveTo(origin.x - 1, cy);
  ctx.lineTo(origin.x - AXIS + 1, cy - half);
  ctx.lineTo(origin.x - AXIS + 1, cy + half);
  ctx.fill();
}

// ---------------------------------------------------------------------------------------
// Words: the legend, the caption, the text alternative, the slice selector

/**
 * @param {number} value
 * @returns {string}  as the harness writes numbers: 7 significant digits
 */
export function formatValue(value) {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(7)));
}

/**
 * @param {number} flat
 * @param {number[]} shape
 * @returns {number[]}
 */
function unravel(flat, shape) {
  const index = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index.unshift(flat % shape[axis]);
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

/**
 * @param {number[]} index
 * @returns {string}  as Python writes a tuple: (2, 3) or (5,)
 */
export function formatIndex(index) {
  return `(${index.join(", ")}${index.length === 1 ? "," : ""})`;
}

/**
 * @param {ArrayView} view
 * @param {number} slice
 * @returns {string}  the slice as an index expression: [1, :, :]
 */
function sliceName(view, slice) {
  return `[${[...unravel(slice, view.shape.slice(0, -2)), ":", ":"].join(", ")}]`;
}

/**
 * @param {ArrayView} view
 * @returns {string}
 */
function tolerance(view) {
  if (view.rtol === undefined) return "(compared exactly)";
  return `beyond tolerance (rtol=${pythonNumber(view.rtol)}, atol=${pythonNumber(view.atol ?? 0)})`;
}

/**
 * @param {number} value
 * @returns {string}  as Python's format(value, "g") writes a tolerance: 1e-07, 0.001
 */
function pythonNumber(value) {
  return String(Number(value.toPrecision(6))).replace(/e([+-])(\d)$/, "e$10$2");
}

/**
 * Where the pointed-at value is: the largest difference, or for values compared exactly the first.
 * @param {ArrayView} view
 * @returns {string}
 */
function worstText(view) {
  const index = formatIndex(unravel(view.worst, view.shape));
  return `${view.rtol === undefined ? "first difference" : "largest difference"} is at index ${index}: `
    + `expected ${formatValue(view.expected[view.worst])}, yours ${formatValue(view.actual[view.worst])}`;
}

/**
 * The canvas's text alternative.
 * @param {ArrayView} view
 * @param {number} slice
 * @returns {string}
 */
export function describe(view, slice) {
  const start = slice * view.rows * view.cols;
  const here = [...view.bad].filter((i) => i >= start && i < start + view.rows * view.cols).length;
  const where = view.slices > 1 ? `, showing slice ${sliceName(view, slice)} (${here} differing there)` : "";
  return `Heatmaps of the expected array, yours and their absolute difference, shape ${formatIndex(view.shape)}${where}: `
    + `${view.bad.size} of ${view.expected.length} values differ ${tolerance(view)}; the ${worstText(view)}.`;
}

/**
 * @param {ArrayView} view
 * @returns {HTMLElement}
 */
function caption(view) {
  const text = element("p", { class: "kata-pic-caption" });
  text.append(element("span", { class: "kata-pic-pointer", "aria-hidden": "true" }, "▶"),
    document.createTextNode(` The ${worstText(view)}.`));
  return text;
}

/**
 * @param {ArrayView} view
 * @returns {HTMLElement}
 */
function legend(view) {
  const box = element("div", { class: "kata-pic-legend" });
  const { limit, diverging } = view.scale;
  const bar = element("span", { class: "kata-pic-scale" });
  const end = String(Number(limit.toPrecision(4)));
  bar.append(element("span", {}, diverging ? `-${end}` : "0"),
    element("span", { class: `kata-pic-bar kata-pic-bar--${diverging ? "diverging" : "sequential"}` }),
    element("span", {}, end));
  box.append(bar, key("bad", view.rtol === undefined ? "not equal" : "outside tolerance"));
  const all = [...view.expected, ...view.actual];
  if (all.some(Number.isNaN)) box.append(key("nan", "NaN"));
  if (all.includes(Infinity)) box.append(key("pos-inf", "+inf"));
  if (all.includes(-Infinity)) box.append(key("neg-inf", "-inf"));
  return box;
}

/**
 * @param {string} kind
 * @param {string} text
 * @returns {HTMLElement}
 */
function key(kind, text) {
  const item = element("span", { class: "kata-pic-key" });
  item.append(element("span", { class: `kata-pic-swatch kata-pic-swatch--${kind}`, "aria-hidden": "true" }),
    document.createTextNode(text));
  return item;
}

/**
 * A select of the slices, each named by its leading indices and how many of its values differ.
 * @param {ArrayView} view
 * @param {number} current
 * @param {(slice: number) => void} onChange
 * @returns {HTMLElement}
 */
function sliceSelector(view, current, onChange) {
  const size = view.rows * view.cols;
  const counts = new Array(view.slices).fill(0);
  for (const index of view.bad) counts[Math.floor(index / size)] += 1;
  const select = element("select", { class: "kata-pic-select" });
  select.append(...counts.map((count, slice) => element("option", { value: String(slice) },
    `${sliceName(view, slice)}${count ? `: ${count} differ` : ""}`)));
  select.value = String(current);
  select.addEventListener("change", () => onChange(Number(select.value)));
  const label = element("label", { class: "kata-pic-slice" }, "Slice ");
  label.append(select);
  return label;
}
