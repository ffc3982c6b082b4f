// @ts-check
// The worker: the only place that loads Pyodide. On its first message (INIT) it loads
// Python, NumPy and the test harness; then it answers one request at a time: RUN (the
// harness's `run_request`) and CONSOLE (`console_request`). Learner code runs in this worker's
// global scope (`import js`), so everything this file relies on after loading is bound here
// first, and once Python is loaded the doors to the network are closed.

import { cutText } from "./result.js";
import { INIT_ID, MessageType } from "./messages.js";

/** @typedef {import("./messages.js").InitMessage} InitMessage */
/** @typedef {(request: string, progress?: (event: string) => void) => string} PythonEntry */
/** @typedef {{run: PythonEntry, console: PythonEntry}} Harness */

// Bound before any learner code runs: `import js` gives Python this scope, and it may replace
// postMessage, close, Event methods or MessageEvent's `data` getter for later runs.
const post = self.postMessage.bind(self);
const closeWorker = self.close.bind(self);
const apply = Reflect.apply;
const stopOtherListeners = Event.prototype.stopImmediatePropagation;
const dataOf = /** @type {() => any} */ (Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data")?.get);
const defineProperty = Object.defineProperty;
const getPrototypeOf = Object.getPrototypeOf;

/** The runtime files, by the name the integrity map and the error messages use. */
const RUNTIME = { module: "pyodide.mjs", script: "pyodide.asm.js", wasm: "pyodide.asm.wasm",
  stdlib: "python_stdlib.zip", lock: "pyodide-lock.json" };

/** @type {Promise<Harness> | null} */
let harness = null;
/** The request under way, so that a learner's `close()` can be reported against it. */
let current = { id: INIT_ID, token: "" };
/**
 * The last lines written to the C-level stdout and stderr during the request under way:
 * Pyodide prints a fatal error's Python stack to stdout (learner code's own output goes to
 * the harness's streams, not here).
 */
let lowLevelLines = /** @type {string[]} */ ([]);
const LOW_LEVEL_KEPT = 300;

// ---------------------------------------------------------------------------------------
// Loading

/**
 * Load Pyodide, then NumPy, then the harness, and warm it up; report each stage.
 * @param {InitMessage} init
 * @param {(stage: string) => void} stage
 * @returns {Promise<Harness>}
 */
async function load(init, stage) {
  await refetch(init);
  const harnessZip = fetchBytes(init.harnessUrl, init.integrity["harness.zip"]);
  harnessZip.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  stage("Starting Python");
  const pyodide = await startPyodide(init);
  stage("Loading NumPy");
  await loadNumpy(pyodide);
  stage("Importing NumPy");
  pyodide.unpackArchive(await harnessZip, "zip", { extractDir: pyodide._api.sitePackages });
  const entries = importHarness(pyodide);
  spendFirstJsError(pyodide);
  if (init.interrupt) pyodide.setInterruptBuffer(init.interrupt);
  const keep = { batched: (/** @type {string} */ line) => {
    if (lowLevelLines.push(line) > LOW_LEVEL_KEPT) lowLevelLines.splice(0, lowLevelLines.length - LOW_LEVEL_KEPT);
  } };
  pyodide.setStdout(keep);
  pyodide.setStderr(keep);
  closeTheDoors(pyodide);
  // Before READY: the time limit of the first request must not pay for the harness's first run.
  stage("Preparing the tests");
  warmUp(entries);
  return entries;
}

/**
 * Files that failed last time are fetched again first, bypassing the browser's cache (and
 * replacing what it holds), so that the load below reads the fresh copies.
 * @param {InitMessage} init
 */
async function refetch(init) {
  await Promise.all(init.reload.map(async (name) => {
    const response = await fetch(fileUrl(init, name), { cache: "reload", integrity: init.integrity[name] });
    await response.arrayBuffer();
  }));
}

/**
 * @param {InitMessage} init
 * @param {string} name
 * @returns {string}
 */
function fileUrl(init, name) {
  return name === "harness.zip" ? init.harnessUrl : new URL(name, init.pyodideUrl).href;
}

/**
 * @param {InitMessage} init
 * @returns {Promise<any>} the Pyodide API
 */
async function startPyodide(init) {
  const { loadPyodide } = await import(/* webpackIgnore: true */ `${init.pyodideUrl}${RUNTIME.module}`);
  const ignore = () => {};
  // Pyodide only warns when the WebAssembly module fails to compile, and then waits forever.
  const compiled = new Promise((_, reject) => { failedWasm = reject; });
  return Promise.race([loadPyodide({ indexURL: init.pyodideUrl, stdout: ignore, stderr: ignore }), compiled]);
}

/** @type {(error: Error) => void} */
let failedWasm = () => {};
const warn = console.warn.bind(console);
console.warn = (/** @type {any[]} */ ...args) => {
  if (args[0] === "wasm instantiation failed!") failedWasm(new Error(`${RUNTIME.wasm} could not be compiled`));
  warn(...args);
};

/** @param {any} pyodide */
async function loadNumpy(pyodide) {
  /** @type {string[]} */
  const errors = [];
  await pyodide.loadPackage("numpy", {
    messageCallback: () => {},
    errorCallback: (/** @type {string} */ message) => errors.push(message),
  });
  // loadPackage resolves even when the wheel failed to load (integrity, 404, ...).
  if (!("numpy" in pyodide.loadedPackages)) {
    throw new Error(`NumPy did not load: ${errors.join("; ") || "no reason given"}`);
  }
}

/**
 * @param {any} pyodide
 * @returns {Harness}
 */
function importHarness(pyodide) {
  /** @param {string} module @param {string} name */
  const entry = (module, name) => {
    const imported = pyodide.pyimport(module);
    const copy = imported[name].copy(); // a borrowed proxy dies with its module
    imported.destroy();
    return copy;
  };
  return { run: entry("kata_harness.run", "run_request"), console: entry("kata_harness.console", "console_request") };
}

/**
 * Pyodide 0.27.7, once NumPy is loaded, turns the first JavaScript error that reaches Python
 * into "SystemError: error return without exception set" about half the time (every later one
 * becomes a proper JsException). One such error, raised and caught here before any learner
 * code runs, spends it: a learner's first refused `js.fetch` then says why it was refused.
 * @param {any} pyodide
 */
function spendFirstJsError(pyodide) {
  const builtins = pyodide.pyimport("builtins");
  const calls = builtins.map(() => { throw new Error("the first JavaScript error, spent"); }, [0]);
  try {
    builtins.list(calls);
  } catch {
    // the point of this call
  } finally {
    calls.destroy();
    builtins.destroy();
  }
}

/**
 * @param {string} url
 * @param {string | undefined} integrity
 * @returns {Promise<ArrayBuffer>}
 */
async function fetchBytes(url, integrity) {
  const response = await fetch(url, integrity ? { integrity } : {});
  if (!response.ok) throw new Error(`could not fetch ${url} (HTTP ${response.status})`);
  return response.arrayBuffer();
}

/**
 * After a failed load: the runtime file that fails its integrity check, if one does.
 * @param {InitMessage} init
 * @returns {Promise<string | undefined>}
 */
async function damagedFile(init) {
  for (const [name, integrity] of Object.entries(init.integrity)) {
    try {
      await (await fetch(fileUrl(init, name), { integrity })).arrayBuffer();
    } catch {
      return name;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// No network for learner code

/**
 * Once Python is loaded, nothing here needs the network: learner code (through `js`) gets an
 * error instead of fetch, XMLHttpRequest, WebSocket (and its stream), WebTransport,
 * EventSource, FontFace (which fetches its source), importScripts, nested workers, the Cache
 * API, code made from strings (eval, Function, a timer given a string: the ways to
 * `import()`), and Pyodide's package loader. A learner's `close()` is announced to the runner
 * first.
 * @param {any} pyodide
 */
function closeTheDoors(pyodide) {
  const names = ["fetch", "XMLHttpRequest", "WebSocket", "WebSocketStream", "WebTransport", "EventSource",
    "FontFace", "importScripts", "Worker", "SharedWorker", "caches", "eval"];
  for (const name of names) {
    if (name in self) seal(self, name, refuse(name));
  }
  for (const constructor of codeConstructors()) {
    seal(constructor.prototype, "constructor", refuse("Function"));
  }
  seal(self, "Function", new Proxy(Function, { apply: refuse("Function"), construct: refuse("Function") }));
  for (const name of /** @type {const} */ (["setTimeout", "setInterval"])) seal(self, name, functionsOnly(name));
  for (const name of ["loadPackage", "loadPackagesFromImports"]) seal(pyodide, name, refuse(name));
  seal(self, "close", () => {
    post({ type: MessageType.CLOSING, id: current.id, token: current.token });
    closeWorker();
  });
}

/** @returns {Function[]} Function and its async and generator kin, whose constructors compile strings */
function codeConstructors() {
  return [function () {}, async function () {}, function* () {}, async function* () {}]
    .map((example) => getPrototypeOf(example).constructor);
}

/**
 * Replace a property on an object and on every prototype above it that has it.
 * @param {object} target
 * @param {string} name
 * @param {unknown} value
 */
function seal(target, name, value) {
  for (let owner = target; owner; owner = getPrototypeOf(owner)) {
    if (Object.prototype.hasOwnProperty.call(owner, name) && owner !== target) {
      try {
        delete /** @type {any} */ (owner)[name];
      } catch {
        // not configurable: the own property below still hides it
      }
    }
  }
  defineProperty(target, name, { value, writable: false, configurable: false });
}

/**
 * What stands in for a door: a plain function, so that `new` (XMLHttpRequest, WebSocket...)
 * gets the same message as a call, not "... is not a constructor".
 * @param {string} name
 * @returns {(...args: any[]) => never}
 */
function refuse(name) {
  return function refused() {
    throw new TypeError(`${name} is not available to your code here: nothing leaves this page, `
      + "and Python runs only what is in the editor");
  };
}

/**
 * A timer that takes a function (Pyodide's event loop needs them) but not code in a string,
 * which it would compile like eval.
 * @param {"setTimeout" | "setInterval"} name
 * @returns {(handler: unknown, ...rest: any[]) => number}
 */
function functionsOnly(name) {
  const timer = /** @type {(...args: any[]) => number} */ (self[name].bind(self));
  const refused = refuse(`${name} with code in a string`);
  return (handler, ...rest) => (typeof handler === "function" ? timer(handler, ...rest) : refused());
}

// ---------------------------------------------------------------------------------------
// Requests

/**
 * Run one request; the harness reports test progress through `reply`.
 * @param {"run" | "console"} kind
 * @param {string} request
 * @param {(type: string, fields: object) => void} reply
 */
async function serve(kind, request, reply) {
  /** @type {Harness} */
  let entries;
  try {
    entries = await /** @type {Promise<Harness>} */ (harness);
  } catch {
    reply(MessageType.ERROR, { message: "Python could not start." });
    return;
  }
  lowLevelLines = [];
  try {
    const progress = (/** @type {string} */ event) => reply(MessageType.PROGRESS, { event: String(event) });
    const answer = kind === "run" ? entries.run(request, progress) : entries.console(request);
    if (typeof answer !== "string") throw new Error("the test harness returned no result");
    reply(kind === "run" ? MessageType.RESULT : MessageType.ANSWER,
      kind === "run" ? { result: answer } : { answer });
  } catch (error) {
    // The harness turns every learner error into a Result: anything escaping it means the
    // interpreter itself failed (a fatal error, a broken harness), so the runner replaces us.
    reply(MessageType.ERROR, crashReport(error));
  }
}

/**
 * What to tell the learner about an interpreter that failed, with their line when Python
 * printed its stack (Pyodide dumps it on a fatal error).
 * @param {unknown} error
 * @returns {{message: string, crash: "nesting" | "fatal", line?: number}}
 */
function crashReport(error) {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const nesting = /Maximum call stack size exceeded|too much recursion/.test(text + lowLevelLines.join("\n"));
  const line = learnerLine(lowLevelLines);
  const where = line ? ` (solution.py, line ${line})` : "";
  const at = line ? { line } : {};
  if (nesting) {
    return { crash: "nesting", ...at, message: `Python crashed: a structure or recursion nested too deep${where}. `
      + "Python's C code ran out of stack before its recursion limit caught it." };
  }
  // A sentence: the runner adds "Python was restarted; ..." after it.
  const ended = /[.!?]$/.test(text) ? text : `${text}.`;
  return { crash: "fatal", ...at, message: cutText(`Python crashed${where}: ${ended}`) };
}

/**
 * @param {string[]} lines  Python's stack as faulthandler prints it, innermost first
 * @returns {number | undefined}
 */
function learnerLine(lines) {
  for (const line of lines) {
    const found = /File "solution\.py", line (\d+)/.exec(line);
    if (found) return Number(found[1]);
  }
  return undefined;
}

/**
 * One run of the harness's own code before any learner's: it takes its snapshot of the world
 * and warms the paths a Submit takes, so that the learner's first Submit runs at full speed.
 * @param {Harness} entries
 */
function warmUp(entries) {
  const test = { name: "warm-up", call: "f(np.ones(3))", expected: { $nd: { dtype: "f8", shape: [3],
    data: "AAAAAAAA8D8AAAAAAADwPwAAAAAAAPA/" } } };
  runQuietly(entries, [test]);
}

/**
 * Just after READY: grow Python's heap by 64 MB and touch it once. WebAssembly memory is never
 * given back, so a test's large arrays (lora-forward copies a 24 MB argument) later land in
 * memory already there instead of growing it (a third of that test's time in a fresh Python).
 * @param {Harness} entries
 */
function growHeap(entries) {
  runQuietly(entries, [{ name: "heap", setup: "np.ones(1 << 23)", call: "f(1)", expected: 1 }]);
}

/**
 * @param {Harness} entries
 * @param {object[]} tests  against a module whose f returns its argument
 */
function runQuietly(entries, tests) {
  try {
    entries.run(JSON.stringify({ code: "import numpy as np\n\ndef f(x):\n    return x\n", entry: "f", tests }));
  } catch {
    // a warm-up that fails changes nothing: the first real run pays the cost instead
  }
}

/**
 * Start loading (once) and answer READY or ERROR when done.
 * @param {InitMessage} init
 * @param {(type: string, fields: object) => void} reply
 */
function start(init, reply) {
  harness ??= load(init, (stage) => reply(MessageType.STAGE, { stage }));
  harness.then(
    (entries) => {
      reply(MessageType.READY, { interruptible: Boolean(init.interrupt) });
      growHeap(entries);
    },
    async (error) => reply(MessageType.ERROR, {
      message: cutText(error instanceof Error ? error.message : String(error)),
      file: await damagedFile(init).catch(() => undefined) }),
  );
}

/** @param {MessageEvent} event */
function onMessage(event) {
  // Listeners that learner code adds later never see a request (nor its token).
  apply(stopOtherListeners, event, []);
  const message = apply(dataOf, event, []);
  const { type, id, token } = message;
  current = { id, token };
  /** @type {(type: string, fields: object) => void} */
  const reply = (replyType, fields) => post({ ...fields, type: replyType, id, token });
  switch (type) {
    case MessageType.INIT:
      if (id === INIT_ID) start(message, reply);
      else reply(MessageType.ERROR, { message: `INIT must have id ${INIT_ID}` });
      break;
    case MessageType.RUN:
      void serve("run", String(message.request), reply);
      break;
    case MessageType.CONSOLE:
      void serve("console", String(message.request), reply);
      break;
    default:
      reply(MessageType.ERROR, { message: `Unknown message type: ${String(type)}` });
  }
}

self.addEventListener("message", onMessage);
