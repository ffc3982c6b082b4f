// @ts-check
// Start-up and run-time of a problem page in headless Chromium, medians of one run.
// Serves site/ on 127.0.0.1, then for N rounds: a fresh browser profile (cold), the same
// profile reopened (warm: Chromium's compiled-code cache), a second Submit in a warm worker,
// and a time-out to a fresh worker's next result. Usage: node bench/startup.mjs [ROUNDS]
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const ROUNDS = Number(process.argv[2] || 5);
const PORT = 8799;
const SLUG = "adapted-linear";
const URL = `http://127.0.0.1:${PORT}/problems/${SLUG}/`;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const executablePath = process.env.KATA_CHROMIUM ||
  (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const problems = JSON.parse(execFileSync(".venv/bin/kata", ["list", "--json"], { encoding: "utf8" }));
const solution = problems.find((p) => p.slug === SLUG).solution;

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Navigation to Python ready, then to a passing Submit, in one profile. */
async function measure(/** @type {string} */ profile) {
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: ARGS, headless: true });
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(URL);
  await page.waitForFunction(() => window.kata !== undefined);
  await page.evaluate(() => window.kata.ready);
  const ready = Date.now() - start;
  await page.evaluate((code) => window.kata.setCode(code), solution);
  const first = await page.evaluate(() => window.kata.submit());
  const submitted = Date.now() - start;
  const t0 = Date.now();
  const second = await page.evaluate(() => window.kata.submit());
  const rerun = Date.now() - t0;
  if (first.status !== "pass" || second.status !== "pass") throw new Error("reference did not pass");
  await context.close();
  return { ready, submitted, rerun };
}

const server = spawn("python3", ["-m", "http.server", String(PORT), "--bind", "127.0.0.1", "--directory", "site"],
  { stdio: "ignore" });
await new Promise((resolve) => setTimeout(resolve, 800));
const rows = { coldReady: [], coldSubmit: [], warmReady: [], warmSubmit: [], rerun: [] };
try {
  for (let round = 0; round < ROUNDS; round++) {
    const profile = mkdtempSync(join(tmpdir(), "kata-bench-"));
    const cold = await measure(profile);
    const warm = await measure(profile);
    rmSync(profile, { recursive: true, force: true });
    rows.coldReady.push(cold.ready); rows.coldSubmit.push(cold.submitted);
    rows.warmReady.push(warm.ready); rows.warmSubmit.push(warm.submitted);
    rows.rerun.push(cold.rerun, warm.rerun);
  }
} finally {
  server.kill();
}
const fmt = (/** @type {number[]} */ xs) => `${(median(xs) / 1000).toFixed(2)} s`;
console.log(`problem page ${SLUG}, medians of ${ROUNDS} rounds (ms resolution):`);
console.log(`  navigation -> Python ready:    cold ${fmt(rows.coldReady)}, warm ${fmt(rows.warmReady)}`);
console.log(`  navigation -> Submit passed:   cold ${fmt(rows.coldSubmit)}, warm ${fmt(rows.warmSubmit)}`);
console.log(`  Submit again, warm worker:     ${median(rows.rerun)} ms`);
console.log(`  ratio cold/warm to ready:      ${(median(rows.coldReady) / median(rows.warmReady)).toFixed(2)}`);
