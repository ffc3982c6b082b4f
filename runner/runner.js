// @ts-check
// The runner: the one module that owns the Pythons (workers). The page talks to Python only
// through it: `run` (Run and Submit), `console`, `stop`.
//
// - A Submit always runs in a Python where no learner code ever ran: the runner keeps a warm
//   standby for it, and swaps it in (the old one is terminated). Run and the console reuse the
//   active Python.
// - Each request has a time limit. When it passes (or the learner presses Stop), Python is
//   interrupted (KeyboardInterrupt) where the page is cross-origin isolated, and terminated if
//   it does not stop within a short grace; the standby, already warm, takes over.
// - A worker that dies (closed by learner code, crashed) fails its request at once; a runtime
//   file that fails its integrity check is fetched again, once, bypassing the cache.

import { cutText, makeResult } from "./result.js";
import { Death, Session } from "./session.js";
import { MessageType } from "./messages.js";

/**
 * @typedef {import("./result.js").Result} Result
 * @typedef {import("./result.js").TestResult} TestResult
 * @typedef {import("./result.js").Test} Test
 * @typedef {import("./session.js").RuntimeUrls} RuntimeUrls
 * @typedef {{code: string, entry: string, tests: Test[], timeLimit: number, fresh?: boolean}} RunOptions
 *   fresh: run in a Python where no learner code ran (Submit)
 * @typedef {{code: string, source: string, timeLimit: number}} ConsoleOptions
 * @typedef {{status: "ok"|"error"|"timeout"|"stopped", output?: string, value?: string, type?: string,
 *   message?: string, line?: number, reloaded?: boolean, restarted?: boolean}} ConsoleAnswer
 * @typedef {{state: "loading"|"ready"|"failed", text: string, canRetry?: boolean}} PythonState
 * @typedef {{type: "python", python: PythonState} | {type: "test-start", index: number, name: string}
 *   | {type: "test-done", index: number, test: TestResult} | {type: "notice", text: string}} RunnerEvent
 */

const RESTARTED = "Python was restarted; your code is still in the editor.";
const GRACE_MS = 600;          // after an interrupt, before the worker is terminated
const STANDBY_DELAY_MS = 1500; // after the first Python is ready, before the first standby starts
const LONG_REQUEST_MS = 1000;  // a request running this long lets the next standby start

export class Runner {
  /** @param {RuntimeUrls} urls */
  constructor(urls) {
    this.urls = urls;
    /** @type {Set<(event: RunnerEvent) => void>} */
    this.listeners = new Set();
    /** @type {PythonState} */
    this.python = { state: "loading", text: "Starting Python…" };
    /** @type {Session | null} */
    this.standby = null;
    /** the first standby waits until the page has settled; each later one starts as soon as
     * no request runs */
    this.standbyDelay = STANDBY_DELAY_MS;
    this.standbyDue = false;
    /** @type {(() => void) | null} what Stop does for the request under way */
    this.stopCurrent = null;
    /** @type {Promise<unknown>} requests run one after the other */
    this.queue = Promise.resolve();
    this.active = this.#start();
  }

  /**
   * Listen to Python's state, test progress and notices; returns the function that stops it.
   * @param {(event: RunnerEvent) => void} listener
   * @returns {() => void}
   */
  listen(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @param {RunnerEvent} event */
  #emit(event) {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** @param {PythonState} python */
  #setPython(python) {
    this.python = python;
    this.#emit({ type: "python", python });
  }

  /**
   * The active Python, ready: through the replacements the runner makes on its own (a damaged
   * file fetched afresh, a crash); rejects only when Python could not start at all.
   * @returns {Promise<void>}
   */
  get ready() {
    return this.#settled();
  }

  async #settled() {
    for (;;) {
      const session = this.active;
      try {
        await session.ready;
      } catch (death) {
        // The runner's own handler ran first: it has started a replacement, or given up.
        if (this.python.state === "failed" || this.active === session) throw death;
      }
      if (this.active === session) return;
    }
  }

  // -------------------------------------------------------------------------------------
  // Pythons: the active one, the standby, their replacement

  /**
   * A new active Python, with its loading shown; a damaged runtime file is fetched again once.
   * @param {string[]} [reload]
   * @returns {Session}
   */
  #start(reload = []) {
    this.#setPython({ state: "loading", text: "Starting Python…" });
    const session = new Session(this.urls, { reload, onStage: (stage) => {
      if (this.active === session) this.#setPython({ state: "loading", text: `${stage}…` });
    } });
    session.ready.then(() => this.#onReady(session), (death) => this.#onLoadFailure(session, death, reload));
    return session;
  }

  /** @param {Session} session */
  #onReady(session) {
    if (this.active !== session) return;
    this.#setPython({ state: "ready", text: "Python ready" });
    if (this.standby || this.standbyDue) return;
    this.standbyDue = true;
    // Not while a short request runs (a Python starting up takes every core for a second or
    // two), but during a long one, which may be a loop that will need the standby.
    void delay(this.standbyDelay).then(() => Promise.race([this.#idle(), delay(LONG_REQUEST_MS)])).then(() => {
      this.standbyDue = false;
      this.standbyDelay = 0;
      this.#ensureStandby();
    });
  }

  /**
   * @param {Session} session
   * @param {unknown} death
   * @param {string[]} reloaded
   */
  #onLoadFailure(session, death, reloaded) {
    if (this.active !== session) return;
    const file = death instanceof Death ? death.file : undefined;
    if (file && !reloaded.includes(file)) {
      this.active = this.#start([...reloaded, file]); // once, fetched afresh
      return;
    }
    const why = death instanceof Error ? death.message : String(death);
    const damaged = file ? `${file} could not be loaded intact (it failed its integrity check): ` : "";
    this.#setPython({ state: "failed", text: cutText(`Python could not start: ${damaged}${why}`, 500), canRetry: true });
  }

  /** Try again after a failed start (the learner's Retry); every file is fetched afresh. */
  retry() {
    if (this.python.state !== "failed") return;
    this.active.terminate("retried");
    this.active = this.#start(Object.keys(this.urls.integrity));
  }

  /** Resolves once no request is queued or running. */
  async #idle() {
    let queue;
    do {
      queue = this.queue;
      await queue;
    } while (queue !== this.queue);
  }

  #ensureStandby() {
    if (this.standby && !this.standby.unfit) return;
    this.standby = new Session(this.urls);
    this.standby.ready.then(() => performance.mark("kata:standby-ready"), () => {}); // for bench/
  }

  /**
   * A Python where no learner code ran, once it is ready (the time limit starts when the
   * request is sent): the active one if still unused, else the standby, swapped in (the old
   * active one is terminated).
   * @returns {Promise<Session>}
   */
  async #pristine() {
    if (this.active.used || this.active.unfit) this.#swapInStandby();
    await this.#readyOrRestart();
    return this.active;
  }

  #swapInStandby() {
    this.#ensureStandby();
    const fresh = /** @type {Session} */ (this.standby);
    this.standby = null;
    const old = this.active;
    this.active = fresh;
    old.terminate("replaced by a fresh Python");
    this.#setPython({ state: "loading", text: "Preparing a fresh Python…" });
  }

  /** @returns {Promise<Session>} the active Python once ready, replacing it if it is unfit */
  async #usable() {
    if (this.active.unfit) this.#replace(this.active);
    await this.#readyOrRestart();
    return this.active;
  }

  async #readyOrRestart() {
    try {
      await this.active.ready;
      this.#onReady(this.active);
    } catch {
      // reported by #onLoadFailure; a request made now waits for one fresh attempt
      if (this.python.state === "failed") throw new Death(this.python.text);
      await this.active.ready;
    }
  }

  /**
   * Terminate a Python; if it was the active one, the standby (already warm) takes its place.
   * @param {Session} session
   * @param {string} [why]
   */
  #replace(session, why = "replaced") {
    session.terminate(why);
    if (session !== this.active) return;
    const standby = this.standby && !this.standby.unfit ? this.standby : null;
    this.standby = null;
    if (standby) {
      this.active = standby;
      this.#setPython({ state: "loading", text: "Switching to a fresh Python…" });
      standby.ready.then(() => this.#onReady(standby), (death) => this.#onLoadFailure(standby, death, []));
    } else {
      this.active = this.#start();
    }
  }

  // -------------------------------------------------------------------------------------
  // Requests

  /**
   * Run tests; resolves to a Result whatever happens (a time-out, a stop, a crash included).
   * @param {RunOptions} options
   * @returns {Promise<Result>}
   */
  run(options) {
    return this.#enqueue(() => this.#run(options));
  }

  /**
   * Evaluate a console entry against the learner's code, in the active Python.
   * @param {ConsoleOptions} options
   * @returns {Promise<ConsoleAnswer>}
   */
  console(options) {
    return this.#enqueue(() => this.#console(options));
  }

  /** Stop the request under way, at once (its Python is interrupted, or replaced). */
  stop() {
    this.stopCurrent?.();
  }

  /**
   * @template T
   * @param {() => Promise<T>} task
   * @returns {Promise<T>}
   */
  #enqueue(task) {
    const done = this.queue.then(task);
    this.queue = done.catch(() => {});
    return done;
  }

  /**
   * @param {RunOptions} options
   * @param {boolean} [again]  a rerun after a setup failure that only a broken Python explains
   * @returns {Promise<Result>}
   */
  async #run(options, again = false) {
    const started = performance.now();
    let session;
    try {
      session = options.fresh ? await this.#pristine() : await this.#usable();
    } catch (error) {
      return makeResult("error", error instanceof Error ? error.message : String(error));
    }
    const result = await this.#runIn(session, options, started);
    if (!again && result.tests.some((test) => test.kind === "setup")) {
      // Every setup passed when the site was built: one failing here means this Python is broken.
      this.#replace(session, "a test's setup failed");
      return this.#run({ ...options, fresh: true }, true);
    }
    if (result.tainted) {
      this.#replace(session, "tainted");
      this.#emit({ type: "notice", text: "Your code changed Python in a way that could not be undone, "
        + "so Python was restarted for your next run." });
    }
    return result;
  }

  /**
   * @param {Session} session
   * @param {RunOptions} options
   * @param {number} started
   * @returns {Promise<Result>}
   */
  async #runIn(session, { code, entry, tests, timeLimit }, started) {
    const progress = new RunProgress(tests, (event) => this.#emit(event));
    const request = JSON.stringify({ code, entry, tests });
    const outcome = await this.#limited(session, "run", request, timeLimit, (event) => progress.add(event));
    const elapsed = Math.round(performance.now() - started);
    if (outcome.kind === "answer") return checkedResult(outcome.message, tests, elapsed, progress);
    return progress.stoppedResult(outcome, timeLimit, elapsed);
  }

  /**
   * @param {ConsoleOptions} options
   * @returns {Promise<ConsoleAnswer>}
   */
  async #console({ code, source, timeLimit }) {
    let session;
    try {
      session = await this.#usable();
    } catch (error) {
      return { status: "error", message: error instanceof Error ? error.message : String(error) };
    }
    const outcome = await this.#limited(session, "console", JSON.stringify({ code, source }), timeLimit);
    if (outcome.kind === "answer") return parseAnswer(outcome.message.answer);
    if (outcome.kind === "died") {
      // Python crashed or was closed: not a time-out, whatever the time.
      return { status: "error", message: `${cutText(outcome.why)}\n${RESTARTED}`, restarted: true,
        ...(outcome.line ? { line: outcome.line } : {}) };
    }
    return { status: outcome.kind === "stopped" ? "stopped" : "timeout", restarted: outcome.restarted,
      message: outcome.kind === "stopped" ? "Stopped." : `Time limit of ${timeLimit} s exceeded.`
        + (outcome.restarted ? ` ${RESTARTED}` : "") };
  }

  /**
   * One request under a time limit and the Stop button. An interrupted Python that answers
   * within the grace is kept; one that does not, or died, is replaced.
   * @param {Session} session
   * @param {"run" | "console"} kind
   * @param {string} request
   * @param {number} timeLimit  seconds
   * @param {(event: string) => void} [onProgress]
   * @returns {Promise<Outcome>}
   */
  async #limited(session, kind, request, timeLimit, onProgress) {
    const answer = session.send(kind, request, onProgress);
    /** @type {Promise<"timeout" | "stopped">} */
    const halted = new Promise((resolve) => {
      const timer = setTimeout(() => resolve("timeout"), timeLimit * 1000);
      this.stopCurrent = () => resolve("stopped");
      answer.finally(() => clearTimeout(timer)).catch(() => {});
    });
    try {
      const first = await Promise.race([answer.then((message) => ({ message })), halted]);
      if (typeof first === "object") return this.#answered(session, first.message);
      return await this.#halt(session, answer, first);
    } catch (death) {
      this.#replace(session, "it stopped");
      return { kind: "died", why: death instanceof Error ? death.message : String(death), restarted: true };
    } finally {
      this.stopCurrent = null;
    }
  }

  /**
   * @param {Session} session
   * @param {import("./session.js").WorkerMessage} message
   * @returns {Outcome}
   */
  #answered(session, message) {
    if (message.type === MessageType.ERROR) {
      this.#replace(session, "it failed");
      const line = Number.isInteger(message.line) && message.line > 0 ? { line: Number(message.line) } : {};
      return { kind: "died", why: String(message.message), restarted: true, ...line };
    }
    return { kind: "answer", message };
  }

  /**
   * @param {Session} session
   * @param {Promise<import("./session.js").WorkerMessage>} answer
   * @param {"timeout" | "stopped"} why
   * @returns {Promise<Outcome>}
   */
  async #halt(session, answer, why) {
    if (session.interruptNow()) {
      const late = await Promise.race([answer.then((message) => ({ message }), () => null), delay(GRACE_MS)]);
      if (late && late.message.type !== MessageType.ERROR) return { kind: why, restarted: false, late: late.message };
    }
    this.#replace(session, why === "timeout" ? "it ran past the time limit" : "stopped");
    return { kind: why, restarted: true };
  }
}

/**
 * @typedef {{kind: "answer", message: import("./session.js").WorkerMessage}
 *   | {kind: "timeout" | "stopped", restarted: boolean, late?: import("./session.js").WorkerMessage}
 *   | {kind: "died", why: string, restarted: boolean, line?: number}} Outcome
 *   late: what an interrupted Python answered within the grace; line: the learner's line where
 *   Python crashed, when it said
 */

/** @param {number} ms @returns {Promise<null>} */
function delay(ms) {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

/** The tests of one run as they start and finish, for the live rows and for a time-out's Result. */
class RunProgress {
  /**
   * @param {Test[]} tests
   * @param {(event: RunnerEvent) => void} emit
   */
  constructor(tests, emit) {
    this.tests = tests;
    this.emit = emit;
    /** @type {TestResult[]} */
    this.finished = [];
    /** @type {{name: string, since: number} | null} */
    this.running = null;
  }

  /** @param {string} json  the harness's progress event */
  add(json) {
    const event = parseOrNull(json);
    if (event?.event === "start") {
      this.running = { name: String(event.name), since: performance.now() };
      this.emit({ type: "test-start", index: event.index, name: this.running.name });
    } else if (event?.event === "done") {
      this.running = null;
      this.finished.push(event.test);
      this.emit({ type: "test-done", index: event.index, test: event.test });
    }
  }

  /**
   * The Result of a run that was stopped, ran out of time, or lost its Python.
   * @param {Exclude<Outcome, {kind: "answer"}>} outcome
   * @param {number} timeLimit
   * @param {number} elapsed
   * @returns {Result}
   */
  stoppedResult(outcome, timeLimit, elapsed) {
    const restarted = outcome.restarted ? ` ${RESTARTED}` : "";
    if (outcome.kind === "died") {
      return makeResult("error", `${outcome.why}${restarted}`, { tests: [...this.finished], duration_ms: elapsed,
        location: outcome.line ? { line: outcome.line, column: 1 } : undefined });
    }
    const where = this.running ? `running "${this.running.name}"` : "loading your code, before the first test";
    const cut = this.running ? [...this.finished, { name: this.running.name, status: /** @type {const} */ ("error"),
      message: outcome.kind === "stopped" ? "Stopped" : "Timed out", duration_ms: Math.round(performance.now() - this.running.since) }]
      : [...this.finished];
    const message = outcome.kind === "stopped" ? `Stopped while ${where}.${restarted}`
      : `Time limit of ${timeLimit} s exceeded while ${where}.${restarted}`;
    return makeResult(outcome.kind === "stopped" ? "error" : "timeout", message,
      { tests: cut, duration_ms: elapsed, stopped: outcome.kind === "stopped" });
  }
}

/**
 * The harness's Result, parsed on the page (never in the worker, whose JSON learner code may
 * have patched); a "pass" must list every test that was sent, each passing.
 * @param {import("./session.js").WorkerMessage} message
 * @param {Test[]} tests
 * @param {number} elapsed
 * @param {RunProgress} progress
 * @returns {Result}
 */
function checkedResult(message, tests, elapsed, progress) {
  /** @type {Result | null} */
  const result = typeof message.result === "string" ? parseOrNull(message.result) : null;
  if (!result || typeof result.status !== "string" || !Array.isArray(result.tests)) {
    return makeResult("error", `Python sent something that is not a Result. ${RESTARTED}`,
      { tests: progress.finished, duration_ms: elapsed });
  }
  const covered = result.tests.length === tests.length
    && result.tests.every((test, i) => test.name === tests[i].name && test.status === "pass");
  if (result.status === "pass" && !covered) {
    return { ...result, status: "error", message: "The result does not match the tests that were run." };
  }
  if (result.message) result.message = cutText(result.message);
  return result;
}

/**
 * @param {unknown} json
 * @returns {ConsoleAnswer}
 */
function parseAnswer(json) {
  const answer = typeof json === "string" ? parseOrNull(json) : null;
  if (!answer || typeof answer.status !== "string") return { status: "error", message: "Python sent no answer." };
  for (const key of ["output", "value", "message"]) {
    if (typeof answer[key] === "string") answer[key] = cutText(answer[key]);
  }
  return answer;
}

/**
 * @param {string} json
 * @returns {any} the parsed value, or null for text that is not JSON
 */
function parseOrNull(json) {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}
