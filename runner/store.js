// @ts-check
// What the learner's browser keeps: progress (one versioned key) and each problem's code (a
// key per problem, with the time it was saved). Every write is checked: a failed one is
// reported to the listeners of `onSaveFailure` (the page shows a notice and an export), and
// `retrySaves` tries again. Other tabs' writes arrive through the `storage` event.

export const PROGRESS_KEY = "kata:progress:v1";
export const CODE_PREFIX = "kata:code:v1:";
const LEGACY_CODE_PREFIX = "kata:code:";  // before v1: the code alone, as a plain string
export const EXPORT_FORMAT = "tensor-kata-progress";
const VERSION = 1;

/**
 * @typedef {"new"|"attempted"|"solved"} ProblemState
 * @typedef {{state: ProblemState, attemptedAt?: number, solvedAt?: number,
 *   solutionSeen?: boolean, hints?: number}} ProblemProgress  state "new": hints or the solution seen, no run yet
 * @typedef {{version: 1, problems: Record<string, ProblemProgress>}} Progress
 * @typedef {{code: string, savedAt: number}} SavedCode
 * @typedef {{kind: "progress"} | {kind: "code", slug: string, saved: SavedCode | null}} StorageChange
 * @typedef {{format: string, version: number, exportedAt: string, problems:
 *   Record<string, ProblemProgress & {code?: SavedCode}>}} ExportFile
 */

/** @type {Set<(key: string, error: unknown) => void>} */
const failureListeners = new Set();
/** @type {Map<string, string>} writes that failed, by key: retried by `retrySaves` */
const unsaved = new Map();
/** @type {string | null} what to tell the learner about a store found broken, once */
let resetNotice = null;

// ---------------------------------------------------------------------------------------
// Raw access: every failure is caught and reported, never thrown at the page

/** @param {string} key @returns {string | null} */
function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled: as if empty
  }
}

/**
 * @param {string} key
 * @param {string} value
 * @returns {boolean} whether the browser kept it
 */
function write(key, value) {
  try {
    localStorage.setItem(key, value);
    unsaved.delete(key);
    return true;
  } catch (error) {
    unsaved.set(key, value);
    failureListeners.forEach((listener) => listener(key, error));
    return false;
  }
}

/** @param {string} key */
function remove(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing kept, nothing to remove
  }
  unsaved.delete(key);
}

/**
 * Listen to failed writes; returns the function that stops listening.
 * @param {(key: string, error: unknown) => void} listener
 * @returns {() => void}
 */
export function onSaveFailure(listener) {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

/** @returns {number} how many writes are still waiting */
export function pendingSaves() {
  return unsaved.size;
}

/** Try every failed write again. @returns {boolean} whether all of them are kept now */
export function retrySaves() {
  for (const [key, value] of [...unsaved]) write(key, value);
  return unsaved.size === 0;
}

// ---------------------------------------------------------------------------------------
// Progress

/** @returns {Progress} */
function emptyProgress() {
  return { version: VERSION, problems: {} };
}

/**
 * The stored progress. A store that is missing is empty; one that is corrupt or of another
 * version is reset, and `takeResetNotice` says so once.
 * @returns {Progress}
 */
export function readProgress() {
  const text = unsaved.get(PROGRESS_KEY) ?? read(PROGRESS_KEY);
  if (text === null) return emptyProgress();
  const parsed = parseProgress(text);
  if (parsed) return parsed;
  resetNotice = "Your saved progress could not be read (it was damaged or made by another version of "
    + "this site), so it was reset. Your saved code is untouched.";
  write(PROGRESS_KEY, JSON.stringify(emptyProgress()));
  return emptyProgress();
}

/** @returns {string | null} the notice of a reset store, the first time it is asked for */
export function takeResetNotice() {
  const notice = resetNotice;
  resetNotice = null;
  return notice;
}

/**
 * @param {string} text
 * @returns {Progress | null}
 */
function parseProgress(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(data) || data.version !== VERSION || !isObject(data.problems)) return null;
  /** @type {Progress} */
  const progress = emptyProgress();
  for (const [slug, entry] of Object.entries(data.problems)) {
    const clean = cleanEntry(entry);
    if (clean) progress.problems[slug] = clean;
  }
  return progress;
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * One problem's progress with only known fields of the right types, or null.
 * @param {unknown} entry
 * @returns {ProblemProgress | null}
 */
function cleanEntry(entry) {
  if (!isObject(entry) || !["new", "attempted", "solved"].includes(entry.state)) return null;
  /** @type {ProblemProgress} */
  const clean = { state: entry.state };
  for (const key of /** @type {const} */ (["attemptedAt", "solvedAt", "hints"])) {
    if (Number.isFinite(entry[key]) && entry[key] >= 0) clean[key] = entry[key];
  }
  if (entry.solutionSeen === true) clean.solutionSeen = true;
  return clean;
}

/**
 * The state of one problem, as the index and the sidebar show it.
 * @param {Progress} progress
 * @param {string} slug
 * @returns {ProblemState}
 */
export function stateOf(progress, slug) {
  return progress.problems[slug]?.state ?? "new";
}

/**
 * Change one problem's progress (read, change, write at once, so that other problems' entries
 * written by other tabs are kept).
 * @param {string} slug
 * @param {(entry: ProblemProgress | undefined) => ProblemProgress} change
 * @returns {boolean} whether the browser kept it
 */
export function updateProgress(slug, change) {
  const progress = readProgress();
  progress.problems[slug] = change(progress.problems[slug]);
  return write(PROGRESS_KEY, JSON.stringify(progress));
}

/**
 * Record a Run or a Submit: attempted, or solved (with the time of the first solve).
 * @param {string} slug
 * @param {boolean} solved
 * @returns {boolean}
 */
export function recordAttempt(slug, solved) {
  const now = Date.now();
  return updateProgress(slug, (entry) => {
    const next = { ...entry, state: entry?.state === "solved" ? "solved" : "attempted",
      attemptedAt: entry?.attemptedAt ?? now };
    if (solved) return { ...next, state: "solved", solvedAt: entry?.solvedAt ?? now };
    return /** @type {ProblemProgress} */ (next);
  });
}

// ---------------------------------------------------------------------------------------
// Code

/**
 * A problem's saved code: null when none was saved (the page shows the starter); an empty
 * string is kept as empty (the learner deleted their code).
 * @param {string} slug
 * @returns {SavedCode | null}
 */
export function readCode(slug) {
  const pending = unsaved.get(CODE_PREFIX + slug);
  const text = pending ?? read(CODE_PREFIX + slug);
  if (text !== null) return parseCode(text);
  const legacy = read(LEGACY_CODE_PREFIX + slug);
  return legacy === null ? null : { code: legacy, savedAt: 0 };
}

/**
 * @param {string} text
 * @returns {SavedCode | null}
 */
function parseCode(text) {
  try {
    const data = JSON.parse(text);
    if (isObject(data) && typeof data.code === "string" && Number.isFinite(data.savedAt)) {
      return { code: data.code, savedAt: data.savedAt };
    }
  } catch {
    // fall through
  }
  return null;
}

/**
 * @param {string} slug
 * @param {string} code
 * @returns {SavedCode & {kept: boolean}} what was written, and whether the browser kept it
 */
export function writeCode(slug, code) {
  const saved = { code, savedAt: Date.now() };
  const kept = write(CODE_PREFIX + slug, JSON.stringify(saved));
  if (kept) remove(LEGACY_CODE_PREFIX + slug);
  return { ...saved, kept };
}

// ---------------------------------------------------------------------------------------
// Other tabs

/**
 * Listen to writes made by other tabs; returns the function that stops listening.
 * @param {(change: StorageChange) => void} listener
 * @returns {() => void}
 */
export function onStorageChange(listener) {
  /** @param {StorageEvent} event */
  const handle = (event) => {
    if (event.storageArea !== localStorage) return;
    if (event.key === null || event.key === PROGRESS_KEY) listener({ kind: "progress" });
    if (event.key?.startsWith(CODE_PREFIX)) {
      const slug = event.key.slice(CODE_PREFIX.length);
      listener({ kind: "code", slug, saved: event.newValue === null ? null : parseCode(event.newValue) });
    }
  };
  addEventListener("storage", handle);
  return () => removeEventListener("storage", handle);
}

// ---------------------------------------------------------------------------------------
// Export, import, reset

/**
 * Every key of this site's in the browser (a storage that cannot be read has none).
 * @returns {string[]}
 */
function ownKeys() {
  try {
    return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? "")
      .filter((key) => key.startsWith("kata:"));
  } catch {
    return [];
  }
}

/**
 * Everything the browser keeps, as one file: progress, saved code and revealed hints.
 * @returns {ExportFile}
 */
export function exportAll() {
  const progress = readProgress();
  const withCode = ownKeys().filter((key) => key.startsWith(CODE_PREFIX) || key.startsWith(LEGACY_CODE_PREFIX))
    .map((key) => key.slice(key.startsWith(CODE_PREFIX) ? CODE_PREFIX.length : LEGACY_CODE_PREFIX.length));
  /** @type {ExportFile["problems"]} */
  const problems = {};
  for (const slug of new Set([...withCode, ...Object.keys(progress.problems), ...unsavedSlugs()])) {
    const code = readCode(slug);
    const entry = progress.problems[slug];
    if (entry || code) problems[slug] = { ...(entry ?? { state: "attempted" }), ...(code ? { code } : {}) };
  }
  return { format: EXPORT_FORMAT, version: VERSION, exportedAt: new Date().toISOString(), problems };
}

/** @returns {string[]} slugs whose code is waiting to be saved */
function unsavedSlugs() {
  return [...unsaved.keys()].filter((key) => key.startsWith(CODE_PREFIX)).map((key) => key.slice(CODE_PREFIX.length));
}

/**
 * Merge an exported file into what the browser keeps: the further state wins (solved over
 * attempted), the earlier first times, the newer code, the most hints, "solution seen" if
 * either saw it. A file that is not an export changes nothing.
 * @param {string} text
 * @returns {{ok: true, problems: number} | {ok: false, message: string}}
 */
export function importAll(text) {
  const file = parseExport(text);
  if (typeof file === "string") return { ok: false, message: file };
  const progress = readProgress();
  for (const [slug, entry] of Object.entries(file.problems)) {
    const clean = cleanEntry(entry);
    if (clean) progress.problems[slug] = mergeEntries(progress.problems[slug], clean);
    const code = isObject(entry) ? parseCode(JSON.stringify(entry.code ?? null)) : null;
    const mine = readCode(slug);
    if (code && (!mine || code.savedAt > mine.savedAt)) write(CODE_PREFIX + slug, JSON.stringify(code));
  }
  write(PROGRESS_KEY, JSON.stringify(progress));
  return { ok: true, problems: Object.keys(file.problems).length };
}

/**
 * @param {string} text
 * @returns {ExportFile | string} the file, or why it is not one
 */
function parseExport(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return "This file is not a Tensor Kata export: it is not JSON. Nothing was changed.";
  }
  if (!isObject(data) || data.format !== EXPORT_FORMAT || !isObject(data.problems)) {
    return "This file is not a Tensor Kata export (it has no \"format\": \"tensor-kata-progress\"). "
      + "Nothing was changed.";
  }
  if (data.version !== VERSION) {
    return `This export is of version ${String(data.version)}; this site reads version ${VERSION}. `
      + "Nothing was changed.";
  }
  return /** @type {ExportFile} */ (data);
}

/**
 * @param {ProblemProgress | undefined} mine
 * @param {ProblemProgress} theirs
 * @returns {ProblemProgress}
 */
function mergeEntries(mine, theirs) {
  if (!mine) return theirs;
  const earliest = (/** @type {number|undefined} */ a, /** @type {number|undefined} */ b) =>
    a === undefined ? b : b === undefined ? a : Math.min(a, b);
  const rank = { new: 0, attempted: 1, solved: 2 };
  /** @type {ProblemProgress} */
  const merged = { state: rank[mine.state] >= rank[theirs.state] ? mine.state : theirs.state };
  const attemptedAt = earliest(mine.attemptedAt, theirs.attemptedAt);
  const solvedAt = earliest(mine.solvedAt, theirs.solvedAt);
  const hints = Math.max(mine.hints ?? 0, theirs.hints ?? 0);
  if (attemptedAt !== undefined) merged.attemptedAt = attemptedAt;
  if (solvedAt !== undefined) merged.solvedAt = solvedAt;
  if (hints) merged.hints = hints;
  if (mine.solutionSeen || theirs.solutionSeen) merged.solutionSeen = true;
  return merged;
}

/** Forget progress, saved code and revealed hints of every problem. */
export function resetAll() {
  for (const key of ownKeys()) remove(key);
  unsaved.clear();
}
