// @ts-check
// Export, import and reset of everything the browser keeps (store.js): one JSON file with
// progress, saved code and revealed hints. An import that is not such a file changes nothing
// and says why; a reset asks first, in a modal dialog. Either tells the marks to refresh.

import { download } from "./notices.js";
import { announceProgressChange, el, listen } from "./progress-view.js";
import { exportAll, importAll, resetAll } from "./store.js";

/**
 * @typedef {{box: HTMLElement, exportButton: HTMLButtonElement, chooseButton: HTMLButtonElement,
 *   fileInput: HTMLInputElement, resetButton: HTMLButtonElement, message: HTMLElement,
 *   dialog: HTMLDialogElement, confirm: HTMLButtonElement, cancel: HTMLButtonElement}} Panel
 */

let panels = 0; // ids for labels, unique even with two panels on a page

/**
 * @param {HTMLElement} element  `[data-kata="progress-panel"]`
 * @param {import("./site.js").MountContext} context
 * @returns {() => void}
 */
export function mountProgressPanel(element, context) {
  void context;
  const panel = buildPanel(++panels);
  element.replaceChildren(panel.box, panel.dialog);
  const stops = [
    listen(panel.exportButton, "click", () => exportProgress(panel)),
    listen(panel.chooseButton, "click", () => panel.fileInput.click()),
    listen(panel.fileInput, "change", () => void importProgress(panel)),
    listen(panel.resetButton, "click", () => askReset(panel)),
    listen(panel.confirm, "click", () => confirmReset(panel)),
    listen(panel.cancel, "click", () => panel.dialog.close()),
  ];
  return () => {
    stops.forEach((stop) => stop());
    element.replaceChildren();
  };
}

/**
 * @param {string} kata  the data-kata hook
 * @param {string} label
 * @param {string} [modifier]  a kata-button--modifier class
 * @returns {HTMLButtonElement}
 */
function button(kata, label, modifier = "") {
  const className = modifier ? `kata-button kata-button--${modifier}` : "kata-button";
  return /** @type {HTMLButtonElement} */ (el("button", { type: "button", class: className, "data-kata": kata }, label));
}

/**
 * @param {number} id
 * @returns {Panel}
 */
function buildPanel(id) {
  const box = el("section", { class: "kata-panel", "aria-label": "Save, move or reset your progress" });
  const fileInput = /** @type {HTMLInputElement} */ (el("input", { type: "file", accept: ".json,application/json",
    "data-kata": "import-progress", "aria-label": "Import progress from a file", hidden: "" }));
  const panel = { box, fileInput, ...resetDialog(id),
    exportButton: button("export-progress", "Export progress"),
    chooseButton: button("choose-import", "Import progress"),
    resetButton: button("reset-progress", "Reset progress", "danger"),
    message: el("p", { class: "kata-panel__message", "data-kata": "import-message", role: "status" }) };
  const actions = el("div", { class: "kata-panel__actions" });
  actions.append(panel.exportButton, panel.chooseButton, fileInput, panel.resetButton);
  box.append(el("p", { class: "kata-panel__note" }, "Your progress and code are kept in this browser only. "
    + "Export them to keep a copy or to carry them to another browser."), actions, panel.message);
  return panel;
}

/**
 * @param {number} id
 * @returns {{dialog: HTMLDialogElement, confirm: HTMLButtonElement, cancel: HTMLButtonElement}}
 */
function resetDialog(id) {
  const dialog = /** @type {HTMLDialogElement} */ (el("dialog", { class: "kata-dialog md-typeset",
    "aria-labelledby": `kata-reset-title-${id}`, "aria-describedby": `kata-reset-text-${id}` }));
  const confirm = button("confirm-reset", "Reset everything", "danger");
  const cancel = button("cancel-reset", "Keep my progress");
  const actions = el("div", { class: "kata-dialog__actions" });
  actions.append(cancel, confirm);
  dialog.append(el("h2", { id: `kata-reset-title-${id}` }, "Reset all progress?"),
    el("p", { id: `kata-reset-text-${id}` }, "This forgets, in this browser, which problems you solved or "
      + "attempted, your saved code and the hints you revealed. It cannot be undone: export your progress "
      + "first to keep a copy."), actions);
  return { dialog, confirm, cancel };
}

/**
 * @param {Panel} panel
 * @param {"done" | "error"} tone
 * @param {string} text
 */
function say(panel, tone, text) {
  panel.message.dataset.tone = tone;
  panel.message.textContent = text;
}

/** @param {number} count @returns {string} */
function problems(count) {
  return `${count} problem${count === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------------
// The three actions

/** @param {Panel} panel */
function exportProgress(panel) {
  const file = exportAll();
  const name = `tensor-kata-progress-${file.exportedAt.slice(0, 10)}.json`;
  download(name, JSON.stringify(file, null, 2));
  say(panel, "done", `Exported ${problems(Object.keys(file.problems).length)} to ${name}.`);
}

/** @param {Panel} panel */
async function importProgress(panel) {
  const file = panel.fileInput.files?.[0];
  panel.fileInput.value = ""; // choosing the same file again is a new import
  if (!file) return;
  let text;
  try {
    text = await file.text();
  } catch {
    say(panel, "error", `${file.name} could not be read. Nothing was changed.`);
    return;
  }
  const result = importAll(text);
  if (!result.ok) {
    say(panel, "error", result.message);
    return;
  }
  say(panel, "done", `Merged ${problems(result.problems)} from ${file.name} with the progress in this browser.`);
  announceProgressChange();
}

/** @param {Panel} panel */
function askReset(panel) {
  panel.dialog.showModal();
  panel.cancel.focus(); // the safe answer first
}

/** @param {Panel} panel */
function confirmReset(panel) {
  resetAll();
  panel.dialog.close();
  say(panel, "done", "Progress reset: no problem is marked and no code is saved in this browser now.");
  announceProgressChange();
}
