// @ts-check
// Keeps a problem's code in the browser as the learner types, and never loses it:
// - every save is checked; when the browser refuses (storage full or blocked), a notice says
//   so, offers an export of everything, and the save is retried until it works;
// - when another tab saves the same problem, this tab stops saving and asks: take theirs or
//   keep mine. Nothing is overwritten without a word.

import { download, hideNotice, showNotice } from "./notices.js";
import { exportAll, onSaveFailure, onStorageChange, pendingSaves, readCode, retrySaves, writeCode } from "./store.js";

const SAVE_DELAY_MS = 300;
const RETRY_MS = 5000;
const FAILED_NOTICE = "kata-save-failed";
const CONFLICT_NOTICE = "kata-other-tab";

/**
 * @typedef {{getCode: () => string, setCode: (code: string) => void}} CodeHolder
 */

export class CodeKeeper {
  /**
   * @param {string} slug
   * @param {string} starter
   */
  constructor(slug, starter) {
    this.slug = slug;
    const saved = readCode(slug);
    /** The code as this tab last knew it saved (a missing save is the starter). */
    this.known = saved ? saved.code : starter;
    /** @type {string | null} */
    this.unsaved = null;
    /** @type {string | null} the other tab's code, while the learner has not chosen */
    this.theirs = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {ReturnType<typeof setInterval> | undefined} */
    this.retrier = undefined;
    /** @type {CodeHolder | null} */
    this.holder = null;
    this.stops = [onSaveFailure(() => this.#failed()), onStorageChange((change) => this.#changedElsewhere(change))];
  }

  /** @returns {string} the code the editor starts with */
  get initial() {
    return this.known;
  }

  /** @param {CodeHolder} holder  the editor, once it exists */
  attach(holder) {
    this.holder = holder;
  }

  /** The learner typed: save soon (unless another tab's save awaits a choice). @param {string} code */
  changed(code) {
    this.unsaved = code;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Save now what is waiting (on leaving the page, or after the delay). */
  flush() {
    clearTimeout(this.timer);
    if (this.unsaved === null || this.theirs !== null) return;
    const code = this.unsaved;
    this.unsaved = null;
    this.known = code;
    writeCode(this.slug, code);
  }

  #failed() {
    showNotice({ id: FAILED_NOTICE, tone: "warning",
      text: "Your browser did not save your work: its storage is full or blocked. Nothing is lost while "
        + "this tab stays open; saving is tried again every few seconds. Export your work to keep a copy.",
      actions: [{ label: "Export your work", kata: "export-now",
        onClick: () => download("tensor-kata-progress.json", JSON.stringify(exportAll(), null, 1)) }] });
    this.retrier ??= setInterval(() => this.#retry(), RETRY_MS);
  }

  #retry() {
    if (!retrySaves()) return;
    clearInterval(this.retrier);
    this.retrier = undefined;
    if (!pendingSaves()) hideNotice(FAILED_NOTICE);
  }

  /** @param {import("./store.js").StorageChange} change */
  #changedElsewhere(change) {
    if (change.kind !== "code" || change.slug !== this.slug || !this.holder) return;
    const theirs = change.saved ? change.saved.code : null;
    if (theirs === null || theirs === this.known) return;
    this.theirs = theirs;
    showNotice({ id: CONFLICT_NOTICE, tone: "warning",
      text: "This problem's code was changed in another tab. Until you choose, this tab does not save.",
      actions: [{ label: "Take theirs", kata: "take-theirs", onClick: () => this.#choose("theirs") },
        { label: "Keep mine", kata: "keep-mine", onClick: () => this.#choose("mine") }] });
  }

  /** @param {"theirs" | "mine"} choice */
  #choose(choice) {
    const theirs = this.theirs;
    this.theirs = null;
    hideNotice(CONFLICT_NOTICE);
    if (!this.holder || theirs === null) return;
    if (choice === "theirs") {
      this.known = theirs;
      this.unsaved = null;
      this.holder.setCode(theirs);
      this.unsaved = null; // the editor's change event saved nothing new: it is theirs
    } else {
      this.unsaved = this.holder.getCode();
      this.flush();
    }
  }

  /** Stop listening and saving (the page is going away); what waits is saved first. */
  unmount() {
    this.flush();
    clearTimeout(this.timer);
    clearInterval(this.retrier);
    hideNotice(CONFLICT_NOTICE);
    for (const stop of this.stops) stop();
  }
}
