/**
 * The newsroom's article editor, bundled for the browser by
 * scripts/build-newsroom.ts into dist/newsroom/editor.js (an ES module) and
 * editor.css.
 */
export { mountEditor, type MountEditorOptions, type MountedEditor, type QuoteInput } from './mount-editor.js';
export { bodyToProsemirror } from './body-to-prosemirror.js';
export { prosemirrorToBody, type BodyResult, type EditorIssue } from './prosemirror-to-body.js';
export type { MediaPreview, ResolveMedia } from './media-preview.js';
export type { ChosenMedia } from './editor-dialogs.js';
