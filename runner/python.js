// @ts-check
// One runner per visit: the first problem page starts Python, and every problem page after it
// (mkdocs-material's instant navigation keeps this module alive) finds it warm.

import { Runner } from "./runner.js";

/** The worker's file name, set by the build (build.mjs). */
// @ts-ignore: defined by esbuild
const WORKER_FILE = typeof __KATA_WORKER__ === "string" ? __KATA_WORKER__ : "kata-worker.js";

/** @type {Map<string, Runner>} by the URLs of their runtime */
const runners = new Map();

/**
 * The runner for a problem page's root, started on first use.
 * @param {HTMLElement} root  `[data-kata-root]`, whose data attributes name the runtime
 * @returns {Runner}
 */
export function sharedRunner(root) {
  const urls = runtimeUrls(root);
  const key = JSON.stringify(urls);
  let runner = runners.get(key);
  if (!runner) runners.set(key, (runner = new Runner(urls)));
  return runner;
}

/**
 * @param {HTMLElement} root
 * @returns {import("./session.js").RuntimeUrls} absolute URLs, relative to the page (sub-path safe)
 */
export function runtimeUrls(root) {
  const resolve = (/** @type {string | undefined} */ value) => new URL(value ?? "", document.baseURI).href;
  const assets = resolve(root.dataset.kataAssets);
  /** @type {Record<string, string>} */
  let integrity = {};
  try {
    integrity = JSON.parse(root.dataset.kataIntegrity || "{}");
  } catch {
    // no hashes: nothing to check, nothing to heal
  }
  return { workerUrl: new URL(WORKER_FILE, assets).href, pyodideUrl: resolve(root.dataset.kataPyodide),
    harnessUrl: new URL(root.dataset.kataHarness || "harness.zip", assets).href, integrity };
}
