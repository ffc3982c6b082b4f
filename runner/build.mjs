// @ts-check
// Bundle the browser side into OUTDIR with esbuild. Usage: node runner/build.mjs OUTDIR
//
//   kata-site-HASH.js     every page's module: progress marks, the index, and on problem
//                         pages an import() of the workspace chunk (CodeMirror lives there
//                         only); chunks/ holds the split chunks
//   kata-worker-HASH.js   the module worker (Pyodide is imported at run time, not bundled)
//   kata-HASH.css         every file of runner/styles/, in name order
//   kata-sw.js            the service worker's code (the plugin adds the site's file list)
//   manifest.json         {site, workspace, worker, css, sw, files}: names for the plugin
//                         (workspace: the workspace's chunk and the chunks it imports)
//
// Names carry a hash of their content, so a new build's files never hide behind an old cache.

import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node runner/build.mjs OUTDIR");
  process.exit(2);
}

/** @type {import("esbuild").BuildOptions} */
const common = { bundle: true, minify: true, target: "es2022", logLevel: "warning", metafile: true,
  legalComments: "none" };

/**
 * The output file of one entry point, from esbuild's metafile.
 * @param {import("esbuild").Metafile} metafile
 * @param {string} entry  path of the entry, relative to the working directory
 * @returns {string}  its path relative to OUTDIR
 */
function outputOf(metafile, entry) {
  const found = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === entry);
  if (!found) throw new Error(`esbuild wrote nothing for ${entry}`);
  return relative(outdir, found[0]);
}

/**
 * An output and the chunks it imports statically, transitively: what a problem page preloads
 * (`<link rel="modulepreload">`) so that the workspace's import() finds them fetched.
 * @param {import("esbuild").Metafile} metafile
 * @param {string} file  relative to OUTDIR
 * @returns {string[]}  relative to OUTDIR, the file first
 */
function withStaticImports(metafile, file) {
  const outputs = new Map(Object.entries(metafile.outputs).map(([path, output]) => [relative(outdir, path), output]));
  const found = [file];
  for (let i = 0; i < found.length; i++) {
    const imports = outputs.get(found[i])?.imports ?? [];
    for (const { path, kind } of imports) {
      const name = relative(outdir, path);
      if (kind === "import-statement" && !found.includes(name)) found.push(name);
    }
  }
  return found;
}

/** The style sheets, in name order, as one entry that imports them all. */
async function stylesEntry() {
  const folder = join(here, "styles");
  const names = (await readdir(folder)).filter((name) => name.endsWith(".css")).sort();
  return names.map((name) => `@import "./${name}";`).join("\n");
}

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
/**
 * @param {import("esbuild").BuildResult} result  a build with `metafile: true`
 * @returns {import("esbuild").Metafile}
 */
const metafileOf = (result) => {
  if (!result.metafile) throw new Error("esbuild gave no metafile");
  return result.metafile;
};
const relativeEntry = (/** @type {string} */ name) => relative(process.cwd(), join(here, name));

const worker = await build({ ...common, entryPoints: [join(here, "worker.js")], format: "esm",
  outdir, entryNames: "kata-worker-[hash]" });
const workerFile = outputOf(metafileOf(worker), relativeEntry("worker.js"));

const site = await build({ ...common, entryPoints: [join(here, "site.js")], format: "esm", splitting: true,
  outdir, entryNames: "kata-site-[hash]", chunkNames: "chunks/[name]-[hash]",
  define: { __KATA_WORKER__: JSON.stringify(workerFile) } });
const siteFile = outputOf(metafileOf(site), relativeEntry("site.js"));
const workspaceFiles = withStaticImports(metafileOf(site), outputOf(metafileOf(site), relativeEntry("workspace.js")));

const css = await build({ ...common, stdin: { contents: await stylesEntry(), resolveDir: join(here, "styles"),
  loader: "css", sourcefile: "kata.css" }, outdir, entryNames: "kata-[hash]" });
const cssFile = relative(outdir, Object.keys(metafileOf(css).outputs)[0]);

const sw = await build({ ...common, entryPoints: [join(here, "sw.js")], format: "iife",
  outfile: join(outdir, "kata-sw.js") });
const swFile = relative(outdir, Object.keys(metafileOf(sw).outputs)[0]);

const files = [worker, site, css, sw].flatMap((result) => Object.keys(metafileOf(result).outputs))
  .map((path) => relative(outdir, path));
await writeFile(join(outdir, "manifest.json"), JSON.stringify(
  { site: siteFile, workspace: workspaceFiles, worker: workerFile, css: cssFile, sw: swFile, files }, null, 1));
