// @ts-check
// `make bench`: every speed and size goal of the issues, measured in one run, one line each:
// what, our median, the goal, the anchor's median, the ratio, OK or MISS.
//
// The anchor is a plain page that starts stock Pyodide 0.27.7 and NumPy the obvious way
// (bench/anchor/); it runs in the same rounds as the site, so that a slow or busy machine
// slows both alike. Each round opens a fresh browser profile for each page and visits it
// twice: first (cold) and again (warm: caches filled, and the site's service worker in
// control), site and anchor alternating, the order flipped every other round.
//
// Usage: node bench/bench.mjs (from the repository's root, after `make build`)
// Env: ROUNDS (default 5); CHECK_COPIES (default 17 copies of every problem for `kata check`,
// 0 skips it) and CHECK_REPEATS (default 1: a cold check of ~1,000 problems takes many minutes).

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inBrowser, visitAnchor, visitSite } from "./browser.mjs";
import { format, formatLine, header, median } from "./report.mjs";
import { anchorFolder, serveFolder } from "./serve.mjs";
import { bytesByOwner, largestProblemData, pageBytes } from "./sizes.mjs";

/**
 * @typedef {import("./browser.mjs").SiteVisit} SiteVisit
 * @typedef {import("./browser.mjs").AnchorVisit} AnchorVisit
 * @typedef {import("./browser.mjs").Problem} Problem
 * @typedef {import("./report.mjs").Line} Line
 * @typedef {{site: {first: SiteVisit[], again: SiteVisit[]}, anchor: {first: AnchorVisit[], again: AnchorVisit[]}}} Samples
 * @typedef {{problems: number, cold: number, cached: number, repeats: number}} CheckSpeed
 */

const ROUNDS = Number(process.env.ROUNDS || 5);
const CHECK_COPIES = Number(process.env.CHECK_COPIES ?? 17);
const CHECK_REPEATS = Number(process.env.CHECK_REPEATS || 1);
const SLUG = "lora-forward";
const SITE_DIR = "site";
const PAGES = ["", "problems/", `problems/${SLUG}/`];
const PYTHON = ".venv/bin/python";

const LEGEND = `Tensor Kata bench on SLUG: medians of ROUNDS interleaved rounds, site and anchor alternating.
  anchor: stock Pyodide 0.27.7 + NumPy in a module worker, the obvious way; its column is its cold Python+NumPy
  ready (lines 1, 2 cold, 4), its warm ready (2 warm), the bare work in its worker (3), a full load of the same page (5).
  cold, visit 1: a fresh browser profile; warm, visit 2: the same profile reopened.
  [SW]: the site's service worker controlled the page; isolated: the page was crossOriginIsolated.`;

/** @param {string} text */
const progress = (text) => process.stderr.write(`bench: ${text}\n`);

/** @returns {Problem} the problem the page timings use: its code and its bare work */
function readProblem() {
  const json = execFileSync(PYTHON, ["bench/bare_work.py", SLUG], { encoding: "utf8",
    env: { ...process.env, PYTHONPATH: process.cwd() } });
  return JSON.parse(json);
}

/**
 * @param {string} siteUrl
 * @param {string} anchorUrl
 * @param {Problem} problem
 * @returns {Promise<Samples>}
 */
async function browserRounds(siteUrl, anchorUrl, problem) {
  /** @type {Samples} */
  const samples = { site: { first: [], again: [] }, anchor: { first: [], again: [] } };
  /** @type {{name: string, visit: (profile: string, first: boolean) => Promise<void>}[]} */
  const pages = [
    { name: "site", visit: async (profile, first) => {
      samples.site[first ? "first" : "again"].push(await inBrowser(profile,
        (page) => visitSite(page, `${siteUrl}problems/${SLUG}/`, problem, { first })));
    } },
    { name: "anchor", visit: async (profile, first) => {
      samples.anchor[first ? "first" : "again"].push(await inBrowser(profile,
        (page) => visitAnchor(page, anchorUrl, problem.bare, { first })));
    } },
  ];
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 ? pages : [...pages].reverse();
    const profiles = order.map(({ name }) => mkdtempSync(join(tmpdir(), `kata-bench-${name}-`)));
    for (const first of [true, false]) {
      for (const [i, { name, visit }] of order.entries()) {
        progress(`round ${round} of ${ROUNDS}: ${name}, ${first ? "first visit (cold)" : "return visit (warm)"}…`);
        try {
          await visit(profiles[i], first);
        } catch (error) {
          progress(`round ${round}: ${name} failed, sample left out: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
        }
      }
    }
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  }
  return samples;
}

/** @returns {CheckSpeed | string} the timings, or why there are none */
function checkSpeed() {
  if (!CHECK_COPIES) return "skipped (CHECK_COPIES=0)";
  progress(`kata check of ${CHECK_COPIES} copies of every problem, cold then cached, ${CHECK_REPEATS} run(s) `
    + "(a cold check of ~1,000 problems takes many minutes)…");
  try {
    const out = execFileSync(PYTHON, ["bench/check_speed.py", String(CHECK_COPIES), String(CHECK_REPEATS)],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, PYTHONPATH: process.cwd() } });
    const found = /kata check, (\d+) problems: cold median ([\d.]+) s, cached median ([\d.]+) s/.exec(out);
    if (!found) return `unreadable output: ${out.trim()}`;
    return { problems: Number(found[1]), cold: Number(found[2]) * 1000, cached: Number(found[3]) * 1000, repeats: CHECK_REPEATS };
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message.split("\n")[0] : error}`;
  }
}

/**
 * "[SW, isolated]" when every sample was so, "[no SW, ...]" when none was, else how many were.
 * @param {import("./browser.mjs").PageState[]} states
 */
function tags(states) {
  /** @param {(state: import("./browser.mjs").PageState) => boolean} test @param {string} yes @param {string} no */
  const say = (test, yes, no) => {
    const count = states.filter(test).length;
    return count === states.length ? yes : count === 0 ? no : `${yes} in ${count} of ${states.length}`;
  };
  return `[${say((s) => s.sw, "SW", "no SW")}, ${say((s) => s.isolated, "isolated", "not isolated")}]`;
}

/**
 * @param {SiteVisit[]} visits
 * @param {string} visit
 * @param {(number | null)[]} bare  the anchor's
 * @returns {Line}
 */
function submitLine(visits, visit, bare) {
  const python = median(visits.map((v) => v.warmSubmit.python));
  return { what: `3. warm Submit, ${visit} ${tags(visits.map((v) => v.submitState))}`, unit: "time",
    ours: visits.map((v) => v.warmSubmit.ms), anchor: bare, anchorName: "bare work", maxRatio: 1.3,
    notes: [`of which the harness in Python: ${format(python, "time")} (median)`] };
}

/**
 * @param {SiteVisit[]} visits
 * @param {string} visit
 * @param {(number | null)[]} anchorCold  the anchor's cold start
 * @returns {Line}
 */
function stopLine(visits, visit, anchorCold) {
  return { what: `4. ready after Stop, ${visit} ${tags(visits.map((v) => ({ ...v.submitState, isolated: v.stop.isolated })))}`,
    unit: "time", ours: visits.map((v) => v.stop.ms), max: 200, anchor: anchorCold, anchorName: "anchor cold", maxRatio: 1 / 20,
    notes: visits.flatMap((v) => (v.stop.why ? [`a sample left out: ${v.stop.why}`] : [])) };
}

/**
 * @param {Samples} samples
 * @returns {Line[]}
 */
function pageLines({ site, anchor }) {
  const anchorCold = anchor.first.map((v) => v.ready);
  const bare = [...anchor.first, ...anchor.again].map((v) => v.bare);
  const nexts = site.again.flatMap((v) => (v.next ? [v.next] : []));
  return [
    { what: `1. editor editable, cold ${tags(site.first.map((v) => v.loaded))}`, unit: "time",
      ours: site.first.map((v) => v.editorReady), max: 300, anchor: anchorCold, anchorName: "anchor cold", maxRatio: 1 / 20 },
    { what: `1. editor editable, warm ${tags(site.again.map((v) => v.loaded))}`, unit: "time",
      ours: site.again.map((v) => v.editorReady), max: 300, anchor: anchorCold, anchorName: "anchor cold", maxRatio: 1 / 20 },
    { what: `2. Python+NumPy ready, cold ${tags(site.first.map((v) => v.loaded))}`, unit: "time",
      ours: site.first.map((v) => v.pythonReady), max: 2000, soft: true, anchor: anchorCold, maxRatio: 0.45 },
    { what: `2. Python+NumPy ready, warm ${tags(site.again.map((v) => v.loaded))}`, unit: "time",
      ours: site.again.map((v) => v.pythonReady), max: 1000, soft: true, anchor: anchor.again.map((v) => v.ready), maxRatio: 0.35 },
    submitLine(site.first, "visit 1", bare),
    submitLine(site.again, "visit 2", bare),
    stopLine(site.first, "visit 1", anchorCold),
    stopLine(site.again, "visit 2", anchorCold),
    { what: `5. Next problem ${tags(site.again.map((v) => v.loaded))}`, unit: "time",
      ours: nexts.map((n) => n.next), max: 100, anchor: nexts.map((n) => n.fullLoad), anchorName: "full load", maxRatio: 1 / 10,
      notes: nextNotes(nexts) },
  ];
}

/**
 * @param {import("./browser.mjs").NextTiming[]} nexts
 * @returns {string[]} how often Next was not instant, and why if the build says
 */
function nextNotes(nexts) {
  const full = nexts.filter((n) => !n.instant).length;
  if (!full) return [];
  const note = `in ${full} of ${nexts.length}, Next loaded a new document and started a new Python`;
  return [sitemapListsNothing() ? `${note}: site/sitemap.xml lists no page (mkdocs.yml has no site_url), `
    + "and mkdocs-material's instant navigation only takes links that the sitemap lists" : note];
}

/** @returns {boolean} whether the built sitemap lists no page */
function sitemapListsNothing() {
  try {
    return !readFileSync(join(SITE_DIR, "sitemap.xml"), "utf8").includes("<loc>");
  } catch {
    return false;
  }
}

/**
 * @param {import("./sizes.mjs").PageBytes[]} pages
 * @param {{slug: string, gzip: number, count: number}} data  the largest kata.json
 * @returns {Line[]}
 */
function byteLines(pages, data) {
  return [...pages.map(pageBytesLine), { what: `6. largest kata.json gzip, of ${data.count}`, unit: "bytes",
    ours: [data.gzip], max: 40 * 1024, notes: [data.slug] }];
}

/**
 * A problem page may weigh 120 KB of ours; the other pages must not load the editor at all.
 * @param {import("./sizes.mjs").PageBytes} page
 * @returns {Line}
 */
function pageBytesLine(page) {
  const problemPage = page.page.startsWith("problems/") && page.page !== "problems/";
  const name = page.page === "" ? "home page" : problemPage ? "a problem page" : "problem index";
  const ours = page.files.filter((f) => f.owner === "ours")
    .map((f) => `${f.path.replace("assets/kata/", "")} ${format(f.gzip, "bytes")}`);
  return { what: `6. our JS + CSS gzip, ${name}`, unit: "bytes", ours: [page.ours],
    ...(problemPage ? { max: 120 * 1024 } : { goal: "no CodeMirror", pass: !page.editor }),
    notes: [`ours: ${ours.join(", ")}`,
      `not counted: ${notCounted(bytesByOwner(page.files))}; ${page.editor ? "CodeMirror loaded" : "no CodeMirror"}`] };
}

/**
 * @param {Record<import("./sizes.mjs").Owner, number>} bytes  gzip bytes by owner
 * @returns {string} what a page loads besides our JS and CSS, e.g. "KaTeX 79.5 KB, ..."
 */
function notCounted(bytes) {
  /** @type {[import("./sizes.mjs").Owner, string][]} */
  const names = [["katex", "KaTeX"], ["material", "mkdocs-material"], ["harness", "harness.zip"], ["data", "kata.json"],
    ["pyodide", "Pyodide + NumPy"], ["other", "other (search index, sitemap, images)"]];
  return names.filter(([owner]) => bytes[owner]).map(([owner, name]) => `${name} ${format(bytes[owner], "bytes")}`).join(", ");
}

/** @param {CheckSpeed | string} check @returns {Line[]} */
function checkLines(check) {
  if (typeof check === "string") {
    return [{ what: "7. kata check, cold and cached", unit: "time", ours: [null], notes: [check] }];
  }
  const runs = `${check.problems} problems, ${check.repeats} run${check.repeats > 1 ? "s" : ""}`;
  return [
    { what: `7. kata check, cold (${runs})`, unit: "time", ours: [check.cold], max: 60_000 },
    { what: `7. kata check, cached (${runs})`, unit: "time", ours: [check.cached], max: 5_000 },
  ];
}

async function main() {
  const problem = readProblem();
  const site = await serveFolder(SITE_DIR);
  const anchorDir = anchorFolder();
  const anchor = await serveFolder(anchorDir);
  let lines;
  try {
    progress("bytes: what the home page, the problem index and a problem page load…");
    const bytes = byteLines(await pageBytes(SITE_DIR, site.url, PAGES), largestProblemData(SITE_DIR));
    lines = [...pageLines(await browserRounds(site.url, anchor.url, problem)), ...bytes];
  } finally {
    site.close();
    anchor.close();
    rmSync(anchorDir, { recursive: true, force: true });
  }
  lines.push(...checkLines(checkSpeed()));
  console.log(LEGEND.replace("ROUNDS", String(ROUNDS)).replace("SLUG", SLUG));
  console.log(header());
  for (const line of lines) console.log(formatLine(line));
}

await main();
