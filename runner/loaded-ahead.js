// @ts-check
// Chunks a page loaded ahead, as module scripts of their own, by name. A problem page loads
// its workspace that way (the plugin adds the script): site.js then mounts it at once, where
// an import() would settle only after the page's other start-up work (the math, the theme).

/** @type {Map<string, unknown>} */
export const loadedAhead = new Map();
