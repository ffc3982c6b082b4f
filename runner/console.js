// @ts-check
// The console: one entry at a time, run in the warm Python against the editor's current code
// (loaded afresh when it changed; `np` imported). Names an entry binds stay for the next one.
// It never changes what Submit judges. History with the arrow keys; Enter runs, Shift+Enter
// starts a new line.

import { button, element } from "./layout.js";

const HISTORY_LIMIT = 100;

/**
 * @typedef {import("./runner.js").Runner} Runner
 * @typedef {{fill: (code: string) => void, focus: () => void, unmount: () => void}} ConsoleView
 */

/**
 * @param {HTMLElement} panel  `[data-kata="console"]`
 * @param {{runner: Runner, getCode: () => string, timeLimit: () => number, onLine: (line: number, message: string) => void}} options
 * @returns {ConsoleView}
 */
export function mountConsole(panel, { runner, getCode, timeLimit, onLine }) {
  const log = element("div", { class: "kata-console__log", role: "log", "aria-live": "polite", "data-kata": "console-output" });
  const input = /** @type {HTMLTextAreaElement} */ (element("textarea", { class: "kata-console__input", rows: "1",
    "aria-label": "Python console: an expression or statements, run against your code", "data-kata": "console-input",
    spellcheck: "false", autocapitalize: "off", placeholder: "lora_forward(np.ones(3), …)   Enter runs, Shift+Enter adds a line" }));
  const run = button("console-run", "Run in console", "Run this entry (Enter)");
  const form = element("div", { class: "kata-console__prompt" });
  form.append(element("span", { class: "kata-console__ps", "aria-hidden": "true" }, ">>>"), input, run);
  log.append(element("p", { class: "kata-console__intro" },
    "Your code from the editor is loaded here, with NumPy as np. Try your function on small inputs."));
  panel.replaceChildren(log, form);
  const history = new History();
  const submit = () => void evaluate(input, log, history, { runner, getCode, timeLimit, onLine });
  /** @param {KeyboardEvent} event */
  const onKey = (event) => keyDown(event, input, history, submit);
  const onInput = () => grow(input);
  input.addEventListener("keydown", onKey);
  input.addEventListener("input", onInput);
  run.addEventListener("click", submit);
  return {
    fill: (code) => { input.value = code; grow(input); input.focus(); },
    focus: () => input.focus(),
    unmount: () => {
      input.removeEventListener("keydown", onKey);
      input.removeEventListener("input", onInput);
      run.removeEventListener("click", submit);
    },
  };
}

/**
 * @param {HTMLTextAreaElement} input
 * @param {HTMLElement} log
 * @param {History} history
 * @param {{runner: Runner, getCode: () => string, timeLimit: () => number, onLine: (line: number, message: string) => void}} options
 */
async function evaluate(input, log, history, { runner, getCode, timeLimit, onLine }) {
  const source = input.value;
  if (!source.trim()) return;
  history.add(source);
  input.value = "";
  grow(input);
  const entry = element("div", { class: "kata-console__entry", "data-kata": "console-entry", "data-status": "running" });
  entry.append(element("pre", { class: "kata-console__source" }, source));
  log.append(entry);
  entry.scrollIntoView({ block: "nearest" });
  const answer = await runner.console({ code: getCode(), source, timeLimit: timeLimit() });
  show(entry, answer);
  if (answer.line) onLine(answer.line, answer.message ?? "");
  entry.scrollIntoView({ block: "nearest" });
}

/**
 * @param {HTMLElement} entry
 * @param {import("./runner.js").ConsoleAnswer} answer
 */
function show(entry, answer) {
  entry.dataset.status = answer.status;
  if (answer.reloaded) entry.prepend(element("p", { class: "kata-console__note" }, "Your code was loaded afresh."));
  if (answer.output) entry.append(element("pre", { class: "kata-console__output", "data-kata": "output" }, answer.output));
  if (answer.value !== undefined) entry.append(element("pre", { class: "kata-console__value" }, answer.value));
  if (answer.message) entry.append(element("pre", { class: "kata-console__message" }, answer.message));
  if (answer.restarted) {
    entry.append(element("p", { class: "kata-console__note" }, "Names defined in the console before are gone."));
  }
}

/**
 * @param {KeyboardEvent} event
 * @param {HTMLTextAreaElement} input
 * @param {History} history
 * @param {() => void} submit
 */
function keyDown(event, input, history, submit) {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    submit();
  } else if (event.key === "ArrowUp" && !input.value.slice(0, input.selectionStart).includes("\n")) {
    recall(event, input, history.back(input.value));
  } else if (event.key === "ArrowDown" && !input.value.slice(input.selectionEnd).includes("\n")) {
    recall(event, input, history.forward());
  }
}

/**
 * @param {KeyboardEvent} event
 * @param {HTMLTextAreaElement} input
 * @param {string | null} text
 */
function recall(event, input, text) {
  if (text === null) return;
  event.preventDefault();
  input.value = text;
  grow(input);
}

/** @param {HTMLTextAreaElement} input  as tall as its lines, up to the stylesheet's limit */
function grow(input) {
  input.rows = Math.max(1, Math.min(12, input.value.split("\n").length));
}

/** Entries run so far, walked with the arrow keys (the line being typed is kept). */
class History {
  constructor() {
    /** @type {string[]} */
    this.entries = [];
    this.position = 0;
    this.draft = "";
  }

  /** @param {string} source */
  add(source) {
    if (this.entries.at(-1) !== source) this.entries.push(source);
    this.entries = this.entries.slice(-HISTORY_LIMIT);
    this.position = this.entries.length;
  }

  /** @param {string} current @returns {string | null} */
  back(current) {
    if (this.position === 0) return null;
    if (this.position === this.entries.length) this.draft = current;
    return this.entries[--this.position];
  }

  /** @returns {string | null} */
  forward() {
    if (this.position >= this.entries.length) return null;
    this.position += 1;
    return this.position === this.entries.length ? this.draft : this.entries[this.position];
  }
}
