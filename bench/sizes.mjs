// @ts-check
// Bytes a page loads, gzipped (level 6, a web server's usual), by owner: ours (our JS and CSS
// under assets/kata/, the worker's script included), our Python harness, the problem's data,
// KaTeX, mkdocs-material, Pyodide's runtime, and the rest. "Loads" means what Chromium requested while the page (and on a problem page,
// its Python) started, with the service worker blocked so that it stores nothing meanwhile.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { executablePath, launchArgs } from "./browser.mjs";

/**
 * @typedef {"ours" | "harness" | "data" | "katex" | "material" | "pyodide" | "other"} Owner
 * @typedef {{path: string, owner: Owner, gzip: number}} LoadedFile
 * @typedef {{page: string, files: LoadedFile[], ours: number, editor: boolean}} PageBytes
 *   ours: gzip bytes of our JS and CSS; editor: CodeMirror is among them
 */

/** @type {[RegExp, Owner][]} by path under the site's root, first match wins */
const OWNERS = [
  [/^assets\/kata\/harness\.zip$/, "harness"],
  [/^problems\/[^/]+\/kata\.json$/, "data"],
  [/^assets\/kata\/katex\//, "katex"],
  [/^assets\/kata\/pyodide-[^/]+\//, "pyodide"],
  [/^assets\/kata\/.*\.(m?js|css)$/, "ours"],
  [/^assets\/(javascripts|stylesheets)\//, "material"],
];

/** A string that CodeMirror's view always carries into a bundle (its theme's class names). */
const CODEMIRROR_MARK = "cm-content";

/**
 * @param {string} siteDir
 * @param {string} siteUrl  where siteDir is served
 * @param {string[]} pages  paths under the site's root, e.g. "problems/"
 * @returns {Promise<PageBytes[]>}
 */
export async function pageBytes(siteDir, siteUrl, pages) {
  const browser = await chromium.launch({ executablePath, args: launchArgs, headless: true });
  try {
    const results = [];
    for (const path of pages) results.push(await loadedBy(browser, siteDir, siteUrl, path));
    return results;
  } finally {
    await browser.close();
  }
}

/**
 * @param {import("@playwright/test").Browser} browser
 * @param {string} siteDir
 * @param {string} siteUrl
 * @param {string} path
 * @returns {Promise<PageBytes>}
 */
async function loadedBy(browser, siteDir, siteUrl, path) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  /** @type {Set<string>} */
  const urls = new Set();
  context.on("request", (request) => { urls.add(request.url()); });
  const page = await context.newPage();
  page.on("worker", (worker) => { urls.add(worker.url()); });
  await page.goto(siteUrl + path, { waitUntil: "networkidle" });
  if (await page.locator("[data-kata-root]").count()) {
    await page.waitForFunction(() => performance.getEntriesByName("kata:python-ready").length > 0, null,
      { timeout: 120_000 });
  }
  await context.close();
  const files = [...urls].filter((url) => url.startsWith(siteUrl))
    .map((url) => new URL(url).pathname.slice(new URL(siteUrl).pathname.length))
    .filter((file) => file.includes(".")) // pages themselves ("problems/") are not assets
    .map((file) => ({ path: file, owner: ownerOf(file), gzip: gzipSize(join(siteDir, file)) }));
  const ours = files.filter((file) => file.owner === "ours");
  const editor = ours.some((file) => file.path.endsWith("js")
    && readFileSync(join(siteDir, file.path), "utf8").includes(CODEMIRROR_MARK));
  return { page: path, files, ours: sum(ours.map((file) => file.gzip)), editor };
}

/** @param {string} path @returns {Owner} */
function ownerOf(path) {
  return OWNERS.find(([pattern]) => pattern.test(path))?.[1] ?? "other";
}

/** @param {string} file @returns {number} */
function gzipSize(file) {
  return gzipSync(readFileSync(file), { level: 6 }).length;
}

/** @param {number[]} xs */
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/**
 * The largest problem data file (`problems/<slug>/kata.json`), gzipped.
 * @param {string} siteDir
 * @returns {{slug: string, gzip: number, count: number}}
 */
export function largestProblemData(siteDir) {
  const folder = join(siteDir, "problems");
  const sizes = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory())
    .map((entry) => ({ slug: entry.name, file: join(folder, entry.name, "kata.json") }))
    .filter(({ file }) => { try { return readFileSync(file).length > 0; } catch { return false; } })
    .map(({ slug, file }) => ({ slug, gzip: gzipSize(file) }));
  const largest = sizes.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  return { ...largest, count: sizes.length };
}

/**
 * Gzip bytes by owner.
 * @param {LoadedFile[]} files
 * @returns {Record<Owner, number>}
 */
export function bytesByOwner(files) {
  /** @type {Record<Owner, number>} */
  const totals = { ours: 0, harness: 0, data: 0, katex: 0, material: 0, pyodide: 0, other: 0 };
  for (const file of files) totals[file.owner] += file.gzip;
  return totals;
}
