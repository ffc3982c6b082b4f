// @ts-check
// A problem's data, `kata.json`: the tests, the time limit and, once earned, the solution.
// It is deflated and base64-encoded by the build (kata/render.py) so that it is not read at a
// glance and stays out of the search index; it is not secret (DESIGN.md, "Honest limits").

/**
 * @typedef {import("./result.js").Test} Test
 * @typedef {{slug: string, title: string, entry: string, time_limit: number, starter: string,
 *   examples: Test[], tests: Test[], solution: string, solution_html: string,
 *   explanation_html: string}} ProblemData
 */

/**
 * @param {string} url
 * @param {AbortSignal} [signal]
 * @returns {Promise<ProblemData>}
 */
export async function loadProblemData(url, signal) {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  const { format, payload } = await response.json();
  if (format !== 2) throw new Error(`${url} has format ${format}; this page reads format 2`);
  const packed = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return JSON.parse(await new Response(stream).text());
}
