// @ts-check
// The problem index: filters that combine, count and live in the URL, tag links, a plain
// list without JavaScript, a readable list at 390 px; screenshots on demand (@screenshots).

import { expect, problems, test } from "./fixtures.js";

/**
 * @typedef {import("../runner/catalog.js").Catalog} Catalog
 * @typedef {import("../runner/catalog.js").CatalogProblem} CatalogProblem
 */

const TOTAL = problems.length;
const SCREENSHOTS = "test-results/screenshots";

/**
 * @param {import("@playwright/test").APIRequestContext} request
 * @returns {Promise<CatalogProblem[]>} every problem, in the index's order (by track)
 */
async function catalogProblems(request) {
  /** @type {Catalog} */
  const catalog = await (await request.get("problems/catalog.json")).json();
  return catalog.tracks.flatMap((track) => track.problems.map((slug) => catalog.problems[slug]));
}

/**
 * @param {import("@playwright/test").Page} page
 * @returns {Promise<string[]>} the slugs of the rows shown
 */
function shownSlugs(page) {
  return page.locator('[data-kata="problem-row"]:visible').evaluateAll(
    (rows) => rows.map((row) => /** @type {HTMLElement} */ (row).dataset.slug ?? ""));
}

/** @param {import("@playwright/test").Page} page @param {string} name */
function filter(page, name) {
  return page.locator(`[data-kata="filter"][name="${name}"]`);
}

test("test_filters_combine_count_and_survive_a_reload", async ({ page, request }) => {
  const all = await catalogProblems(request);
  const lora = all.filter((p) => p.track === "LoRA");
  const easyLora = lora.filter((p) => p.difficulty === "easy");
  await page.goto("problems/");
  const count = page.locator('[data-kata="filter-count"]');
  await expect(count).toHaveText(`${TOTAL} of ${TOTAL} problems`);

  await filter(page, "track").selectOption("LoRA");
  await expect(count).toHaveText(`${lora.length} of ${TOTAL} problems`);
  await filter(page, "difficulty").selectOption("easy");
  await expect(count).toHaveText(`${easyLora.length} of ${TOTAL} problems`);
  expect(await shownSlugs(page)).toEqual(easyLora.map((p) => p.slug));
  await expect(page).toHaveURL(/\/problems\/\?track=LoRA&difficulty=easy$/);

  await page.reload();
  await expect(filter(page, "track")).toHaveValue("LoRA");
  await expect(filter(page, "difficulty")).toHaveValue("easy");
  await expect(count).toHaveText(`${easyLora.length} of ${TOTAL} problems`);
});

test("test_the_text_filter_matches_words_of_titles_and_hides_empty_tracks", async ({ page, request }) => {
  const all = await catalogProblems(request);
  const attention = all.filter((p) => p.title.toLowerCase().includes("attention"));
  await page.goto("problems/?text=Attention");
  await expect(filter(page, "text")).toHaveValue("Attention");
  await expect(page.locator('[data-kata="filter-count"]')).toHaveText(`${attention.length} of ${TOTAL} problems`);
  const tracks = new Set(attention.map((p) => p.track));
  await expect(page.locator('[data-kata="track-group"]:visible')).toHaveCount(tracks.size);

  await filter(page, "text").fill("no title has this");
  await expect(page.locator('[data-kata="filter-count"]')).toHaveText(`0 of ${TOTAL} problems`);
  await expect(page.locator('[data-kata="filter-empty"]')).toHaveText("No problem matches these filters.");
  await expect(page.locator('[data-kata="track-group"]:visible')).toHaveCount(0);
  await page.locator('[data-kata="clear-filters"]').click();
  await expect(page.locator('[data-kata="filter-count"]')).toHaveText(`${TOTAL} of ${TOTAL} problems`);
  await expect(page).toHaveURL(/\/problems\/$/);
});

test("test_a_tag_link_on_a_problem_page_opens_the_index_filtered_by_that_tag", async ({ page, request }) => {
  const all = await catalogProblems(request);
  const problem = all[0];
  const tag = problem.tags[0];
  await page.goto(problem.url);
  await page.locator(`.kata-meta a.kata-tag:text-is("${tag}")`).click();

  await expect(page).toHaveURL(new RegExp(`/problems/\\?tag=${tag}$`));
  await expect(filter(page, "tag")).toHaveValue(tag);
  const tagged = all.filter((p) => p.tags.includes(tag));
  await expect(page.locator('[data-kata="filter-count"]')).toHaveText(`${tagged.length} of ${TOTAL} problems`);
  expect(await shownSlugs(page)).toEqual(tagged.map((p) => p.slug));
});

test("test_a_tag_in_a_row_filters_the_index_in_place", async ({ page, request }) => {
  const all = await catalogProblems(request);
  const tag = "attention";
  await page.goto("problems/?track=LoRA");
  await page.evaluate(() => { /** @type {any} */ (window).samePage = true; });
  await page.locator(`[data-kata="problem-row"] a.kata-tag:text-is("${tag}")`).first().click();

  await expect(page).toHaveURL(/\/problems\/\?tag=attention$/);
  await expect(filter(page, "track")).toHaveValue("");
  await expect(filter(page, "tag")).toHaveValue(tag);
  await expect(page.locator('[data-kata="filter-count"]'))
    .toHaveText(`${all.filter((p) => p.tags.includes(tag)).length} of ${TOTAL} problems`);
  await page.goBack();
  await expect(filter(page, "track")).toHaveValue("LoRA");
  await expect(filter(page, "tag")).toHaveValue("");
  expect(await page.evaluate(() => /** @type {any} */ (window).samePage)).toBe(true);
});

test("test_the_state_filter_uses_the_learners_progress", async ({ page }) => {
  await page.goto("problems/");
  await page.evaluate(([solved, attempted]) => localStorage.setItem("kata:progress:v1", JSON.stringify({ version: 1,
    problems: { [solved]: { state: "solved", solvedAt: 1 }, [attempted]: { state: "attempted" } } })),
  [problems[0].slug, problems[1].slug]);
  await page.reload();

  await filter(page, "state").selectOption("solved");
  expect(await shownSlugs(page)).toEqual([problems[0].slug]);
  await filter(page, "state").selectOption("attempted");
  expect(await shownSlugs(page)).toEqual([problems[1].slug]);
  await filter(page, "state").selectOption("new");
  await expect(page.locator('[data-kata="filter-count"]')).toHaveText(`${TOTAL - 2} of ${TOTAL} problems`);
});

test("test_without_javascript_the_index_is_a_plain_list_of_links", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("problems/");
  await expect(page.locator('[data-kata="problem-row"]:visible')).toHaveCount(TOTAL);
  await expect(page.locator('[data-kata="problem-row"] .kata-row__title a')).toHaveCount(TOTAL);
  await expect(page.locator('[data-kata="filters"]')).toBeHidden();
  await context.close();
});

/** In the page: count the listeners added and not yet removed, by type (`window.listening(type)`). */
function countListeners() {
  /** @type {Set<{target: EventTarget, type: string, listener: unknown}>} */
  const active = new Set();
  const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
  /** @this {EventTarget} @param {string} type @param {any} listener @param {any} [options] */
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    active.add({ target: this, type, listener });
    return add.call(this, type, listener, options);
  };
  /** @this {EventTarget} @param {string} type @param {any} listener @param {any} [options] */
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    for (const entry of active) if (entry.target === this && entry.type === type && entry.listener === listener) active.delete(entry);
    return remove.call(this, type, listener, options);
  };
  /** @type {any} */ (window).listening = (/** @type {string} */ type) => [...active].filter((entry) => entry.type === type).length;
}

test("test_instant_navigation_mounts_the_index_again_and_leaves_no_listener", async ({ page }) => {
  await page.addInitScript(countListeners);
  const listening = () => page.evaluate(() => ["kata:progress", "storage"].map((type) => /** @type {any} */ (window).listening(type)));
  await page.goto("./");
  await expect(page.locator('[data-kata="progress"]').first()).toHaveText(`0 of ${TOTAL} solved`);
  const atHome = await listening();
  await page.evaluate(() => { /** @type {any} */ (window).sameDocument = true; });

  await page.getByRole("link", { name: "Browse the problems" }).click();
  await filter(page, "difficulty").selectOption("hard");
  await expect(page).toHaveURL(/\/problems\/\?difficulty=hard$/);
  await page.locator(".md-sidebar--primary .md-nav__link", { hasText: "Home" }).first().click();
  await expect(page.locator('[data-kata="export-progress"]')).toBeVisible();
  await expect(page.locator('[data-kata="progress"]').first()).toHaveText(`0 of ${TOTAL} solved`);

  expect(await page.evaluate(() => /** @type {any} */ (window).sameDocument), "instant navigation").toBe(true);
  expect(await listening()).toEqual(atHome);
});

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("test_the_index_has_no_horizontal_overflow", async ({ page }) => {
    await page.goto("problems/");
    await expect(page.locator('[data-kata="filters"]')).toBeVisible();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    const row = await page.locator('[data-kata="problem-row"]').first().boundingBox();
    expect(row && row.x + row.width).toBeLessThanOrEqual(390);
  });
});

// ---------------------------------------------------------------------------------------
// Screenshots to look at (make screenshots): the index and the home page, with some progress

for (const colorScheme of /** @type {const} */ (["light", "dark"])) {
  for (const width of [1280, 390]) {
    test.describe(`${colorScheme}, ${width} px`, () => {
      test.use({ colorScheme, viewport: { width, height: 900 } });

      test(`index and home, ${colorScheme}, ${width} px @screenshots`, async ({ page }) => {
        await page.goto("./");
        await page.evaluate(([a, b, c]) => localStorage.setItem("kata:progress:v1", JSON.stringify({ version: 1,
          problems: { [a]: { state: "solved" }, [b]: { state: "attempted" }, [c]: { state: "solved", solutionSeen: true } } })),
        [problems[0].slug, problems[1].slug, problems[2].slug]);
        await page.reload();
        await expect(page.locator('[data-kata="progress"]').first()).toHaveText(`2 of ${TOTAL} solved`);
        await page.screenshot({ path: `${SCREENSHOTS}/home-${colorScheme}-${width}.png`, fullPage: true });
        await page.goto("problems/?track=LoRA");
        await expect(page.locator('[data-kata="filters"]')).toBeVisible();
        await page.screenshot({ path: `${SCREENSHOTS}/index-${colorScheme}-${width}.png`, fullPage: true });
      });
    });
  }
}
