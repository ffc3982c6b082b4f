// @ts-check
// Bundle the browser side into OUTDIR: kata-page.js (the page, with CodeMirror),
// kata-worker.js (a module worker; Pyodide is imported at run time, not bundled)
// and kata.css. Usage, from the repository's root: node runner/build.mjs OUTDIR

import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node runner/build.mjs OUTDIR");
  process.exit(2);
}

/** @type {import("esbuild").BuildOptions} */
const common = { bundle: true, minify: true, target: "es2022", logLevel: "warning" };

await mkdir(outdir, { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: [join(here, "page.js")], format: "iife",
    outfile: join(outdir, "kata-page.js") }),
  build({ ...common, entryPoints: [join(here, "worker.js")], format: "esm",
    outfile: join(outdir, "kata-worker.js") }),
  copyFile(join(here, "kata.css"), join(outdir, "kata.css")),
]);
