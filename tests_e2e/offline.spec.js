// @ts-check
// Offline use and cross-origin isolation, both the service worker's (runner/sw.js): after one
// visit the whole site works with the network cut; a new build replaces the stored one; a
// page it controls is isolated, so a runaway loop is interrupted in place.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { SITE_DIR, entryWith, expect, openProblem, problems, runCode, test } from "./fixtures.js";

test.use({ serviceWorkers: "allow" });

/**
 * Wait until the service worker controls the page and has stored every file of the build.
 * @param {import("@playwright/test").Page} page
 * @returns {Promise<string>} the cache's name
 */
async function storedSite(page) {
  await expect.poll(() => page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration?.active?.state !== "activated" || !navigator.serviceWorker.controller) return "not yet";
    const text = await (await fetch(new URL("kata-sw.js", registration.scope))).text();
    const precache = JSON.parse(text.slice(text.indexOf("=") + 1, text.indexOf(";\n")));
    const cache = await caches.open(`kata-${precache.version}`);
    const stored = (await cache.keys()).length;
    return stored === precache.files.length ? "stored" : `${stored} of ${precache.files.length}`;
  }), { timeout: 60_000, intervals: [500] }).toBe("stored");
  return page.evaluate(async () => (await caches.keys()).find((name) => name.startsWith("kata-")) ?? "");
}

test("test_after_one_visit_an_unvisited_problem_opens_runs_and_passes_offline", async ({ context, page }) => {
  const [visited, unvisited] = [problems[0], problems.at(-1)];
  if (!visited || !unvisited) throw new Error("no problems");
  await openProblem(page, visited.slug);
  await storedSite(page);

  await context.setOffline(true);
  await openProblem(page, unvisited.slug);
  expect((await runCode(page, unvisited.solution)).status).toBe("pass");
  await expect(page.locator('[data-kata="statement"] h1')).toContainText(unvisited.title);
});

test("test_a_new_build_replaces_the_stored_site", async ({ page, problem }) => {
  await openProblem(page, problem.slug);
  const first = await storedSite(page);
  // The next build: the same worker with another version of its file list. The browser
  // fetches a service worker's script itself (no page route sees it), so the file changes on
  // disk for the length of this test; no other test runs a service worker at the same time.
  const script = path.join(SITE_DIR, "kata-sw.js");
  const original = readFileSync(script, "utf8");
  // When each stored copy of the runtime was fetched: unchanged files are copied, not fetched again.
  const fetchedAt = () => page.evaluate(async () => {
    const [name] = (await caches.keys()).filter((key) => key.startsWith("kata-"));
    const cache = await caches.open(name);
    const wasm = (await cache.keys()).find((request) => request.url.endsWith("/pyodide.asm.wasm"));
    return wasm ? (await cache.match(wasm))?.headers.get("Date") : "missing";
  });
  const before = await fetchedAt();
  expect(before).toMatch(/ GMT$/);
  await page.waitForTimeout(1100); // a later fetch would carry a later Date (whole seconds)
  try {
    writeFileSync(script, original.replace(/"version":"[0-9a-f]+"/, '"version":"0000000000000001"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 60_000 }).toEqual(["kata-0000000000000001"]);
  } finally {
    writeFileSync(script, original);
  }
  expect(first).not.toBe("kata-0000000000000001");
  expect(await fetchedAt()).toBe(before);
});

test("test_an_isolated_page_interrupts_a_loop_and_keeps_its_python", async ({ page, problem }) => {
  await openProblem(page, problem.slug);
  await storedSite(page);
  await page.reload(); // now served by the service worker, with its isolation headers
  await openProblem(page, problem.slug);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  /** @type {string[]} */
  const closed = [];
  page.on("worker", (worker) => worker.on("close", () => closed.push(worker.url())));

  const looped = await runCode(page, entryWith(problem, "    while True:\n        pass"), "run");
  expect(looped.status).toBe("timeout");
  expect(looped.message).not.toContain("Python was restarted");
  expect(closed).toEqual([]);
  expect((await runCode(page, problem.solution)).status).toBe("pass");
});

test("test_the_site_is_installable", async ({ page }) => {
  await page.goto("./");
  await storedSite(page);
  const client = await page.context().newCDPSession(page);
  const { installabilityErrors } = await client.send("Page.getInstallabilityErrors");
  // Playwright's contexts are incognito, where Chromium installs nothing: that one is the
  // browser's, not the site's.
  expect(installabilityErrors.map((error) => error.errorId)).toEqual(["in-incognito"]);
  const { url, errors } = await client.send("Page.getAppManifest");
  expect(errors).toEqual([]);
  expect(url).toMatch(/\/manifest\.webmanifest$/);
});
