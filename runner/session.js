// @ts-check
// One Python: a worker, its loading, and its requests. The runner (runner.js) decides which
// session serves which request and when one is replaced; a session only talks to its worker,
// by id and token, and notices when the worker dies.

import { INIT_ID, MessageType } from "./messages.js";

/**
 * @typedef {{workerUrl: string, pyodideUrl: string, harnessUrl: string, integrity: Record<string, string>}} RuntimeUrls
 * @typedef {{type: string} & Record<string, any>} WorkerMessage
 * @typedef {{token: string, handle: (message: WorkerMessage) => void, fail: (why: Death) => void}} Pending
 * @typedef {{stage?: (stage: string) => void, progress?: (event: string) => void}} Listeners
 */

/** Why a worker stopped answering: shown to the learner, and whether to fetch files again. */
export class Death extends Error {
  /**
   * @param {string} message
   * @param {{file?: string, crash?: string}} [details]
   */
  constructor(message, details = {}) {
    super(message);
    this.file = details.file;
    this.crash = details.crash;
  }
}

/** @returns {string} a token that learner code cannot guess */
function newToken() {
  return Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join("");
}

let nextId = INIT_ID + 1;

export class Session {
  /**
   * Start a worker and its Python at once.
   * @param {RuntimeUrls} urls
   * @param {{reload?: string[], onStage?: (stage: string) => void}} [options]
   */
  constructor(urls, options = {}) {
    this.worker = new Worker(urls.workerUrl, { type: "module", name: "kata-python" });
    /** @type {Map<number, Pending>} */
    this.pending = new Map();
    // Pyodide's interrupt buffer needs shared memory, which only a cross-origin isolated page has.
    this.interrupt = self.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    /** Learner code ran in this Python: a Submit needs one where none did. */
    this.used = false;
    /** What made this Python unfit for another request ("" while it is fine). */
    this.unfit = "";
    this.#listen();
    this.ready = this.#load(urls, options);
    this.ready.catch(() => {}); // reported through the runner's events and to each request
  }

  #listen() {
    this.worker.onmessage = (event) => {
      const message = event.data;
      const request = this.pending.get(message?.id);
      if (!request || message.token !== request.token) return;
      if (message.type === MessageType.CLOSING) this.#die(new Death("Python stopped: your code closed it (js.close())."));
      else request.handle(message);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.#die(new Death(`Python stopped: ${event.message || "the worker failed"}.`));
    };
    this.worker.onmessageerror = () => this.#die(new Death("Python stopped: a message from it could not be read."));
  }

  /** @param {Death} why */
  #die(why) {
    this.unfit ||= why.message;
    for (const request of [...this.pending.values()]) request.fail(why);
    this.pending.clear();
  }

  /**
   * @param {RuntimeUrls} urls
   * @param {{reload?: string[], onStage?: (stage: string) => void}} options
   * @returns {Promise<void>}
   */
  #load(urls, options) {
    const token = newToken();
    return new Promise((resolve, reject) => {
      this.pending.set(INIT_ID, { token, fail: reject, handle: (message) => {
        if (message.type === MessageType.STAGE) {
          performance.mark(`kata:stage:${message.stage}`); // for bench/: where start-up time goes
          return options.onStage?.(String(message.stage));
        }
        this.pending.delete(INIT_ID);
        if (message.type === MessageType.READY) resolve();
        else reject(new Death(String(message.message), { file: message.file }));
      } });
      this.worker.postMessage({ type: MessageType.INIT, id: INIT_ID, token, pyodideUrl: urls.pyodideUrl,
        harnessUrl: urls.harnessUrl, integrity: urls.integrity, reload: options.reload ?? [],
        interrupt: this.interrupt });
    });
  }

  /**
   * Send one request; resolves with the worker's answer (RESULT, ANSWER or ERROR), rejects with
   * a Death when the worker stops.
   * @param {"run" | "console"} kind
   * @param {string} request  JSON for the harness
   * @param {(event: string) => void} [onProgress]
   * @returns {Promise<WorkerMessage>}
   */
  send(kind, request, onProgress) {
    if (this.unfit) return Promise.reject(new Death(this.unfit));
    const id = nextId++;
    const token = newToken();
    this.used = true;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { token, fail: reject, handle: (message) => {
        if (message.type === MessageType.PROGRESS) return onProgress?.(String(message.event));
        this.pending.delete(id);
        resolve(message);
      } });
      this.worker.postMessage({ type: kind === "run" ? MessageType.RUN : MessageType.CONSOLE, id, token, request });
    });
  }

  /** @returns {boolean} whether Python was asked to stop (KeyboardInterrupt) rather than killed */
  interruptNow() {
    if (!this.interrupt || this.unfit) return false;
    Atomics.store(this.interrupt, 0, 2); // SIGINT
    return true;
  }

  /** @param {string} why */
  terminate(why) {
    this.worker.terminate();
    this.#die(new Death(why));
  }
}
