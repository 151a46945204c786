import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';

/**
 * What the theme unit test export holds, read with a general XML parser
 * rather than the importer's own reader, so the import is checked against
 * the file and not against itself.
 */
export interface ExportItem {
  id: number;
  type: string;
  status: string;
  title: string;
  link: string;
  slug: string;
  password: string;
  content: string;
  attachedFile: string | undefined;
  attachmentUrl: string;
  approvedComments: number;
}

export interface ExportCounts {
  items: ExportItem[];
  authors: string[];
  categories: string[];
  tags: string[];
}

const text = (parent: Element, name: string): string => {
  const found = DomUtils.findOne((e) => e.name === name, parent.children, false);
  return found ? DomUtils.textContent(found).trim() : '';
};

export function readExport(xml: string): ExportCounts {
  const document = parseDocument(xml, { xmlMode: true });
  const all = (name: string) => DomUtils.findAll((e) => e.name === name, document.children);
  const items = all('item').map((item): ExportItem => {
    const meta = DomUtils.findAll((e) => e.name === 'wp:postmeta', item.children).map((m) => [text(m, 'wp:meta_key'), text(m, 'wp:meta_value')] as const);
    const comments = DomUtils.findAll((e) => e.name === 'wp:comment', item.children);
    return {
      id: Number(text(item, 'wp:post_id')),
      type: text(item, 'wp:post_type'),
      status: text(item, 'wp:status'),
      title: text(item, 'title'),
      link: text(item, 'link'),
      slug: text(item, 'wp:post_name'),
      password: text(item, 'wp:post_password'),
      content: text(item, 'content:encoded'),
      attachedFile: meta.find(([key]) => key === '_wp_attached_file')?.[1],
      attachmentUrl: text(item, 'wp:attachment_url'),
      approvedComments: comments.filter((c) => text(c, 'wp:comment_approved') === '1').length,
    };
  });
  return {
    items,
    authors: all('wp:author').map((a) => text(a, 'wp:author_login')),
    categories: all('wp:category').map((c) => text(c, 'wp:category_nicename')),
    tags: all('wp:tag').map((t) => text(t, 'wp:tag_slug')),
  };
}
