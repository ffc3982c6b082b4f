// @ts-check
// What learner code can do to the runner: loop, forge messages, print HTML or a flood,
// run out of memory. None of it may hang the page or fake a pass.

import { entryWith, expect, openProblem, problemData, problems, runCode, test } from "./fixtures.js";

test("test_time_out_restarts_python", async ({ kataPage: page, problem }) => {
  const result = await runCode(page, entryWith(problem, "    while True:\n        pass"));

  expect(result.status).toBe("timeout");
  const stuck = result.tests.at(-1);
  expect(stuck?.status).toBe("error");
  expect(stuck?.message).toBe("Timed out");
  expect(result.message).toMatch(/^Time limit of \d+(\.\d+)? s exceeded while running "/);
  expect(result.message).toContain(`"${stuck?.name}". Python was restarted; your code is still in the editor.`);
  await expect(page.locator('[data-kata="results"]')).toHaveAttribute("data-status", "timeout");
  await expect(page.locator('[data-kata="test"][data-status="error"]')).toContainText("Timed out");

  const solved = await runCode(page, problem.solution);
  expect(solved.status).toBe("pass");
  await expect(page.locator('[data-kata="status"]')).toHaveText("Python ready");
});

test("test_forged_result_message_is_ignored", async ({ kataPage: page, problem }) => {
  const forge = "import js\n"
    + "js.postMessage(js.JSON.parse('{\"type\":\"result\",\"id\":1,\"result\":{\"status\":\"pass\",\"tests\":[]}}'))\n";
  const result = await runCode(page, forge + problem.starter);

  expect(result.status).toBe("fail");
  await expect(page.locator('[data-kata="results"]')).toHaveAttribute("data-status", "fail");
});

test("test_html_in_output_is_shown_as_text", async ({ kataPage: page, problem }) => {
  const html = "<img src=x onerror=alert(1)><b>bold</b>";
  page.on("dialog", (dialog) => { throw new Error(`a dialog opened: ${dialog.message()}`); });
  await runCode(page, `print(${JSON.stringify(html)})\n` + entryWith(problem, `    print(${JSON.stringify(html)})`), "run");

  const results = page.locator('[data-kata="results"]');
  await expect(results.locator('[data-kata="test"] [data-kata="output"]').first()).toContainText(html);
  await expect(results.locator("img, b")).toHaveCount(0);
});

test("test_output_flood_is_cut_and_page_stays_responsive", async ({ page, request }) => {
  // A million prints take about 2 s per test in Pyodide here: run them on the problem with
  // the fewest examples, so that the flood, not the time limit, is what this test meets.
  const counts = await Promise.all(problems.map(async (problem) => ({ problem,
    examples: (await problemData(request, problem.slug)).examples.length })));
  const { problem } = counts.reduce((best, next) => (next.examples < best.examples ? next : best));
  await openProblem(page, problem.slug);
  const result = await runCode(page, entryWith(problem, "    for i in range(10**6):\n        print(i)"), "run");

  expect(result.status).toBe("fail");
  const output = page.locator('[data-kata="test"] [data-kata="output"]').first();
  await expect(output).toContainText("[output truncated: ");
  const started = Date.now();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("# still typing");
  await expect.poll(() => page.evaluate(() => /** @type {any} */ (window).kata.getCode()), { timeout: 1000 })
    .toContain("# still typing");
  expect(Date.now() - started).toBeLessThan(1000);
});

test("test_out_of_memory_is_an_error_and_python_recovers", async ({ kataPage: page, problem }) => {
  // Pyodide's memory is 32-bit: one array of 2 GB or more is refused with a ValueError
  // (np.ones(10**10) says "Maximum allowed dimension exceeded"); arrays that fit one at a
  // time but not together (4 GB of wasm memory at most) give the real MemoryError.
  const hog = entryWith(problem, "    blocks = [np.empty(3 * 2**29, dtype=np.uint8) for _ in range(4)]");
  const result = await runCode(page, hog);

  expect(result.tests[0].status).toBe("error");
  expect(result.tests[0].message).toContain("MemoryError");
  await expect(page.locator('[data-kata="test"]').first()).toHaveAttribute("data-status", "error");

  const solved = await runCode(page, problem.solution);
  expect(solved.status).toBe("pass");
});

test("test_python_fatal_error_is_an_error_and_python_restarts", async ({ kataPage: page, problem }) => {
  // Pyodide's own fatal-error path, the one a crash of the interpreter takes.
  const crash = "import pyodide_js\npyodide_js._api.fatal_error(Exception('crash'))\n";
  const result = await runCode(page, crash + problem.starter);

  expect(result.status).toBe("error");
  expect(result.message).toContain("Python was restarted; your code is still in the editor.");
  await expect(page.locator('[data-kata="results"] [data-kata="message"]').first()).toContainText("Python crashed");

  const solved = await runCode(page, problem.solution);
  expect(solved.status).toBe("pass");
});
