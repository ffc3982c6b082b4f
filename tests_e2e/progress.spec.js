// @ts-check
// Progress: marks in the index and the sidebar after a Submit, export and import, a wrong
// file, a corrupt store, reset with a confirmation, and another tab's changes.

import { readFile } from "node:fs/promises";
import { expect, openProblem, problems, runCode, test } from "./fixtures.js";

const TOTAL = problems.length;
const PROGRESS_KEY = "kata:progress:v1";
const CODE_KEY = "kata:code:v1:";

/**
 * @typedef {import("@playwright/test").Page} Page
 * @typedef {Record<string, {state: string, solvedAt?: number, attemptedAt?: number, solutionSeen?: boolean}>} Stored
 */

/** @param {Page} page @returns {Promise<Stored>} */
function progress(page) {
  return page.evaluate(() => /** @type {any} */ (window).kata.progress());
}

/**
 * Put progress and code in the browser's store, in store.js's format, then reload.
 * @param {Page} page
 * @param {Stored} stored
 * @param {Record<string, string>} [code]  by slug
 */
async function seed(page, stored, code = {}) {
  await page.evaluate(([key, prefix, entries, codes]) => {
    localStorage.setItem(key, JSON.stringify({ version: 1, problems: entries }));
    for (const [slug, text] of Object.entries(codes)) {
      localStorage.setItem(prefix + slug, JSON.stringify({ code: text, savedAt: 1_000 }));
    }
  }, /** @type {const} */ ([PROGRESS_KEY, CODE_KEY, stored, code]));
  await page.reload();
}

/** @param {Page} page @returns {Promise<Record<string, string>>} every key of the site's */
function storage(page) {
  return page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([key]) => key.startsWith("kata:"))));
}

/** @param {Page} page @param {string} slug */
function row(page, slug) {
  return page.locator(`[data-kata="problem-row"][data-slug="${slug}"]`);
}

/** @param {Page} page @param {string} slug  the sidebar's link to a problem (instant navigation keeps it) */
function navLink(page, slug) {
  return page.locator(`.md-sidebar--primary a.md-nav__link[href$="/${slug}/"]`);
}

test("test_a_pass_marks_the_problem_solved_in_the_index_and_the_sidebar", async ({ kataPage: page, problem }) => {
  expect((await runCode(page, problem.solution)).status).toBe("pass");
  await expect(navLink(page, problem.slug)).toHaveAttribute("data-kata-state", "solved");

  await page.goto("problems/");
  for (const _ of ["before", "after a reload"]) {
    await expect(row(page, problem.slug)).toHaveAttribute("data-state", "solved");
    await expect(row(page, problem.slug).locator('[data-kata="state-mark"]')).toHaveText("\u2713solved");
    await expect(navLink(page, problem.slug)).toHaveAttribute("data-kata-state", "solved");
    await expect(navLink(page, problem.slug).locator('[data-kata="nav-mark"]')).toHaveText("\u2713 (solved)");
    await expect(page.locator('[data-kata="progress"]').first()).toHaveText(`1 of ${TOTAL} solved`);
    await page.reload();
  }
  expect((await progress(page))[problem.slug]).toMatchObject({ state: "solved", solvedAt: expect.any(Number) });
});

test.describe("a failing Submit", () => {
  test.use({ problem: problems[1] });

  test("test_a_failing_submit_marks_the_problem_attempted", async ({ kataPage: page, problem }) => {
    expect((await runCode(page, problem.starter)).status).not.toBe("pass");
    await expect(navLink(page, problem.slug)).toHaveAttribute("data-kata-state", "attempted");

    await page.goto("problems/");
    await expect(row(page, problem.slug)).toHaveAttribute("data-state", "attempted");
    await expect(row(page, problem.slug).locator('[data-kata="state-mark"]')).toHaveText("\u25D0attempted");
    await expect(page.locator('[data-kata="progress"]').first()).toHaveText(`0 of ${TOTAL} solved`);
  });
});

test("test_export_then_import_in_a_fresh_browser_restores_progress_and_code", async ({ page, browser }) => {
  const [solved, attempted] = problems;
  const stored = { [solved.slug]: { state: "solved", attemptedAt: 5, solvedAt: 7 },
    [attempted.slug]: { state: "attempted", attemptedAt: 9, solutionSeen: true } };
  await page.goto("./");
  await seed(page, stored, { [attempted.slug]: "# my attempt\n" });
  const downloading = page.waitForEvent("download");
  await page.locator('[data-kata="export-progress"]').click();
  const exported = await downloading;
  const name = exported.suggestedFilename();
  expect(name).toMatch(/^tensor-kata-progress-\d{4}-\d\d-\d\d\.json$/);
  await expect(page.locator('[data-kata="import-message"]')).toHaveText(`Exported 2 problems to ${name}.`);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto("./");
  await expect(other.locator('[data-kata="progress"]').first()).toHaveText(`0 of ${TOTAL} solved`);
  await other.locator('[data-kata="import-progress"]').setInputFiles(
    { name, mimeType: "application/json", buffer: await readFile(await exported.path()) });
  await expect(other.locator('[data-kata="import-message"]'))
    .toHaveText(`Merged 2 problems from ${name} with the progress in this browser.`);
  await expect(other.locator('[data-kata="progress"]').first()).toHaveText(`1 of ${TOTAL} solved`);
  expect(await progress(other)).toEqual(stored);

  await other.goto(`problems/${attempted.slug}/`);
  await other.waitForFunction(() => typeof (/** @type {any} */ (window).kata?.getCode) === "function");
  expect(await other.evaluate(() => /** @type {any} */ (window).kata.getCode())).toBe("# my attempt\n");
  await fresh.close();
});

test("test_a_wrong_file_says_why_and_changes_nothing", async ({ page }) => {
  await page.goto("./");
  await seed(page, { [problems[0].slug]: { state: "solved", solvedAt: 1 } }, { [problems[0].slug]: "x = 1\n" });
  const before = await storage(page);
  const input = page.locator('[data-kata="import-progress"]');
  const message = page.locator('[data-kata="import-message"]');

  await input.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not JSON at all") });
  await expect(message).toHaveText("This file is not a Tensor Kata export: it is not JSON. Nothing was changed.");
  await expect(message).toHaveAttribute("data-tone", "error");
  await input.setInputFiles({ name: "other.json", mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ version: 1, problems: { [problems[1].slug]: { state: "solved" } } })) });
  await expect(message).toHaveText("This file is not a Tensor Kata export (it has no \"format\": "
    + "\"tensor-kata-progress\"). Nothing was changed.");

  expect(await storage(page)).toEqual(before);
  await expect(page.locator('[data-kata="progress"]').first()).toHaveText(`1 of ${TOTAL} solved`);
});

test("test_a_corrupt_store_is_reset_with_a_notice_and_the_page_works", async ({ page }) => {
  await page.addInitScript((key) => {
    if (sessionStorage.getItem("corrupted")) return; // once: the reload after it must find the repaired store
    sessionStorage.setItem("corrupted", "1");
    localStorage.setItem(key, "{oops");
  }, PROGRESS_KEY);
  await page.goto("problems/");

  const notice = page.locator('[data-kata="notices"] [data-notice="progress-reset"]');
  await expect(notice).toContainText("Your saved progress could not be read (it was damaged or made by another "
    + "version of this site), so it was reset. Your saved code is untouched.");
  await expect(page.locator('[data-kata="progress"]').first()).toHaveText(`0 of ${TOTAL} solved`);
  await page.locator('[data-kata="filter"][name="difficulty"]').selectOption("hard");
  await expect(page.locator('[data-kata="filter-count"]')).not.toHaveText(`${TOTAL} of ${TOTAL} problems`);
  expect(JSON.parse((await storage(page))[PROGRESS_KEY])).toEqual({ version: 1, problems: {} });

  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-kata="notices"] [data-notice="progress-reset"]')).toHaveCount(0);
});

test("test_reset_asks_first_and_cancel_changes_nothing", async ({ page }) => {
  await page.goto("./");
  await seed(page, { [problems[0].slug]: { state: "solved", solvedAt: 1 } }, { [problems[0].slug]: "x = 1\n" });
  const before = await storage(page);
  const dialog = page.getByRole("dialog", { name: "Reset all progress?" });

  await page.locator('[data-kata="reset-progress"]').click();
  await expect(dialog).toBeVisible();
  await expect(page.locator('[data-kata="cancel-reset"]')).toBeFocused();
  await page.locator('[data-kata="cancel-reset"]').click();
  await expect(dialog).toBeHidden();
  await page.locator('[data-kata="reset-progress"]').press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await storage(page)).toEqual(before);
});

test("test_a_confirmed_reset_clears_progress_and_code", async ({ page }) => {
  await page.goto("problems/");
  await seed(page, { [problems[0].slug]: { state: "solved", solvedAt: 1 } }, { [problems[0].slug]: "x = 1\n" });
  await expect(row(page, problems[0].slug)).toHaveAttribute("data-state", "solved");

  await page.locator('[data-kata="reset-progress"]').click();
  await page.locator('[data-kata="confirm-reset"]').click();
  await expect(page.locator('[data-kata="import-message"]'))
    .toHaveText("Progress reset: no problem is marked and no code is saved in this browser now.");
  expect(await storage(page)).toEqual({});
  expect(await progress(page)).toEqual({});
  await expect(row(page, problems[0].slug)).toHaveAttribute("data-state", "new");
  await expect(page.locator('[data-kata="progress"]').first()).toHaveText(`0 of ${TOTAL} solved`);
});

test("test_marks_follow_changes_made_in_another_tab", async ({ page, context }) => {
  await page.goto("problems/");
  const other = await context.newPage();
  await other.goto("./");
  await seed(other, { [problems[2].slug]: { state: "solved", solvedAt: 1 } });

  await expect(row(page, problems[2].slug)).toHaveAttribute("data-state", "solved");
  await expect(page.locator('[data-kata="progress"]').first()).toHaveText(`1 of ${TOTAL} solved`);
  await expect(navLink(page, problems[2].slug)).toHaveAttribute("data-kata-state", "solved");
});
