/**
 * Text for XML documents. Characters XML 1.0 forbids (most C0 controls, lone
 * surrogates, U+FFFE/FFFF) are dropped: one of them in a story would make a
 * strict feed reader reject the whole feed.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escaped for element text and attribute values alike. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup kept readable in a CDATA section; a `]]>` inside is split across two sections. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(NOT_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
