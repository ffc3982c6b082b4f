// @ts-check
// Every problem, in the browser: its reference solution passes; its starter and its known
// wrong solutions do not (as `kata check` found in CPython).

import { expect, problems, runCode, test } from "./fixtures.js";

for (const problem of problems) {
  test.describe(problem.slug, () => {
    test.use({ problem });

    test("test_solution_passes_and_starter_fails", async ({ kataPage: page }) => {
      const rows = page.locator('[data-kata="test"]');

      const solved = await runCode(page, problem.solution);
      expect(solved.status, JSON.stringify(solved, null, 1)).toBe("pass");
      await expect(page.locator('[data-kata="results"]')).toHaveAttribute("data-status", "pass");
      await expect(rows).toHaveCount(solved.tests.length);
      for (const row of await rows.all()) await expect(row).toHaveAttribute("data-status", "pass");

      const started = await runCode(page, problem.starter);
      expect(["fail", "error"]).toContain(started.status);
      await expect(page.locator('[data-kata="results"]')).toHaveAttribute("data-status", started.status);
      await expect(page.locator('[data-kata="test"]:not([data-status="pass"])').first()).toBeVisible();

      for (const wrong of problem.wrong_solutions) {
        expect((await runCode(page, wrong.code)).status, wrong.name).not.toBe("pass");
      }
    });
  });
}
