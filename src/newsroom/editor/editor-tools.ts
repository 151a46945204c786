import type { Editor } from '@tiptap/core';
import type { EditorDialogs } from './editor-dialogs.js';
import { insertBlock } from './insert-block.js';
import type { Tool } from './toolbar.js';

/** Whether a link can go where the selection is: not in a quote or a block of HTML, which hold plain text. */
export function canLink(editor: Editor): boolean {
  return editor.can().setLink({ href: '#' });
}

/** The toolbar's buttons, in the order a writer reaches for them. */
export function editorTools(editor: Editor, dialogs: EditorDialogs): Tool[] {
  const heading = (level: 2 | 3 | 4): Tool => ({
    label: `Heading ${level}`,
    isActive: () => editor.isActive('heading', { level }),
    isEnabled: () => editor.can().toggleHeading({ level }),
    run: () => editor.chain().focus().toggleHeading({ level }).run(),
  });
  return [
    {
      label: 'Bold',
      shortcutKey: 'B',
      isActive: () => editor.isActive('bold'),
      isEnabled: () => editor.can().toggleBold(),
      run: () => editor.chain().focus().toggleBold().run(),
    },
    {
      label: 'Italic',
      shortcutKey: 'I',
      isActive: () => editor.isActive('italic'),
      isEnabled: () => editor.can().toggleItalic(),
      run: () => editor.chain().focus().toggleItalic().run(),
    },
    { label: 'Link', shortcutKey: 'K', isActive: () => editor.isActive('link'), isEnabled: () => canLink(editor), run: () => dialogs.openLink() },
    heading(2),
    heading(3),
    heading(4),
    {
      label: 'Bulleted list',
      isActive: () => editor.isActive('bulletList'),
      isEnabled: () => editor.can().toggleBulletList(),
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      label: 'Numbered list',
      isActive: () => editor.isActive('orderedList'),
      isEnabled: () => editor.can().toggleOrderedList(),
      run: () => editor.chain().focus().toggleOrderedList().run(),
    },
    { label: 'Quote', isActive: () => editor.isActive('quote', { style: 'body' }), run: () => dialogs.openQuote('body') },
    { label: 'Pull quote', isActive: () => editor.isActive('quote', { style: 'pull' }), run: () => dialogs.openQuote('pull') },
    { label: 'Separator', run: () => insertBlock(editor, { type: 'horizontalRule' }) },
    { label: 'Embed', run: () => dialogs.openEmbed() },
    { label: 'Image', run: () => dialogs.openImage() },
  ];
}
