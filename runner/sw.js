// @ts-check
/// <reference lib="webworker" />
// The site's service worker: after one visit, the whole site works with the network cut.
//
// - On install it stores every file of the build (the build writes their list, with a hash
//   of each, at the top of this file as `self.__KATA_PRECACHE`) in a cache named after the
//   build; on activate it drops every older build's cache, so a new build replaces the old
//   one cleanly.
// - It answers from that cache first (pages without their query string, so a filtered index
//   works too), then from the network; a request made with `cache: "reload"` (the worker
//   healing a damaged runtime file) goes to the network and replaces the stored copy.
// - It adds the headers that make the site's pages cross-origin isolated (COOP and COEP), so
//   that Python can be interrupted in place instead of restarted. Hosts cannot set headers on
//   a static site; a service worker can set them on its own responses (pages and the worker's
//   script; the files they load are same-origin, which COEP lets through as they are).

const sw = /** @type {ServiceWorkerGlobalScope & {__KATA_PRECACHE?: Precache}} */ (/** @type {unknown} */ (self));

/**
 * @typedef {{version: string, files: [string, string][], isolate: boolean}} Precache
 *   files: [url relative to this worker, SRI hash]; isolate: add COOP and COEP
 */

const PRECACHE = sw.__KATA_PRECACHE ?? { version: "none", files: [], isolate: false };
const CACHE = `kata-${PRECACHE.version}`;
const PREFIX = "kata-";

sw.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => sw.skipWaiting()));
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(dropOldCaches().then(() => sw.clients.claim()));
});

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !handled(request)) return;
  event.respondWith(respond(request).then((response) => (isolates(request) ? isolate(response) : response)));
});

sw.addEventListener("message", (event) => {
  if (event.data === "kata:precached?") event.ports[0]?.postMessage(PRECACHE.version);
});

/**
 * Store every file of the build, each checked against its hash. A file an earlier build
 * stored with the same hash is copied from that build's cache, not downloaded again: a new
 * build costs the files it changed.
 */
async function precache() {
  const cache = await caches.open(CACHE);
  const stored = new Set((await cache.keys()).map((request) => request.url));
  const missing = PRECACHE.files.filter(([path]) => !stored.has(new URL(path, sw.registration.scope).href));
  const earlier = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  await mapLimit(missing, 6, async ([path, integrity]) => {
    const url = new URL(path, sw.registration.scope).href;
    const kept = await storedEarlier(earlier, url, integrity);
    const response = kept ?? await fetch(url, { integrity, cache: "no-cache" });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    await cache.put(url, response);
  });
}

/**
 * @param {string[]} names  earlier builds' caches
 * @param {string} url
 * @param {string} integrity  "sha256-" and the base64 of the file's SHA-256
 * @returns {Promise<Response | null>} a copy of the file an earlier build stored, if its hash matches
 */
async function storedEarlier(names, url, integrity) {
  for (const name of names) {
    const found = await (await caches.open(name)).match(url);
    if (!found) continue;
    const body = await found.arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
    if (`sha256-${btoa(String.fromCharCode(...digest))}` !== integrity) continue;
    return new Response(body, { status: found.status, statusText: found.statusText, headers: found.headers });
  }
  return null;
}

/**
 * Run `task` on every item, at most `limit` at a time.
 * @template T
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<void>} task
 */
async function mapLimit(items, limit, task) {
  const queue = [...items];
  const lanes = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  });
  await Promise.all(lanes);
}

async function dropOldCaches() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
}

/** @param {Request} request @returns {boolean} a request of this site (or of files it precached) */
function handled(request) {
  const url = new URL(request.url);
  return url.href.startsWith(sw.registration.scope) || PRECACHE.files.some(([path]) => url.href === path);
}

/**
 * @param {Request} request
 * @returns {Promise<Response>}
 */
async function respond(request) {
  const cache = await caches.open(CACHE);
  if (request.cache === "reload") return refreshed(cache, request);
  const found = await cache.match(request, { ignoreSearch: request.mode === "navigate" })
    ?? await cache.match(withIndex(request.url), { ignoreSearch: true });
  if (found) return found;
  return fetch(request);
}

/**
 * The network's copy, stored in place of the cached one (a file that failed its check).
 * @param {Cache} cache
 * @param {Request} request
 * @returns {Promise<Response>}
 */
async function refreshed(cache, request) {
  const response = await fetch(request);
  if (response.ok) await cache.put(request.url, response.clone());
  return response;
}

/** @param {string} url @returns {string} a folder's URL as its index.html */
function withIndex(url) {
  const { origin, pathname } = new URL(url);
  return pathname.endsWith("/") ? `${origin}${pathname}index.html` : url;
}

/**
 * Whether a response decides isolation: a page's (a navigation) or a worker's script, or
 * needs marking as loadable by an isolated page: another origin's. This site's other
 * files are answered as stored: a response rebuilt here would be new to the browser each
 * time, which would lose the compiled code it keeps for a stored script (Pyodide's).
 * @param {Request} request
 */
function isolates(request) {
  return request.mode === "navigate" || request.destination === "worker" || request.destination === "sharedworker"
    || new URL(request.url).origin !== sw.location.origin; // a CDN's file: marked as loadable here
}

/**
 * Add cross-origin isolation to a response of this site.
 * @param {Response} response
 * @returns {Response}
 */
function isolate(response) {
  if (!PRECACHE.isolate || response.status === 0 || response.type === "opaque") return response;
  const headers = new Headers(response.headers);
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Cross-Origin-Embedder-Policy", "require-corp");
  headers.set("Cross-Origin-Resource-Policy", "cross-origin");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
