// @ts-check
// A problem's hints, revealed one at a time; how many were revealed is kept with the
// problem's progress, so they come back after a reload.

import { readProgress, updateProgress } from "./store.js";

/**
 * @param {HTMLElement} box  `[data-kata="hints"]`, holding the hidden `.kata-hint` blocks
 * @param {string} slug
 * @returns {() => void} unmount
 */
export function mountHints(box, slug) {
  const hints = /** @type {HTMLElement[]} */ ([...box.querySelectorAll(".kata-hint")]);
  if (!hints.length) return () => {};
  const reveal = document.createElement("button");
  reveal.type = "button";
  reveal.className = "kata-button kata-button--hint";
  reveal.dataset.kata = "hint";
  const shown = Math.min(readProgress().problems[slug]?.hints ?? 0, hints.length);
  hints.forEach((hint, i) => { hint.hidden = i >= shown; });
  const update = () => label(reveal, hints);
  const onClick = () => {
    const next = hints.find((hint) => hint.hidden);
    if (!next) return;
    next.hidden = false;
    next.tabIndex = -1;
    next.focus();
    const count = hints.filter((hint) => !hint.hidden).length;
    updateProgress(slug, (entry) => ({ ...entry, state: entry?.state ?? "new", hints: count }));
    update();
  };
  reveal.addEventListener("click", onClick);
  box.append(reveal);
  update();
  return () => reveal.remove();
}

/**
 * @param {HTMLButtonElement} reveal
 * @param {HTMLElement[]} hints
 */
function label(reveal, hints) {
  const shown = hints.filter((hint) => !hint.hidden).length;
  reveal.hidden = shown === hints.length;
  reveal.textContent = shown ? `Show another hint (${shown + 1} of ${hints.length})`
    : `Show a hint (1 of ${hints.length})`;
}
