// @ts-check
// The problem page: saving code, staying on the site's origin, Reset, hints, syntax errors,
// keyboard shortcuts.

import { expect, openProblem, problems, runCode, test } from "./fixtures.js";

const ORIGIN = `http://127.0.0.1:${process.env.KATA_E2E_PORT || 8765}/`;

test("test_typed_code_survives_a_reload", async ({ page, problem }) => {
  await page.goto(`problems/${problem.slug}/`); // the editor must not wait for Python
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("# typed before a reload");
  await page.reload();
  await expect(page.locator(".cm-content")).toContainText("# typed before a reload");
});

test("test_no_request_leaves_the_site", async ({ context, page, problem }) => {
  /** @type {string[]} */
  const urls = [];
  context.on("request", (request) => { urls.push(request.url()); });
  await openProblem(page, problem.slug);
  expect((await runCode(page, problem.solution)).status).toBe("pass");

  expect(urls.filter((url) => !url.startsWith(ORIGIN))).toEqual([]);
  // The list is not vacuous: it saw the page, the worker's Python and the NumPy wheel.
  expect(urls.some((url) => url.endsWith("/kata.json"))).toBe(true);
  expect(urls.some((url) => url.endsWith("/pyodide.asm.wasm"))).toBe(true);
  expect(urls.some((url) => url.endsWith(".whl"))).toBe(true);
});

test("test_reset_restores_the_starter_and_undo_brings_code_back", async ({ kataPage: page, problem }) => {
  const mine = "# my own attempt\nx = 1\n";
  await page.evaluate((code) => /** @type {any} */ (window).kata.setCode(code), mine);
  await page.locator('[data-kata="reset"]').click();

  const code = () => page.evaluate(() => /** @type {any} */ (window).kata.getCode());
  expect(await code()).toBe(problem.starter);
  await expect(page.locator('[data-kata="notice"]')).toContainText("Starter code restored");
  await page.keyboard.press("Control+z");
  expect(await code()).toBe(mine);
});

test("test_syntax_error_marks_the_line", async ({ kataPage: page }) => {
  const result = await runCode(page, "import numpy as np\n\ndef broken(:\n    pass\n", "run");

  expect(result.status).toBe("error");
  expect(result.location?.line).toBe(3);
  await expect(page.locator('[data-kata="results"]')).toHaveAttribute("data-status", "error");
  await expect(page.locator(".kata-error-line")).toHaveCount(1);
  await expect(page.locator(".kata-error-line")).toContainText("def broken(:");
});

test("test_keyboard_runs_and_submits", async ({ kataPage: page, problem }) => {
  await page.evaluate((code) => /** @type {any} */ (window).kata.setCode(code), problem.solution);
  const summary = page.locator('[data-kata="summary"]');
  await page.locator(".cm-content").click();

  await page.keyboard.press("Control+Enter");
  await expect(summary).toContainText("examples passed");
  await page.keyboard.press("Control+Shift+Enter");
  await expect(summary).toContainText("tests passed");
  await expect(page.locator('[data-kata="run"]')).toHaveAttribute("title", /Ctrl\+Enter/);
});

test("test_run_before_python_is_ready_waits_for_it", async ({ page, problem }) => {
  await page.goto(`problems/${problem.slug}/`);
  await page.waitForFunction(() => "kata" in window);
  const status = await page.locator('[data-kata="status"]').textContent();
  const result = await runCode(page, problem.solution, "run");
  expect(status).not.toBe("Python ready");
  expect(result.status).toBe("pass");
});

test("test_hints_are_revealed_one_at_a_time", async ({ page, problem }) => {
  await page.goto(`problems/${problem.slug}/`);
  const hints = page.locator('[data-kata="hints"] .kata-hint');
  const count = await hints.count();
  test.skip(count === 0, "this problem has no hints");

  const reveal = page.locator('[data-kata="hint"]');
  await expect(reveal).toHaveText(`Show a hint (1 of ${count})`);
  await expect(hints.first()).toBeHidden();
  await reveal.click();
  await expect(hints.first()).toBeVisible();
  if (count > 1) {
    await expect(hints.nth(1)).toBeHidden();
    await expect(reveal).toHaveText(`Show another hint (2 of ${count})`);
  }
});

test("test_revealed_hints_are_remembered_after_a_reload", async ({ page }) => {
  const withHints = problems.find((p) => p.slug === "lora-forward") ?? problems[0];
  await page.goto(`problems/${withHints.slug}/`);
  const hints = page.locator('[data-kata="hints"] .kata-hint');
  const count = await hints.count();
  expect(count).toBeGreaterThan(1);
  await page.locator('[data-kata="hint"]').click();
  await expect(hints.first()).toBeVisible();

  await page.reload();
  await expect(hints.first()).toBeVisible();
  await expect(hints.nth(1)).toBeHidden();
  await expect(page.locator('[data-kata="hint"]')).toHaveText(`Show another hint (2 of ${count})`);
  expect(await page.evaluate((slug) => /** @type {any} */ (window).kata.progress()[slug]?.hints, withHints.slug)).toBe(1);
});

test("test_numpy_that_fails_its_integrity_check_is_reported_by_name", async ({ context, page, problem }) => {
  await context.route("**/*.whl", async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1] ^= 0xff; // one flipped byte: the lock's sha256 no longer matches
    await route.fulfill({ response, body });
  });
  await page.goto(`problems/${problem.slug}/`);

  const status = page.locator('[data-kata="status"]');
  await expect(status).toHaveAttribute("data-state", "failed");
  await expect(status).toContainText(/^Python could not start: numpy-2\.0\.2-[^ ]+\.whl could not be loaded intact/);
  await expect(page.locator('[data-kata="retry"]')).toBeVisible();
  const result = await runCode(page, problem.solution, "run");
  expect(result.status).toBe("error");
  expect(result.message).toContain("could not be loaded intact");
});

test("test_site_works_under_a_sub_path", async ({ context, page, problem }) => {
  // Serve the site at /course/ as well, the way a host with a sub-path would.
  const course = `${ORIGIN}course/`;
  await context.route(`${course}**`, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(course, ORIGIN) });
    await route.fulfill({ response });
  });
  /** @type {string[]} */
  const urls = [];
  context.on("request", (request) => { urls.push(request.url()); });
  await page.goto(`${course}problems/${problem.slug}/`);
  await page.waitForFunction(() => "kata" in window);
  await page.evaluate(() => /** @type {any} */ (window).kata.ready);

  expect((await runCode(page, problem.solution)).status).toBe("pass");
  expect(urls.filter((url) => !url.startsWith(course))).toEqual([]);
});
