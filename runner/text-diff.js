// @ts-check
// The text diffs of the results pane: where a sequence, a string, a dict or a scalar first
// differs from the expected value, built from a test row's `detail` (kata/harness/compare.py).
// Also the one DOM helper the results view shares: it sets text, never HTML, because every
// string here came from Python or from the learner.

/**
 * @typedef {import("./result.js").Detail} Detail
 * @typedef {import("./result.js").SequenceDetail} SequenceDetail
 * @typedef {import("./result.js").StringDetail} StringDetail
 * @typedef {import("./result.js").DictDetail} DictDetail
 * @typedef {import("./result.js").ScalarDetail} ScalarDetail
 * @typedef {SequenceDetail | StringDetail | DictDetail | ScalarDetail} TextDetail
 */

/** Characters that would be invisible or break the alignment, shown as one visible character. */
const VISIBLE = /** @type {Record<string, string>} */ ({ "\n": "↵", "\t": "⇥", "\r": "␍" });

/**
 * An element with attributes and text content (never parsed as HTML).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/**
 * The text diff of a detail that is not an array.
 * @param {TextDetail} detail
 * @returns {HTMLElement}
 */
export function textDiff(detail) {
  switch (detail.type) {
    case "sequence": return sequenceDiff(detail);
    case "string": return stringDiff(detail);
    case "dict": return dictDiff(detail);
    case "scalar": return scalarDiff(detail);
  }
}

/**
 * @param {string} text
 * @returns {HTMLElement}
 */
function title(text) {
  return element("p", { class: "kata-td-title" }, text);
}

/**
 * A table whose rows are a header cell and then cells (scrolls sideways when too wide).
 * @param {string} kind  a class suffix
 * @param {[string, HTMLElement[]][]} rows
 * @returns {HTMLElement}
 */
function table(kind, rows) {
  const body = element("tbody");
  body.append(...rows.map(([label, cells]) => tableRow(label, cells)));
  const grid = element("table", { class: `kata-td-table kata-td-table--${kind}` });
  grid.append(body);
  const box = element("div", { class: "kata-td-scroll" });
  box.append(grid);
  return box;
}

/**
 * @param {string} label
 * @param {HTMLElement[]} cells
 * @returns {HTMLTableRowElement}
 */
function tableRow(label, cells) {
  const row = element("tr");
  row.append(element("th", { scope: "row" }, label));
  for (const content of cells) {
    const cell = element("td");
    cell.append(content);
    row.append(cell);
  }
  return row;
}

// ---------------------------------------------------------------------------------------
// Sequences: the items around the first difference, one column per index

/**
 * @param {SequenceDetail} detail
 * @returns {HTMLElement}
 */
function sequenceDiff(detail) {
  const width = Math.max(detail.expected.length, detail.actual.length);
  const indices = Array.from({ length: width }, (_, i) => detail.start + i);
  /** @returns {HTMLElement[]} a first column saying that earlier items are not shown */
  const lead = () => (detail.start > 0 ? [element("span", { class: "kata-td-more", title: "earlier items match" }, "…")] : []);
  /** @param {string[]} items */
  const cells = (items) => [...lead(), ...indices.map((i) => itemCell(items[i - detail.start], i === detail.index))];
  const heads = [...lead(), ...indices.map((i) => element("span", { class: "kata-td-index" }, String(i)))];
  const box = element("div", { class: "kata-td kata-td--sequence" });
  box.append(title(`first difference at index ${detail.index}`),
    table("sequence", [["index", heads], ["Expected", cells(detail.expected)], ["Yours", cells(detail.actual)]]));
  return box;
}

/**
 * One item of a sequence (its repr), marked when it is the first that differs.
 * @param {string | undefined} item  undefined past the end of a shorter sequence
 * @param {boolean} differs
 * @returns {HTMLElement}
 */
function itemCell(item, differs) {
  const content = item === undefined
    ? element("span", { class: "kata-td-none", title: "the sequence has no item here" }, "(no item)")
    : element("code", {}, item);
  if (!differs) return content;
  const mark = element("mark");
  mark.append(content);
  return mark;
}

// ---------------------------------------------------------------------------------------
// Strings: two lines aligned character by character, the first differing character marked

/**
 * @param {StringDetail} detail
 * @returns {HTMLElement}
 */
function stringDiff(detail) {
  const at = detail.index - detail.start;
  const box = element("div", { class: "kata-td kata-td--string" });
  box.append(title(`first difference at character ${detail.index}`),
    table("string", [["Expected", [stringLine(detail.expected, at, detail.start > 0)]],
      ["Yours", [stringLine(detail.actual, at, detail.start > 0)]]]));
  return box;
}

/**
 * @param {string} text  the window of the string the harness sent
 * @param {number} at  the differing character's position in that window
 * @param {boolean} cut  whether the window starts after the string's start
 * @returns {HTMLElement}
 */
function stringLine(text, at, cut) {
  const chars = Array.from(text); // Python counts code points, as Array.from does
  const line = element("code", { class: "kata-td-line" }, (cut ? "…" : "") + visible(chars.slice(0, at).join("")));
  const here = chars[at];
  const mark = here === undefined
    ? element("mark", { class: "kata-td-end", title: "the string ends here" }, "(end)")
    : element("mark", {}, here === " " ? "␣" : visible(here));
  line.append(mark, document.createTextNode(visible(chars.slice(at + 1).join(""))));
  return line;
}

/**
 * @param {string} text
 * @returns {string}  the text with newlines, tabs and returns as one visible character each
 */
function visible(text) {
  return text.replace(/[\n\t\r]/g, (char) => VISIBLE[char]);
}

// ---------------------------------------------------------------------------------------
// Dicts: the keys that are missing, unexpected or hold a different value

/**
 * @param {DictDetail} detail
 * @returns {HTMLElement}
 */
function dictDiff(detail) {
  const box = element("div", { class: "kata-td kata-td--dict" });
  const list = element("dl", { class: "kata-td-dict" });
  /** @type {[string, string[], boolean][]} */
  const groups = [[plural("Missing key", detail.missing), detail.missing, true],
    [plural("Unexpected key", detail.extra), detail.extra, true],
    ["Different values", detail.differing, false]];
  for (const [label, items, code] of groups) {
    if (!items.length) continue;
    const values = element("dd");
    const entries = element("ul");
    entries.append(...items.map((item) => keyItem(item, code)));
    values.append(entries);
    list.append(element("dt", {}, label), values);
  }
  box.append(list);
  return box;
}

/**
 * @param {string} noun
 * @param {string[]} items
 * @returns {string}
 */
function plural(noun, items) {
  return items.length === 1 ? noun : `${noun}s`;
}

/**
 * @param {string} text  a key's repr, or a message about a differing value
 * @param {boolean} code
 * @returns {HTMLElement}
 */
function keyItem(text, code) {
  const item = element("li");
  item.append(code ? element("code", {}, text) : document.createTextNode(text));
  return item;
}

// ---------------------------------------------------------------------------------------
// Scalars: expected, yours, and the relative error when both are numbers

/**
 * @param {ScalarDetail} detail
 * @returns {HTMLElement}
 */
function scalarDiff(detail) {
  const box = element("div", { class: "kata-td kata-td--scalar" });
  /** @type {[string, HTMLElement[]][]} */
  const rows = [["Expected", [element("code", {}, detail.expected)]], ["Yours", [element("code", {}, detail.actual)]]];
  const relative = relativeError(detail.expected, detail.actual);
  if (relative) rows.push(["Relative error", [element("span", {}, relative)]]);
  box.append(table("scalar", rows));
  return box;
}

/**
 * The relative error in words, or null when either value is not a number.
 * @param {string} expectedText
 * @param {string} actualText
 * @returns {string | null}
 */
export function relativeError(expectedText, actualText) {
  const [expected, actual] = [parseNumber(expectedText), parseNumber(actualText)];
  if (expected === null || actual === null) return null;
  if (Number.isNaN(actual) || Number.isNaN(expected)) return "not a number: one of the values is nan";
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return "infinite: one of the values is infinite";
  const difference = Math.abs(actual - expected);
  if (expected === 0) return `undefined, the expected value is 0 (the difference is ${shortNumber(difference)})`;
  const relative = difference / Math.abs(expected);
  return `${shortNumber(relative)} (${shortNumber(relative * 100)}%): |yours − expected| / |expected|`;
}

/**
 * A Python repr of an int or a float as a number, or null for anything else.
 * @param {string} text
 * @returns {number | null}
 */
export function parseNumber(text) {
  const word = /** @type {Record<string, number>} */ ({ nan: NaN, inf: Infinity, "-inf": -Infinity })[text.trim()];
  if (word !== undefined) return word;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim()) ? Number(text) : null;
}

/**
 * @param {number} value
 * @returns {string}  four significant digits, no trailing zeros
 */
function shortNumber(value) {
  return String(Number(value.toPrecision(4)));
}
