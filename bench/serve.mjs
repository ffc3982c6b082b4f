// @ts-check
// Local static servers for the bench (`python3 -m http.server`: no compression, no cache
// headers, like the e2e tests), and the anchor's folder: bench/anchor/ with the stock Pyodide
// 0.27.7 files and NumPy wheel copied beside it.

import { spawn } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const STOCK_FILES = ["pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
const WHEEL = ".cache/pyodide/numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl";

/** @typedef {{url: string, close: () => void}} Server */

/**
 * Serve a folder on a free port of 127.0.0.1, once it answers.
 * @param {string} dir
 * @returns {Promise<Server>}
 */
export async function serveFolder(dir) {
  const port = await freePort();
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir],
    { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/`;
  for (let tries = 0; ; tries++) {
    try {
      await fetch(url);
      return { url, close: () => server.kill() };
    } catch (error) {
      if (tries > 100 || server.exitCode !== null) throw new Error(`could not serve ${dir}: ${error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** @returns {Promise<number>} a port nobody listens on now */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * The anchor's folder: page, worker, and the stock runtime under pyodide/.
 * @returns {string}
 */
export function anchorFolder() {
  const dir = mkdtempSync(join(tmpdir(), "kata-bench-anchor-"));
  cpSync("bench/anchor", dir, { recursive: true });
  mkdirSync(join(dir, "pyodide"));
  for (const name of STOCK_FILES) copyFileSync(join("node_modules/pyodide", name), join(dir, "pyodide", name));
  copyFileSync(WHEEL, join(dir, "pyodide", WHEEL.split("/").pop() ?? ""));
  return dir;
}
