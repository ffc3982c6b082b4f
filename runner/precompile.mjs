// @ts-check
// Precompile Pyodide's standard library and NumPy wheel to bytecode, with Pyodide itself.
// Usage: node runner/precompile.mjs PYODIDE_DIR NUMPY_WHEEL PRECOMPILE_PY OUT_DIR
// Writes OUT_DIR/python_stdlib.zip and OUT_DIR/<wheel name>; see kata/precompile.py for why.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheel, script, outDir] = process.argv.slice(2).map((p) => resolve(p));
if (!outDir) {
  console.error("usage: node runner/precompile.mjs PYODIDE_DIR NUMPY_WHEEL PRECOMPILE_PY OUT_DIR");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", stdout: () => {}, stderr: console.error });
pyodide.FS.mkdirTree("/work");
pyodide.FS.writeFile("/work/stdlib.zip", readFileSync(join(pyodideDir, "python_stdlib.zip")));
pyodide.FS.writeFile("/work/numpy.whl", readFileSync(wheel));
pyodide.FS.writeFile("/work/precompile.py", readFileSync(script));
const counts = pyodide.runPython(`
import sys
sys.path.insert(0, "/work")
import precompile
(precompile.precompile_stdlib("/work/stdlib.zip", "/work/stdlib.out.zip"),
 precompile.precompile_wheel("/work/numpy.whl", "/work/numpy.out.whl"))
`).toJs();
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "python_stdlib.zip"), pyodide.FS.readFile("/work/stdlib.out.zip"));
writeFileSync(join(outDir, basename(wheel)), pyodide.FS.readFile("/work/numpy.out.whl"));
console.log(`precompiled ${counts[0]} standard library modules and ${counts[1]} NumPy modules`);
