// @ts-check
// The problem index: shows the filter bar (hidden in the HTML, where it could do nothing),
// filters the rows (every filter must match), counts them, hides track groups left empty, and
// keeps the filters in the URL's query so a filtered view can be linked and reloaded. Each row
// gets its state (`data-state`) and a mark from the learner's progress.

import { drawMark, el, listen, onProgressChange } from "./progress-view.js";
import { readProgress } from "./store.js";

/**
 * @typedef {"track" | "difficulty" | "tag" | "state" | "text"} FilterName
 * @typedef {Record<FilterName, string>} Filters  "" filters nothing
 * @typedef {HTMLSelectElement | HTMLInputElement} Control
 * @typedef {{element: HTMLElement, controls: Control[], rows: {row: HTMLElement, title: string}[],
 *   count: HTMLElement | null, empty: HTMLElement}} IndexView
 */

/** @type {FilterName[]} the query's keys, in the order the URL lists them */
const FILTERS = ["track", "difficulty", "tag", "state", "text"];

/**
 * @param {HTMLElement} element  `[data-kata="index"]`
 * @param {import("./site.js").MountContext} context
 * @returns {() => void}
 */
export function mountIndex(element, context) {
  void context;
  const view = indexView(element);
  const form = element.querySelector('[data-kata="filters"]');
  form?.after(view.empty);
  form?.removeAttribute("hidden");
  markRows(view);
  const stops = listenToIndex(view, location.pathname);
  return () => {
    stops.forEach((stop) => stop());
    view.empty.remove();
  };
}

/**
 * @param {IndexView} view
 * @param {string} indexPath  the index's own path: the URL changing to another is the learner leaving
 * @returns {(() => void)[]} the functions that stop listening
 */
function listenToIndex(view, indexPath) {
  const fromUrl = () => {
    if (location.pathname !== indexPath) return;
    setFilters(view.controls, new URLSearchParams(location.search));
    apply(view);
  };
  const stops = [
    listen(view.element, "input", (event) => isControl(view, event) && apply(view, true)), // selects too
    listen(view.element, "submit", (event) => event.preventDefault()), // the filters have nothing to send
    listenClear(view),
    listen(view.element, "click", (event) => followTag(/** @type {MouseEvent} */ (event), fromUrl)),
    onProgressChange(() => { markRows(view); apply(view); }),
    onLocationChange(fromUrl),
  ];
  fromUrl();
  return stops;
}

/**
 * @param {HTMLElement} element
 * @returns {IndexView}
 */
function indexView(element) {
  const rows = [...element.querySelectorAll('[data-kata="problem-row"]')].map((node) => {
    const row = /** @type {HTMLElement} */ (node);
    return { row, title: (row.querySelector(".kata-row__title")?.textContent ?? "").toLowerCase() };
  });
  return { element, rows,
    controls: /** @type {Control[]} */ ([...element.querySelectorAll('[data-kata="filter"]')]),
    count: element.querySelector('[data-kata="filter-count"]'),
    empty: el("p", { class: "kata-filter-empty", "data-kata": "filter-empty", hidden: "" },
      "No problem matches these filters.") };
}

/**
 * @param {IndexView} view
 * @param {Event} event
 * @returns {boolean}
 */
function isControl(view, event) {
  return view.controls.includes(/** @type {Control} */ (event.target));
}

/**
 * A tag's link in a row (`?tag=lora`) filters this page in place, with a history entry so that
 * Back returns to the previous filters; a click meant for a new tab is left to the browser.
 * @param {MouseEvent} event
 * @param {() => void} fromUrl
 */
function followTag(event, fromUrl) {
  const link = event.target instanceof Element ? event.target.closest("a.kata-tag") : null;
  if (!(link instanceof HTMLAnchorElement) || event.button !== 0 || event.metaKey || event.ctrlKey
    || event.shiftKey || event.altKey) return;
  event.preventDefault();
  event.stopPropagation(); // instant navigation (mkdocs-material's, instant.js) would push it again
  history.pushState(null, "", link.href);
  fromUrl();
}

/** @param {IndexView} view @returns {() => void} */
function listenClear(view) {
  const clear = view.element.querySelector('[data-kata="clear-filters"]');
  if (!clear) return () => {};
  return listen(clear, "click", () => {
    for (const control of view.controls) control.value = "";
    apply(view, true);
  });
}

// ---------------------------------------------------------------------------------------
// Filtering

/**
 * Show the matching rows and the track groups that keep any, count them, and (when the
 * learner changed a filter) keep the filters in the URL.
 * @param {IndexView} view
 * @param {boolean} [remember]
 */
function apply(view, remember = false) {
  const filters = readFilters(view.controls);
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const { row, title } of view.rows) {
    row.hidden = !(matches(row, filters) && words.every((word) => title.includes(word)));
    shown += row.hidden ? 0 : 1;
  }
  for (const group of view.element.querySelectorAll('[data-kata="track-group"]')) {
    /** @type {HTMLElement} */ (group).hidden = !group.querySelector('[data-kata="problem-row"]:not([hidden])');
  }
  const total = view.rows.length;
  if (view.count) view.count.textContent = `${shown} of ${total} problem${total === 1 ? "" : "s"}`;
  view.empty.hidden = shown > 0;
  if (remember) writeQuery(filters);
}

/**
 * @param {HTMLElement} row
 * @param {Filters} filters
 * @returns {boolean} whether the row matches every filter but the text
 */
function matches(row, filters) {
  const data = row.dataset;
  return (!filters.track || data.track === filters.track)
    && (!filters.difficulty || data.difficulty === filters.difficulty)
    && (!filters.state || data.state === filters.state)
    && (!filters.tag || (data.tags ?? "").split(" ").includes(filters.tag));
}

/**
 * @param {Control[]} controls
 * @returns {Filters}
 */
function readFilters(controls) {
  const filters = /** @type {Filters} */ (Object.fromEntries(FILTERS.map((name) => [name, ""])));
  for (const control of controls) {
    if (FILTERS.includes(/** @type {FilterName} */ (control.name))) filters[/** @type {FilterName} */ (control.name)] = control.value;
  }
  return filters;
}

// ---------------------------------------------------------------------------------------
// The URL's query

/**
 * Set the controls from a query; a value that no option has (a tag since removed) filters nothing.
 * @param {Control[]} controls
 * @param {URLSearchParams} query
 */
function setFilters(controls, query) {
  for (const control of controls) {
    const wanted = query.get(control.name) ?? "";
    control.value = control instanceof HTMLSelectElement ? optionValue(control, wanted) : wanted;
  }
}

/**
 * The option's value for a query's value: exact, else ignoring case (`?track=lora`), else "".
 * @param {HTMLSelectElement} select
 * @param {string} wanted
 * @returns {string}
 */
function optionValue(select, wanted) {
  const values = [...select.options].map((option) => option.value);
  return values.includes(wanted) ? wanted : values.find((value) => value.toLowerCase() === wanted.toLowerCase()) ?? "";
}

/**
 * Keep the filters in the URL without a history entry (and with mkdocs-material's state, its
 * scroll position, kept).
 * @param {Filters} filters
 */
function writeQuery(filters) {
  const query = new URLSearchParams(FILTERS.filter((name) => filters[name]).map((name) => [name, filters[name]]));
  const url = new URL(location.href);
  url.search = query.toString();
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}

/**
 * Call back when the URL changes without a new page: Back and Forward between filtered views,
 * a link to this page with another query (mkdocs-material's `location$` sees them all and
 * fetches no page when only the query changes). Without mkdocs-material, `popstate`.
 * @param {() => void} callback
 * @returns {() => void}
 */
function onLocationChange(callback) {
  /** @type {{subscribe?: (next: () => void) => {unsubscribe: () => void}} | undefined} */
  const locations = /** @type {any} */ (window).location$;
  if (!locations?.subscribe) return listen(window, "popstate", callback);
  const subscription = locations.subscribe(() => callback());
  return () => subscription.unsubscribe();
}

// ---------------------------------------------------------------------------------------
// Progress

/** @param {IndexView} view */
function markRows(view) {
  const progress = readProgress();
  for (const { row } of view.rows) {
    const entry = progress.problems[row.dataset.slug ?? ""];
    row.dataset.state = entry?.state ?? "new";
    row.toggleAttribute("data-seen", Boolean(entry?.solutionSeen));
    const mark = /** @type {HTMLElement | null} */ (row.querySelector('[data-kata="state-mark"]'));
    if (mark) drawMark(mark, entry);
    showSeen(row, Boolean(entry?.solutionSeen));
  }
}

/**
 * "solution seen", in words, after the title of a problem whose solution was shown early.
 * @param {HTMLElement} row
 * @param {boolean} seen
 */
function showSeen(row, seen) {
  const label = row.querySelector(".kata-seen");
  if (!seen) label?.remove();
  else if (!label) row.querySelector(".kata-row__title")?.append(el("span", { class: "kata-seen" }, "solution seen"));
}
