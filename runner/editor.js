// @ts-check
// The code editor: CodeMirror 6 with Python, coloured with mkdocs-material's own code
// variables so it follows the light and dark palettes, even when toggled at run time.

import { indentWithTab, isolateHistory } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { basicSetup } from "codemirror";

/** @param {string} name  a mkdocs-material code colour, e.g. "keyword" */
const hl = (name) => `var(--md-code-hl-${name}-color)`;

const highlighting = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: hl("keyword") },
  { tag: [t.string, t.special(t.string)], color: hl("string") },
  { tag: [t.number, t.bool, t.null], color: hl("number") },
  { tag: t.comment, color: hl("comment") },
  { tag: [t.function(t.variableName), t.function(t.definition(t.variableName))], color: hl("function") },
  { tag: [t.className, t.definition(t.className), t.self], color: hl("constant") },
  { tag: [t.operator, t.compareOperator, t.arithmeticOperator], color: hl("operator") },
  { tag: [t.punctuation, t.bracket, t.separator], color: hl("punctuation") },
]);

const theme = EditorView.theme({
  "&": { color: "var(--md-code-fg-color)", backgroundColor: "var(--md-code-bg-color)" },
  ".cm-content": { caretColor: "var(--md-code-fg-color)", fontFamily: "var(--md-code-font-family)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--md-code-fg-color)" },
  ".cm-gutters": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-default-fg-color--light)", border: "none" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--md-code-hl-color--light)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--md-accent-fg-color--transparent)" },
});

/**
 * @param {{parent: HTMLElement, doc: string, onChange: (code: string) => void,
 *   onRun: () => void, onSubmit: () => void}} options
 */
export function createEditor({ parent, doc, onChange, onRun, onSubmit }) {
  /** @param {() => void} action */
  const command = (action) => () => (action(), true);
  const view = new EditorView({ parent, doc, extensions: [
    Prec.highest(keymap.of([{ key: "Mod-Enter", run: command(onRun) },
      { key: "Shift-Mod-Enter", run: command(onSubmit) }])),
    basicSetup, keymap.of([indentWithTab]), python(), theme, syntaxHighlighting(highlighting), lintGutter(),
    EditorView.contentAttributes.of({ "aria-label": "Your solution (Python)" }),
    EditorView.updateListener.of((update) => update.docChanged && onChange(update.state.doc.toString())),
  ] });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    /** Replace the whole code as one undo step of its own. @param {string} code */
    setCode: (code) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code },
      annotations: isolateHistory.of("full") }),
    /** Mark a 1-based line and column (a syntax error), or clear the mark with null.
     * @param {{line: number, column: number} | null} at  @param {string} [message] */
    markError(at, message = "") {
      if (!at) return view.dispatch(setDiagnostics(view.state, []));
      const line = view.state.doc.line(Math.min(Math.max(at.line, 1), view.state.doc.lines));
      const from = Math.min(line.from + Math.max(at.column - 1, 0), line.to);
      view.dispatch(setDiagnostics(view.state, [{ from, to: line.to, severity: "error", message }]));
    },
  };
}
