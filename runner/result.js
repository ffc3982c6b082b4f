// @ts-check
// The shape of what Python answers, in one place: a Result and its test rows, as the harness
// makes them (kata/harness/result.py and compare.py declare the same shape), and the one way
// the page cuts text it did not get from the harness.

/**
 * @typedef {{line: number, column: number}} Location
 * @typedef {{name: string, type: string, shape?: number[], dtype?: string, value?: string}} Argument
 *   an argument of a failing call test, as it was before the call
 * @typedef {{setup?: string, call?: string, code?: string, args?: Argument[]}} Inputs
 *   what a failing test ran, to reproduce it
 * @typedef {{type: "array", shape: number[], expected: (number|string)[], actual: (number|string)[],
 *   bad: number[], worst: number, rtol?: number, atol?: number}} ArrayDetail
 *   both arrays, flat in C order ("nan", "inf", "-inf" as text), and the flat indices outside tolerance
 * @typedef {{type: "sequence", index: number, start: number, expected: string[], actual: string[]}} SequenceDetail
 *   the items around the first difference (reprs), from `start`
 * @typedef {{type: "string", index: number, start: number, expected: string, actual: string}} StringDetail
 * @typedef {{type: "dict", missing: string[], extra: string[], differing: string[]}} DictDetail
 * @typedef {{type: "scalar", expected: string, actual: string}} ScalarDetail
 * @typedef {ArrayDetail | SequenceDetail | StringDetail | DictDetail | ScalarDetail} Detail
 * @typedef {"shape"|"dtype"|"values"|"exception"|"memory"|"inplace"|"setup"|"timeout"} FailureKind
 * @typedef {{name: string, status: "pass"|"fail"|"error", duration_ms: number, message?: string,
 *   kind?: FailureKind, hint?: string, detail?: Detail, inputs?: Inputs, line?: number,
 *   output?: string}} TestResult
 * @typedef {{status: "pass"|"fail"|"error"|"timeout", tests: TestResult[], duration_ms: number,
 *   message?: string, location?: Location, output?: string, tainted?: string,
 *   stopped?: boolean}} Result
 *   `output`: printed outside any test; `tainted`: what learner code changed that could not be
 *   put back (the runner replaces Python); `stopped`: the learner pressed Stop
 * @typedef {{name: string} & Record<string, unknown>} Test  a test as kata.json ships it
 */

/** The longest text the page lays out from one message, output or error. */
export const TEXT_LIMIT = 10_000;

/** The marker at the end of text the harness (or this page) cut: how many characters it hides. */
const CUT_MARKER = /\n\[output truncated: (\d+) more characters not shown\]\n$/;

/**
 * Text cut at `limit` characters with the same visible marker as the harness's. Text that was
 * cut already keeps its marker when it fits; cut again, its marker counts what both cuts hide.
 * @param {string} text
 * @param {number} [limit]
 * @returns {string}
 */
export function cutText(text, limit = TEXT_LIMIT) {
  const tail = text.slice(-80);
  const marker = CUT_MARKER.exec(tail);
  const body = marker ? text.length - tail.length + marker.index : text.length;
  if (body <= limit) return text;
  const hidden = body - limit + (marker ? Number(marker[1]) : 0);
  return `${text.slice(0, limit)}\n[output truncated: ${hidden} more characters not shown]\n`;
}

/**
 * A Result made on the page (a time-out, a stop, a crash, Python failing to start).
 * @param {Result["status"]} status
 * @param {string} message
 * @param {{tests?: TestResult[], duration_ms?: number, stopped?: boolean, location?: Location}} [extra]
 *   location: the learner's line that Python was running when it crashed
 * @returns {Result}
 */
export function makeResult(status, message, extra = {}) {
  return { status, message: cutText(message), tests: extra.tests ?? [],
    duration_ms: Math.round(extra.duration_ms ?? 0), ...(extra.stopped ? { stopped: true } : {}),
    ...(extra.location ? { location: extra.location } : {}) };
}
