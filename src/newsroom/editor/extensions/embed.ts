import { Node, mergeAttributes } from '@tiptap/core';
import { EMBED_PROVIDER_NAMES, embedProvider } from '../../../content/embeds.js';
import { dataAttribute } from './data-attribute.js';

/**
 * A post from YouTube, X, Instagram or TikTok, by its address. The editor
 * shows which site and the address rather than the player: loading the
 * provider's scripts into the newsroom would let them watch every story written.
 */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    return { url: dataAttribute('url'), caption: dataAttribute('caption') };
  },

  parseHTML() {
    return [{ tag: 'figure[data-type="embed"]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const url = String(node.attrs['url'] ?? '');
    const target = embedProvider(url);
    const label = target ? `${EMBED_PROVIDER_NAMES[target.provider]} post` : 'Not a YouTube, X, Instagram or TikTok post';
    const figure = mergeAttributes(HTMLAttributes, { 'data-type': 'embed', class: target ? 'embed' : 'embed embed--unsupported' });
    const caption = node.attrs['caption'];
    const summary = ['p', ['strong', label], ` ${url}`] as const;
    return caption ? ['figure', figure, summary, ['figcaption', String(caption)]] : ['figure', figure, summary];
  },
});
