// @ts-check
// A blank page holding the results pane and nothing else, for tests_e2e/results.spec.js:
// runner/results.js bundled by esbuild, mkdocs-material's own style sheets (from the
// project's .venv) and runner/styles/results.css. No built site, no Python.

import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * @typedef {import("@playwright/test").Page} Page
 * @typedef {import("../runner/result.js").Result} Result
 * @typedef {{kind?: "run"|"submit", next?: {href: string, title: string}}} ShowOptions
 * @typedef {{scheme?: "light"|"dark", width?: number, height?: number}} PaneOptions
 */

const ROOT = new URL("..", import.meta.url);

/** What the page itself defines (kata.css): the status colours, in both palettes. */
const PAGE_CSS = `
:root { --kata-pass: #2e7d32; --kata-fail: #c62828; --kata-error: #b35c00; }
[data-md-color-scheme="slate"] { --kata-pass: #66bb6a; --kata-fail: #ef5350; --kata-error: #ffa726; }
body { margin: 0; background: var(--md-default-bg-color); color: var(--md-default-fg-color); }
.harness { display: flex; gap: 2rem; padding: 1rem 1.5rem; }
.harness-statement { flex: 1; min-width: 0; }
.harness-pane { flex: none; }
.harness-pane .kata-results { overflow: auto; }
`;

/**
 * Calls the pane makes back to the page are recorded in `window.calls`; observers of the
 * document are counted in `window.liveObservers` (to see that disposeResults lets go).
 */
const PAGE_SCRIPT = `
window.calls = { copied: [], marked: [] };
window.liveObservers = new Set();
const NativeObserver = window.MutationObserver;
window.MutationObserver = class extends NativeObserver {
  observe(target, options) { window.liveObservers.add(this); super.observe(target, options); }
  disconnect() { window.liveObservers.delete(this); super.disconnect(); }
};
window.panel = () => document.querySelector('[data-kata="results"]');
window.show = (result, options = {}) => window.kataResults.showResult(window.panel(), result, { ...options,
  onCopyToConsole: (code) => window.calls.copied.push(code),
  onMarkLine: (line, message) => window.calls.marked.push({ line, message }) });
`;

/** @type {Promise<string> | undefined} */
let bundle;

/** @returns {Promise<string>} runner/results.js and its imports as one script defining `kataResults` */
function bundledResults() {
  bundle ??= build({ entryPoints: [fileURLToPath(new URL("runner/results.js", ROOT))], bundle: true,
    format: "iife", globalName: "kataResults", target: "es2022", write: false, logLevel: "silent" })
    .then((result) => result.outputFiles[0].text);
  return bundle;
}

/** @returns {string} mkdocs-material's main and palette style sheets, as the site links them */
function materialCss() {
  const lib = new URL(".venv/lib/", ROOT);
  const python = readdirSync(lib).find((name) => name.startsWith("python"));
  const folder = new URL(`${python}/site-packages/material/templates/assets/stylesheets/`, lib);
  return readdirSync(folder).filter((name) => /^(main|palette)\.[0-9a-f]+\.min\.css$/.test(name))
    .map((name) => readFileSync(new URL(name, folder), "utf-8")).join("\n");
}

/**
 * @param {"light"|"dark"} scheme
 * @param {number} width
 * @param {number} height
 * @returns {string}
 */
function pageHtml(scheme, width, height) {
  const palette = scheme === "dark" ? "slate" : "default";
  return `<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8"><title>Results pane</title></head>
<body data-md-color-scheme="${palette}" data-md-color-primary="indigo" data-md-color-accent="deep-orange">
<main class="harness"><article class="md-typeset harness-statement"><h1>A problem</h1>
<p>The statement would be here; the results pane is on the right.</p></article>
<div class="md-typeset kata harness-pane" style="width: ${width}px">
<section class="kata-results" data-kata="results" data-status="idle" aria-live="polite" aria-label="Results"
 style="max-height: ${height}px"></section></div></main></body></html>`;
}

/**
 * Put a blank page with an empty results pane into `page`.
 * @param {Page} page
 * @param {PaneOptions} [options]
 */
export async function openPane(page, { scheme = "light", width = 640, height = 2000 } = {}) {
  await page.setContent(pageHtml(scheme, width, height));
  await page.addStyleTag({ content: materialCss() });
  await page.addStyleTag({ content: PAGE_CSS });
  await page.addStyleTag({ path: fileURLToPath(new URL("runner/styles/results.css", ROOT)) });
  await page.addScriptTag({ content: PAGE_SCRIPT });
  await page.addScriptTag({ content: await bundledResults() });
}

/**
 * A fixture Result from tests_e2e/results-fixtures/.
 * @param {string} name
 * @returns {Result}
 */
export function fixture(name) {
  return JSON.parse(readFileSync(new URL(`results-fixtures/${name}.json`, import.meta.url), "utf-8"));
}

/**
 * Show a Result in the pane, with callbacks that record what the pane asked of the page.
 * @param {Page} page
 * @param {Result} result
 * @param {ShowOptions} [options]
 */
export async function show(page, result, options = {}) {
  await page.evaluate(([shown, how]) => /** @type {any} */ (window).show(shown, how), /** @type {const} */ ([result, options]));
}
