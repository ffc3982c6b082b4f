// @ts-check
// The results pane: what a run did, test by test. The page hands it the `[data-kata="results"]`
// element; this module owns that element's content and its data-status. A summary line comes
// first; then one row per test, the first failure open (and scrolled into view inside the
// pane), every other row one line; a failing row says what the test ran, ready to copy into
// the console, and how the value differs (a picture for arrays, a text diff otherwise).
// Everything that came from Python or from the learner is set as text, never as HTML.

import { diffPicture, formatIndex, isDrawable } from "./diff-picture.js";
import { element, textDiff } from "./text-diff.js";

/**
 * @typedef {import("./result.js").Result} Result
 * @typedef {import("./result.js").TestResult} TestResult
 * @typedef {import("./result.js").Inputs} Inputs
 * @typedef {import("./result.js").Argument} Argument
 * @typedef {import("./result.js").Detail} Detail
 * @typedef {import("./diff-picture.js").Picture} Picture
 * @typedef {"run"|"submit"} RunKind
 * @typedef {{type: "test-start", index: number, name: string} | {type: "test-done", index: number, test: TestResult}
 *   | {type: "stage" | "ready" | "load-error"}} ProgressEvent  the runner's events; only the tests' change the pane
 * @typedef {{href: string, title: string}} NextProblem
 * @typedef {{kind?: RunKind, onCopyToConsole?: (code: string) => void, next?: NextProblem,
 *   onMarkLine?: (line: number, message: string) => void}} ShowOptions
 * @typedef {{kind: RunKind, total: number, pictures: Picture[], observer: MutationObserver | null,
 *   listeners: AbortController}} Pane  what a pane holds that must be let go of
 * @typedef {{first: number, seen: Map<string, string>, pane: Pane,
 *   onCopyToConsole?: (code: string) => void}} Rows  what building the rows shares
 */

/** @type {Record<TestResult["status"], [string, string]>} */
const MARKS = { pass: ["✓", "Passed"], fail: ["✗", "Failed"], error: ["!", "Error"] };
const NOUNS = { run: ["example", "examples"], submit: ["test", "tests"] };
const ARGUMENT_COLUMNS = /** @type {const} */ ([["Name", "name"], ["Type", "type"], ["Shape", "shape"],
  ["Dtype", "dtype"], ["Value", "value"]]);

/** @type {WeakMap<HTMLElement, Pane>} */
const panes = new WeakMap();

// ---------------------------------------------------------------------------------------
// The interface the workspace calls

/**
 * Clear the pane and show that a run started.
 * @param {HTMLElement} panel
 * @param {{kind: RunKind, total: number, waiting: boolean}} run  waiting: Python is still loading
 */
export function showRunning(panel, { kind, total, waiting }) {
  freshPane(panel, kind, total);
  panel.dataset.status = "running";
  panel.setAttribute("aria-busy", "true");
  const text = waiting ? "Waiting for Python to start…" : `Running ${count(total, NOUNS[kind])}…`;
  panel.replaceChildren(summaryLine(text), element("ol", { class: "kata-res-rows" }));
}

/**
 * Live progress: the running test's name in the summary, a one-line row for each finished test.
 * @param {HTMLElement} panel
 * @param {ProgressEvent} event
 */
export function showProgress(panel, event) {
  const pane = panes.get(panel);
  if (!pane || panel.dataset.status !== "running") return;
  const summary = panel.querySelector('[data-kata="summary"]');
  if (event.type === "test-start" && summary) {
    summary.textContent = `Running ${NOUNS[pane.kind][0]} ${event.index + 1} of ${pane.total}: ${event.name}`;
  }
  if (event.type === "test-done") panel.querySelector(".kata-res-rows")?.append(progressRow(event.test));
}

/**
 * The finished Result.
 * @param {HTMLElement} panel
 * @param {Result} result
 * @param {ShowOptions} [options]
 */
export function showResult(panel, result, options = {}) {
  const kind = options.kind ?? "submit";
  const tests = result.tests ?? [];
  const pane = freshPane(panel, kind, tests.length);
  panel.dataset.status = result.status;
  panel.removeAttribute("aria-busy");
  /** @type {Rows} */
  const context = { first: tests.findIndex((test) => test.status !== "pass"), seen: new Map(), pane,
    onCopyToConsole: options.onCopyToConsole };
  const rows = tests.map((test, index) => testRow(test, index, context));
  const list = element("ol", { class: "kata-res-rows" });
  list.append(...rows);
  panel.replaceChildren(...opening(result, kind, options.next), ...(rows.length ? [list] : []), ...runOutput(result));
  watchPalette(pane);
  markLine(tests, options.onMarkLine);
  if (context.first >= 0) scrollIntoPane(rows[context.first]);
}

/**
 * Remove the observers and listeners the pane holds (before the page unmounts it).
 * @param {HTMLElement} panel
 */
export function disposeResults(panel) {
  const pane = panes.get(panel);
  if (!pane) return;
  pane.observer?.disconnect();
  pane.pictures.forEach((picture) => picture.dispose());
  pane.listeners.abort();
  panes.delete(panel);
}

// ---------------------------------------------------------------------------------------
// The pane's state

/**
 * Let go of what the pane held, and start holding anew.
 * @param {HTMLElement} panel
 * @param {RunKind} kind
 * @param {number} total
 * @returns {Pane}
 */
function freshPane(panel, kind, total) {
  disposeResults(panel);
  /** @type {Pane} */
  const pane = { kind, total, pictures: [], observer: null, listeners: new AbortController() };
  panes.set(panel, pane);
  return pane;
}

/**
 * Redraw the pictures when the reader switches mkdocs-material's palette.
 * @param {Pane} pane
 */
function watchPalette(pane) {
  if (!pane.pictures.length) return;
  pane.observer = new MutationObserver(() => pane.pictures.forEach((picture) => picture.redraw()));
  pane.observer.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
}

// ---------------------------------------------------------------------------------------
// The summary, the run's own message and output

/**
 * @param {number} n
 * @param {string[]} noun  singular and plural
 * @returns {string}
 */
function count(n, [one, many]) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * @param {string} text
 * @returns {HTMLElement}
 */
function summaryLine(text) {
  return element("p", { class: "kata-res-summary", "data-kata": "summary" }, text);
}

/**
 * What comes before the rows: the summary, the next problem after a passing Submit, the run's message.
 * @param {Result} result
 * @param {RunKind} kind
 * @param {NextProblem | undefined} next
 * @returns {HTMLElement[]}
 */
function opening(result, kind, next) {
  const parts = [summaryLine(summaryText(result, kind))];
  if (next && result.status === "pass" && kind === "submit") parts.push(nextLink(next));
  if (result.message) parts.push(messageBlock(result.message));
  return parts;
}

/**
 * One line that says how the run went.
 * @param {Result} result
 * @param {RunKind} kind
 * @returns {string}
 */
export function summaryText(result, kind) {
  const tests = result.tests ?? [];
  const failure = tests.find((test) => test.status !== "pass");
  if (result.stopped) return "Stopped.";
  if (result.status === "timeout") return "Time limit exceeded.";
  if (result.status === "error" && !tests.length) return "Your code did not run.";
  if (result.status === "pass") return passedText(tests.length, kind);
  const passed = tests.filter((test) => test.status === "pass").length;
  return `${passed} of ${tests.length} passed${failure ? `; first failure: ${failure.name}` : ""}`;
}

/**
 * @param {number} total
 * @param {RunKind} kind
 * @returns {string}
 */
function passedText(total, kind) {
  const [one, many] = NOUNS[kind];
  const all = total === 1 ? `The ${one} passed.` : `All ${total} ${many} passed.`;
  return kind === "run" ? `${all} Submit to run the hidden tests too.` : all;
}

/**
 * @param {NextProblem} next
 * @returns {HTMLElement}
 */
function nextLink(next) {
  const line = element("p", { class: "kata-res-next" });
  line.append(element("a", { href: next.href }, `Next problem: ${next.title} →`));
  return line;
}

/**
 * The run's own message (a syntax error, a time-out, Python failing): a direct child of the pane.
 * @param {string} text
 * @returns {HTMLElement}
 */
function messageBlock(text) {
  const tag = text.includes("\n") ? "pre" : "p";
  return element(tag, { class: `kata-res-message kata-res-message--run${tag === "pre" ? " kata-res-pre" : ""}`,
    "data-kata": "message" }, text);
}

/**
 * Printed output, collapsed unless asked, in a quiet block.
 * @param {string} label
 * @param {string} text
 * @param {boolean} open
 * @returns {HTMLElement}
 */
function outputBlock(label, text, open) {
  const fold = element("details", { class: "kata-res-output" });
  fold.open = open;
  const lines = text.replace(/\n$/, "").split("\n").length;
  fold.append(element("summary", {}, `${label} (${count(lines, ["line", "lines"])})`),
    element("pre", { class: "kata-res-pre", "data-kata": "output" }, text));
  return fold;
}

/**
 * Output printed outside any test (at import time): one block after the rows, when there is some.
 * @param {Result} result
 * @returns {HTMLElement[]}
 */
function runOutput(result) {
  if (!result.output) return [];
  return [outputBlock("Printed outside the tests", result.output, !(result.tests ?? []).length)];
}

// ---------------------------------------------------------------------------------------
// Rows

/**
 * @param {number | string | undefined} ms  (golden files hold a placeholder string)
 * @returns {string}
 */
function duration(ms) {
  if (typeof ms !== "number") return "";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * A failure in one line: a traceback's last line (the exception), else the message's first.
 * @param {TestResult} test
 * @returns {string}
 */
export function reason(test) {
  if (test.status === "pass" || !test.message) return "";
  const lines = test.message.trim().split("\n");
  const line = lines[0].startsWith("Traceback (most recent call last)") ? lines[lines.length - 1] : lines[0];
  return line.replace(/:$/, "");
}

/**
 * A row's one line: mark, name, reason, time.
 * @param {"div" | "summary"} tag
 * @param {TestResult} test
 * @returns {HTMLElement}
 */
function rowHead(tag, test) {
  const head = element(tag, { class: "kata-res-head" });
  const [symbol, word] = MARKS[test.status] ?? ["?", String(test.status)];
  head.append(element("span", { class: "kata-res-mark", "aria-hidden": "true" }, symbol),
    element("span", { class: "kata-sr-only" }, `${word}: `),
    element("span", { class: "kata-res-name" }, test.name),
    element("span", { class: "kata-res-reason" }, reason(test)),
    element("span", { class: "kata-res-time" }, duration(test.duration_ms)));
  return head;
}

/**
 * A row while the run goes on: one line.
 * @param {TestResult} test
 * @returns {HTMLElement}
 */
function progressRow(test) {
  const row = element("li", { class: "kata-res-row", "data-kata": "test", "data-status": test.status });
  row.append(rowHead("div", test));
  return row;
}

/**
 * A finished row: one line, or a fold that opens on what failed and what was printed.
 * @param {TestResult} test
 * @param {number} index
 * @param {Rows} context
 * @returns {HTMLElement}
 */
function testRow(test, index, context) {
  const body = [...(test.status === "pass" ? [] : failureParts(test, context)),
    ...(test.output ? [outputBlock("Printed output", test.output, index === context.first)] : [])];
  if (!body.length) return progressRow(test);
  const row = element("li", { class: "kata-res-row", "data-kata": "test", "data-status": test.status });
  const fold = element("details", { class: "kata-res-fold" });
  fold.open = index === context.first;
  const content = element("div", { class: "kata-res-body" });
  content.append(...body);
  fold.append(rowHead("summary", test), content);
  row.append(fold);
  return row;
}

/**
 * What a failing row holds: its message (once per distinct message), hint, inputs and diff.
 * @param {TestResult} test
 * @param {Rows} context
 * @returns {HTMLElement[]}
 */
function failureParts(test, context) {
  const parts = test.message ? messageOnce(test.message, test.name, context.seen) : [];
  if (test.hint) parts.push(hintLine(test.hint));
  if (test.inputs) parts.push(inputsBlock(test.inputs, context));
  const diff = test.detail && diffBlock(test.detail, context.pane);
  if (diff) parts.push(diff);
  return parts;
}

const TRACEBACK = "Traceback (most recent call last):";

/**
 * The message in full the first time it is met, then "Same error as ‹first row›." A message
 * that wraps a traceback already shown ("expected ValueError, but got NameError:" and the
 * traceback) keeps its own first words and points at the row that showed the traceback.
 * @param {string} message
 * @param {string} name
 * @param {Map<string, string>} seen  message (or traceback) → the name of the first row that had it
 * @returns {HTMLElement[]}
 */
function messageOnce(message, name, seen) {
  const at = message.indexOf(TRACEBACK);
  const key = at > 0 ? message.slice(at) : message;
  const first = seen.get(key);
  const full = (/** @type {string} */ text) => element("pre", { class: "kata-res-pre kata-res-message", "data-kata": "message" }, text);
  if (first === undefined) {
    seen.set(key, name);
    return [full(message)];
  }
  const same = element("p", { class: "kata-res-same" }, `Same error as ${first}.`);
  return at > 0 ? [full(message.slice(0, at).trimEnd()), same] : [same];
}

/**
 * @param {string} hint
 * @returns {HTMLElement}
 */
function hintLine(hint) {
  const line = element("p", { class: "kata-res-hint" });
  line.append(element("strong", {}, "Hint:"), document.createTextNode(` ${hint}`));
  return line;
}

// ---------------------------------------------------------------------------------------
// What the test ran

/**
 * The test's code as the learner can run it: its setup, then its call or its code.
 * @param {Inputs} inputs
 * @returns {string}
 */
export function inputCode(inputs) {
  return [inputs.setup, inputs.call ?? inputs.code].filter(Boolean)
    .map((part) => /** @type {string} */ (part).replace(/\s+$/, "")).join("\n");
}

/**
 * @param {Inputs} inputs
 * @param {Rows} context
 * @returns {HTMLElement}
 */
function inputsBlock(inputs, context) {
  const code = inputCode(inputs);
  const box = element("div", { class: "kata-res-inputs", "data-kata": "inputs" });
  const bar = element("div", { class: "kata-res-bar" });
  bar.append(element("span", { class: "kata-res-label" }, "What the test ran"));
  if (code && context.onCopyToConsole) bar.append(copyButton(code, context.onCopyToConsole, context.pane));
  box.append(bar);
  if (code) box.append(codeBlock(code));
  if (inputs.args?.length) box.append(argumentsTable(inputs.args));
  return box;
}

/**
 * @param {string} code
 * @param {(code: string) => void} onCopy
 * @param {Pane} pane
 * @returns {HTMLButtonElement}
 */
function copyButton(code, onCopy, pane) {
  const button = element("button", { type: "button", class: "kata-res-copy", "data-kata": "copy-to-console",
    title: "Put this code into the console below the editor" }, "Copy to console");
  button.addEventListener("click", () => onCopy(code), { signal: pane.listeners.signal });
  return button;
}

/**
 * @param {string} code
 * @returns {HTMLElement}
 */
function codeBlock(code) {
  const block = element("pre", { class: "kata-res-pre kata-res-code" });
  block.append(element("code", { class: "language-python" }, code));
  return block;
}

/**
 * The call's arguments as they were before the call; columns no argument fills are left out.
 * @param {Argument[]} args
 * @returns {HTMLElement}
 */
function argumentsTable(args) {
  const columns = ARGUMENT_COLUMNS.filter(([, field]) => args.some((arg) => arg[field] !== undefined));
  const head = element("tr");
  head.append(...columns.map(([label]) => element("th", { scope: "col" }, label)));
  const body = element("tbody");
  body.append(...args.map((arg) => argumentRow(arg, columns.map(([, field]) => field))));
  const table = element("table", { class: "kata-res-args" });
  table.append(element("caption", { class: "kata-sr-only" }, "Arguments of the call"), element("thead"), body);
  /** @type {HTMLElement} */ (table.tHead).append(head);
  const box = element("div", { class: "kata-res-scroll" });
  box.append(table);
  return box;
}

/**
 * @param {Argument} arg
 * @param {("name"|"type"|"shape"|"dtype"|"value")[]} fields
 * @returns {HTMLTableRowElement}
 */
function argumentRow(arg, fields) {
  const row = element("tr");
  for (const field of fields) {
    const value = field === "shape" ? (arg.shape ? formatIndex(arg.shape) : "") : arg[field] ?? "";
    const cell = element("td");
    cell.append(field === "name" || field === "value" ? element("code", {}, value) : document.createTextNode(value));
    row.append(cell);
  }
  return row;
}

/**
 * The picture for an array, the text diff otherwise; null for an array that cannot be drawn.
 * @param {Detail} detail
 * @param {Pane} pane
 * @returns {HTMLElement | null}
 */
function diffBlock(detail, pane) {
  if (detail.type === "array" && !isDrawable(detail)) return null;
  const box = element("div", { class: "kata-res-diff", "data-kata": "diff", "data-kind": detail.type });
  if (detail.type === "array") {
    const picture = diffPicture(detail);
    pane.pictures.push(picture);
    box.append(picture.element);
  } else {
    box.append(textDiff(detail));
  }
  return box;
}

// ---------------------------------------------------------------------------------------
// After rendering

/**
 * Mark the learner's line of the first runtime error in the editor.
 * @param {TestResult[]} tests
 * @param {((line: number, message: string) => void) | undefined} onMarkLine
 */
function markLine(tests, onMarkLine) {
  const row = tests.find((test) => typeof test.line === "number");
  if (row && onMarkLine) onMarkLine(/** @type {number} */ (row.line), reason(row));
}

/**
 * Scroll the nearest scrolling box around the row (the pane, or a column that holds it) so
 * that the row shows; the page itself never scrolls.
 * @param {HTMLElement} row
 */
function scrollIntoPane(row) {
  const box = scrollingBox(row.parentElement);
  if (!box) return;
  const [inner, outer] = [row.getBoundingClientRect(), box.getBoundingClientRect()];
  // The summary line stays at the top of a scrolling pane (results.css): the row goes below it.
  const summary = box.querySelector('[data-kata="summary"]');
  const top = outer.top + (summary && getComputedStyle(summary).position === "sticky"
    ? summary.getBoundingClientRect().height : 0);
  if (inner.top >= top && inner.bottom <= outer.bottom) return;
  box.scrollTop += inner.top - top - 8;
}

/**
 * @param {HTMLElement | null} node
 * @returns {HTMLElement | null}  the nearest ancestor that scrolls, short of the document
 */
function scrollingBox(node) {
  for (let at = node; at && at !== document.body && at !== document.documentElement; at = at.parentElement) {
    const overflow = getComputedStyle(at).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && at.scrollHeight > at.clientHeight) return at;
  }
  return null;
}
