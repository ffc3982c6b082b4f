// @ts-check
// A problem page's workspace: the statement beside the work area (toolbar, editor, solution,
// results and console). This module glues the parts together and owns their lifetime: it
// mounts them on a problem page and unmounts them when the learner navigates away, leaving no
// listener, timer or subscription behind. Python is shared by every page (python.js).

import { CodeKeeper } from "./code-keeper.js";
import { mountDivider } from "./divider.js";
import { createEditor } from "./editor.js";
import { mountHints } from "./hints.js";
import { buildFrame, selectTab } from "./layout.js";
import { loadProblemData } from "./problem-data.js";
import { sharedRunner } from "./python.js";
import { mountSolution } from "./solution.js";
import { recordAttempt } from "./store.js";
import { makeResult } from "./result.js";
import { showNotice } from "./notices.js";
import { loadedAhead } from "./loaded-ahead.js";

const KEYBOARD_NOTE_KEY = "kata:seen-keyboard-note";

// The results view (with its pictures and text diffs) and the console are chunks of their
// own, loaded when first needed (the first run; the Console tab): a problem page opens with
// the editor and the runner only.
/** @type {Promise<typeof import("./results.js")> | null} */
let resultsView = null;
const loadResults = () => (resultsView ??= import("./results.js"));
/** @type {Promise<typeof import("./console.js")> | null} */
let consoleView = null;
const loadConsole = () => (consoleView ??= import("./console.js"));

/**
 * @typedef {import("./result.js").Result} Result
 * @typedef {import("./layout.js").Frame} Frame
 * @typedef {{slug: string, entry: string, starter: string, dataUrl: string}} PageProblem
 */

/**
 * @param {HTMLElement} root  `[data-kata-root]`
 * @param {import("./site.js").MountContext} context
 * @returns {Promise<() => void>} unmount
 */
export async function mountWorkspace(root, context) {
  const page = readPage(root);
  const runner = sharedRunner(root);
  const frame = buildFrame(root);
  const keeper = new CodeKeeper(page.slug, page.starter);
  const data = loadProblemData(page.dataUrl, context.signal);
  data.catch(() => {}); // shown when a run needs it
  const session = new WorkspaceSession(page, frame, runner, keeper, data);
  const unmounts = [session.mount(), ...mountAround(root, page)];
  performance.mark("kata:editor-ready"); // for bench/: the editor holds the code and takes input
  return () => {
    for (const unmount of unmounts.reverse()) unmount();
  };
}

/**
 * What the page itself says about its problem: the starter is in the HTML, so the editor
 * waits for nothing.
 * @param {HTMLElement} root
 * @returns {PageProblem}
 */
function readPage(root) {
  const starter = root.querySelector('script[data-kata="starter"]')?.textContent ?? '""';
  return { slug: root.dataset.kataSlug ?? "", entry: root.dataset.kataEntry ?? "",
    starter: JSON.parse(starter), dataUrl: new URL(root.dataset.kataData ?? "", document.baseURI).href };
}

/**
 * The parts around the work area: the divider, the hints, the navigation toggle.
 * @param {HTMLElement} root
 * @param {PageProblem} page
 * @returns {(() => void)[]}
 */
function mountAround(root, page) {
  const unmounts = [];
  const workspace = root.closest('[data-kata="workspace"]');
  const statement = workspace?.querySelector('[data-kata="statement"]');
  if (workspace instanceof HTMLElement && statement instanceof HTMLElement) {
    unmounts.push(mountDivider(workspace, statement));
  }
  const hints = document.querySelector('[data-kata="hints"]');
  if (hints instanceof HTMLElement) unmounts.push(mountHints(hints, page.slug));
  return unmounts;
}

/** The workspace of one page visit. */
class WorkspaceSession {
  /**
   * @param {PageProblem} page
   * @param {Frame} frame
   * @param {import("./runner.js").Runner} runner
   * @param {CodeKeeper} keeper
   * @param {Promise<import("./problem-data.js").ProblemData>} data
   */
  constructor(page, frame, runner, keeper, data) {
    this.page = page;
    this.frame = frame;
    this.runner = runner;
    this.keeper = keeper;
    this.data = data;
    /** @type {Promise<unknown>} runs of this page, one after the other */
    this.queue = Promise.resolve();
    /** @type {ReturnType<typeof setInterval> | undefined} */
    this.clock = undefined;
    this.editor = createEditor({ parent: frame.editor, doc: keeper.initial, label: "Your solution (Python)",
      onChange: (code) => keeper.changed(code), onRun: () => void this.execute("run"),
      onSubmit: () => void this.execute("submit"), onFirstFocus: () => this.showKeyboardNote() });
    keeper.attach(this.editor);
    this.solution = mountSolution({ panel: frame.solution, trigger: frame.showSolution, slug: page.slug, data });
    /** @type {Promise<import("./console.js").ConsoleView> | null} mounted at its first use */
    this.console = null;
    /** @type {typeof import("./results.js") | null} once a run has loaded it */
    this.results = null;
    this.timeLimit = 10;
    data.then((problem) => { this.timeLimit = problem.time_limit; }, () => {});
  }

  /** @returns {() => void} unmount */
  mount() {
    const frame = this.frame;
    selectTab(frame, "results");
    const listeners = [
      on(frame.run, "click", () => void this.execute("run")),
      on(frame.submit, "click", () => void this.execute("submit")),
      on(frame.stop, "click", () => this.runner.stop()),
      on(frame.reset, "click", () => this.reset()),
      on(frame.retry, "click", () => this.runner.retry()),
      on(frame.nav, "click", () => toggleNavigation(frame.nav)),
      on(frame.tabs.results, "click", () => selectTab(frame, "results")),
      on(frame.tabs.console, "click", () => { selectTab(frame, "console"); void this.withConsole((view) => view.focus()); }),
      on(window, "pagehide", () => this.keeper.flush()),
      on(document, "visibilitychange", () => document.visibilityState === "hidden" && this.keeper.flush()),
      this.runner.listen((event) => this.onRunnerEvent(event)),
    ];
    this.showPython(this.runner.python);
    this.exposeApi();
    frame.root.dataset.kataMounted = "true";
    return () => this.unmount(listeners);
  }

  /** @param {(() => void)[]} listeners */
  unmount(listeners) {
    listeners.forEach((stop) => stop());
    clearInterval(this.clock);
    this.keeper.unmount();
    void this.console?.then((view) => view.unmount());
    this.console = null;
    this.solution.unmount();
    this.results?.disposeResults(this.frame.results);
    this.editor.destroy();
    closeNavigation();
    const kata = /** @type {any} */ (window).kata;
    for (const name of ["getCode", "setCode", "run", "submit", "stop", "console", "ready"]) delete kata[name];
  }

  /** `window.kata` (DESIGN.md, the hooks): for tests and automation. */
  exposeApi() {
    const runner = this.runner;
    Object.assign(/** @type {any} */ (window).kata, {
      get ready() { return runner.ready; },
      getCode: () => this.editor.getCode(),
      setCode: (/** @type {string} */ code) => this.editor.setCode(code),
      run: () => this.execute("run"),
      submit: () => this.execute("submit"),
      stop: () => runner.stop(),
      console: (/** @type {string} */ source) => runner.console({ code: this.editor.getCode(), source,
        timeLimit: this.timeLimit }),
    });
  }

  /** @param {import("./runner.js").RunnerEvent} event */
  onRunnerEvent(event) {
    if (event.type === "python") this.showPython(event.python);
    else if (event.type === "notice") showNotice({ id: "kata-python-notice", text: event.text, dismissible: true });
    else this.results?.showProgress(this.frame.results, event); // events of a run: the view is loaded
  }

  /**
   * The console, mounted at its first use.
   * @param {(view: import("./console.js").ConsoleView) => void} use
   */
  async withConsole(use) {
    this.console ??= loadConsole().then(({ mountConsole }) => mountConsole(this.frame.console, {
      runner: this.runner, getCode: () => this.editor.getCode(), timeLimit: () => this.timeLimit,
      onLine: (line, message) => this.editor.markError({ line }, message) }));
    use(await this.console);
  }

  /** @param {import("./runner.js").PythonState} python */
  showPython(python) {
    // for bench/: when this page starts showing Python as ready (at mount, if it already was)
    if (python.state === "ready" && this.frame.status.dataset.state !== "ready") performance.mark("kata:python-ready");
    this.frame.status.dataset.state = python.state;
    this.frame.status.textContent = python.text;
    this.frame.retry.hidden = !python.canRetry;
  }

  /**
   * Run (the examples) or Submit (examples and hidden tests, in a fresh Python).
   * @param {"run" | "submit"} kind
   * @returns {Promise<Result>}
   */
  execute(kind) {
    const done = this.queue.then(() => this.#execute(kind));
    this.queue = done.catch(() => {});
    return done;
  }

  /**
   * @param {"run" | "submit"} kind
   * @returns {Promise<Result>}
   */
  async #execute(kind) {
    const { frame, editor } = this;
    const view = this.results = await loadResults();
    let problem;
    try {
      problem = await this.data;
    } catch (error) {
      const result = makeResult("error", `This problem's tests could not be loaded: ${error instanceof Error ? error.message : error}`);
      view.showResult(frame.results, result, { kind });
      return result;
    }
    const tests = kind === "run" ? problem.examples : [...problem.examples, ...problem.tests];
    this.started(kind, tests.length, view);
    const result = await this.runner.run({ code: editor.getCode(), entry: problem.entry, tests,
      timeLimit: problem.time_limit, fresh: kind === "submit" });
    this.finished(kind, result, view);
    return result;
  }

  /**
   * @param {"run" | "submit"} kind
   * @param {number} total
   * @param {typeof import("./results.js")} view
   */
  started(kind, total, view) {
    const frame = this.frame;
    frame.run.disabled = frame.submit.disabled = true;
    frame.stop.hidden = false;
    this.editor.markError(null);
    frame.notice.textContent = "";
    selectTab(frame, "results");
    view.showRunning(frame.results, { kind, total, waiting: this.runner.python.state !== "ready" });
    const since = performance.now();
    const tick = () => { frame.elapsed.textContent = `${((performance.now() - since) / 1000).toFixed(1)} s`; };
    tick();
    this.clock = setInterval(tick, 100);
  }

  /**
   * @param {"run" | "submit"} kind
   * @param {Result} result
   * @param {typeof import("./results.js")} view
   */
  finished(kind, result, view) {
    const frame = this.frame;
    clearInterval(this.clock);
    frame.elapsed.textContent = "";
    frame.stop.hidden = true;
    frame.run.disabled = frame.submit.disabled = false;
    const solved = kind === "submit" && result.status === "pass";
    if (result.status !== "error" || result.tests.length || result.location) recordAttempt(this.page.slug, solved);
    document.dispatchEvent(new CustomEvent("kata:progress", { detail: { slug: this.page.slug } }));
    view.showResult(frame.results, result, { kind, next: solved ? nextProblem() : undefined,
      onCopyToConsole: (code) => { selectTab(frame, "console"); void this.withConsole((console) => console.fill(code)); },
      onMarkLine: (line, message) => this.editor.markError({ line }, message) });
    if (result.location) this.editor.markError(result.location, result.message);
    if (solved) this.solution.reveal("passed");
  }

  reset() {
    this.editor.setCode(this.page.starter);
    this.editor.focus();
    this.frame.notice.textContent = "Starter code restored. Undo (Ctrl+Z) brings your code back.";
  }

  showKeyboardNote() {
    try {
      if (localStorage.getItem(KEYBOARD_NOTE_KEY)) return;
      localStorage.setItem(KEYBOARD_NOTE_KEY, "1");
    } catch {
      // shown every visit when storage is unavailable: harmless
    }
    this.frame.keyboardNote.hidden = false;
  }
}

/**
 * @param {EventTarget} target
 * @param {string} type
 * @param {(event: any) => void} listener
 * @returns {() => void}
 */
function on(target, type, listener) {
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}

/** @returns {{href: string, title: string} | undefined} the next problem, from the page's links */
function nextProblem() {
  const link = /** @type {HTMLAnchorElement | null} */ (document.querySelector('a[data-kata="next"]'));
  if (!link) return undefined;
  return { href: link.href, title: link.textContent?.replace(/^\s*Next\s*/, "").trim() ?? "" };
}

/** @param {HTMLButtonElement} toggle */
function toggleNavigation(toggle) {
  const open = document.body.dataset.kataNav !== "open";
  if (open) document.body.dataset.kataNav = "open";
  else delete document.body.dataset.kataNav;
  toggle.setAttribute("aria-expanded", String(open));
}

function closeNavigation() {
  delete document.body.dataset.kataNav;
}

loadedAhead.set("workspace", { mountWorkspace });
