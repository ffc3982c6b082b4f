// @ts-check
// What judging costs inside Pyodide: a warm Submit of one problem's reference solution through
// the harness (`run_request`, as the worker calls it) against the same work done bare (the
// module loaded, each test's setup and call run, nothing judged: bench/bare_submit.py).
// Pyodide runs in Node, with the NumPy wheel of .cache/pyodide; the two are timed in turns,
// round by round, so that the machine's drift hits them alike.
// Usage: node bench/harness_cost.mjs [SLUG]   (env ROUNDS, default 15, after WARMUP rounds,
// default 5, that are not counted: V8 keeps compiling Pyodide's hot paths for the first few;
// DETAIL=1 for each round and each test)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
const SLUG = process.argv[2] || "lora-forward";
const ROUNDS = Number(process.env.ROUNDS || 15);
const WARMUP = Number(process.env.WARMUP || 5);
const WHEEL = join(REPO, ".cache/pyodide/numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl");
const GOAL = 1.3;

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The request the page would send for a Submit of the reference, and the harness archive. */
function submitData() {
  const out = mkdtempSync(join(tmpdir(), "kata-harness-cost-"));
  try {
    execFileSync(join(REPO, ".venv/bin/python"), [join(REPO, "bench/submit_data.py"), SLUG, out],
      { env: { ...process.env, PYTHONPATH: REPO }, stdio: ["ignore", "ignore", "inherit"] });
    return { request: readFileSync(join(out, "request.json"), "utf8"), archive: readFileSync(join(out, "harness.zip")) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Pyodide with NumPy, the bare runner and the harness, warmed up as the worker does. */
async function startPython(/** @type {Buffer} */ archive) {
  const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  await pyodide.loadPackage(WHEEL, { messageCallback: () => {} });
  pyodide.FS.writeFile("/home/pyodide/bare_submit.py", readFileSync(join(REPO, "bench/bare_submit.py"), "utf8"));
  pyodide.unpackArchive(new Uint8Array(archive), "zip", { extractDir: String(pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')")) });
  const bare = pyodide.pyimport("bare_submit");
  const harness = pyodide.pyimport("kata_harness.run");
  return { bareSubmit: bare.BareSubmit, runRequest: harness.run_request };
}

/**
 * CPU time, not wall time: the machine is shared, and another process's load must not count.
 * @param {() => any} action
 * @returns {[number, any]} milliseconds of this process's CPU, and what it returned
 */
function timed(action) {
  const start = process.cpuUsage();
  const value = action();
  const used = process.cpuUsage(start);
  return [(used.user + used.system) / 1000, value];
}

const { request, archive } = submitData();
const { bareSubmit, runRequest } = await startPython(archive);
const bare = bareSubmit(request);
const tests = JSON.parse(request).tests.length;
const [first] = timed(() => runRequest(request)); // the harness's snapshot and first compile
/** @type {number[]} */ const judged = [];
/** @type {number[]} */ const work = [];
/** @type {any} */ let result;
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  const [ms, answer] = timed(() => runRequest(request));
  result = JSON.parse(answer);
  if (result.status !== "pass") throw new Error(`the reference did not pass: ${answer.slice(0, 2000)}`);
  const [bareMs] = timed(() => bare.run());
  if (round >= WARMUP) {
    judged.push(ms);
    work.push(bareMs);
  }
}
if (process.env.DETAIL) {
  console.log(`first Submit (snapshot, compiling): ${first.toFixed(0)} ms`);
  console.log(`rounds, harness: ${judged.map((ms) => ms.toFixed(0)).join(" ")}`);
  console.log(`rounds, bare:    ${work.map((ms) => ms.toFixed(0)).join(" ")}`);
  for (const test of result.tests) console.log(`  ${test.duration_ms.toFixed(1).padStart(8)} ms  ${test.name}`);
}
const [x, y] = [median(judged), median(work)];
console.log(`harness: warm Submit of ${SLUG} ${x.toFixed(0)} ms vs bare work ${y.toFixed(0)} ms (CPU) ` +
  `(ratio ${(x / y).toFixed(2)}, goal < ${GOAL}; ${tests} tests, medians of ${ROUNDS} after ${WARMUP})`);
