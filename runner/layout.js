// @ts-check
// The work area's frame, inside a problem page's `[data-kata-root]`: the toolbar, the editor,
// the solution (once shown), and a panel with the results and the console as tabs. Built
// with the DOM, every text set with textContent.

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
export const MOD = IS_MAC ? "⌘" : "Ctrl";

/**
 * @typedef {{root: HTMLElement, nav: HTMLButtonElement, run: HTMLButtonElement, submit: HTMLButtonElement,
 *   stop: HTMLButtonElement, reset: HTMLButtonElement, showSolution: HTMLButtonElement,
 *   elapsed: HTMLElement, status: HTMLElement, retry: HTMLButtonElement, notice: HTMLElement,
 *   editor: HTMLElement, keyboardNote: HTMLElement, solution: HTMLElement, results: HTMLElement,
 *   console: HTMLElement, tabs: {results: HTMLButtonElement, console: HTMLButtonElement}}} Frame
 */

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
export function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/**
 * @param {string} kata  the data-kata hook
 * @param {string} label
 * @param {string} title
 * @returns {HTMLButtonElement}
 */
export function button(kata, label, title = "") {
  const node = /** @type {HTMLButtonElement} */ (element("button", { type: "button", "data-kata": kata,
    class: `kata-button kata-button--${kata}` }, label));
  if (title) node.title = title;
  return node;
}

/**
 * Build the frame inside the root (the starter's script element stays where it is).
 * @param {HTMLElement} root
 * @returns {Frame}
 */
export function buildFrame(root) {
  const frame = {
    root,
    nav: button("nav", "Problems", "Show or hide the list of problems"),
    run: button("run", "Run", `Run the examples (${MOD}+Enter)`),
    submit: button("submit", "Submit", `Run the examples and the hidden tests (${MOD}+Shift+Enter)`),
    stop: button("stop", "Stop", "Stop your code now (Python restarts if it must)"),
    reset: button("reset", "Reset", `Put the starter code back (undo with ${MOD}+Z)`),
    showSolution: button("show-solution", "Show the solution", "See the reference solution before you pass"),
    elapsed: element("span", { class: "kata-elapsed", "aria-live": "off" }),
    status: element("span", { class: "kata-status", "data-kata": "status", role: "status" }),
    retry: button("retry", "Retry", "Start Python again, fetching its files afresh"),
    notice: element("span", { class: "kata-notice", "data-kata": "notice", "aria-live": "polite" }),
    editor: element("div", { class: "kata-editor", "data-kata": "editor" }),
    keyboardNote: element("p", { class: "kata-keyboard-note" },
      "Tab indents. To leave the editor with the keyboard, press Escape, then Tab."),
    solution: element("section", { class: "kata-solution-panel", "aria-label": "Reference solution" }),
    ...panel(),
  };
  frame.nav.setAttribute("aria-expanded", "false");
  frame.stop.hidden = frame.retry.hidden = frame.keyboardNote.hidden = frame.solution.hidden = true;
  const toolbar = element("div", { class: "kata-toolbar", role: "toolbar", "aria-label": "Your solution" });
  toolbar.append(frame.nav, frame.run, frame.submit, frame.stop, frame.elapsed, frame.reset,
    frame.showSolution, frame.notice, frame.status, frame.retry);
  const tabs = element("div", { class: "kata-panel" });
  tabs.append(frame.tablist, frame.results, frame.console);
  root.append(toolbar, frame.editor, frame.keyboardNote, frame.solution, tabs);
  return frame;
}

/**
 * The results and the console, as two tabs of one panel.
 * @returns {{tablist: HTMLElement, results: HTMLElement, console: HTMLElement,
 *   tabs: {results: HTMLButtonElement, console: HTMLButtonElement}}}
 */
function panel() {
  const tablist = element("div", { class: "kata-tabs", role: "tablist", "aria-label": "Results and console" });
  const results = element("section", { class: "kata-results", "data-kata": "results", "data-status": "idle",
    role: "tabpanel", id: "kata-results", "aria-labelledby": "kata-tab-results", tabindex: "0" });
  const console = element("section", { class: "kata-console", "data-kata": "console", role: "tabpanel",
    id: "kata-console", "aria-labelledby": "kata-tab-console" });
  const tab = (/** @type {string} */ id, /** @type {string} */ label) => /** @type {HTMLButtonElement} */ (
    element("button", { type: "button", role: "tab", id: `kata-tab-${id}`, "aria-controls": `kata-${id}`,
      class: "kata-tab", "data-kata": `tab-${id}` }, label));
  const tabs = { results: tab("results", "Results"), console: tab("console", "Console") };
  tablist.append(tabs.results, tabs.console);
  return { tablist, results, console, tabs };
}

/**
 * Show one tab of the panel.
 * @param {Frame} frame
 * @param {"results" | "console"} which
 */
export function selectTab(frame, which) {
  for (const name of /** @type {const} */ (["results", "console"])) {
    const selected = name === which;
    frame.tabs[name].setAttribute("aria-selected", String(selected));
    frame.tabs[name].tabIndex = selected ? 0 : -1;
    frame[name].hidden = !selected;
  }
}
