// @ts-check
// Accessibility: axe-core on the home page, the problem index and a problem page, in light
// and dark, and on the problem page again after a failing Submit (results, hints, diff
// pictures). Nothing serious or critical may be found in what this project draws; findings
// inside mkdocs-material's own markup are listed below, each with its reason.

import AxeBuilder from "@axe-core/playwright";
import { expect, openProblem, problems, runCode, test } from "./fixtures.js";

/**
 * @typedef {import("@playwright/test").Page} Page
 * @typedef {{rule: string, selector: RegExp, reason: string}} Known
 */

/** Findings in mkdocs-material's markup, not ours. @type {Known[]} */
const KNOWN = [
  { rule: "aria-dialog-name", selector: /^\.md-search$/,
    reason: "mkdocs-material's search overlay has role=dialog and no accessible name (its base.html)" },
  { rule: "color-contrast", selector: /^\.md-copyright$/,
    reason: "mkdocs-material's footer: its grey on the footer's black is 4.47:1 (only pages with a footer)" },
];

/**
 * The serious and critical violations on the page, as "rule: selector" lines, without the
 * known ones.
 * @param {Page} page
 * @returns {Promise<string[]>}
 */
async function violations(page) {
  const { violations: found } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return found
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) => violation.nodes.map((node) => ({ rule: violation.id, selector: node.target.join(" "),
      summary: node.failureSummary?.split("\n")[1]?.trim() ?? "" })))
    .filter(({ rule, selector }) => !KNOWN.some((known) => known.rule === rule && known.selector.test(selector)))
    .map(({ rule, selector, summary }) => `${rule}: ${selector}: ${summary}`);
}

for (const scheme of /** @type {const} */ (["light", "dark"])) {
  test.describe(`in ${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test(`test_the_home_page_has_no_serious_violation_${scheme}`, async ({ page }) => {
      await page.goto("./");
      await expect(page.locator('[data-kata="progress"]').first()).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test(`test_the_index_has_no_serious_violation_${scheme}`, async ({ page }) => {
      await page.goto("problems/");
      await expect(page.locator('[data-kata="problem-row"]').first()).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test(`test_a_problem_page_before_and_after_a_failing_submit_has_no_serious_violation_${scheme}`,
      async ({ page }) => {
        const lora = problems.find((p) => p.slug === "lora-forward") ?? problems[0];
        await openProblem(page, lora.slug);
        expect(await violations(page)).toEqual([]);

        const wrong = lora.wrong_solutions[0];
        expect((await runCode(page, wrong.code)).status).toBe("fail");
        await expect(page.locator('[data-kata="diff"]').first()).toBeVisible();
        await page.locator('[data-kata="hint"]').click().catch(() => {}); // a revealed hint, where there is one
        expect(await violations(page)).toEqual([]);
      });
  });
}
