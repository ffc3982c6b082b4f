// @ts-check
// The anchor's worker: stock Pyodide and its NumPy wheel from ./pyodide/, then runPython on
// request. Messages: out {type: "ready"} | {type: "error", error} once loaded or failed, then
// {id, ms, error?} for each request {id, code}.
// @ts-ignore: copied beside this file by the bench (serve.mjs); the npm package has its types
import { loadPyodide as load } from "./pyodide/pyodide.mjs";

/** @type {typeof import("pyodide").loadPyodide} */
const loadPyodide = load;

const indexURL = new URL("pyodide/", import.meta.url).href;

async function start() {
  const pyodide = await loadPyodide({ indexURL });
  await pyodide.loadPackage("numpy");
  // loadPackage resolves even when the wheel failed to load.
  if (!("numpy" in pyodide.loadedPackages)) throw new Error("NumPy did not load");
  pyodide.runPython("import numpy");
  return pyodide;
}

const python = start();
python.then(() => postMessage({ type: "ready" }), (error) => postMessage({ type: "error", error: String(error) }));

self.onmessage = async ({ data: { id, code } }) => {
  const pyodide = await python;
  const start = performance.now();
  try {
    pyodide.runPython(code);
    postMessage({ id, ms: performance.now() - start });
  } catch (error) {
    postMessage({ id, ms: performance.now() - start, error: String(error) });
  }
};
