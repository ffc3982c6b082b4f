// @ts-check
// The problems of the site, their tracks and their pages: `problems/catalog.json`, written by
// the build, fetched once per visit. URLs in it are relative to the site's root; the root is
// what mkdocs-material's configuration calls `base`, relative to the current page.

/**
 * @typedef {{slug: string, title: string, track: string, difficulty: "easy"|"medium"|"hard",
 *   tags: string[], url: string}} CatalogProblem  url: the page, relative to the site's root
 * @typedef {{name: string, description: string, problems: string[]}} CatalogTrack  problems: slugs in order
 * @typedef {{tracks: CatalogTrack[], problems: Record<string, CatalogProblem>}} Catalog
 */

/** @type {Promise<Catalog> | null} */
let loading = null;

/**
 * The site's root, from the page this module first ran on. mkdocs-material's `base` is
 * relative to the page that was loaded, and its configuration is not replaced by instant
 * navigation, so it is resolved once, against the first page's address.
 */
const ROOT = readRoot();

/** @returns {URL} the site's root, from any page of it (sub-path safe) */
export function siteRoot() {
  return new URL(ROOT.href);
}

/** @returns {URL} */
function readRoot() {
  const config = document.getElementById("__config");
  let base = ".";
  try {
    base = JSON.parse(config?.textContent || "{}").base ?? ".";
  } catch {
    // no configuration: the page is at the root
  }
  return new URL(base.endsWith("/") ? base : `${base}/`, document.baseURI);
}

/** @returns {Promise<Catalog>} */
export function loadCatalog() {
  loading ??= fetchCatalog().catch((error) => {
    loading = null; // a failed fetch is tried again next time
    throw error;
  });
  return loading;
}

/** @returns {Promise<Catalog>} */
async function fetchCatalog() {
  const url = new URL("problems/catalog.json", siteRoot());
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  return response.json();
}

/**
 * A problem's page as an absolute URL.
 * @param {CatalogProblem} problem
 * @returns {string}
 */
export function problemUrl(problem) {
  return new URL(problem.url, siteRoot()).href;
}
