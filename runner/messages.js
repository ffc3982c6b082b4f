// @ts-check
// The messages between the runner (page side) and the worker, in one place.
//
// Every message carries the id of the request it belongs to and that request's token:
// a random string made by the runner, kept only in JavaScript closures on both sides and
// never handed to Python. The runner drops any message whose id and token do not match a
// request it is waiting for, so learner code calling `js.postMessage(...)` cannot forge
// a result or a "ready".

/** @enum {string} */
export const MessageType = {
  /** runner -> worker, id 0: start loading Python ({@link InitMessage}) */
  INIT: "init",
  /** runner -> worker: run the tests ({@link RunMessage}) */
  RUN: "run",
  /** worker -> runner, id 0: a loading stage ({@link StageMessage}) */
  STAGE: "stage",
  /** worker -> runner, id 0: Python, NumPy and the harness are loaded */
  READY: "ready",
  /** worker -> runner: a test started or finished ({@link ProgressMessage}) */
  PROGRESS: "progress",
  /** worker -> runner: the Result of a run ({@link ResultMessage}) */
  RESULT: "result",
  /**
   * worker -> runner: the request failed ({@link ErrorMessage}); for id 0, Python did not
   * load; for a run, the interpreter is not to be trusted any more and gets replaced
   */
  ERROR: "error",
};

/**
 * @typedef {{type: string, id: number, token: string}} Envelope
 * @typedef {Envelope & {pyodideUrl: string, harnessUrl: string}} InitMessage
 * @typedef {Envelope & {request: string}} RunMessage  request: JSON of {code, entry, tests}
 * @typedef {Envelope & {stage: string}} StageMessage
 * @typedef {Envelope & {event: string}} ProgressMessage  event: the harness's JSON
 * @typedef {Envelope & {result: string}} ResultMessage  result: the harness's JSON
 * @typedef {Envelope & {message: string}} ErrorMessage
 */

/** The id of the loading "request" that {@link MessageType.INIT} starts. */
export const INIT_ID = 0;
