// @ts-check
// Placeholder: the index's filters (written next).

/**
 * @param {HTMLElement} element
 * @param {import("./site.js").MountContext} context
 * @returns {() => void}
 */
export function mountIndex(element, context) {
  void element;
  void context;
  return () => {};
}
