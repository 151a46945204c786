import type { Attribute } from '@tiptap/core';

/**
 * A node attribute written as data-* on its element, so that copying a block
 * and pasting it inside the editor keeps it. Null means absent, which is
 * not the same as an empty string (an empty caption hides the library's).
 */
export function dataAttribute(name: string, parse: (value: string) => unknown = (value) => value): Attribute {
  const htmlName = `data-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  return {
    default: null,
    parseHTML: (element) => {
      const value = element.getAttribute(htmlName);
      return value === null ? null : parse(value);
    },
    renderHTML: (attributes) => {
      const value: unknown = attributes[name];
      return value === null || value === undefined ? {} : { [htmlName]: String(value) };
    },
  };
}
