import { Node, mergeAttributes } from '@tiptap/core';

/**
 * A list item of exactly one paragraph, as the body's list items are one run
 * of text each. With nothing to nest into, Tab is left to move the focus on.
 */
export const BodyListItem = Node.create({
  name: 'listItem',
  content: 'paragraph',
  defining: true,

  parseHTML() {
    return [{ tag: 'li' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['li', mergeAttributes(HTMLAttributes), 0];
  },

  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitListItem(this.name),
      'Shift-Tab': () => this.editor.commands.liftListItem(this.name),
    };
  },
});
