// @ts-check
// Placeholder: the progress marks in the navigation and the summaries (written next).

/**
 * @param {HTMLElement} body
 * @param {import("./site.js").MountContext} context
 * @returns {() => void}
 */
export function mountProgressMarks(body, context) {
  void body;
  void context;
  return () => {};
}
