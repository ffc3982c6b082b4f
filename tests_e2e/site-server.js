// @ts-check
// A server of the built site for tests of the browser's HTTP cache: every file is sent with a
// long `Cache-Control: max-age`, as a CDN would, and a file can be damaged (cut short, status
// 200) for its next requests. Playwright's routing would bypass the HTTP cache, which is
// exactly what these tests are about.

import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";

import { SITE_DIR } from "./fixtures.js";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm", ".zip": "application/zip",
  ".whl": "application/octet-stream", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2" };

/**
 * @typedef {{url: string, requests: {path: string, cacheControl: string}[],
 *   damage: (name: string, times: number) => void, close: () => Promise<void>}} SiteServer
 *   damage: the next `times` requests of the file whose path ends with `name` get half of it
 */

/** @returns {Promise<SiteServer>} a server on a free port of 127.0.0.1 */
export async function serveSite() {
  /** @type {Map<string, number>} */
  const damaged = new Map();
  /** @type {SiteServer["requests"]} */
  const requests = [];
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    requests.push({ path: pathname, cacheControl: String(request.headers["cache-control"] ?? "") });
    void send(pathname, response, damaged).catch(() => {
      response.writeHead(404).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the site server has no port");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    requests,
    damage: (name, times) => damaged.set(name, times),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * @param {string} pathname
 * @param {import("node:http").ServerResponse} response
 * @param {Map<string, number>} damaged
 */
async function send(pathname, response, damaged) {
  let file = path.join(SITE_DIR, path.normalize(pathname));
  if (!file.startsWith(SITE_DIR)) throw new Error("outside the site");
  if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
  const headers = { "Content-Type": TYPES[/** @type {keyof TYPES} */ (path.extname(file))] ?? "application/octet-stream",
    "Cache-Control": "public, max-age=31536000" };
  const name = [...damaged.keys()].find((key) => pathname.endsWith(key));
  if (name && /** @type {number} */ (damaged.get(name)) > 0) {
    damaged.set(name, /** @type {number} */ (damaged.get(name)) - 1);
    const bytes = await readFile(file);
    response.writeHead(200, { ...headers, "Content-Length": String(Math.floor(bytes.length / 2)) });
    response.end(bytes.subarray(0, Math.floor(bytes.length / 2)));
    return;
  }
  response.writeHead(200, { ...headers, "Content-Length": String((await stat(file)).size) });
  createReadStream(file).pipe(response);
}
