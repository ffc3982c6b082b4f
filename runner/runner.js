// @ts-check
// The runner: the one module that owns the worker. It starts it, tracks requests by id and
// token, enforces the time limit, and replaces a worker that overstayed or died. The page
// talks to Python only through `createRunner(...).run(...)`.

import { INIT_ID, MessageType } from "./messages.js";

/**
 * @typedef {{name: string, status: "pass"|"fail"|"error", message?: string, output?: string,
 *   duration_ms: number}} TestResult
 * @typedef {{status: "pass"|"fail"|"error"|"timeout", message?: string, output?: string,
 *   tests: TestResult[], duration_ms: number, location?: {line: number, column: number}}} Result
 * @typedef {{name: string} & Record<string, unknown>} Test  opaque to JS; the harness reads it
 * @typedef {{code: string, entry: string, tests: Test[], timeLimit: number}} RunOptions
 * @typedef {{type: "stage", stage: string} | {type: "ready"} | {type: "load-error", message: string}
 *   | {type: "test-start", index: number, name: string}
 *   | {type: "test-done", index: number, test: TestResult}} ProgressEvent
 * @typedef {{token: string, handle: (message: any) => void, fail: (why: string) => void}} Pending
 * @typedef {{worker: Worker, ready: Promise<void>, pending: Map<number, Pending>}} Session
 * @typedef {{ready: Promise<void>, onProgress: (callback: (event: ProgressEvent) => void) => void,
 *   run: (options: RunOptions) => Promise<Result>}} Runner
 */

const RESTARTED = "Python was restarted; your code is still in the editor.";

/** @returns {string} a token that learner code cannot guess */
function newToken() {
  return Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join("");
}

/**
 * @param {{workerUrl: string, pyodideUrl: string, harnessUrl: string}} urls  absolute URLs
 * @returns {Runner}
 */
export function createRunner({ workerUrl, pyodideUrl, harnessUrl }) {
  /** @type {Set<(event: ProgressEvent) => void>} */
  const listeners = new Set();
  /** @param {ProgressEvent} event */
  const emit = (event) => listeners.forEach((callback) => callback(event));
  let nextId = INIT_ID + 1;
  let session = startSession();
  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();

  /** @returns {Session} a fresh worker, already loading Python */
  function startSession() {
    const worker = new Worker(workerUrl, { type: "module", name: "kata-python" });
    /** @type {Map<number, Pending>} */
    const pending = new Map();
    worker.onmessage = (event) => {
      const message = event.data;
      const request = pending.get(message?.id);
      if (request && message.token === request.token) request.handle(message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const why = event.message || "the worker failed";
      [...pending.values()].forEach((request) => request.fail(why));
    };
    emit({ type: "stage", stage: "Starting Python" }); // a restart shows at once
    const ready = loading(worker, pending);
    ready.catch(() => {}); // a failed start is reported through events and to each run
    return { worker, ready, pending };
  }

  /**
   * @param {Worker} worker
   * @param {Map<number, Pending>} pending
   * @returns {Promise<void>}
   */
  function loading(worker, pending) {
    const token = newToken();
    return new Promise((resolve, reject) => {
      /** @param {string} message */
      const fail = (message) => {
        pending.delete(INIT_ID);
        emit({ type: "load-error", message });
        reject(new Error(message));
      };
      pending.set(INIT_ID, { token, fail, handle(message) {
        switch (message.type) {
          case MessageType.STAGE:
            emit({ type: "stage", stage: String(message.stage) });
            break;
          case MessageType.READY:
            pending.delete(INIT_ID);
            emit({ type: "ready" });
            resolve();
            break;
          default:
            fail(String(message.message));
        }
      } });
      worker.postMessage({ type: MessageType.INIT, id: INIT_ID, token, pyodideUrl, harnessUrl });
    });
  }

  /** @param {Session} old  terminated and replaced, unless already replaced */
  function replace(old) {
    if (session === old) session = startSession();
    old.worker.terminate();
    [...old.pending.values()].forEach((request) => request.fail("the worker was stopped"));
  }

  /**
   * Wait for Python; a worker that failed to start gets one fresh attempt per run.
   * @returns {Promise<Session>}
   */
  async function readySession() {
    try {
      await session.ready;
    } catch {
      replace(session);
      await session.ready;
    }
    return session;
  }

  /**
   * @param {RunOptions} options
   * @returns {Promise<Result>}
   */
  async function runNow(options) {
    const started = performance.now();
    let current;
    try {
      current = await readySession();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: "error", message, tests: [], duration_ms: Math.round(performance.now() - started) };
    }
    return send(current, options);
  }

  /**
   * Send one request to a ready worker and settle it: result, error or time-out.
   * @param {Session} current
   * @param {RunOptions} options
   * @returns {Promise<Result>}
   */
  function send(current, { code, entry, tests, timeLimit }) {
    const id = nextId++;
    const token = newToken();
    const started = performance.now();
    /** @param {number} since */
    const msSince = (since) => Math.round(performance.now() - since);
    /** @type {TestResult[]} */
    const finished = [];
    /** @type {{name: string, since: number} | null} */
    let running = null;
    return new Promise((resolve) => {
      /** @param {Result} result */
      const settle = (result) => {
        clearTimeout(timer);
        current.pending.delete(id);
        resolve(result);
      };
      const elapsed = () => msSince(started);
      const timer = setTimeout(() => {
        const what = running ? `running "${running.name}"` : "loading your code, before the first test";
        const tests = running
          ? [...finished, { name: running.name, status: /** @type {const} */ ("error"),
            message: "Timed out", duration_ms: msSince(running.since) }]
          : [...finished];
        settle({ status: "timeout", tests, duration_ms: elapsed(),
          message: `Time limit of ${timeLimit} s exceeded while ${what}. ${RESTARTED}` });
        replace(current);
      }, timeLimit * 1000);
      current.pending.set(id, { token, handle(message) {
        switch (message.type) {
          case MessageType.PROGRESS: {
            const event = parseOrNull(message.event);
            if (!event) break;
            if (event.event === "start") {
              running = { name: String(event.name), since: performance.now() };
              emit({ type: "test-start", index: event.index, name: running.name });
            } else if (event.event === "done") {
              running = null;
              finished.push(event.test);
              emit({ type: "test-done", index: event.index, test: event.test });
            }
            break;
          }
          case MessageType.RESULT: {
            const result = checkedResult(message.result, tests);
            settle(result ?? { status: "error", tests: [...finished], duration_ms: elapsed(),
              message: `Python sent something that is not a Result. ${RESTARTED}` });
            if (!result) replace(current);
            break;
          }
          default:
            settle({ status: "error", tests: [...finished], duration_ms: elapsed(),
              message: `${String(message.message)}\n${RESTARTED}` });
            replace(current);
        }
      }, fail(why) {
        settle({ status: "error", tests: [...finished], duration_ms: elapsed(),
          message: `Python stopped unexpectedly (${why}). ${RESTARTED}` });
        replace(current);
      } });
      current.worker.postMessage({ type: MessageType.RUN, id, token,
        request: JSON.stringify({ code, entry, tests }) });
    });
  }

  return {
    get ready() { return session.ready; },
    onProgress(callback) { listeners.add(callback); },
    run(options) {
      const result = queue.then(() => runNow(options));
      queue = result.catch(() => {});
      return result;
    },
  };
}

/**
 * Parse the harness's Result, and refuse a "pass" that does not cover the tests sent.
 * @param {unknown} json
 * @param {Test[]} tests
 * @returns {Result | null} null for anything that is not a Result
 */
function checkedResult(json, tests) {
  /** @type {Result | null} */
  const result = typeof json === "string" ? parseOrNull(json) : null;
  if (!result || typeof result.status !== "string" || !Array.isArray(result.tests)) return null;
  const covered = result.tests.length === tests.length
    && result.tests.every((test, i) => test.name === tests[i].name && test.status === "pass");
  if (result.status === "pass" && !covered) {
    return { ...result, status: "error", message: "The result does not match the tests that were run." };
  }
  return result;
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
