// @ts-check
// The code editor: CodeMirror 6 with Python, coloured with mkdocs-material's own code
// variables so it follows the light and dark palettes. Long lines wrap. Tab indents, so the
// editor says once how to leave it with the keyboard (Escape, then Tab). Python is highlighted
// by CodeMirror's stream-parser mode (a fifth of the size of the full Python grammar: this
// editor needs colours and indentation, not a syntax tree).

import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { history, historyKeymap, indentWithTab, isolateHistory, standardKeymap, toggleComment } from "@codemirror/commands";
import { python } from "@codemirror/legacy-modes/mode/python";
import { bracketMatching, HighlightStyle, indentOnInput, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, highlightActiveLineGutter, highlightSpecialChars,
  keymap, lineNumbers } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

/** @param {string} name  a mkdocs-material code colour, e.g. "keyword" */
const hl = (name) => `var(--md-code-hl-${name}-color)`;

const highlighting = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: hl("keyword") },
  { tag: [t.definition(t.variableName), t.propertyName], color: hl("function") },
  { tag: [t.string, t.special(t.string)], color: hl("string") },
  { tag: [t.number, t.bool, t.null], color: hl("number") },
  { tag: t.comment, color: hl("comment") },
  { tag: [t.function(t.variableName), t.function(t.definition(t.variableName))], color: hl("function") },
  { tag: [t.className, t.definition(t.className), t.self], color: hl("constant") },
  { tag: [t.operator, t.compareOperator, t.arithmeticOperator], color: hl("operator") },
  { tag: [t.punctuation, t.bracket, t.separator], color: hl("punctuation") },
]);

const theme = EditorView.theme({
  "&": { color: "var(--md-code-fg-color)", backgroundColor: "var(--md-code-bg-color)", height: "100%" },
  ".cm-content": { caretColor: "var(--md-code-fg-color)", fontFamily: "var(--md-code-font-family)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--md-code-fg-color)" },
  // Line numbers at 4.5:1 and more; the current line is marked by its number alone, since any
  // tint behind the text would take mkdocs-material's keyword colour below 4.5:1.
  ".cm-gutters": { backgroundColor: "var(--md-code-bg-color)", border: "none",
    color: "color-mix(in srgb, var(--md-code-fg-color) 78%, var(--md-code-bg-color))" },
  ".cm-activeLineGutter": { backgroundColor: "transparent", color: "var(--md-code-fg-color)", fontWeight: "700" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--md-accent-fg-color--transparent)" },
  // A bar and a wavy underline, no tint: a tint behind the text would take the code colours
  // below 4.5:1.
  ".kata-error-line": { boxShadow: "inset 0.25rem 0 0 var(--kata-fail)" },
  ".kata-error-mark": { textDecoration: "underline wavy var(--kata-fail)" },
});

/** Marks a line where the learner's code failed: a tinted line and the failing text underlined. */
/** @type {import("@codemirror/state").StateEffectType<import("@codemirror/view").DecorationSet>} */
const setErrorMark = StateEffect.define();
/** @type {StateField<import("@codemirror/view").DecorationSet>} */
const errorMark = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    marks = marks.map(transaction.changes);
    for (const effect of transaction.effects) if (effect.is(setErrorMark)) marks = effect.value;
    return transaction.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * @typedef {{view: EditorView, getCode: () => string, setCode: (code: string) => void,
 *   markError: (at: {line: number, column?: number} | null, message?: string) => void,
 *   focus: () => void, destroy: () => void}} Editor
 */

/**
 * @param {{parent: HTMLElement, doc: string, label: string, onChange: (code: string) => void,
 *   onRun: () => void, onSubmit: () => void, onFirstFocus?: () => void}} options
 * @returns {Editor}
 */
export function createEditor({ parent, doc, label, onChange, onRun, onSubmit, onFirstFocus }) {
  /** @param {() => void} action */
  const command = (action) => () => (action(), true);
  let focused = false;
  const view = new EditorView({ parent, doc, extensions: [
    Prec.highest(keymap.of([{ key: "Mod-Enter", run: command(onRun) },
      { key: "Shift-Mod-Enter", run: command(onSubmit) }])),
    // The browser's own selection and caret (no drawSelection: 2 KB gzip less on every problem
    // page, and one cursor is what a learner uses).
    lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(),
    indentOnInput(), bracketMatching(), closeBrackets(),
    keymap.of([...closeBracketsKeymap, ...standardKeymap, ...historyKeymap,
      { key: "Mod-/", run: toggleComment }, indentWithTab]),
    StreamLanguage.define(python), theme, syntaxHighlighting(highlighting), errorMark, EditorView.lineWrapping,
    EditorView.contentAttributes.of({ "aria-label": label }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.state.doc.toString());
      if (update.focusChanged && update.view.hasFocus && !focused) {
        focused = true;
        onFirstFocus?.();
      }
    }),
  ] });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode: (code) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code },
      annotations: isolateHistory.of("full") }),
    markError: (at, message = "") => markError(view, at, message),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

/**
 * Mark a 1-based line (and column) of the learner's code, or clear the mark with null. The
 * mark goes away at the next edit.
 * @param {EditorView} view
 * @param {{line: number, column?: number} | null} at
 * @param {string} message
 */
function markError(view, at, message) {
  if (!at) {
    view.dispatch({ effects: setErrorMark.of(Decoration.none) });
    return;
  }
  const line = view.state.doc.line(Math.min(Math.max(at.line, 1), view.state.doc.lines));
  const from = Math.min(line.from + Math.max((at.column ?? 1) - 1, 0), line.to);
  const marks = [Decoration.line({ class: "kata-error-line", attributes: { title: message.slice(0, 300) } }).range(line.from)];
  if (from < line.to) marks.push(Decoration.mark({ class: "kata-error-mark" }).range(from, line.to));
  view.dispatch({ effects: setErrorMark.of(Decoration.set(marks)), scrollIntoView: true,
    selection: { anchor: from } });
}
