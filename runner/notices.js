// @ts-check
// Notices that must not be missed: a failed save (with an export and retries), a progress
// store that was reset, Python restarted. One region per page, under the header, polite to
// screen readers; each notice has an id, so that showing it again replaces it.

/**
 * @typedef {{label: string, onClick: () => void, kata?: string}} NoticeAction  kata: a data-kata hook
 * @typedef {{id: string, text: string, actions?: NoticeAction[], tone?: "info" | "warning",
 *   dismissible?: boolean}} Notice
 */

/** @returns {HTMLElement} the page's notice region, made on first use */
function region() {
  let found = /** @type {HTMLElement | null} */ (document.querySelector('[data-kata="notices"]'));
  if (!found) {
    found = document.createElement("div");
    found.className = "kata-notices";
    found.dataset.kata = "notices";
    found.setAttribute("role", "status");
    found.setAttribute("aria-live", "polite");
    document.body.append(found);
  }
  return found;
}

/** @param {Notice} notice */
export function showNotice(notice) {
  const box = document.createElement("div");
  box.className = `kata-notice-box kata-notice-box--${notice.tone ?? "info"}`;
  box.dataset.notice = notice.id;
  const text = document.createElement("p");
  text.textContent = notice.text;
  box.append(text, ...actionButtons(notice));
  const old = region().querySelector(`[data-notice="${CSS.escape(notice.id)}"]`);
  if (old) old.replaceWith(box);
  else region().append(box);
}

/**
 * @param {Notice} notice
 * @returns {HTMLButtonElement[]}
 */
function actionButtons(notice) {
  const actions = [...(notice.actions ?? [])];
  if (notice.dismissible) actions.push({ label: "Dismiss", onClick: () => hideNotice(notice.id) });
  return actions.map(({ label, onClick, kata }) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kata-button";
    button.textContent = label;
    if (kata) button.dataset.kata = kata;
    button.addEventListener("click", onClick);
    return button;
  });
}

/** @param {string} id */
export function hideNotice(id) {
  document.querySelector(`[data-kata="notices"] [data-notice="${CSS.escape(id)}"]`)?.remove();
}

/**
 * Offer a file to download (an export), made in the page: nothing goes to a server.
 * @param {string} name
 * @param {string} text
 */
export function download(name, text) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
