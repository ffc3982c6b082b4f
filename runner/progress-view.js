// @ts-check
// What the index rows, the sidebar marks, the summaries and the progress panel share: how a
// problem's state is drawn (a mark, with words for screen readers), "N of M solved", and the
// one signal that progress changed: this tab's `kata:progress` event (the workspace sends it
// after every run, the panel after an import or a reset) or another tab's write.

import { onStorageChange } from "./store.js";

export const PROGRESS_EVENT = "kata:progress";

/**
 * @typedef {import("./store.js").ProblemProgress} ProblemProgress
 * @typedef {import("./store.js").ProblemState} ProblemState
 */

/** @type {Record<ProblemState, string>} what the mark shows; a new problem shows nothing */
const GLYPHS = { new: "", attempted: "\u25D0", solved: "\u2713" };
/** @type {Record<ProblemState, string>} */
const WORDS = { new: "not started", attempted: "attempted", solved: "solved" };

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]  set as textContent
 * @returns {HTMLElement}
 */
export function el(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/**
 * Listen to an event; returns the function that stops listening.
 * @param {EventTarget} target
 * @param {string} type
 * @param {(event: Event) => void} handler
 * @returns {() => void}
 */
export function listen(target, type, handler) {
  target.addEventListener(type, handler);
  return () => target.removeEventListener(type, handler);
}

/**
 * A problem's state in words: "solved", "attempted, solution seen", "not started".
 * @param {ProblemProgress | undefined} entry
 * @returns {string}
 */
export function describeState(entry) {
  const state = entry?.state ?? "new";
  if (!entry?.solutionSeen) return WORDS[state];
  return state === "new" ? "solution seen" : `${WORDS[state]}, solution seen`;
}

/**
 * Draw a problem's state into a mark element: `data-state`, `data-seen`, a glyph hidden from
 * screen readers and the words for them.
 * @param {HTMLElement} mark
 * @param {ProblemProgress | undefined} entry
 * @param {string} [before]  put before the words (" (" in a link's name), with `after`
 * @param {string} [after]
 */
export function drawMark(mark, entry, before = "", after = "") {
  const state = entry?.state ?? "new";
  mark.dataset.state = state;
  mark.toggleAttribute("data-seen", Boolean(entry?.solutionSeen));
  mark.title = describeState(entry);
  const glyph = GLYPHS[state] || (entry?.solutionSeen ? "\u25CC" : "");
  mark.replaceChildren(el("span", { class: "kata-mark__glyph", "aria-hidden": "true" }, glyph),
    el("span", { class: "kata-sr-only" }, `${before}${describeState(entry)}${after}`));
}

/**
 * Fill a summary: "7 of 61 solved" and a progress bar.
 * @param {HTMLElement} element
 * @param {number} solved
 * @param {number} total
 * @param {string} label  the bar's accessible name
 */
export function drawSummary(element, solved, total, label) {
  const bar = /** @type {HTMLProgressElement} */ (el("progress", { class: "kata-progress__bar", "aria-label": label }));
  bar.max = Math.max(total, 1);
  bar.value = solved;
  element.dataset.solved = String(solved);
  element.dataset.total = String(total);
  element.replaceChildren(el("span", { class: "kata-progress__text" }, `${solved} of ${total} solved`), bar);
}

/**
 * Call back whenever progress changes, in this tab or another; returns the function that stops.
 * @param {() => void} callback
 * @returns {() => void}
 */
export function onProgressChange(callback) {
  const stopStorage = onStorageChange((change) => {
    if (change.kind === "progress") callback();
  });
  const stopEvent = listen(document, PROGRESS_EVENT, callback);
  return () => {
    stopStorage();
    stopEvent();
  };
}

/** Tell this tab's marks and summaries that progress changed (after an import or a reset). */
export function announceProgressChange() {
  document.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: {} }));
}
