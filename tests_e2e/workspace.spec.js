// @ts-check
// The practice workspace in the built site: two panes at 1280 px and a divider that is
// remembered, a stacked page at 390 px that does not overflow, one Python across problem
// pages, previous and next in track order, Stop, the solution after a pass or a confirmed
// reveal, and an editor that wraps long lines and says how to leave it.

import { entryWith, expect, openProblem, problems, runCode, test } from "./fixtures.js";

/**
 * @typedef {import("@playwright/test").Page} Page
 * @typedef {{tracks: {name: string, problems: string[]}[], problems: Record<string, {title: string, url: string}>}} Catalog
 */

/** @param {Page} page @param {string} selector */
function box(page, selector) {
  return page.locator(selector).first().boundingBox();
}

test("test_at_1280_px_the_statement_and_the_editor_share_the_screen", async ({ page, problem }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`problems/${problem.slug}/`);
  await expect(page.locator(".cm-content")).toBeVisible();
  const statement = await box(page, '[data-kata="statement"]');
  const editor = await box(page, '[data-kata="editor"]');
  const results = await box(page, ".kata-panel");
  if (!statement || !editor || !results) throw new Error("a pane is missing");
  expect(statement.x + statement.width).toBeLessThanOrEqual(editor.x);
  expect(editor.y).toBeLessThan(200);
  expect(results.y + 40).toBeLessThan(800); // the results pane starts on screen too
  await expect(page.locator(".md-sidebar--primary")).toBeHidden();
  // The page itself does not scroll: each pane does.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(800);

  await page.locator('[data-kata="nav"]').click();
  await expect(page.locator(".md-sidebar--primary")).toBeVisible();
  await expect(page.locator('[data-kata="nav"]')).toHaveAttribute("aria-expanded", "true");
});

test("test_the_divider_moves_the_split_and_the_position_is_remembered", async ({ page, problem }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`problems/${problem.slug}/`);
  const divider = page.locator(".kata-divider");
  const before = await divider.boundingBox();
  if (!before) throw new Error("no divider");
  await page.mouse.move(before.x + before.width / 2, before.y + 300);
  await page.mouse.down();
  await page.mouse.move(before.x + 150, before.y + 300, { steps: 5 });
  await page.mouse.up();
  const moved = await divider.boundingBox();
  expect(moved?.x).toBeGreaterThan(before.x + 100);

  await page.reload();
  await expect.poll(async () => Math.round((await divider.boundingBox())?.x ?? 0)).toBe(Math.round(moved?.x ?? -1));
});

test("test_at_390_px_the_panes_stack_and_nothing_overflows", async ({ page, problem }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`problems/${problem.slug}/`);
  await expect(page.locator(".cm-content")).toBeVisible();
  const statement = await box(page, '[data-kata="statement"]');
  const editor = await box(page, '[data-kata="editor"]');
  if (!statement || !editor) throw new Error("a pane is missing");
  expect(editor.y).toBeGreaterThan(statement.y + statement.height - 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("test_the_next_problem_finds_python_ready_and_no_new_worker_starts", async ({ page }) => {
  const [first, second] = problems;
  await openProblem(page, first.slug);
  // The standby (a second Python for the next Submit) starts once the page has settled.
  await page.waitForFunction(() => performance.getEntriesByName("kata:standby-ready").length > 0);
  /** @type {string[]} */
  const workers = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  // Every text the status line shows from now on, across the page swap.
  await page.evaluate(() => {
    const seen = /** @type {string[]} */ ((/** @type {any} */ (window)).kataStatuses = []);
    new MutationObserver(() => {
      const status = document.querySelector('[data-kata="status"]');
      if (status?.textContent) seen.push(status.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    /** @type {any} */ (window).kataSameDocument = true;
  });

  await page.locator('a[data-kata="next"]').click();
  await expect(page).toHaveURL(new RegExp(`/problems/${second.slug}/$`));
  await expect(page.locator('[data-kata="statement"] h1')).toContainText(second.title);
  await expect(page.locator('[data-kata="status"]')).toHaveText("Python ready");
  expect(await page.evaluate(() => /** @type {any} */ (window).kataSameDocument)).toBe(true); // no full load
  const statuses = await page.evaluate(() => /** @type {any} */ (window).kataStatuses);
  expect(statuses.filter((/** @type {string} */ text) => text !== "Python ready")).toEqual([]);
  expect((await runCode(page, second.solution, "run")).status).toBe("pass");
  expect(workers).toEqual([]);
});

test("test_previous_and_next_follow_the_track_order_across_tracks", async ({ page, request }) => {
  const catalog = /** @type {Catalog} */ (await (await request.get("problems/catalog.json")).json());
  const order = catalog.tracks.flatMap((track) => track.problems);
  const [track1, track2] = catalog.tracks;
  const last = track1.problems.at(-1) ?? "";
  const firstOfNext = track2.problems[0];

  await page.goto(catalog.problems[last].url);
  await expect(page.locator('a[data-kata="next"]')).toContainText(catalog.problems[firstOfNext].title);
  await expect(page.locator('a[data-kata="prev"]')).toContainText(catalog.problems[order[order.indexOf(last) - 1]].title);
  await page.locator('a[data-kata="next"]').click();
  await expect(page).toHaveURL(new RegExp(`${catalog.problems[firstOfNext].url}$`));
  await expect(page.locator('a[data-kata="prev"]')).toContainText(catalog.problems[last].title);

  await page.goto(catalog.problems[order[0]].url);
  await expect(page.locator('a[data-kata="prev"]')).toHaveCount(0);
  await page.goto(catalog.problems[order.at(-1) ?? ""].url);
  await expect(page.locator('a[data-kata="next"]')).toHaveCount(0);
});

test("test_stop_ends_an_infinite_loop_keeps_the_code_and_a_correct_submit_passes_after", async ({ page, problem }) => {
  await openProblem(page, problem.slug);
  const loop = entryWith(problem, "    while True:\n        pass");
  await page.evaluate((code) => /** @type {any} */ (window).kata.setCode(code), loop);
  const stop = page.locator('[data-kata="stop"]');
  await expect(stop).toBeHidden();

  const running = page.evaluate(() => /** @type {any} */ (window).kata.submit());
  await expect(stop).toBeVisible();
  await expect(page.locator(".kata-elapsed")).toHaveText(/^[1-9]\d*\.\d s$/); // a second has passed
  const pressed = Date.now();
  await stop.click();
  const result = await running;
  // Well inside the 10 s time limit: Stop acted, the limit did not.
  expect(Date.now() - pressed).toBeLessThan(5000);
  expect(result.status).toBe("error");
  expect(result.stopped).toBe(true);
  expect(result.message).toMatch(/^Stopped while running "Example 1"\./);
  await expect(page.locator('[data-kata="summary"]')).toHaveText("Stopped.");
  await expect(stop).toBeHidden();
  expect(await page.evaluate(() => /** @type {any} */ (window).kata.getCode())).toBe(loop);

  expect((await runCode(page, problem.solution)).status).toBe("pass");
});

test("test_the_solution_stays_hidden_until_a_confirmed_reveal_which_marks_it_seen", async ({ page, problem }) => {
  await page.goto(`problems/${problem.slug}/`);
  const solution = page.locator('[data-kata="solution"]');
  await expect(page.locator('[data-kata="show-solution"]')).toHaveText("Show the solution");
  await expect(solution).toHaveCount(0);

  await page.locator('[data-kata="show-solution"]').click();
  await page.locator('[data-kata="cancel-solution"]').click();
  await expect(solution).toHaveCount(0);
  expect(await page.evaluate((slug) => /** @type {any} */ (window).kata.progress()[slug]?.solutionSeen, problem.slug))
    .toBeFalsy();

  await page.locator('[data-kata="show-solution"]').click();
  await page.locator('[data-kata="confirm-solution"]').click();
  await expect(solution).toBeVisible();
  await expect(solution.locator(".kata-solution__code")).toContainText(problem.solution.trim().split("\n")[0]);
  expect(await page.evaluate((slug) => /** @type {any} */ (window).kata.progress()[slug]?.solutionSeen, problem.slug))
    .toBe(true);
});

test("test_a_passing_submit_shows_the_solution_its_explanation_and_the_next_problem", async ({ page }) => {
  const [first, second] = problems;
  await openProblem(page, first.slug);
  await expect(page.locator('[data-kata="solution"]')).toHaveCount(0);
  expect((await runCode(page, first.solution)).status).toBe("pass");

  const solution = page.locator('[data-kata="solution"]');
  await expect(solution).toBeVisible();
  await expect(solution.locator("h3")).toHaveText("Why it works");
  await expect(solution.locator(".kata-solution__explanation")).not.toBeEmpty();
  const next = page.locator(".kata-res-next a");
  await expect(next).toContainText(second.title);
  await next.click();
  await expect(page.locator('[data-kata="statement"] h1')).toContainText(second.title);
  await expect(page.locator('[data-kata="solution"]')).toHaveCount(0);
});

test("test_the_editor_wraps_long_lines_and_says_once_how_to_leave_it", async ({ page, problem }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`problems/${problem.slug}/`);
  const note = page.locator(".kata-keyboard-note");
  await expect(note).toBeHidden();
  const long = `x = [${Array.from({ length: 80 }, (_, i) => i).join(", ")}]  # the end of a long line`;
  await page.evaluate((code) => /** @type {any} */ (window).kata.setCode(code), long);
  await page.locator(".cm-content").click();
  await expect(note).toHaveText("Tab indents. To leave the editor with the keyboard, press Escape, then Tab.");
  await expect(page.locator(".cm-content")).toContainText("# the end of a long line");
  const scroller = page.locator(".cm-scroller");
  expect(await scroller.evaluate((node) => node.scrollWidth <= node.clientWidth)).toBe(true);
  const endOfLine = await page.getByText("# the end of a long line").boundingBox();
  const editor = await box(page, '[data-kata="editor"]');
  expect((endOfLine?.x ?? 0) + (endOfLine?.width ?? 0)).toBeLessThanOrEqual((editor?.x ?? 0) + (editor?.width ?? 0));

  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.closest(".cm-editor") === null)).toBe(true);
  await page.reload();
  await page.locator(".cm-content").click();
  await expect(note).toBeHidden();
});
