// @ts-check
// A plain results pane, used until the full one (results.js) lands: the same interface.

import { element } from "./layout.js";

const MARKS = { pass: "✓ Passed", fail: "✗ Failed", error: "! Error" };

/** @param {number} ms */
function formatDuration(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * @param {import("./result.js").TestResult} test
 * @returns {HTMLElement}
 */
function testRow(test) {
  const row = element("li", { class: "kata-test", "data-kata": "test", "data-status": test.status });
  const head = element("div", { class: "kata-test__head" });
  head.append(element("span", { class: "kata-test__mark" }, MARKS[test.status] ?? test.status),
    element("span", { class: "kata-test__name" }, test.name),
    element("span", { class: "kata-test__time" }, formatDuration(test.duration_ms)));
  row.append(head);
  if (test.message) row.append(element("pre", { class: "kata-message", "data-kata": "message" }, test.message));
  if (test.hint) row.append(element("p", { class: "kata-hint-line" }, `Hint: ${test.hint}`));
  if (test.output) row.append(element("pre", { class: "kata-output", "data-kata": "output" }, test.output));
  return row;
}

/**
 * @param {HTMLElement} panel
 * @param {{kind: "run"|"submit", total: number, waiting?: boolean}} options
 */
export function showRunning(panel, { waiting }) {
  panel.dataset.status = "running";
  panel.setAttribute("aria-busy", "true");
  panel.replaceChildren(element("p", { class: "kata-summary", "data-kata": "summary" },
    waiting ? "Waiting for Python to start…" : "Running…"), element("ol", { class: "kata-tests" }));
}

/**
 * @param {HTMLElement} panel
 * @param {import("./runner.js").RunnerEvent} event
 */
export function showProgress(panel, event) {
  if (panel.dataset.status !== "running") return;
  const [line, list] = [panel.firstElementChild, panel.lastElementChild];
  if (event.type === "test-start" && line) line.textContent = `Running test ${event.index + 1}: ${event.name}`;
  if (event.type === "test-done" && list) list.append(testRow(event.test));
}

/**
 * @param {HTMLElement} panel
 * @param {import("./result.js").Result} result
 * @param {{kind: "run"|"submit", next?: {href: string, title: string}, onMarkLine?: (line: number, message: string) => void}} options
 */
export function showResult(panel, result, { kind, next, onMarkLine }) {
  panel.dataset.status = result.status;
  panel.removeAttribute("aria-busy");
  const passed = result.tests.filter((test) => test.status === "pass").length;
  const noun = kind === "run" ? "examples" : "tests";
  const text = result.status === "timeout" ? "Time limit exceeded" : result.stopped ? "Stopped"
    : result.status === "error" && !result.tests.length ? "Your code did not run"
      : result.status === "pass" ? `All ${result.tests.length} ${noun} passed.` : `${passed} of ${result.tests.length} ${noun} passed`;
  const parts = [element("p", { class: "kata-summary", "data-kata": "summary" }, text)];
  if (result.status === "pass" && next) {
    const link = element("a", { href: next.href, class: "kata-next-link", "data-kata": "next-after-pass" }, `Next problem: ${next.title}`);
    parts.push(link);
  }
  if (result.message) parts.push(element("pre", { class: "kata-message", "data-kata": "message" }, result.message));
  const list = element("ol", { class: "kata-tests" });
  list.append(...result.tests.map(testRow));
  if (result.tests.length) parts.push(list);
  if (result.output) parts.push(element("pre", { class: "kata-output", "data-kata": "output" }, result.output));
  panel.replaceChildren(...parts);
  const line = result.tests.find((test) => test.line)?.line;
  if (line) onMarkLine?.(line, "");
}

/** @param {HTMLElement} panel */
export function disposeResults(panel) {
  panel.replaceChildren();
}
