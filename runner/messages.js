// @ts-check
// The messages between the runner (page side) and the worker, in one place.
//
// Every message carries the id of the request it belongs to and that request's token: a
// random string made by the runner, kept only in JavaScript closures on both sides and never
// handed to Python. The runner drops any message whose id and token do not match a request it
// is waiting for, so learner code calling `js.postMessage(...)` cannot forge a result or a
// "ready".

/** @enum {string} */
export const MessageType = {
  /** runner -> worker, id 0: start loading Python ({@link InitMessage}) */
  INIT: "init",
  /** runner -> worker: run tests ({@link RunMessage}) */
  RUN: "run",
  /** runner -> worker: evaluate a console entry ({@link ConsoleMessage}) */
  CONSOLE: "console",
  /** worker -> runner, id 0: a loading stage ({@link StageMessage}) */
  STAGE: "stage",
  /** worker -> runner, id 0: Python, NumPy and the harness are loaded ({@link ReadyMessage}) */
  READY: "ready",
  /** worker -> runner: a test started or finished ({@link ProgressMessage}) */
  PROGRESS: "progress",
  /** worker -> runner: the Result of a run ({@link ResultMessage}) */
  RESULT: "result",
  /** worker -> runner: the answer to a console entry ({@link AnswerMessage}) */
  ANSWER: "answer",
  /**
   * worker -> runner: the request failed ({@link ErrorMessage}); for id 0, Python did not load
   * (`file` names a runtime file that failed its integrity check or could not be read); for a
   * run, the interpreter is not to be trusted any more and gets replaced
   */
  ERROR: "error",
  /** worker -> runner, with the id and token of the request under way: learner code closed the worker */
  CLOSING: "closing",
};

/**
 * @typedef {{type: string, id: number, token: string}} Envelope
 * @typedef {Envelope & {pyodideUrl: string, harnessUrl: string, integrity: Record<string, string>,
 *   reload: string[], interrupt: Int32Array | null}} InitMessage
 *   integrity: SRI hashes of the runtime files by name; reload: files to fetch again bypassing
 *   the cache first (they failed last time); interrupt: Pyodide's interrupt buffer, if isolated
 * @typedef {Envelope & {request: string}} RunMessage  request: JSON of {code, entry, tests}
 * @typedef {Envelope & {request: string}} ConsoleMessage  request: JSON of {code, source}
 * @typedef {Envelope & {stage: string}} StageMessage
 * @typedef {Envelope & {interruptible: boolean}} ReadyMessage
 * @typedef {Envelope & {event: string}} ProgressMessage  event: the harness's JSON
 * @typedef {Envelope & {result: string}} ResultMessage  result: the harness's JSON
 * @typedef {Envelope & {answer: string}} AnswerMessage  answer: the harness's JSON
 * @typedef {Envelope & {message: string, file?: string, crash?: "closed"|"nesting"|"fatal", line?: number}} ErrorMessage
 *   line: the learner's line (solution.py) that Python was running when it crashed, when it said
 */

/** The id of the loading "request" that {@link MessageType.INIT} starts. */
export const INIT_ID = 0;
