// @ts-check
// The reference solution and the problem's explanation: shown after a passing Submit, or
// before one when the learner confirms they want to see it (the problem is then marked
// "solution seen"). Both come from kata.json, rendered by the build; they are trusted HTML.

import { readProgress, updateProgress } from "./store.js";
import { button, element } from "./layout.js";

/**
 * @typedef {{reveal: (why: "passed" | "asked") => void, unmount: () => void}} SolutionView
 */

/**
 * @param {{panel: HTMLElement, trigger: HTMLButtonElement, slug: string,
 *   data: Promise<import("./problem-data.js").ProblemData>}} options
 * @returns {SolutionView}
 */
export function mountSolution({ panel, trigger, slug, data }) {
  const earned = () => ["solved"].includes(readProgress().problems[slug]?.state ?? "")
    || Boolean(readProgress().problems[slug]?.solutionSeen);
  const dialog = confirmDialog();
  let shown = false;
  const show = async () => {
    if (shown) return;
    shown = true;
    fill(panel, await data);
    panel.hidden = false;
    trigger.hidden = true;
  };
  /** @param {"passed" | "asked"} why */
  const reveal = (why) => {
    if (why === "asked" && !earned()) {
      updateProgress(slug, (entry) => ({ ...entry, state: entry?.state ?? "new", solutionSeen: true }));
    }
    void show();
  };
  const onTrigger = () => (earned() ? reveal("asked") : dialog.open(() => reveal("asked")));
  trigger.addEventListener("click", onTrigger);
  trigger.textContent = earned() ? "Solution" : "Show the solution";
  return { reveal, unmount: () => {
    trigger.removeEventListener("click", onTrigger);
    dialog.remove();
  } };
}

/**
 * @param {HTMLElement} panel
 * @param {import("./problem-data.js").ProblemData} data
 */
function fill(panel, data) {
  const body = element("div", { class: "kata-solution md-typeset", "data-kata": "solution" });
  const head = element("div", { class: "kata-solution__head" });
  const hide = button("hide-solution", "Hide", "Hide the solution");
  hide.addEventListener("click", () => { panel.hidden = true; });
  head.append(element("h2", {}, "Reference solution"), hide);
  const code = element("div", { class: "kata-solution__code" });
  code.innerHTML = data.solution_html; // the build's own HTML (pymdownx.highlight), not the learner's
  body.append(head, code);
  if (data.explanation_html) {
    const explanation = element("div", { class: "kata-solution__explanation" });
    explanation.innerHTML = data.explanation_html;
    body.append(element("h3", {}, "Why it works"), explanation);
  }
  panel.replaceChildren(body);
  renderMath(body);
}

/** @param {HTMLElement} element  math typeset the way the site's pages are (math.js) */
function renderMath(element) {
  /** @type {any} */ (window).kataRenderMath?.(element);
}

/**
 * A modal question before the solution is shown early; `open` calls back on "Show it".
 * @returns {{open: (onConfirm: () => void) => void, remove: () => void}}
 */
function confirmDialog() {
  const dialog = /** @type {HTMLDialogElement} */ (element("dialog", { class: "kata-dialog md-typeset",
    "aria-labelledby": "kata-dialog-title" }));
  const yes = button("confirm-solution", "Show it");
  const no = button("cancel-solution", "Not yet");
  dialog.append(element("h2", { id: "kata-dialog-title" }, "See the solution now?"),
    element("p", {}, "You can still solve the problem afterwards, but it will be marked \u201csolution "
      + "seen\u201d. Trying a hint first often helps more."), yes, no);
  document.body.append(dialog);
  /** @type {(() => void) | null} */
  let confirmed = null;
  yes.addEventListener("click", () => { dialog.close(); confirmed?.(); });
  no.addEventListener("click", () => dialog.close());
  return { open: (onConfirm) => { confirmed = onConfirm; dialog.showModal(); no.focus(); }, remove: () => dialog.remove() };
}
