// @ts-check
// Saving the learner's code (issue 14): a full or blocked storage loses nothing, two tabs on
// one problem never overwrite each other without asking, an emptied editor stays empty.

import { readFile } from "node:fs/promises";

import { expect, problems, test } from "./fixtures.js";

const CODE_KEY = (/** @type {string} */ slug) => `kata:code:v1:${slug}`;
const PROGRESS_KEY = "kata:progress:v1";
const SAVE_FAILED = "Your browser did not save your work: its storage is full or blocked. Nothing is lost "
  + "while this tab stays open; saving is tried again every few seconds. Export your work to keep a copy.";
const OTHER_TAB = "This problem's code was changed in another tab. Until you choose, this tab does not save.";

/**
 * Open a problem page and wait for its editor (not for Python: saving never waits for it).
 * @param {import("@playwright/test").Page} page
 * @param {string} slug
 */
async function openEditor(page, slug) {
  await page.goto(`problems/${slug}/`);
  await expect(page.locator('[data-kata-root][data-kata-mounted="true"]')).toBeAttached();
  await expect(page.locator(".cm-content")).toBeVisible();
}

/**
 * Type at the end of the editor, on a new line, as a learner does.
 * @param {import("@playwright/test").Page} page
 * @param {string} text
 */
async function typeAtEnd(page, text) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
}

/** @param {import("@playwright/test").Page} page @returns {Promise<string>} */
function editorCode(page) {
  return page.evaluate(() => /** @type {any} */ (window).kata.getCode());
}

/**
 * The code saved in the browser for a problem, or null.
 * @param {import("@playwright/test").Page} page
 * @param {string} slug
 * @returns {Promise<string | null>}
 */
function savedCode(page, slug) {
  return page.evaluate((key) => {
    const text = localStorage.getItem(key);
    return text === null ? null : JSON.parse(text).code;
  }, CODE_KEY(slug));
}

/** @param {import("@playwright/test").Page} page @param {string} id */
function notice(page, id) {
  return page.locator(`[data-kata="notices"] [data-notice="${id}"]`);
}

test.describe("storage full", () => {
  test.beforeEach(async ({ page }) => {
    // localStorage refuses every write while `window.kataStorageFull` is set, as a full one
    // does; the stub comes back with each navigation, switched off.
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      const scope = /** @type {any} */ (window);
      scope.kataRefusedWrites = 0;
      /** @this {Storage} @param {string} key @param {string} value */
      Storage.prototype.setItem = function (key, value) {
        if (scope.kataStorageFull) {
          scope.kataRefusedWrites += 1;
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        }
        return setItem.call(this, key, value);
      };
    });
  });

  test("test_full_storage_shows_a_notice_exports_and_saves_once_it_can", async ({ page, problem }) => {
    const other = problems[1];
    await page.goto("./");
    await page.evaluate(([key, slug]) => localStorage.setItem(key, JSON.stringify({ version: 1,
      problems: { [slug]: { state: "solved", attemptedAt: 1, solvedAt: 2 } } })), [PROGRESS_KEY, other.slug]);
    await openEditor(page, problem.slug);
    await page.evaluate(() => { /** @type {any} */ (window).kataStorageFull = true; });

    await typeAtEnd(page, "# typed while the storage is full");
    const failed = notice(page, "kata-save-failed");
    await expect(failed.locator("p")).toHaveText(SAVE_FAILED);
    // A Run while full: the attempt waits with the code, and is in the export too.
    await page.evaluate(() => /** @type {any} */ (window).kata.run());
    const typed = await editorCode(page);

    const [download] = await Promise.all([page.waitForEvent("download"),
      failed.locator('[data-kata="export-now"]').click()]);
    expect(download.suggestedFilename()).toBe("tensor-kata-progress.json");
    const exported = JSON.parse(await readFile(await download.path(), "utf-8"));
    expect(exported.format).toBe("tensor-kata-progress");
    expect(exported.problems[problem.slug].code.code).toBe(typed);
    expect(exported.problems[problem.slug].state).toBe("attempted");
    expect(exported.problems[other.slug]).toMatchObject({ state: "solved", solvedAt: 2 });

    // Still full: it keeps trying, and the notice stays.
    const refused = await page.evaluate(() => /** @type {any} */ (window).kataRefusedWrites);
    await expect.poll(() => page.evaluate(() => /** @type {any} */ (window).kataRefusedWrites),
      { timeout: 15_000 }).toBeGreaterThan(refused);
    await expect(failed).toBeVisible();
    expect(await savedCode(page, problem.slug)).not.toBe(typed);

    // Room again: the next retry saves everything, without another keystroke.
    await page.evaluate(() => { /** @type {any} */ (window).kataStorageFull = false; });
    await expect.poll(() => savedCode(page, problem.slug), { timeout: 15_000 }).toBe(typed);
    await expect(failed).toHaveCount(0);
    await page.reload();
    await expect(page.locator('[data-kata-root][data-kata-mounted="true"]')).toBeAttached();
    expect(await editorCode(page)).toBe(typed);
    const progress = await page.evaluate(() => /** @type {any} */ (window).kata.progress());
    expect(progress[problem.slug].state).toBe("attempted");
    expect(progress[other.slug].state).toBe("solved");
  });
});

test.describe("two tabs", () => {
  /**
   * Two tabs of one browser on the same problem, both with their editor.
   * @param {import("@playwright/test").BrowserContext} context
   * @param {string} slug
   */
  async function twoTabs(context, slug) {
    const first = await context.newPage();
    const second = await context.newPage();
    await openEditor(first, slug);
    await openEditor(second, slug);
    return { first, second };
  }

  test("test_typing_in_one_tab_asks_the_other_and_take_theirs_takes_them", async ({ context, problem }) => {
    const { first, second } = await twoTabs(context, problem.slug);
    await typeAtEnd(first, "# typed in the first tab");
    const theirs = await editorCode(first);
    const asked = notice(second, "kata-other-tab");
    await expect(asked.locator("p")).toHaveText(OTHER_TAB);
    await expect(asked.getByRole("button")).toHaveText(["Take theirs", "Keep mine"]);
    expect(await editorCode(second)).toBe(problem.starter);

    // The second tab's own typing, while it is asked, stays in its editor and is not saved.
    await typeAtEnd(second, "# typed in the second tab");
    const mine = await editorCode(second);
    await expect.poll(() => savedCode(second, problem.slug)).toBe(theirs);

    await asked.locator('[data-kata="take-theirs"]').click();
    await expect(asked).toHaveCount(0);
    expect(await editorCode(second)).toBe(theirs);
    expect(await savedCode(second, problem.slug)).toBe(theirs);
    // Nothing silent: the second tab's own code is one undo away.
    await second.locator(".cm-content").click();
    await second.keyboard.press("Control+z");
    expect(await editorCode(second)).toBe(mine);
  });

  test("test_keep_mine_saves_mine_and_asks_the_first_tab_in_turn", async ({ context, problem }) => {
    const { first, second } = await twoTabs(context, problem.slug);
    await typeAtEnd(first, "# typed in the first tab");
    const theirs = await editorCode(first);
    const asked = notice(second, "kata-other-tab");
    await expect(asked.locator("p")).toHaveText(OTHER_TAB);

    // Typing while asked saves nothing: the first tab's code stays saved.
    await typeAtEnd(second, "# typed in the second tab");
    const mine = await editorCode(second);
    await expect.poll(() => savedCode(first, problem.slug)).toBe(theirs);

    await asked.locator('[data-kata="keep-mine"]').click();
    await expect(asked).toHaveCount(0);
    await expect.poll(() => savedCode(second, problem.slug)).toBe(mine);
    expect(await editorCode(second)).toBe(mine);
    // The first tab is not overwritten either: it keeps its code and is asked in turn.
    const askedBack = notice(first, "kata-other-tab");
    await expect(askedBack.locator("p")).toHaveText(OTHER_TAB);
    expect(await editorCode(first)).toBe(theirs);
    await askedBack.locator('[data-kata="take-theirs"]').click();
    expect(await editorCode(first)).toBe(mine);
  });
});

test("test_an_emptied_editor_comes_back_empty", async ({ page, problem }) => {
  await openEditor(page, problem.slug);
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await expect.poll(() => savedCode(page, problem.slug)).toBe("");

  await page.reload();
  await expect(page.locator('[data-kata-root][data-kata-mounted="true"]')).toBeAttached();
  expect(await editorCode(page)).toBe("");
});

test("test_code_saved_before_v1_as_an_empty_string_comes_back_empty", async ({ page, problem }) => {
  await page.goto("./");
  await page.evaluate((slug) => localStorage.setItem(`kata:code:${slug}`, ""), problem.slug);
  await openEditor(page, problem.slug);
  expect(await editorCode(page)).toBe("");
});

test("test_no_saved_code_shows_the_starter", async ({ page, problem }) => {
  await openEditor(page, problem.slug);
  await typeAtEnd(page, "# soon forgotten");
  await expect.poll(() => savedCode(page, problem.slug)).toContain("# soon forgotten");
  await page.evaluate((key) => localStorage.removeItem(key), CODE_KEY(problem.slug));

  await page.reload();
  await expect(page.locator('[data-kata-root][data-kata-mounted="true"]')).toBeAttached();
  expect(await editorCode(page)).toBe(problem.starter);
});
