// @ts-check
// The page: mounts the editor, the buttons, Python's loading state and the results into a
// problem page's `[data-kata-root]`, and the hint button into `[data-kata="hints"]`.
// Everything that came from Python or from the learner is shown with textContent.

import { createEditor } from "./editor.js";
import { createRunner } from "./runner.js";

/**
 * @typedef {import("./runner.js").Result} Result
 * @typedef {import("./runner.js").TestResult} TestResult
 * @typedef {import("./runner.js").Test} Test
 * @typedef {import("./runner.js").Runner} Runner
 * @typedef {{slug: string, title: string, entry: string, time_limit: number, starter: string,
 *   examples: Test[], tests: Test[]}} Problem
 * @typedef {{state: "loading"|"ready"|"failed", text: string}} PythonState
 * @typedef {{runner: Runner, python: PythonState}} SharedRunner
 * @typedef {{root: HTMLElement, editorBox: HTMLElement, run: HTMLButtonElement,
 *   submit: HTMLButtonElement, reset: HTMLButtonElement, status: HTMLElement,
 *   notice: HTMLElement, results: HTMLElement}} Shell
 */

const SAVE_DELAY_MS = 300;
const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const MOD = IS_MAC ? "⌘" : "Ctrl";
const MARKS = { pass: "✓ Passed", fail: "✗ Failed", error: "! Error" };

/**
 * Runners by their URLs: with mkdocs-material's instant navigation, one warm worker serves
 * every problem page after the first.
 * @type {Map<string, SharedRunner>}
 */
const runners = new Map();

/**
 * @param {{workerUrl: string, pyodideUrl: string, harnessUrl: string}} urls
 * @returns {SharedRunner}
 */
function sharedRunner(urls) {
  const key = JSON.stringify(urls);
  let shared = runners.get(key);
  if (!shared) {
    const runner = createRunner(urls);
    /** @type {SharedRunner} */
    const created = { runner, python: { state: "loading", text: "Starting Python…" } };
    runner.onProgress((event) => {
      if (event.type === "stage") created.python = { state: "loading", text: `${event.stage}…` };
      if (event.type === "ready") created.python = { state: "ready", text: "Python ready" };
      if (event.type === "load-error") {
        created.python = { state: "failed", text: `Python could not start: ${event.message}` };
      }
    });
    runners.set(key, (shared = created));
  }
  return shared;
}

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

/**
 * @param {string} kata  the data-kata hook
 * @param {string} label
 * @param {string} title
 * @returns {HTMLButtonElement}
 */
function button(kata, label, title) {
  const node = /** @type {HTMLButtonElement} */ (element("button", { type: "button", "data-kata": kata, title }, label));
  node.className = `kata-button kata-button--${kata}`;
  return node;
}

/**
 * Build the UI's empty frame inside the root.
 * @param {HTMLElement} root
 * @returns {Shell}
 */
function renderShell(root) {
  const shell = {
    root,
    editorBox: element("div", { class: "kata-editor" }),
    run: button("run", "Run", `Run the examples (${MOD}+Enter)`),
    submit: button("submit", "Submit", `Run the examples and the hidden tests (${MOD}+Shift+Enter)`),
    reset: button("reset", "Reset", `Put the starter code back (undo with ${MOD}+Z)`),
    status: element("span", { class: "kata-status", "data-kata": "status", role: "status" }),
    notice: element("span", { class: "kata-notice", "data-kata": "notice", "aria-live": "polite" }),
    results: element("section", { class: "kata-results", "data-kata": "results", "data-status": "idle",
      "aria-live": "polite", "aria-label": "Results" }),
  };
  const toolbar = element("div", { class: "kata-toolbar" });
  toolbar.append(shell.run, shell.submit, shell.reset, shell.notice, shell.status);
  root.replaceChildren(shell.editorBox, toolbar, shell.results);
  return shell;
}

/**
 * @param {Shell} shell
 * @param {PythonState} python
 */
function showPython(shell, python) {
  shell.status.dataset.state = python.state;
  shell.status.textContent = python.text;
}

/**
 * @param {string} url
 * @returns {Promise<Problem>}
 */
async function loadProblem(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  const { format, payload } = await response.json();
  if (format !== 1) throw new Error(`${url} has format ${format}; this page reads format 1`);
  const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** @param {number} ms */
function formatDuration(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * A labelled, scrolling block of text (output or message); never HTML.
 * @param {string} kind  "message" or "output"
 * @param {string} text
 * @returns {HTMLElement}
 */
function textBlock(kind, text) {
  return element("pre", { class: `kata-${kind}`, "data-kata": kind }, text);
}

/**
 * @param {TestResult} test
 * @returns {HTMLElement}
 */
function testRow(test) {
  const row = element("li", { class: "kata-test", "data-kata": "test", "data-status": test.status });
  const head = element("div", { class: "kata-test__head" });
  head.append(
    element("span", { class: "kata-test__mark" }, MARKS[test.status] ?? test.status),
    element("span", { class: "kata-test__name" }, test.name),
    element("span", { class: "kata-test__time" }, formatDuration(test.duration_ms)),
  );
  row.append(head);
  if (test.message) row.append(textBlock("message", test.message));
  if (test.output) row.append(outputBlock("Printed output", test.output, true));
  return row;
}

/**
 * @param {string} label
 * @param {string} text
 * @param {boolean} open
 * @returns {HTMLElement}
 */
function outputBlock(label, text, open) {
  const details = element("details", { class: "kata-output-box" });
  if (open) details.setAttribute("open", "");
  details.append(element("summary", {}, label), textBlock("output", text));
  return details;
}

/**
 * One line that says how the run went.
 * @param {Result} result
 * @param {"run"|"submit"} kind
 * @returns {string}
 */
function summary(result, kind) {
  const noun = kind === "run" ? "examples" : "tests";
  const passed = result.tests.filter((test) => test.status === "pass").length;
  const total = result.tests.length;
  if (result.status === "timeout") return "Time limit exceeded";
  if (result.status === "error" && total === 0) return "Your code did not run";
  if (result.status === "pass" && kind === "run") {
    return `All ${total} ${noun} passed. Submit to run the hidden tests too.`;
  }
  if (result.status === "pass") return `All ${total} ${noun} passed. Well done!`;
  return `${passed} of ${total} ${noun} passed`;
}

/**
 * @param {Shell} shell
 * @param {Result} result
 * @param {"run"|"submit"} kind
 */
function showResult(shell, result, kind) {
  const { results } = shell;
  results.dataset.status = result.status;
  results.removeAttribute("aria-busy");
  const parts = [element("p", { class: "kata-summary", "data-kata": "summary" }, summary(result, kind))];
  if (result.message) parts.push(textBlock("message", result.message));
  const list = element("ol", { class: "kata-tests" });
  list.append(...result.tests.map(testRow));
  if (result.tests.length) parts.push(list);
  if (result.output) parts.push(outputBlock("Printed output, whole run", result.output, !result.tests.length));
  results.replaceChildren(...parts);
}

/**
 * @param {Shell} shell
 * @param {string} text
 */
function showRunning(shell, text) {
  shell.results.dataset.status = "running";
  shell.results.setAttribute("aria-busy", "true");
  shell.results.replaceChildren(element("p", { class: "kata-summary", "data-kata": "summary" }, text),
    element("ol", { class: "kata-tests" }));
}

/**
 * @param {Shell} shell
 * @param {import("./runner.js").ProgressEvent} event
 * @param {number} total
 */
function showProgress(shell, event, total) {
  if (shell.results.dataset.status !== "running") return;
  const [line, list] = [shell.results.firstElementChild, shell.results.lastElementChild];
  if (event.type === "test-start" && line) {
    line.textContent = `Running test ${event.index + 1} of ${total}: ${event.name}`;
  }
  if (event.type === "test-done" && list) list.append(testRow(event.test));
}

/**
 * @param {string} key
 * @returns {{load: () => string | null, save: (code: string) => void, flush: () => void}}
 */
function codeStore(key) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {string | null} */
  let unsaved = null;
  const flush = () => {
    clearTimeout(timer);
    if (unsaved === null) return;
    try {
      localStorage.setItem(key, unsaved);
    } catch {
      // storage full or disabled: the code stays in the editor, it just won't survive a reload
    }
    unsaved = null;
  };
  return {
    load() {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    save(code) {
      unsaved = code;
      clearTimeout(timer);
      timer = setTimeout(flush, SAVE_DELAY_MS);
    },
    flush,
  };
}

/**
 * Absolute URLs from the root's data attributes, relative to the page (sub-path safe).
 * @param {HTMLElement} root
 */
function kataUrls(root) {
  /** @param {string | undefined} value */
  const resolve = (value) => new URL(value ?? "", document.baseURI).href;
  const assets = resolve(root.dataset.kataAssets);
  return {
    data: resolve(root.dataset.kataData),
    runner: {
      workerUrl: new URL("kata-worker.js", assets).href,
      pyodideUrl: resolve(root.dataset.kataPyodide),
      harnessUrl: new URL("harness.zip", assets).href,
    },
  };
}

/**
 * Mount the whole UI into a problem's root.
 * @param {HTMLElement} root
 */
async function mountKata(root) {
  const urls = kataUrls(root);
  const shared = sharedRunner(urls.runner);
  const { runner } = shared;
  const shell = renderShell(root);
  showPython(shell, shared.python);
  /** @type {number} */
  let total = 0;
  runner.onProgress((event) => {
    if (!root.isConnected) return;
    showPython(shell, shared.python);
    showProgress(shell, event, total);
  });
  let problem;
  try {
    problem = await loadProblem(urls.data);
  } catch (error) {
    showResult(shell, { status: "error", tests: [], duration_ms: 0,
      message: `This problem could not be loaded: ${error instanceof Error ? error.message : error}` }, "run");
    return;
  }
  const store = codeStore(`kata:code:${problem.slug || root.dataset.kataSlug}`);
  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();

  /**
   * @param {"run"|"submit"} kind
   * @returns {Promise<Result>}
   */
  const execute = (kind) => {
    const done = queue.then(async () => {
      const current = /** @type {Problem} */ (problem);
      const tests = kind === "run" ? current.examples : [...current.examples, ...current.tests];
      total = tests.length;
      shell.run.disabled = shell.submit.disabled = true;
      editor.markError(null);
      shell.notice.textContent = "";
      const waiting = shared.python.state !== "ready";
      showRunning(shell, waiting ? "Waiting for Python to start…" : "Running…");
      const result = await runner.run({ code: editor.getCode(), entry: current.entry, tests,
        timeLimit: current.time_limit });
      showResult(shell, result, kind);
      if (result.location) editor.markError(result.location, result.message);
      shell.run.disabled = shell.submit.disabled = false;
      return result;
    });
    queue = done.catch(() => {});
    return done;
  };

  const editor = createEditor({
    parent: shell.editorBox,
    doc: store.load() ?? problem.starter,
    onChange: (code) => store.save(code),
    onRun: () => execute("run"),
    onSubmit: () => execute("submit"),
  });
  addEventListener("pagehide", store.flush);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && store.flush());

  shell.run.addEventListener("click", () => execute("run"));
  shell.submit.addEventListener("click", () => execute("submit"));
  shell.reset.addEventListener("click", () => {
    editor.setCode(/** @type {Problem} */ (problem).starter);
    editor.view.focus();
    shell.notice.textContent = `Starter code restored. ${MOD}+Z brings your code back.`;
  });
  root.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    execute(event.shiftKey ? "submit" : "run");
  });

  Object.assign(window, { kata: {
    get ready() { return runner.ready; },
    getCode: () => editor.getCode(),
    /** @param {string} code */
    setCode: (code) => editor.setCode(code),
    run: () => execute("run"),
    submit: () => execute("submit"),
  } });
  root.dataset.kataMounted = "true";
}

/**
 * Add a "Show a hint (1 of N)" button under a box of hidden hints.
 * @param {HTMLElement} box
 */
function mountHints(box) {
  const hints = /** @type {HTMLElement[]} */ ([...box.querySelectorAll(".kata-hint")]);
  if (!hints.length || box.querySelector('[data-kata="hint"]')) return;
  const reveal = button("hint", "", "Reveal the next hint");
  const update = () => {
    const shown = hints.filter((hint) => !hint.hidden).length;
    reveal.hidden = shown === hints.length;
    reveal.textContent = shown ? `Show another hint (${shown + 1} of ${hints.length})`
      : `Show a hint (1 of ${hints.length})`;
  };
  reveal.addEventListener("click", () => {
    const next = hints.find((hint) => hint.hidden);
    if (!next) return;
    next.hidden = false;
    next.tabIndex = -1;
    next.focus();
    update();
  });
  box.append(reveal);
  update();
}

/** Mount everything this page has; safe to call again (instant navigation). */
function mountPage() {
  document.querySelectorAll('[data-kata="hints"]').forEach((box) => mountHints(/** @type {HTMLElement} */ (box)));
  const root = document.querySelector("[data-kata-root]");
  if (root instanceof HTMLElement && !root.dataset.kataMounted) {
    root.dataset.kataMounted = "mounting";
    mountKata(root).catch((error) => {
      root.textContent = `The editor could not start: ${error instanceof Error ? error.message : error}`;
    });
  }
}

/** @type {{subscribe?: (callback: () => void) => void} | undefined} */
const documentChanges = /** @type {any} */ (window).document$;
if (documentChanges?.subscribe) documentChanges.subscribe(mountPage);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountPage);
else mountPage();
