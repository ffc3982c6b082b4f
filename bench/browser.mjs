// @ts-check
// Page timings in headless Chromium: a problem page of the site and the anchor page, each in a
// browser profile of its own, visited twice: first (a fresh profile: cold) and again (the same
// profile reopened: HTTP cache, Chromium's code cache and, for the site, its service worker).
//
// Times are read inside the page (performance.now() and the site's performance marks, both
// from navigation start), so Playwright's own round trips never count.

import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/**
 * @typedef {import("@playwright/test").Page} Page
 * @typedef {{slug: string, entry: string, starter: string, solution: string, bare: string}} Problem
 * @typedef {{sw: boolean, isolated: boolean}} PageState  sw: a service worker controls the page
 * @typedef {{ms: number | null, isolated: boolean, why?: string}} StopTiming
 * @typedef {{ms: number, python: number}} SubmitTiming  ms: kata.submit() to its Result; python: the harness's part
 * @typedef {{editorReady: number, pythonReady: number, loaded: PageState, warmSubmit: SubmitTiming,
 *   submitState: PageState, stop: StopTiming, next?: NextTiming}} SiteVisit
 * @typedef {{next: number, instant: boolean, fullLoad: number}} NextTiming
 *   next: ms from the click to the next page ready; instant: the page was swapped in place
 * @typedef {{ready: number, bare: number}} AnchorVisit
 */

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const executablePath = process.env.KATA_CHROMIUM
  || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
export const launchArgs = ARGS;
const LONG = { timeout: 120_000 };

/**
 * Open Chromium on a profile folder, run `visit` in its page, close it.
 * @template T
 * @param {string} profile
 * @param {(page: Page) => Promise<T>} visit
 * @returns {Promise<T>}
 */
export async function inBrowser(profile, visit) {
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: ARGS, headless: true });
  try {
    return await visit(context.pages()[0] ?? await context.newPage());
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------
// The site

/**
 * One visit of a problem page: editor and Python ready after navigation, a warm Submit, Python
 * ready again after a Stop and, on a return visit, the next problem by instant navigation.
 * @param {Page} page
 * @param {string} url  the problem page
 * @param {Problem} problem
 * @param {{first: boolean}} options  first: a fresh profile (then waits for the service worker)
 * @returns {Promise<SiteVisit>}
 */
export async function visitSite(page, url, problem, { first }) {
  await page.goto(url);
  const editorReady = await markAfter(page, "kata:editor-ready", 0);
  await expectEditor(page, problem.starter);
  const pythonReady = await markAfter(page, "kata:python-ready", 0);
  const loaded = await pageState(page);
  // Its downloads stay out of the timings below, and the return visit is served by it.
  if (first) await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, LONG);
  const warmSubmit = await timeWarmSubmit(page, problem);
  const submitState = await pageState(page);
  const stop = await timeStop(page, problem);
  await setCode(page, problem.starter); // the return visit opens with the starter again
  await page.waitForTimeout(500); // the code is saved 300 ms after a change
  const next = first ? undefined : await timeNextProblem(page);
  return { editorReady, pythonReady, loaded, warmSubmit, submitState, stop, next };
}

/**
 * The second Submit of the reference solution: the first runs in the Python that loaded with
 * the page; the second in the standby, swapped in (a Submit needs a Python where no code ran).
 * Standby 1 starts after the page's Python is ready.
 * @param {Page} page
 * @param {Problem} problem
 * @returns {Promise<SubmitTiming>}
 */
async function timeWarmSubmit(page, problem) {
  await setCode(page, problem.solution);
  await submitted(page);
  await standbysReady(page, 1);
  return submitted(page);
}

/**
 * Submit an endless loop, press Stop once the runner's standby is ready (as it is when a time
 * limit passes), and Submit the reference at once: the time from Stop to that Result, minus
 * the Result's own duration (the harness's, in Python), is how long Python took to be ready
 * again. The loop's Submit takes standby 2; standby 3 is what a Stop falls back on.
 * @param {Page} page
 * @param {Problem} problem
 * @returns {Promise<StopTiming>}
 */
async function timeStop(page, problem) {
  await standbysReady(page, 2);
  const loop = `def ${problem.entry}(*args, **kwargs):\n    while True:\n        pass\n`;
  await page.evaluate((code) => {
    window.kata.setCode(code);
    window.benchLoop = window.kata.submit().then((/** @type {any} */ result) => {
      Object.assign(window, { benchLoopEnded: true });
      return result;
    });
  }, loop);
  await page.waitForFunction(() => performance.getEntriesByName("kata:standby-ready").length >= 3
    || "benchLoopEnded" in window, null, LONG);
  const stopped = await page.evaluate(async (solution) => {
    window.kata.setCode(solution);
    const start = performance.now();
    window.kata.stop();
    const looped = await window.benchLoop;
    const result = await window.kata.submit();
    return { ms: performance.now() - start - result.duration_ms, looped: Boolean(looped.stopped),
      status: result.status, isolated: crossOriginIsolated };
  }, problem.solution);
  if (stopped.status !== "pass") throw new Error(`the reference solution did not pass after Stop: ${stopped.status}`);
  if (!stopped.looped) return { ms: null, isolated: stopped.isolated, why: "the time limit passed before the standby was ready" };
  return { ms: stopped.ms, isolated: stopped.isolated };
}

/**
 * Click "Next" until the next page's editor and Python are ready (instant navigation keeps
 * the Python; if the click loads a new document instead, the time runs on across it), then
 * the same page by a full page load, to Python ready.
 * @param {Page} page
 * @returns {Promise<NextTiming>}
 */
async function timeNextProblem(page) {
  await standbysReady(page, 4); // nothing loading in the background
  const clicked = await page.evaluate(() => {
    const link = /** @type {HTMLAnchorElement} */ (document.querySelector('a[data-kata="next"]'));
    Object.assign(window, { benchSameDocument: true });
    const start = performance.now();
    link.click();
    return { href: link.href, start, origin: performance.timeOrigin };
  });
  await page.waitForURL(clicked.href);
  const after = await page.evaluate(() => ({ same: "benchSameDocument" in window, origin: performance.timeOrigin }));
  const since = after.same ? clicked.start : 0;
  const editor = await markAfter(page, "kata:editor-ready", since);
  const python = await markAfter(page, "kata:python-ready", since);
  const next = after.origin + Math.max(editor, python) - (clicked.origin + clicked.start);
  await page.goto(clicked.href);
  const fullLoad = await markAfter(page, "kata:python-ready", 0);
  return { next, instant: after.same, fullLoad };
}

/**
 * Submit the editor's code, which must pass.
 * @param {Page} page
 * @returns {Promise<SubmitTiming>}
 */
async function submitted(page) {
  const { ms, python, status } = await page.evaluate(async () => {
    const start = performance.now();
    const result = await window.kata.submit();
    return { ms: performance.now() - start, python: result.duration_ms, status: result.status };
  });
  if (status !== "pass") throw new Error(`the reference solution did not pass: ${status}`);
  return { ms, python };
}

/**
 * Wait until the runner has loaded `count` standby Pythons since the page loaded.
 * @param {Page} page
 * @param {number} count
 */
async function standbysReady(page, count) {
  await page.waitForFunction((n) => performance.getEntriesByName("kata:standby-ready").length >= n, count, LONG);
}

/**
 * @param {Page} page
 * @param {string} name  a performance mark
 * @param {number} since  ms from navigation start
 * @returns {Promise<number>} the time of the first such mark at or after `since`
 */
async function markAfter(page, name, since) {
  const found = await page.waitForFunction(([name, since]) => performance.getEntriesByName(String(name))
    .find((mark) => mark.startTime >= Number(since))?.startTime, [name, since], LONG);
  return Number(await found.jsonValue());
}

/**
 * The editor at its mark: editable and holding the starter code.
 * @param {Page} page
 * @param {string} starter
 */
async function expectEditor(page, starter) {
  const ok = await page.evaluate((starter) => {
    const content = document.querySelector("[data-kata-root] .cm-content");
    return content?.getAttribute("contenteditable") === "true" && window.kata.getCode() === starter;
  }, starter);
  if (!ok) throw new Error("the editor is not editable, or does not hold the starter code");
}

/** @param {Page} page @returns {Promise<PageState>} */
function pageState(page) {
  return page.evaluate(() => ({ sw: navigator.serviceWorker.controller !== null, isolated: crossOriginIsolated }));
}

/** @param {Page} page @param {string} code */
function setCode(page, code) {
  return page.evaluate((code) => window.kata.setCode(code), code);
}

// ---------------------------------------------------------------------------------------
// The anchor

/**
 * One visit of the anchor page: Python + NumPy ready after navigation, then the bare work of
 * a Submit run twice (the second counts, like the site's second Submit). A first visit loads
 * the page once more, so that the return visit finds Chromium's code cache filled as the site's
 * does (its standbys load the same runtime several times per visit).
 * @param {Page} page
 * @param {string} url
 * @param {string} bare  the bare work's Python
 * @param {{first: boolean}} options
 * @returns {Promise<AnchorVisit>}
 */
export async function visitAnchor(page, url, bare, { first }) {
  await page.goto(url);
  const ready = await page.evaluate(() => window.anchor.ready);
  /** @type {{ms: number, error?: string}[]} */
  const runs = [];
  for (let i = 0; i < 2; i++) runs.push(await page.evaluate((code) => window.anchor.run(code), bare));
  const failed = runs.find((run) => run.error);
  if (failed) throw new Error(`the bare work failed in the anchor: ${failed.error}`);
  if (first) {
    await page.reload();
    await page.evaluate(() => window.anchor.ready);
  }
  return { ready, bare: runs[1].ms };
}
