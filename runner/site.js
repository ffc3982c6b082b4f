// @ts-check
// Every page's module. It mounts what the page has, on the first load and after each instant
// navigation (mkdocs-material's `document$`), and unmounts what the previous page had: no
// listener, observer or progress subscription outlives its page. The problem workspace (with
// CodeMirror) is a chunk of its own, loaded only on problem pages; the runner, which owns the
// Python worker, lives for the whole visit.

import { loadCatalog } from "./catalog.js";
import { loadedAhead } from "./loaded-ahead.js";
import { enableInstantNavigation } from "./instant.js";
import { registerOfflineSupport } from "./offline.js";
import { sharedRunner } from "./python.js";
import { readProgress } from "./store.js";

/**
 * @typedef {() => void} Unmount
 * @typedef {{catalog: () => Promise<import("./catalog.js").Catalog>, signal: AbortSignal}} MountContext
 * @typedef {{selector: string, mount: (element: HTMLElement, context: MountContext) => Promise<Unmount | void>}} Part
 */

/** The parts a page may have, each mounted on the elements its selector finds. @type {Part[]} */
const PARTS = [
  { selector: "body", mount: async (body, context) =>
    (await import("./progress-marks.js")).mountProgressMarks(body, context) },
  { selector: '[data-kata="index"]', mount: async (element, context) =>
    (await import("./index-page.js")).mountIndex(element, context) },
  { selector: '[data-kata="progress-panel"]', mount: async (element, context) =>
    (await import("./progress-panel.js")).mountProgressPanel(element, context) },
  // Python starts at once, while the workspace's chunk (with the editor) is still loading.
  { selector: "[data-kata-root]", mount: async (element) => void sharedRunner(element) },
  { selector: "[data-kata-root]", mount: async (element, context) =>
    (await loadWorkspace()).mountWorkspace(element, context) },
];

/** @returns {Promise<typeof import("./workspace.js")> | typeof import("./workspace.js")} */
function loadWorkspace() {
  const ahead = /** @type {typeof import("./workspace.js") | undefined} */ (loadedAhead.get("workspace"));
  return ahead ?? import("./workspace.js");
}

/** @type {{controller: AbortController, unmounts: Unmount[]} | null} */
let current = null;

/** Unmount the previous page, then mount this one's parts. */
async function mountPage() {
  unmountPage();
  const controller = new AbortController();
  /** @type {Unmount[]} */
  const unmounts = [];
  current = { controller, unmounts };
  /** @type {MountContext} */
  const context = { catalog: loadCatalog, signal: controller.signal };
  const mounting = PARTS.flatMap(({ selector, mount }) =>
    [...document.querySelectorAll(selector)].map((element) => mountPart(element, mount, context, unmounts)));
  await Promise.all(mounting);
}

/**
 * @param {Element} element
 * @param {Part["mount"]} mount
 * @param {MountContext} context
 * @param {Unmount[]} unmounts
 */
async function mountPart(element, mount, context, unmounts) {
  try {
    const unmount = await mount(/** @type {HTMLElement} */ (element), context);
    if (!unmount) return;
    if (context.signal.aborted) unmount(); // the learner navigated away while it loaded
    else unmounts.push(unmount);
  } catch (error) {
    console.error("Tensor Kata: a part of this page could not start", error);
    element.setAttribute("data-kata-failed", error instanceof Error ? error.message : String(error));
  }
}

function unmountPage() {
  if (!current) return;
  current.controller.abort();
  for (const unmount of current.unmounts.splice(0)) {
    try {
      unmount();
    } catch (error) {
      console.error("Tensor Kata: unmounting failed", error);
    }
  }
  current = null;
}

/** `window.kata`: the workspace adds to it on problem pages (DESIGN.md, the hooks). */
Object.assign(window, { kata: { progress: () => readProgress().problems } });
registerOfflineSupport();
enableInstantNavigation();

// The page as loaded is mounted now: this module runs once the document is parsed, before
// DOMContentLoaded and the scripts that wait for it (the math). Later pages are mounted as
// instant navigation brings them; `document$` also announces the first page, already mounted.
void mountPage();
/** @type {{subscribe?: (callback: () => void) => void} | undefined} */
const documentChanges = /** @type {any} */ (window).document$;
let firstPage = true;
documentChanges?.subscribe?.(() => {
  if (firstPage) firstPage = false;
  else void mountPage();
});
