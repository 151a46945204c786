import { Node } from '@tiptap/core';

/**
 * A block of raw HTML, kept from imported stories. It is edited as code and
 * never rendered here; the site sanitises it when the story is rendered.
 */
export const RawHtml = Node.create({
  name: 'rawHtml',
  group: 'block',
  content: 'text*',
  marks: '',
  code: true,
  defining: true,

  parseHTML() {
    return [{ tag: 'pre[data-type="raw-html"]', preserveWhitespace: 'full' }];
  },

  renderHTML() {
    return ['pre', { 'data-type': 'raw-html', class: 'raw-html', spellcheck: 'false' }, ['code', 0]];
  },
});
