// @ts-check
// On every page: a mark on each sidebar link to a problem (solved, attempted), the progress
// summaries (`[data-kata="progress"]`, overall or with `data-track` per track, and the list of
// every track's for `[data-kata="track-progress"]`), and the notice of a progress store that
// was found broken and reset. All of it is drawn again whenever progress changes.

import { problemUrl } from "./catalog.js";
import { showNotice } from "./notices.js";
import { drawMark, drawSummary, el, onProgressChange } from "./progress-view.js";
import { readProgress, stateOf, takeResetNotice } from "./store.js";

/**
 * @typedef {import("./catalog.js").Catalog} Catalog
 * @typedef {import("./store.js").Progress} Progress
 */

const RESET_NOTICE = "progress-reset";

/**
 * @param {HTMLElement} body
 * @param {import("./site.js").MountContext} context
 * @returns {Promise<() => void>}
 */
export async function mountProgressMarks(body, context) {
  readProgress(); // a broken store is reset as it is read: tell the learner even if the catalog never comes
  showResetNotice();
  const catalog = await context.catalog();
  addTrackSummaries(body, catalog);
  const slugs = slugsByUrl(catalog);
  const refresh = () => {
    const progress = readProgress();
    showResetNotice();
    markNavigation(body, slugs, progress);
    fillSummaries(body, catalog, progress);
  };
  refresh();
  return onProgressChange(refresh);
}

/** Show the notice of a store that was found broken (by this module or any other part). */
function showResetNotice() {
  const text = takeResetNotice();
  if (text) showNotice({ id: RESET_NOTICE, text, tone: "warning", dismissible: true });
}

// ---------------------------------------------------------------------------------------
// The sidebar

/**
 * @param {string} href
 * @returns {string} the page's URL without its query and fragment
 */
function pageKey(href) {
  const url = new URL(href, document.baseURI);
  url.search = url.hash = "";
  return url.href;
}

/**
 * @param {Catalog} catalog
 * @returns {Map<string, string>} each problem's slug, by its page's URL
 */
function slugsByUrl(catalog) {
  return new Map(Object.values(catalog.problems).map((problem) => [pageKey(problemUrl(problem)), problem.slug]));
}

/**
 * @param {HTMLElement} body
 * @param {Map<string, string>} slugs
 * @param {Progress} progress
 */
function markNavigation(body, slugs, progress) {
  for (const link of body.querySelectorAll("a.md-nav__link[href]")) {
    const slug = slugs.get(pageKey(/** @type {HTMLAnchorElement} */ (link).href));
    if (slug) markLink(/** @type {HTMLElement} */ (link), progress.problems[slug]);
  }
}

/**
 * @param {HTMLElement} link
 * @param {import("./store.js").ProblemProgress | undefined} entry
 */
function markLink(link, entry) {
  link.dataset.kataState = entry?.state ?? "new";
  let mark = /** @type {HTMLElement | null} */ (link.querySelector(":scope > .kata-nav-mark"));
  if (!entry) {
    mark?.remove();
    return;
  }
  mark ??= link.appendChild(el("span", { class: "kata-mark kata-nav-mark", "data-kata": "nav-mark" }));
  drawMark(mark, entry, " (", ")");
}

// ---------------------------------------------------------------------------------------
// The summaries

/**
 * A summary per track in every `[data-kata="track-progress"]` (the home page's list).
 * @param {HTMLElement} body
 * @param {Catalog} catalog
 */
function addTrackSummaries(body, catalog) {
  for (const list of body.querySelectorAll('[data-kata="track-progress"]')) {
    const items = catalog.tracks.map((track) => {
      const item = el("li", { class: "kata-track-progress__item" });
      item.append(el("span", { class: "kata-track-progress__name" }, track.name),
        el("div", { class: "kata-progress", "data-kata": "progress", "data-track": track.name }));
      return item;
    });
    list.replaceChildren(...items);
  }
}

/**
 * @param {HTMLElement} body
 * @param {Catalog} catalog
 * @param {Progress} progress
 */
function fillSummaries(body, catalog, progress) {
  for (const summary of body.querySelectorAll('[data-kata="progress"]')) {
    const element = /** @type {HTMLElement} */ (summary);
    const track = element.dataset.track;
    const slugs = track === undefined ? Object.keys(catalog.problems)
      : catalog.tracks.find((candidate) => candidate.name === track)?.problems;
    if (!slugs) continue; // a track the catalog does not know: left as it is
    const solved = slugs.filter((slug) => stateOf(progress, slug) === "solved").length;
    drawSummary(element, solved, slugs.length, track === undefined ? "Problems solved" : `Solved in ${track}`);
  }
}
