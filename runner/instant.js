// @ts-check
// Instant navigation wherever the site is served. mkdocs-material swaps pages without a
// reload only for links to pages its sitemap.xml lists, and the sitemap lists none unless
// `site_url` is set and matches the server's port and path: for a site meant to be copied to
// any host, or opened on a laptop, that rarely holds, and every page would load afresh and
// start Python again. This module hands mkdocs-material the site's other page links: for
// such a click it does what mkdocs-material does for a link in its sitemap (remember the
// scroll offset, push the address, emit it on `location$`), so fetching, swapping the page,
// scroll restoration and `document$` all stay mkdocs-material's. It also prefetches a page
// when the pointer or the focus reaches its link, as `navigation.instant.prefetch` does.

import { siteRoot } from "./catalog.js";

/** @typedef {{next: (url: URL) => void}} LocationSubject  mkdocs-material's `location$` */

/** Start handing links over, once per visit; nothing happens without instant navigation. */
export function enableInstantNavigation() {
  const location$ = /** @type {LocationSubject | undefined} */ (/** @type {any} */ (window).location$);
  if (!location$?.next || !features().includes("navigation.instant") || location.protocol === "file:") return;
  // On the document, so that mkdocs-material's own listener (on the body) sees a click first:
  // a link it handled is already `defaultPrevented`.
  document.addEventListener("click", (event) => follow(event, location$));
  if (features().includes("navigation.instant.prefetch")) {
    const prefetched = new Set([pageKey(new URL(location.href))]);
    const onReach = (/** @type {Event} */ event) => prefetch(event, prefetched);
    document.addEventListener("mouseover", onReach, { passive: true });
    document.addEventListener("focusin", onReach);
  }
}

/** @returns {string[]} the theme's features, from mkdocs-material's configuration */
function features() {
  try {
    return JSON.parse(document.getElementById("__config")?.textContent || "{}").features ?? [];
  } catch {
    return [];
  }
}

/**
 * @param {MouseEvent} event
 * @param {LocationSubject} location$
 */
function follow(event, location$) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
    || event.altKey) return;
  const url = pageLink(event.target);
  if (!url || url.pathname === location.pathname) return; // the same page: anchors stay the browser's
  event.preventDefault();
  history.replaceState({ x: scrollX, y: scrollY }, "");
  history.pushState(null, "", url);
  location$.next(url);
}

/**
 * @param {Event} event
 * @param {Set<string>} prefetched
 */
function prefetch(event, prefetched) {
  const url = pageLink(event.target);
  if (!url || prefetched.has(pageKey(url))) return;
  prefetched.add(pageKey(url));
  const link = document.createElement("link");
  link.rel = "prefetch";
  link.href = pageKey(url);
  document.head.append(link);
}

/**
 * @param {EventTarget | null} target
 * @returns {URL | null} the address of a page of this site that the target links to
 */
function pageLink(target) {
  const anchor = target instanceof Element ? target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.target || anchor.hasAttribute("download")) return null;
  const url = new URL(anchor.href);
  const root = siteRoot();
  const isPage = url.pathname.endsWith("/") || url.pathname.endsWith(".html");
  return url.origin === root.origin && url.pathname.startsWith(root.pathname) && isPage ? url : null;
}

/** @param {URL} url @returns {string} the page's address without query and fragment */
function pageKey(url) {
  return `${url.origin}${url.pathname}`;
}
