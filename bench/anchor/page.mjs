// @ts-check
// The anchor page: starts the worker at once and exposes `window.anchor` to the bench:
//   ready: Promise<number>  ms from navigation start to Python + NumPy imported
//   run(code): Promise<{ms: number, error?: string}>  ms of the round trip, seen from the page

/** @typedef {{id: number, ms: number, error?: string}} Answer */

const worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
/** @type {Map<number, (answer: Answer) => void>} */
const pending = new Map();
let nextId = 1;

/** @type {Promise<number>} */
const ready = new Promise((resolve, reject) => {
  worker.onmessage = ({ data }) => {
    if (data.type === "ready") resolve(performance.now());
    else if (data.type === "error" && !data.id) reject(new Error(data.error));
    else pending.get(data.id)?.(data);
  };
});
ready.then((ms) => show(`Python ready in ${ms.toFixed(0)} ms`), (error) => show(String(error)));

/**
 * @param {string} code
 * @returns {Promise<{ms: number, error?: string}>}
 */
function run(code) {
  const id = nextId++;
  const start = performance.now();
  return new Promise((resolve) => {
    pending.set(id, ({ error }) => {
      pending.delete(id);
      resolve({ ms: performance.now() - start, ...(error ? { error } : {}) });
    });
    worker.postMessage({ id, code });
  });
}

/** @param {string} text */
function show(text) {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

Object.assign(window, { anchor: { ready, run } });
