// @ts-check
// The results pane on its own (runner/results.js, bundled into a blank page by
// results-harness.js): the fixtures are Results as the harness makes them
// (results-fixtures/make_fixtures.py). No built site, no Python.

import { expect, test } from "@playwright/test";
import { outlinedCells } from "./diff-pixels.js";
import { fixture, openPane, show } from "./results-harness.js";

/**
 * @typedef {import("@playwright/test").Page} Page
 * @typedef {import("@playwright/test").Locator} Locator
 * @typedef {import("../runner/result.js").ArrayDetail} ArrayDetail
 */

const SCREENSHOTS = "test-results/screenshots";

test.beforeEach(async ({ page }) => {
  await openPane(page);
});

/**
 * @param {Page} page
 * @param {string} name
 * @returns {Locator} the row of the test of that name
 */
function row(page, name) {
  return page.locator('[data-kata="test"]').filter({ has: page.locator(".kata-res-name", { hasText: name }) });
}

/**
 * Open a collapsed row.
 * @param {Locator} found
 */
async function open(found) {
  await found.locator("summary.kata-res-head").click();
  await expect(found.locator("details.kata-res-fold")).toHaveAttribute("open", "");
}

/**
 * @param {ArrayDetail} detail
 * @param {number} slice
 * @returns {number[]}  the bad indices of one slice, as positions in that slice
 */
function badInSlice(detail, slice) {
  const [rows, cols] = detail.shape.slice(-2);
  const size = detail.shape.length > 1 ? rows * cols : detail.expected.length;
  return detail.bad.filter((i) => Math.floor(i / size) === slice).map((i) => i - slice * size);
}

/**
 * @param {string} fixtureName
 * @param {string} testName
 * @returns {ArrayDetail}
 */
function arrayDetail(fixtureName, testName) {
  const found = fixture(fixtureName).tests.find((t) => t.name === testName);
  return /** @type {ArrayDetail} */ (found?.detail);
}

test("test_summary_names_the_first_failure_and_opens_it_alone", async ({ page }) => {
  await show(page, fixture("lora-wrong-scaling"));

  const pane = page.locator('[data-kata="results"]');
  await expect(pane).toHaveAttribute("data-status", "fail");
  await expect(page.locator('[data-kata="summary"]')).toHaveText("9 of 16 passed; first failure: Scaling is alpha / r");
  await expect(page.locator('[data-kata="test"]')).toHaveCount(16);
  await expect(page.locator('[data-kata="test"][data-status="pass"]')).toHaveCount(9);
  await expect(page.locator("details.kata-res-fold[open]")).toHaveCount(1);
  await expect(row(page, "Scaling is alpha / r").locator("details.kata-res-fold")).toHaveAttribute("open", "");
  await expect(page.locator('[data-kata="test"][data-status="pass"] details')).toHaveCount(0);
});

test("test_first_failure_scrolls_into_view_inside_the_pane_not_the_page", async ({ page }) => {
  await openPane(page, { height: 160 });
  await show(page, fixture("lora-wrong-scaling"));

  const first = row(page, "Scaling is alpha / r");
  const scrolled = await page.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('[data-kata="results"]')).scrollTop);
  expect(scrolled).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const [rowBox, paneBox] = await Promise.all([first.boundingBox(), page.locator('[data-kata="results"]').boundingBox()]);
  expect(rowBox?.y).toBeGreaterThanOrEqual(paneBox?.y ?? Infinity);
  expect(rowBox?.y).toBeLessThan((paneBox?.y ?? 0) + (paneBox?.height ?? 0));
});

test("test_the_same_error_is_shown_once_in_full", async ({ page }) => {
  const result = fixture("lora-name-error");
  await show(page, result);

  // Shown in full the first time; after that a message is "Same error as", and a message that
  // wraps a traceback already shown keeps only its own first line.
  const messages = result.tests.flatMap((t) => (t.message ? [t.message] : []));
  const traceback = (/** @type {string} */ m) => m.slice(Math.max(0, m.indexOf("Traceback (most recent call last):")));
  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {string[]} */
  const shown = [];
  for (const message of messages) {
    const wrapped = message.indexOf("Traceback (most recent call last):") > 0;
    const key = wrapped ? traceback(message) : message;
    if (!seen.has(key)) shown.push(message);
    else if (wrapped) shown.push(message.slice(0, message.indexOf("Traceback")).trimEnd());
    seen.add(key);
  }
  expect(seen.size).toBeLessThan(messages.length - 10); // 12 rows share one traceback
  expect(shown).toContain("expected ValueError, but got NameError:");
  await expect(page.locator('[data-kata="test"] [data-kata="message"]')).toHaveText(shown);
  await expect(page.locator('[data-kata="test"] .kata-res-same')).toHaveCount(messages.length - seen.size);
  await expect(row(page, "Example 1").locator('[data-kata="message"]')).toContainText('File "solution.py", line 7');
  await expect(row(page, "Example 2").locator(".kata-res-same")).toHaveText("Same error as Example 1.");
  await expect(row(page, "Batched input")).toContainText("NameError: name 'scaling' is not defined");
});

test("test_a_runtime_error_marks_its_line_once", async ({ page }) => {
  await show(page, fixture("lora-name-error"));

  const marked = await page.evaluate(() => /** @type {any} */ (window).calls.marked);
  expect(marked).toEqual([{ line: 7, message: "NameError: name 'scaling' is not defined" }]);
});

test("test_inputs_show_the_setup_the_call_and_the_arguments", async ({ page }) => {
  await show(page, fixture("lora-wrong-scaling"));

  const inputs = row(page, "Scaling is alpha / r").locator('[data-kata="inputs"]');
  await expect(inputs.locator("pre code")).toHaveText("rng = np.random.default_rng(22)\n"
    + "x = rng.standard_normal((5, 8)); W0 = np.zeros((6, 8))\n"
    + "A = rng.standard_normal((4, 8)); B = rng.standard_normal((6, 4))\nlora_forward(x, W0, A, B, 8.0)");
  const headers = inputs.locator("thead th");
  await expect(headers).toHaveText(["Name", "Type", "Shape", "Dtype", "Value"]);
  const x = inputs.locator("tbody tr").first().locator("td");
  await expect(x.nth(0)).toHaveText("x");
  await expect(x.nth(2)).toHaveText("(5, 8)");
  await expect(x.nth(3)).toHaveText("float64");
});

test("test_copy_to_console_calls_back_with_the_tests_code", async ({ page }) => {
  const result = fixture("lora-wrong-scaling");
  await show(page, result);

  await row(page, "Scaling is alpha / r").locator('[data-kata="copy-to-console"]').click();
  const codeTest = row(page, "Matches explicit W0 + scaling*BA");
  await open(codeTest);
  await codeTest.locator('[data-kata="copy-to-console"]').focus();
  await page.keyboard.press("Enter");

  const inputs = result.tests.map((t) => t.inputs);
  const scaling = inputs[4];
  const explicit = inputs[6];
  const copied = await page.evaluate(() => /** @type {any} */ (window).calls.copied);
  expect(copied).toEqual([`${scaling?.setup?.trimEnd()}\n${scaling?.call}`,
    `${explicit?.setup?.trimEnd()}\n${explicit?.code?.trimEnd()}`]);
});

test("test_a_hint_is_shown_in_its_failing_row", async ({ page }) => {
  await show(page, fixture("lora-wrong-scaling"));

  await expect(row(page, "Scaling is alpha / r").locator(".kata-res-hint"))
    .toHaveText("Hint: With r = 4 and alpha = 8 the update is multiplied by 2, not by 8.");
  await expect(row(page, "rank 1 adapter").locator(".kata-res-hint")).toHaveCount(0);
});

test("test_picture_outlines_exactly_the_bad_cells_in_2d", async ({ page }) => {
  await show(page, fixture("arrays"));
  const counts = row(page, "Counts modulo 7");
  await open(counts);

  const canvas = counts.locator('[data-kata="diff"] canvas');
  const outlined = await outlinedCells(canvas);
  const detail = arrayDetail("arrays", "Counts modulo 7");
  expect(detail.bad).toEqual([8, 18]);
  expect(outlined).toEqual([detail.bad, detail.bad, detail.bad]);
});

test("test_picture_outlines_exactly_the_bad_cells_of_a_wrapped_1d_array", async ({ page }) => {
  await show(page, fixture("arrays"));

  const canvas = row(page, "A smooth curve").locator('[data-kata="diff"] canvas');
  const outlined = await outlinedCells(canvas);
  const grid = JSON.parse(await canvas.getAttribute("data-grid") ?? "{}");
  const detail = arrayDetail("arrays", "A smooth curve");
  expect(grid.rows).toBeGreaterThan(1); // 300 values wrap into rows
  expect(outlined).toEqual([detail.bad, detail.bad, detail.bad]);
});

test.describe("on a screen of two device pixels per CSS pixel", () => {
  test.use({ deviceScaleFactor: 2 });

  test("test_picture_outlines_exactly_the_bad_cells_at_twice_the_resolution", async ({ page }) => {
    await show(page, fixture("arrays"));

    const canvas = row(page, "A smooth curve").locator('[data-kata="diff"] canvas');
    const detail = arrayDetail("arrays", "A smooth curve");
    expect(await canvas.evaluate((node) => /** @type {HTMLCanvasElement} */ (node).width / node.clientWidth)).toBe(2);
    expect(await outlinedCells(canvas)).toEqual([detail.bad, detail.bad, detail.bad]);
  });
});

test("test_picture_slices_a_3d_array_starting_on_the_worst_slice", async ({ page }) => {
  await show(page, fixture("arrays"));
  const heads = row(page, "Scores of three heads");
  await open(heads);
  const canvas = heads.locator('[data-kata="diff"] canvas');
  const select = heads.getByRole("combobox", { name: /^Slice/ });
  const detail = arrayDetail("arrays", "Scores of three heads");

  await expect(select).toHaveValue("2");
  expect(await outlinedCells(canvas)).toEqual(Array(3).fill(badInSlice(detail, 2)));
  await select.selectOption("0");
  await expect(canvas).toHaveAttribute("data-slice", "0");
  await expect(canvas).toHaveAttribute("aria-label", /showing slice \[0, :, :\] \(1 differing there\)/);
  expect(await outlinedCells(canvas)).toEqual(Array(3).fill(badInSlice(detail, 0)));
  await select.selectOption("1");
  await expect(canvas).toHaveAttribute("data-slice", "1");
  expect(await outlinedCells(canvas)).toEqual([[], [], []]);
});

test("test_picture_says_in_words_what_it_shows", async ({ page }) => {
  await show(page, fixture("arrays"));
  const counts = row(page, "Counts modulo 7");
  await open(counts);

  const picture = counts.getByRole("img");
  await expect(picture).toHaveAttribute("aria-label", "Heatmaps of the expected array, yours and their absolute "
    + "difference, shape (6, 6): 2 of 36 values differ (compared exactly); the first difference is at index "
    + "(1, 2): expected 1, yours -1.");
  await expect(counts.locator(".kata-pic-caption")).toHaveText("▶ The first difference is at index (1, 2): expected 1, yours -1.");
});

test("test_picture_cells_follow_the_width_of_the_pane", async ({ page }) => {
  const cellAt = async (/** @type {number} */ width) => {
    await openPane(page, { width });
    await show(page, fixture("lora-wrong-scaling"));
    const canvas = row(page, "Scaling is alpha / r").locator("canvas");
    await expect(canvas).toHaveAttribute("data-cell", /\d+/);
    return Number(await canvas.getAttribute("data-cell"));
  };
  const [narrow, wide] = [await cellAt(320), await cellAt(900)];
  expect(narrow).toBeGreaterThanOrEqual(3);
  expect(narrow).toBeLessThan(wide);
});

test("test_picture_is_redrawn_when_the_palette_changes", async ({ page }) => {
  await show(page, fixture("arrays"));
  const canvas = row(page, "A smooth curve").locator("canvas");
  const detail = arrayDetail("arrays", "A smooth curve");
  await expect(canvas).toHaveAttribute("data-scheme", "default");

  await page.evaluate(() => document.body.setAttribute("data-md-color-scheme", "slate"));
  await expect(canvas).toHaveAttribute("data-scheme", "slate");
  expect(await outlinedCells(canvas)).toEqual([detail.bad, detail.bad, detail.bad]); // in white now
});

test("test_dispose_results_removes_the_observer", async ({ page }) => {
  await show(page, fixture("arrays"));
  const canvas = row(page, "A smooth curve").locator("canvas");
  await expect(canvas).toHaveAttribute("data-scheme", "default");
  expect(await page.evaluate(() => /** @type {any} */ (window).liveObservers.size)).toBe(1);

  await page.evaluate(() => /** @type {any} */ (window).kataResults.disposeResults(/** @type {any} */ (window).panel()));
  expect(await page.evaluate(() => /** @type {any} */ (window).liveObservers.size)).toBe(0);
  await page.evaluate(() => document.body.setAttribute("data-md-color-scheme", "slate"));
  await page.waitForTimeout(100);
  await expect(canvas).toHaveAttribute("data-scheme", "default");
});

test("test_a_new_result_lets_go_of_the_last_ones_observer", async ({ page }) => {
  await show(page, fixture("arrays"));
  await show(page, fixture("arrays"));
  expect(await page.evaluate(() => /** @type {any} */ (window).liveObservers.size)).toBe(1);
  await show(page, fixture("lora-name-error"));
  expect(await page.evaluate(() => /** @type {any} */ (window).liveObservers.size)).toBe(0);
});

test("test_sequence_diff_names_the_first_differing_token", async ({ page }) => {
  await show(page, fixture("tokenizer-splits"));
  const example = row(page, "Example 2");
  await open(example);

  const diff = example.locator('[data-kata="diff"]');
  await expect(diff).toHaveAttribute("data-kind", "sequence");
  await expect(diff.locator(".kata-td-title")).toHaveText("first difference at index 0");
  await expect(diff.locator("tr", { hasText: "Expected" }).locator("mark")).toHaveText("'Do'");
  await expect(diff.locator("tr", { hasText: "Yours" }).locator("mark")).toHaveText("'Don'");
  await expect(diff.locator("tr", { hasText: "Yours" }).locator("td")).toHaveText(["'Don'", "\"'\"", "'t'", "'pay'"]);
});

test("test_string_diff_marks_the_first_differing_character", async ({ page }) => {
  await show(page, fixture("tokenizer-contractions"));

  const diff = row(page, "Example 2").locator('[data-kata="diff"]');
  await expect(diff.locator(".kata-td-title")).toHaveText("first difference at character 2");
  await expect(diff.locator("tr", { hasText: "Expected" }).locator("mark")).toHaveText("(end)");
  await expect(diff.locator("tr", { hasText: "Yours" })).toContainText("Don");
  await expect(diff.locator("tr", { hasText: "Yours" }).locator("mark")).toHaveText("n");
});

test("test_dict_diff_lists_missing_unexpected_and_differing_keys", async ({ page }) => {
  await show(page, fixture("trainable-params-dict"));

  const diff = row(page, "Example 1").locator('[data-kata="diff"]');
  await expect(diff.locator("dt")).toHaveText(["Missing key", "Unexpected key", "Different values"]);
  await expect(diff.locator("dd")).toHaveText(["'ratio'", "'fraction'", "result['lora']: expected 294912, got 147456"]);
});

test("test_scalar_diff_gives_the_relative_error", async ({ page }) => {
  await show(page, fixture("perplexity-scalar"));

  const diff = row(page, "padded batch of unequal lengths").locator('[data-kata="diff"]');
  await expect(diff.locator("tr")).toHaveText([/Expected\s*2\.135856/, /Yours\s*1\.556863/,
    /Relative error\s*0\.2711 \(27\.11%\): \|yours − expected\| \/ \|expected\|/]);
});

test("test_html_in_output_is_shown_as_text", async ({ page }) => {
  page.on("dialog", (dialog) => { throw new Error(`a dialog opened: ${dialog.message()}`); });
  await show(page, fixture("lora-prints-html"), { kind: "run" });

  const pane = page.locator('[data-kata="results"]');
  await expect(pane.locator('[data-kata="test"] [data-kata="output"]').first()).toHaveText("<b>bold</b> <script>alert(2)</script>\n");
  await expect(pane.locator('.kata-res-rows + .kata-res-output [data-kata="output"]'))
    .toHaveText("<img src=x onerror=alert(1)><b>at import</b>\n");
  await expect(pane.locator("img, b, script")).toHaveCount(0);
});

test("test_printed_output_is_open_only_in_the_first_failing_row", async ({ page }) => {
  await show(page, fixture("tokenizer-splits"));

  const outputs = page.locator('[data-kata="test"] details.kata-res-output');
  await expect(outputs).toHaveCount(19);
  await expect(page.locator('[data-kata="test"] details.kata-res-output[open]')).toHaveCount(1);
  await expect(row(page, "Example 1").locator("details.kata-res-output")).toHaveAttribute("open", "");
  await expect(page.locator(".kata-res-rows + .kata-res-output")).toHaveCount(0);
});

test("test_a_passing_submit_offers_the_next_problem", async ({ page }) => {
  await show(page, fixture("lora-pass-submit"), { kind: "submit", next: { href: "../lora-merge/", title: "Merge a LoRA adapter" } });

  await expect(page.locator('[data-kata="summary"]')).toHaveText("All 16 tests passed.");
  await expect(page.getByRole("link", { name: "Next problem: Merge a LoRA adapter" })).toHaveAttribute("href", "../lora-merge/");
  await expect(page.locator('[data-kata="test"] details')).toHaveCount(0);
});

test("test_a_passing_run_invites_a_submit", async ({ page }) => {
  await show(page, fixture("lora-pass-run"), { kind: "run", next: { href: "../next/", title: "Next" } });

  await expect(page.locator('[data-kata="summary"]')).toHaveText("All 2 examples passed. Submit to run the hidden tests too.");
  await expect(page.getByRole("link")).toHaveCount(0);
});

test("test_a_time_out_a_stop_and_code_that_did_not_run_say_so", async ({ page }) => {
  const pane = page.locator('[data-kata="results"]');
  const summary = page.locator('[data-kata="summary"]');

  await show(page, fixture("lora-timeout"));
  await expect(pane).toHaveAttribute("data-status", "timeout");
  await expect(summary).toHaveText("Time limit exceeded.");
  await expect(pane.locator(':scope > [data-kata="message"]')).toContainText("Time limit of 10 s exceeded");
  await expect(page.locator('[data-kata="test"][data-status="error"]')).toContainText("Timed out");

  await show(page, fixture("lora-stopped"));
  await expect(summary).toHaveText("Stopped.");
  await expect(pane.locator(':scope > [data-kata="message"]')).toContainText("You stopped the run.");

  await show(page, fixture("lora-syntax-error"));
  await expect(summary).toHaveText("Your code did not run.");
  await expect(pane.locator(':scope > [data-kata="message"]')).toContainText("SyntaxError: '(' was never closed");
});

test("test_running_shows_progress_row_by_row", async ({ page }) => {
  const result = fixture("lora-wrong-scaling");
  const progress = (/** @type {object} */ event) => page.evaluate((shown) => {
    const kata = /** @type {any} */ (window);
    kata.kataResults.showProgress(kata.panel(), shown);
  }, event);
  const start = (/** @type {boolean} */ waiting) => page.evaluate((wait) => {
    const kata = /** @type {any} */ (window);
    kata.kataResults.showRunning(kata.panel(), { kind: "submit", total: 16, waiting: wait });
  }, waiting);
  const summary = page.locator('[data-kata="summary"]');

  await start(true);
  await expect(summary).toHaveText("Waiting for Python to start…");
  await start(false);
  await expect(page.locator('[data-kata="results"]')).toHaveAttribute("data-status", "running");
  await expect(summary).toHaveText("Running 16 tests…");
  await progress({ type: "test-start", index: 0, name: "Example 1" });
  await expect(summary).toHaveText("Running test 1 of 16: Example 1");
  await progress({ type: "test-done", index: 0, test: result.tests[0] });
  await expect(page.locator('[data-kata="test"][data-status="pass"]')).toHaveCount(1);
});

// ---------------------------------------------------------------------------------------
// Screenshots to look at (`--grep @screenshots`), light and dark, at 1280 px

/**
 * @typedef {{name: string, fixture: string, options?: import("./results-harness.js").ShowOptions,
 *   open?: string, width?: number}} Case  `open`: a collapsed row to open; `width`: of the pane
 * @type {Case[]}
 */
const CASES = [
  { name: "wrong-scaling", fixture: "lora-wrong-scaling" },
  { name: "narrow", fixture: "lora-wrong-scaling", width: 340 },
  { name: "same-error", fixture: "lora-name-error" },
  { name: "arrays-1d", fixture: "arrays" },
  { name: "arrays-3d", fixture: "arrays", open: "Scores of three heads" },
  { name: "arrays-2d-int", fixture: "arrays", open: "Counts modulo 7" },
  { name: "sequence", fixture: "tokenizer-splits", open: "Example 2" },
  { name: "string", fixture: "tokenizer-contractions" },
  { name: "dict", fixture: "trainable-params-dict" },
  { name: "scalar", fixture: "perplexity-scalar" },
  { name: "html-output", fixture: "lora-prints-html", options: { kind: "run" } },
  { name: "pass", fixture: "lora-pass-submit", options: { next: { href: "#", title: "Merge a LoRA adapter" } } },
  { name: "timeout", fixture: "lora-timeout" },
  { name: "syntax-error", fixture: "lora-syntax-error", options: { kind: "run" } },
];

for (const scheme of /** @type {const} */ (["light", "dark"])) {
  test.describe(`${scheme} palette`, () => {
    test.use({ viewport: { width: 1280, height: 900 } });

    for (const shot of CASES) {
      test(`results ${shot.name} in the ${scheme} palette @screenshots`, async ({ page }) => {
        await openPane(page, { scheme, width: shot.width });
        await show(page, fixture(shot.fixture), shot.options);
        if (shot.open) await open(row(page, shot.open));
        for (const canvas of await page.locator("details[open] canvas").all()) {
          await expect(canvas).toHaveAttribute("data-cell", /\d+/);
        }
        await page.screenshot({ path: `${SCREENSHOTS}/results-${shot.name}-${scheme}.png`, fullPage: true });
      });
    }
  });
}
