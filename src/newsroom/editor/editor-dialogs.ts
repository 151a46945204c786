import type { Editor } from '@tiptap/core';
import type { Node as ProsemirrorNode } from '@tiptap/pm/model';
import { NodeSelection } from '@tiptap/pm/state';
import type { QuoteBlock } from '../../content/body.js';
import { blockToProsemirror } from './body-to-prosemirror.js';
import { BODY_LIMITS, EMBED_HINT, HREF_HINT, isAllowedHref, isSupportedEmbedUrl } from './body-rules.js';
import type { QuoteStyle } from './extensions/quote.js';
import { createFormDialog, type DialogValues } from './form-dialog.js';
import { currentBlockRange, insertBlock } from './insert-block.js';

/** A picture the host's own media library picker returned. */
export interface ChosenMedia {
  mediaId: number;
  caption?: string;
}

export interface EditorDialogs {
  elements: HTMLDialogElement[];
  openLink(): void;
  openQuote(style: QuoteStyle): void;
  openEmbed(): void;
  openImage(): void;
}

const LINE = BODY_LIMITS.attributionLine;

/** The dialogs that ask for what a link, a quote, an embed or a picture needs, and apply it. */
export function createEditorDialogs(editor: Editor, options: { idPrefix: string; chooseMedia?: () => Promise<ChosenMedia | undefined> }): EditorDialogs {
  const link = createFormDialog({
    id: `${options.idPrefix}-link`,
    fields: [{ name: 'href', label: 'Address', isRequired: true, maxLength: BODY_LIMITS.href, hint: 'https://…, /a-page-on-this-site/, #a-section, mailto: or tel:' }],
  });
  const quote = createFormDialog({
    id: `${options.idPrefix}-quote`,
    fields: [
      { name: 'text', label: 'Quoted words', kind: 'textarea', isRequired: true, maxLength: BODY_LIMITS.quoteText },
      { name: 'speaker', label: 'Speaker', maxLength: LINE },
      { name: 'context', label: 'Context', maxLength: LINE, hint: 'e.g. “to David Axelrod”' },
      { name: 'source', label: 'Source', maxLength: LINE, hint: 'where it was said or printed, e.g. CNN' },
      { name: 'sourceUrl', label: 'Source address', kind: 'url', maxLength: BODY_LIMITS.href },
    ],
  });
  const embed = createFormDialog({
    id: `${options.idPrefix}-embed`,
    fields: [
      { name: 'url', label: 'Post address', kind: 'url', isRequired: true, maxLength: BODY_LIMITS.embedUrl, hint: 'a YouTube, X, Instagram or TikTok post' },
      { name: 'caption', label: 'Caption', maxLength: BODY_LIMITS.caption },
    ],
  });
  const image = createFormDialog({
    id: `${options.idPrefix}-image`,
    fields: [
      { name: 'mediaId', label: 'Media number', kind: 'number', isRequired: true },
      { name: 'caption', label: 'Caption', maxLength: BODY_LIMITS.caption, hint: 'leave empty to use the caption from the media library' },
    ],
  });

  const insertPicture = (mediaId: number, caption: string | undefined, shouldReplaceCurrent: boolean) =>
    insertBlock(editor, blockToProsemirror({ type: 'image', media: mediaId, ...(caption === undefined ? {} : { caption }) }), { shouldReplaceCurrent });

  return {
    elements: [link.element, quote.element, embed.element, image.element],

    openLink() {
      const isEditing = editor.isActive('link');
      link.open({
        title: isEditing ? 'Edit link' : 'Add link',
        submitLabel: 'Apply',
        values: { href: String(editor.getAttributes('link')['href'] ?? '') },
        ...(isEditing ? { removeLabel: 'Remove link' } : {}),
        validate: ({ href }) => (isAllowedHref(href!.trim()) ? undefined : { field: 'href', message: `The address ${HREF_HINT}.` }),
        onSubmit: ({ href }) => applyLink(editor, href!.trim()),
        onRemove: () => editor.chain().focus().extendMarkRange('link').unsetLink().run(),
      });
    },

    openQuote(style) {
      const { from, to } = currentBlockRange(editor.state.selection);
      const current = from < to ? editor.state.doc.nodeAt(from) : null;
      const isEditing = current?.type.name === 'quote';
      // A paragraph with words in it becomes the quote: paste what was said, then say who said it.
      const isConverting = current?.type.name === 'paragraph' && current.content.size > 0;
      const name = style === 'pull' ? 'pull quote' : 'quote';
      const attrs = isEditing ? current.attrs : {};
      quote.open({
        title: isEditing ? `Edit ${name}` : isConverting ? `Make the paragraph a ${name}` : `New ${name}`,
        submitLabel: isEditing || isConverting ? 'Save' : 'Insert',
        values: {
          text: isEditing || isConverting ? current.textContent : '',
          speaker: String(attrs['speaker'] ?? ''),
          context: String(attrs['context'] ?? ''),
          source: String(attrs['source'] ?? ''),
          sourceUrl: String(attrs['sourceUrl'] ?? ''),
        },
        ...(isEditing ? { removeLabel: 'Make it a paragraph' } : {}),
        validate: ({ text, sourceUrl }) => {
          if (!text!.trim()) return { field: 'text', message: 'Write the words that were said.' };
          if (sourceUrl!.trim() && !isAllowedHref(sourceUrl!.trim())) return { field: 'sourceUrl', message: `The source address ${HREF_HINT}.` };
          return undefined;
        },
        onSubmit: (values) => insertBlock(editor, blockToProsemirror(quoteBlock(style, values)), { shouldReplaceCurrent: isEditing || isConverting }),
        onRemove: () => editor.chain().focus().setNode('paragraph').run(),
      });
    },

    openEmbed() {
      const selected = selectedNode(editor, 'embed');
      embed.open({
        title: selected ? 'Edit embedded post' : 'Embed a post',
        submitLabel: selected ? 'Save' : 'Embed',
        values: { url: String(selected?.attrs['url'] ?? ''), caption: String(selected?.attrs['caption'] ?? '') },
        ...(selected ? { removeLabel: 'Remove embed' } : {}),
        validate: ({ url }) => (isSupportedEmbedUrl(url!.trim()) ? undefined : { field: 'url', message: `The address ${EMBED_HINT}.` }),
        onSubmit: ({ url, caption }) => {
          const block = { type: 'embed' as const, url: url!.trim(), ...(caption!.trim() ? { caption: caption!.trim() } : {}) };
          insertBlock(editor, blockToProsemirror(block), { shouldReplaceCurrent: Boolean(selected) });
        },
        onRemove: () => editor.chain().focus().deleteSelection().run(),
      });
    },

    openImage() {
      const selected = selectedNode(editor, 'mediaImage');
      if (!selected && options.chooseMedia) {
        void options.chooseMedia().then((chosen) => chosen && insertPicture(chosen.mediaId, chosen.caption, false));
        return;
      }
      const before: unknown = selected?.attrs['caption'];
      image.open({
        title: selected ? 'Edit picture' : 'Add a picture',
        submitLabel: selected ? 'Save' : 'Add',
        values: { mediaId: selected ? String(selected.attrs['mediaId'] ?? '') : '', caption: typeof before === 'string' ? before : '' },
        ...(selected ? { removeLabel: 'Remove picture' } : {}),
        validate: ({ mediaId }) => (/^[1-9]\d*$/.test(mediaId!.trim()) ? undefined : { field: 'mediaId', message: 'The media number is the picture’s number in the media library.' }),
        onSubmit: ({ mediaId, caption }) => {
          // An empty caption that was empty before stays empty (no caption), rather than falling back to the library's.
          const kept = caption === '' && before !== '' ? undefined : caption;
          insertPicture(Number(mediaId!.trim()), kept, Boolean(selected));
        },
        onRemove: () => editor.chain().focus().deleteSelection().run(),
      });
    },
  };
}

function applyLink(editor: Editor, href: string): void {
  if (editor.state.selection.empty && !editor.isActive('link')) {
    // Nothing selected: the address itself becomes the linked words.
    editor.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    return;
  }
  editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
}

function quoteBlock(style: QuoteStyle, values: DialogValues): QuoteBlock {
  const block: QuoteBlock = { type: 'quote', style, text: values['text']!.trim() };
  for (const key of ['speaker', 'context', 'source', 'sourceUrl'] as const) {
    const value = values[key]?.trim();
    if (value) block[key] = value;
  }
  return block;
}

function selectedNode(editor: Editor, name: string): ProsemirrorNode | undefined {
  const { selection } = editor.state;
  return selection instanceof NodeSelection && selection.node.type.name === name ? selection.node : undefined;
}
