// @ts-check
// Start-up and run-time of a problem page in headless Chromium: medians of one run, with
// the variants interleaved round by round so that the machine's drift hits them alike.
// Usage: node bench/startup.mjs SITE_DIR [OTHER_SITE_DIR ...]   (env ROUNDS, default 5)
// For each site and round: a fresh browser profile (cold), the same profile reopened (warm:
// Chromium's compiled-code cache), and a second Submit in the warm worker.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const SITES = process.argv.slice(2).length ? process.argv.slice(2) : ["site"];
const ROUNDS = Number(process.env.ROUNDS || 5);
const SLUG = "adapted-linear";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const executablePath = process.env.KATA_CHROMIUM ||
  (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const problems = JSON.parse(execFileSync(".venv/bin/kata", ["list", "--json"], { encoding: "utf8" }));
const solution = problems.find((/** @type {any} */ p) => p.slug === SLUG).solution;

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Navigation to Python ready, then to a passing Submit, in one browser profile.
 * @param {string} url
 * @param {string} profile
 */
async function measure(url, profile) {
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: ARGS, headless: true });
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => "kata" in window);
  await page.evaluate(() => /** @type {any} */ (window).kata.ready);
  const ready = Date.now() - start;
  await page.evaluate((code) => /** @type {any} */ (window).kata.setCode(code), solution);
  const first = await page.evaluate(() => /** @type {any} */ (window).kata.submit());
  const submitted = Date.now() - start;
  const t0 = Date.now();
  const second = await page.evaluate(() => /** @type {any} */ (window).kata.submit());
  const rerun = Date.now() - t0;
  await context.close();
  if (first.status !== "pass" || second.status !== "pass") throw new Error(`${url}: the reference did not pass`);
  return { ready, submitted, rerun };
}

const servers = SITES.map((dir, i) => spawn("python3",
  ["-m", "http.server", String(8790 + i), "--bind", "127.0.0.1", "--directory", dir], { stdio: "ignore" }));
await new Promise((resolve) => setTimeout(resolve, 1000));
/** @type {Record<string, {coldReady: number[], warmReady: number[], coldSubmit: number[], rerun: number[]}>} */
const rows = Object.fromEntries(SITES.map((s) => [s, { coldReady: [], warmReady: [], coldSubmit: [], rerun: [] }]));
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, site] of SITES.entries()) {
      const url = `http://127.0.0.1:${8790 + i}/problems/${SLUG}/`;
      const profile = mkdtempSync(join(tmpdir(), "kata-bench-"));
      const cold = await measure(url, profile);
      const warm = await measure(url, profile);
      rmSync(profile, { recursive: true, force: true });
      rows[site].coldReady.push(cold.ready);
      rows[site].coldSubmit.push(cold.submitted);
      rows[site].warmReady.push(warm.ready);
      rows[site].rerun.push(cold.rerun, warm.rerun);
    }
  }
} finally {
  for (const server of servers) server.kill();
}
const s = (/** @type {number[]} */ xs) => `${(median(xs) / 1000).toFixed(2)} s`;
console.log(`problem page ${SLUG}, medians of ${ROUNDS} interleaved rounds`);
console.log("site | navigation to Python ready, cold | warm | navigation to a passing Submit, cold | Submit again (warm worker)");
for (const site of SITES) {
  const r = rows[site];
  console.log(`${site} | ${s(r.coldReady)} | ${s(r.warmReady)} | ${s(r.coldSubmit)} | ${median(r.rerun)} ms`);
}
if (SITES.length > 1) {
  const [a, b] = SITES.map((site) => rows[site]);
  console.log(`ratio ${SITES[0]} / ${SITES[1]}: cold ready ${(median(a.coldReady) / median(b.coldReady)).toFixed(2)}, ` +
    `warm ready ${(median(a.warmReady) / median(b.warmReady)).toFixed(2)}`);
}
