// @ts-check
// Screenshots to look at, not assertions: `make screenshots` or `npm run screenshots`
// (`--grep @screenshots`) write PNGs into test-results/screenshots/. Skipped otherwise.

import { openProblem, problems, runCode, test } from "./fixtures.js";

const DIR = "test-results/screenshots";

for (const scheme of /** @type {const} */ (["light", "dark"])) {
  test.describe(`${scheme} palette`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });

    test(`pages in the ${scheme} palette @screenshots`, async ({ page }) => {
      await page.goto("./");
      await page.screenshot({ path: `${DIR}/index-${scheme}.png`, fullPage: true });
      await page.goto("problems/");
      await page.screenshot({ path: `${DIR}/problems-${scheme}.png`, fullPage: true });

      const problem = problems[0];
      await openProblem(page, problem.slug);
      await page.locator(".cm-editor").scrollIntoViewIfNeeded(); // CodeMirror measures lines once visible
      await page.screenshot({ path: `${DIR}/problem-${scheme}-before.png`, fullPage: true });
      await runCode(page, problem.starter);
      await page.locator('[data-kata="results"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${DIR}/problem-${scheme}-failed.png`, fullPage: true });
      await runCode(page, problem.solution);
      await page.locator('[data-kata="hint"]').click().catch(() => {});
      await page.screenshot({ path: `${DIR}/problem-${scheme}-passed.png`, fullPage: true });
    });
  });
}
