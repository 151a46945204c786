import type { Editor, JSONContent } from '@tiptap/core';
import { NodeSelection, TextSelection, type Selection } from '@tiptap/pm/state';

/** The top-level block the selection is in or on; from === to between blocks (the gap cursor). */
export function currentBlockRange(selection: Selection): { from: number; to: number } {
  if (selection instanceof NodeSelection && selection.$from.depth === 0) return { from: selection.from, to: selection.to };
  const { $from } = selection;
  if ($from.depth === 0) return { from: $from.pos, to: $from.pos };
  return { from: $from.before(1), to: $from.after(1) };
}

/**
 * Puts a block where the writer is without cutting anything in two: in place
 * of the current block when told to or when it is an empty paragraph, after
 * it otherwise. The cursor then waits in a paragraph below, so typing goes on
 * under the new block instead of replacing it.
 */
export function insertBlock(editor: Editor, json: JSONContent, options: { shouldReplaceCurrent?: boolean } = {}): void {
  const { state } = editor;
  const node = state.schema.nodeFromJSON(json);
  const { from, to } = currentBlockRange(state.selection);
  const current = from < to ? state.doc.nodeAt(from) : null;
  const isReplacing = from < to && (options.shouldReplaceCurrent === true || (current?.type.name === 'paragraph' && current.content.size === 0));
  const at = isReplacing ? from : to;
  const tr = state.tr.replaceWith(at, isReplacing ? to : at, node);
  const after = at + node.nodeSize;
  if (tr.doc.nodeAt(after)?.type.name !== 'paragraph') tr.insert(after, state.schema.nodes['paragraph']!.create());
  tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView();
  editor.view.dispatch(tr);
  editor.view.focus();
}
