import { Editor, Extension } from '@tiptap/core';
import type { BodyDocument, QuoteBlock } from '../../content/body.js';
import { blockToProsemirror, bodyToProsemirror } from './body-to-prosemirror.js';
import { blockProblems } from './body-rules.js';
import { createEditorDialogs, type ChosenMedia, type EditorDialogs } from './editor-dialogs.js';
import { canLink, editorTools } from './editor-tools.js';
import { bodyExtensions } from './extensions/body-extensions.js';
import type { QuoteStyle } from './extensions/quote.js';
import { insertBlock } from './insert-block.js';
import type { ResolveMedia } from './media-preview.js';
import { prosemirrorToBody, type BodyResult } from './prosemirror-to-body.js';
import { createToolbar } from './toolbar.js';

export interface MountEditorOptions {
  /** Where the toolbar, the editable area and the dialogs are put. */
  element: HTMLElement;
  /** The body to edit; it must be one the content model accepts. */
  body: BodyDocument;
  /** The preview, caption and credit of a picture, by media id. */
  resolveMedia: ResolveMedia;
  /** Called after every change the writer makes (not after setBody) with what getBody would return. */
  onChange?: (result: BodyResult) => void;
  /** The newsroom's media library picker, for the Image button; without it the button asks for a media number. */
  chooseMedia?: () => Promise<ChosenMedia | undefined>;
  /** The editable area's accessible name. */
  label?: string;
}

export type QuoteInput = Omit<QuoteBlock, 'type' | 'style'> & { style?: QuoteStyle };

export interface MountedEditor {
  /** The body document, or why there is none yet (an empty heading, an embed from an unsupported site…). */
  getBody(): BodyResult;
  /** Replaces what is being edited; throws when the body is not one the content model accepts. */
  setBody(body: BodyDocument): void;
  /** The next four put the block where the writer is: in place of an empty paragraph, or after the current block. */
  insertImage(mediaId: number, caption?: string): void;
  insertEmbed(url: string, caption?: string): void;
  insertQuote(quote: QuoteInput): void;
  destroy(): void;
}

let mountedCount = 0;

/**
 * The newsroom's editor for a story's body: an accessible toolbar, the
 * editable area (a textbox named "Article body") and the dialogs for links,
 * quotes, embeds and pictures, reading and writing the typed body document.
 */
export function mountEditor(options: MountEditorOptions): MountedEditor {
  assertShowable(options.body);
  const idPrefix = `masthead-editor-${++mountedCount}`;
  const root = document.createElement('div');
  root.className = 'masthead-editor';
  const area = document.createElement('div');
  area.className = 'masthead-editor__area';
  root.append(area);
  options.element.append(root);

  let dialogs: EditorDialogs | undefined;
  const editor = new Editor({
    element: area,
    extensions: [...bodyExtensions({ resolveMedia: options.resolveMedia }), linkShortcut(() => dialogs?.openLink())],
    content: bodyToProsemirror(options.body),
    injectCSS: false,
    editorProps: {
      attributes: { id: `${idPrefix}-body`, role: 'textbox', 'aria-multiline': 'true', 'aria-label': options.label ?? 'Article body' },
    },
  });
  dialogs = createEditorDialogs(editor, { idPrefix, ...(options.chooseMedia ? { chooseMedia: options.chooseMedia } : {}) });
  const toolbar = createToolbar({ label: 'Formatting', controls: `${idPrefix}-body`, tools: editorTools(editor, dialogs) });
  root.prepend(toolbar.element);
  root.append(...dialogs.elements);
  editor.on('transaction', toolbar.refresh);

  const getBody = (): BodyResult => prosemirrorToBody(editor.getJSON());
  const { onChange } = options;
  if (onChange) editor.on('update', () => onChange(getBody()));

  return {
    getBody,
    setBody(body) {
      assertShowable(body);
      editor.commands.setContent(bodyToProsemirror(body), { emitUpdate: false });
    },
    insertImage(mediaId, caption) {
      insertBlock(editor, blockToProsemirror({ type: 'image', media: mediaId, ...(caption === undefined ? {} : { caption }) }));
    },
    insertEmbed(url, caption) {
      insertBlock(editor, blockToProsemirror({ type: 'embed', url, ...(caption === undefined ? {} : { caption }) }));
    },
    insertQuote(quote) {
      insertBlock(editor, blockToProsemirror({ ...quote, type: 'quote', style: quote.style ?? 'body' }));
    },
    destroy() {
      editor.destroy();
      root.remove();
    },
  };
}

function linkShortcut(openLinkDialog: () => void): Extension {
  return Extension.create({
    name: 'linkDialogShortcut',
    addKeyboardShortcuts() {
      return {
        // Taken even where no link can go (a quote), so the browser's own Ctrl+K does not steal the focus.
        'Mod-k': ({ editor }) => {
          if (canLink(editor)) openLinkDialog();
          return true;
        },
      };
    },
  });
}

/** A body the editor is given must already be valid: it would otherwise show one thing and save another. */
function assertShowable(body: BodyDocument): void {
  const issues = body.flatMap((block, index) => blockProblems(block).map((problem) => `/body/${index}${problem.at} ${problem.message}`));
  if (issues.length > 0) throw new TypeError(`The editor was given a body the content model refuses: ${issues.join('; ')}`);
}
