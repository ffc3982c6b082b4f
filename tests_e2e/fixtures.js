// @ts-check
// Shared fixtures: the problems (from `kata list --json`) and a problem page whose Python
// is ready.

import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import { test as base, expect } from "@playwright/test";

/**
 * @typedef {{slug: string, title: string, entry: string, starter: string, solution: string,
 *   wrong_solutions: {name: string, code: string}[]}} Problem
 * @typedef {import("../runner/runner.js").Result} Result
 */

/** The built site the tests' server serves (playwright.config.js). */
export const SITE_DIR = path.join(path.resolve(fileURLToPath(new URL("..", import.meta.url)),
  process.env.KATA_SITE_DIR || "site"), path.sep);

const KATA_CLI = process.env.KATA_CLI || fileURLToPath(new URL("../.venv/bin/kata", import.meta.url));

/** Every problem of the site, as the project's own command line lists them. @type {Problem[]} */
export const problems = JSON.parse(execFileSync(KATA_CLI, ["list", "--json"], {
  cwd: fileURLToPath(new URL("..", import.meta.url)), encoding: "utf-8" }));

/**
 * @param {Problem} problem
 * @param {string} body  the indented body of the entry function
 * @returns {string} learner code that defines the entry with this body
 */
export function entryWith(problem, body) {
  return `import numpy as np\n\ndef ${problem.entry}(*args, **kwargs):\n${body}\n`;
}

/**
 * The problem data a page gets: kata.json, decoded as the page decodes it (base64, then raw
 * deflate).
 * @param {import("@playwright/test").APIRequestContext} request
 * @param {string} slug
 * @returns {Promise<{examples: object[], tests: object[], time_limit: number, solution: string}>}
 */
export async function problemData(request, slug) {
  const { payload } = await (await request.get(`problems/${slug}/kata.json`)).json();
  return JSON.parse(inflateRawSync(Buffer.from(payload, "base64")).toString("utf-8"));
}

/**
 * Open a problem page; resolves once its Python is ready.
 * @param {import("@playwright/test").Page} page
 * @param {string} slug
 */
export async function openProblem(page, slug) {
  await page.goto(`problems/${slug}/`);
  await page.waitForFunction(() => "kata" in window);
  await page.evaluate(() => /** @type {any} */ (window).kata.ready);
  await expect(page.locator('[data-kata="status"]')).toHaveText("Python ready");
}

/**
 * @param {import("@playwright/test").Page} page
 * @param {string} code
 * @param {"run"|"submit"} [kind]
 * @returns {Promise<Result>}
 */
export function runCode(page, code, kind = "submit") {
  return page.evaluate(([source, how]) => {
    const kata = /** @type {any} */ (window).kata;
    kata.setCode(source);
    return how === "run" ? kata.run() : kata.submit();
  }, [code, kind]);
}

/**
 * @typedef {import("@playwright/test").PlaywrightTestArgs & import("@playwright/test").PlaywrightTestOptions} TestArgs
 * @typedef {import("@playwright/test").PlaywrightWorkerArgs & import("@playwright/test").PlaywrightWorkerOptions} WorkerArgs
 * @typedef {{problem: Problem, kataPage: import("@playwright/test").Page}} KataFixtures
 */

export const test = base.extend(/** @type {import("@playwright/test").Fixtures<KataFixtures, {}, TestArgs, WorkerArgs>} */ ({
  // The problem a test works on: the first one unless a describe block says otherwise.
  problem: [problems[0], { option: true }],
  kataPage: async ({ page, problem }, use) => {
    await openProblem(page, problem.slug);
    await use(page);
  },
}));

export { expect };
