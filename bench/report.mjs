// @ts-check
// The bench's lines: what was measured, our median, the goal, the anchor's median, the ratio,
// and OK or MISS. A goal may be absolute (`max`), relative to the anchor (`maxRatio`), or both;
// an absolute goal set for a fast machine (`soft`) is shown but does not decide the verdict.

/**
 * @typedef {"time" | "bytes"} Unit  time in ms, bytes in bytes
 * @typedef {{what: string, unit: Unit, ours: (number | null)[], max?: number, soft?: boolean,
 *   anchor?: (number | null)[], anchorName?: string, maxRatio?: number, goal?: string,
 *   pass?: boolean, notes?: string[]}} Line
 *   goal and pass: a goal that is not a number (e.g. "no CodeMirror"), and whether it is met
 */

const WIDTHS = { what: 50, ours: 9, goal: 36, anchor: 9, ratio: 6 };

/**
 * @param {(number | null)[]} xs
 * @returns {number | null} the median of the numbers among xs (the mean of the middle two)
 */
export function median(xs) {
  const sorted = /** @type {number[]} */ (xs.filter((x) => typeof x === "number")).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** @param {number | null} value @param {Unit} unit */
export function format(value, unit) {
  if (value === null) return "n/a";
  if (unit === "bytes") return `${(value / 1024).toFixed(1)} KB`;
  if (value >= 120_000) return `${(value / 60_000).toFixed(1)} min`;
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

/** @returns {string} the header of the table */
export function header() {
  return row("what", "ours", "goal", "anchor", "ratio", "verdict");
}

/**
 * @param {Line} line
 * @returns {string} the line, and its notes indented below it
 */
export function formatLine(line) {
  const ours = median(line.ours);
  const anchor = line.anchor ? median(line.anchor) : null;
  const ratio = ours !== null && anchor ? ours / anchor : null;
  const samples = line.ours.filter((x) => x !== null).length;
  const partial = samples && samples < line.ours.length ? [`the median of ${samples} samples of ${line.ours.length}`] : [];
  const text = row(line.what, format(ours, line.unit), goalText(line), line.anchor ? format(anchor, line.unit) : "",
    ratio === null ? "" : ratio.toFixed(3), verdict(line, ours, ratio));
  return [text, ...[...partial, ...(line.notes ?? [])].map((note) => `    ${note}`)].join("\n");
}

/** @param {Line} line @returns {string} */
function goalText(line) {
  const parts = [];
  if (line.goal) parts.push(line.goal);
  if (line.max !== undefined) parts.push(`< ${format(line.max, line.unit)}${line.soft ? " (fast PC)" : ""}`);
  if (line.maxRatio !== undefined) parts.push(`< ${fraction(line.maxRatio)} ${line.anchorName ?? "anchor"}`);
  return parts.join(", ");
}

/** @param {number} ratio @returns {string} "1/20" for 0.05, "0.35x" for 0.35 */
function fraction(ratio) {
  const inverse = 1 / ratio;
  return Number.isInteger(Math.round(inverse * 1000) / 1000) && inverse > 1 ? `1/${Math.round(inverse)}` : `${ratio}x`;
}

/**
 * @param {Line} line
 * @param {number | null} ours
 * @param {number | null} ratio
 * @returns {string} OK or MISS, with what missed
 */
function verdict(line, ours, ratio) {
  if (ours === null) return "n/a";
  const missed = [];
  if (line.pass === false) missed.push(line.goal ?? "goal");
  const overMax = line.max !== undefined && ours > line.max;
  if (overMax && !line.soft) missed.push(`over ${format(line.max ?? 0, line.unit)}`);
  if (line.maxRatio !== undefined && (ratio === null || ratio > line.maxRatio)) missed.push(`over ${fraction(line.maxRatio)}`);
  const soft = overMax && line.soft ? ` (and over ${format(line.max ?? 0, line.unit)}, a fast PC's goal)` : "";
  return missed.length ? `MISS: ${missed.join(", ")}${soft}` : `OK${soft}`;
}

/**
 * @param {string} what
 * @param {string} ours
 * @param {string} goal
 * @param {string} anchor
 * @param {string} ratio
 * @param {string} result
 */
function row(what, ours, goal, anchor, ratio, result) {
  return [what.padEnd(WIDTHS.what), ours.padStart(WIDTHS.ours), ` ${goal}`.padEnd(WIDTHS.goal),
    anchor.padStart(WIDTHS.anchor), ratio.padStart(WIDTHS.ratio), ` ${result}`].join(" ");
}
