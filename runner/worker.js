// @ts-check
// The worker: the only place that loads Pyodide. It starts loading Python, NumPy and the
// test harness on its first message (INIT), then runs one request at a time (RUN) through
// the harness's `run_request`. Learner code runs in this worker's global scope, so
// everything this file relies on after that point is captured here first.

import { INIT_ID, MessageType } from "./messages.js";

/** @typedef {import("./messages.js").Envelope} Envelope */
/** @typedef {(requestJson: string, progress: (event: string) => void) => string} RunRequest */

// Bound before any learner code runs: `import js` gives Python this scope, and it may
// replace postMessage, Event methods or MessageEvent's `data` getter for later runs.
const post = self.postMessage.bind(self);
const apply = Reflect.apply;
const stopOtherListeners = Event.prototype.stopImmediatePropagation;
const dataOf = /** @type {() => any} */ (
  Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data")?.get
);

/** @type {Promise<RunRequest> | null} */
let harness = null;

/**
 * Load Pyodide from `pyodideUrl` (a folder URL), then NumPy, then the harness.
 * @param {string} pyodideUrl
 * @param {string} harnessUrl
 * @param {(stage: string) => void} stage  reports each loading stage
 * @returns {Promise<RunRequest>}
 */
async function load(pyodideUrl, harnessUrl, stage) {
  const source = fetchBytes(harnessUrl); // overlaps with the interpreter's start
  source.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  stage("Starting Python");
  const { loadPyodide } = await import(/* webpackIgnore: true */ `${pyodideUrl}pyodide.mjs`);
  const ignore = () => {};
  const pyodide = await loadPyodide({ indexURL: pyodideUrl, stdout: ignore, stderr: ignore });
  stage("Loading NumPy");
  /** @type {string[]} */
  const errors = [];
  await pyodide.loadPackage("numpy", {
    messageCallback: ignore,
    errorCallback: (/** @type {string} */ message) => errors.push(message),
  });
  // loadPackage resolves even when the wheel failed to load (integrity, 404, ...).
  if (!("numpy" in pyodide.loadedPackages)) {
    throw new Error(`NumPy did not load: ${errors.join("; ") || "no reason given"}`);
  }
  stage("Importing NumPy");
  pyodide.unpackArchive(await source, "zip", { extractDir: pyodide._api.sitePackages ?? "/lib/python3.12/site-packages" });
  const module = pyodide.pyimport("kata_harness.run");
  const runRequest = module.run_request.copy(); // a borrowed proxy dies with its module
  module.destroy();
  return runRequest;
}

/**
 * @param {string} url
 * @returns {Promise<ArrayBuffer>}
 */
async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not fetch ${url} (HTTP ${response.status})`);
  return response.arrayBuffer();
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function describe(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Run one request; the harness reports test progress through `reply`.
 * @param {string} request
 * @param {(type: string, fields: object) => void} reply
 */
async function runTests(request, reply) {
  if (!harness) {
    reply(MessageType.ERROR, { message: "Python was asked to run before it was started." });
    return;
  }
  /** @type {RunRequest} */
  let runRequest;
  try {
    runRequest = await harness;
  } catch (error) {
    reply(MessageType.ERROR, { message: `Python could not start: ${describe(error)}` });
    return;
  }
  try {
    const result = runRequest(request, (event) => reply(MessageType.PROGRESS, { event: String(event) }));
    if (typeof result !== "string") throw new Error("the test harness returned no result");
    reply(MessageType.RESULT, { result });
  } catch (error) {
    // The harness turns every learner error into a Result: anything escaping it means the
    // interpreter itself failed (a fatal error, a broken harness), so the runner replaces us.
    reply(MessageType.ERROR, { message: `Python failed: ${describe(error)}` });
  }
}

/**
 * Start loading (once) and answer READY or ERROR when done.
 * @param {import("./messages.js").InitMessage} message
 * @param {(type: string, fields: object) => void} reply
 */
function init(message, reply) {
  harness ??= load(message.pyodideUrl, message.harnessUrl, (stage) => reply(MessageType.STAGE, { stage }));
  harness.then(
    () => reply(MessageType.READY, {}),
    (error) => reply(MessageType.ERROR, { message: `Python could not start: ${describe(error)}` }),
  );
}

/**
 * @param {MessageEvent} event
 */
function onMessage(event) {
  // Listeners that learner code adds later never see a request (nor its token).
  apply(stopOtherListeners, event, []);
  /** @type {Envelope & Record<string, any>} */
  const message = apply(dataOf, event, []);
  const { type, id, token } = message;
  /** @type {(type: string, fields: object) => void} */
  const reply = (replyType, fields) => post({ ...fields, type: replyType, id, token });
  switch (type) {
    case MessageType.INIT:
      if (id === INIT_ID) init(/** @type {any} */ (message), reply);
      else reply(MessageType.ERROR, { message: `INIT must have id ${INIT_ID}` });
      break;
    case MessageType.RUN:
      runTests(String(message.request), reply);
      break;
    default:
      reply(MessageType.ERROR, { message: `Unknown message type: ${String(type)}` });
  }
}

self.addEventListener("message", onMessage);
