// @ts-check
// The divider between the statement and the work area, on wide screens: dragged with the
// mouse or moved with the arrow keys; where the learner leaves it is remembered.

const KEY = "kata:layout:v1";
const DEFAULT_SPLIT = 0.42;
const MIN = 0.2;
const MAX = 0.75;
const STEP = 0.03;

/** @returns {number} the statement's share of the width, as last left */
function savedSplit() {
  try {
    const split = JSON.parse(localStorage.getItem(KEY) || "{}").split;
    return Number.isFinite(split) ? clamp(split) : DEFAULT_SPLIT;
  } catch {
    return DEFAULT_SPLIT;
  }
}

/** @param {number} split */
function clamp(split) {
  return Math.min(MAX, Math.max(MIN, split));
}

/**
 * @param {HTMLElement} workspace  the grid holding the statement and the work area
 * @param {HTMLElement} before  the statement, which the divider follows
 * @returns {() => void} unmount
 */
export function mountDivider(workspace, before) {
  const divider = document.createElement("div");
  divider.className = "kata-divider";
  divider.dataset.kata = "divider";
  divider.tabIndex = 0;
  divider.setAttribute("role", "separator");
  divider.setAttribute("aria-orientation", "vertical");
  divider.setAttribute("aria-label", "Resize the statement and your code");
  divider.setAttribute("aria-valuemin", String(MIN * 100));
  divider.setAttribute("aria-valuemax", String(MAX * 100));
  before.after(divider);
  const apply = (/** @type {number} */ split, /** @type {boolean} */ keep) => {
    workspace.style.setProperty("--kata-split", `${(split * 100).toFixed(1)}%`);
    divider.setAttribute("aria-valuenow", String(Math.round(split * 100)));
    if (keep) remember(split);
  };
  apply(savedSplit(), false);
  const stops = [dragging(workspace, divider, apply), keys(divider, apply)];
  return () => {
    stops.forEach((stop) => stop());
    divider.remove();
  };
}

/** @param {number} split */
function remember(split) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ split }));
  } catch {
    // a layout not remembered is no loss
  }
}

/**
 * @param {HTMLElement} workspace
 * @param {HTMLElement} divider
 * @param {(split: number, keep: boolean) => void} apply
 * @returns {() => void}
 */
function dragging(workspace, divider, apply) {
  /** @param {PointerEvent} event */
  const move = (event) => {
    const box = workspace.getBoundingClientRect();
    apply(clamp((event.clientX - box.left) / box.width), false);
  };
  /** @param {PointerEvent} event */
  const up = (event) => {
    divider.releasePointerCapture(event.pointerId);
    divider.removeEventListener("pointermove", move);
    const box = workspace.getBoundingClientRect();
    apply(clamp((event.clientX - box.left) / box.width), true);
  };
  /** @param {PointerEvent} event */
  const down = (event) => {
    divider.setPointerCapture(event.pointerId);
    divider.addEventListener("pointermove", move);
    divider.addEventListener("pointerup", up, { once: true });
  };
  const reset = () => apply(DEFAULT_SPLIT, true);
  divider.addEventListener("pointerdown", down);
  divider.addEventListener("dblclick", reset);
  return () => {
    divider.removeEventListener("pointerdown", down);
    divider.removeEventListener("dblclick", reset);
  };
}

/**
 * @param {HTMLElement} divider
 * @param {(split: number, keep: boolean) => void} apply
 * @returns {() => void}
 */
function keys(divider, apply) {
  /** @param {KeyboardEvent} event */
  const onKey = (event) => {
    const now = Number(divider.getAttribute("aria-valuenow")) / 100;
    const next = { ArrowLeft: now - STEP, ArrowRight: now + STEP, Home: MIN, End: MAX }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    apply(clamp(next), true);
  };
  divider.addEventListener("keydown", onKey);
  return () => divider.removeEventListener("keydown", onKey);
}
