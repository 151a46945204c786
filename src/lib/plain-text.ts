/**
 * The one rule for text people type: no unpaired UTF-16 surrogates (they are
 * not characters; encoders, URLs and other programs reject them, and one in a
 * setting stopped every new process) and no control characters, which no
 * keyboard types and which show as nothing or break other programs (a NUL ends
 * a C string). Tab, line feed and carriage return are the exceptions: they are
 * how multi-line text is written. One-line fields (titles, names, labels) also
 * refuse line breaks: they would be lost or break a line where they are shown.
 */

// C0 controls but \t \n \r, DEL, and the C1 controls.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** Whether a string has an unpaired surrogate; String.prototype.isWellFormed is ES2024. */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

/** Replaces each unpaired surrogate with U+FFFD, for text that must be encoded whatever it holds. */
export function toWellFormed(text: string): string {
  if (!hasLoneSurrogate(text)) return text;
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** What is wrong with a text by the rule above, or undefined when nothing is. */
export function textProblem(text: string, options: { isOneLine?: boolean } = {}): string | undefined {
  if (hasLoneSurrogate(text)) return 'must not contain an unpaired UTF-16 surrogate (it is not a character)';
  const control = CONTROL.exec(text);
  if (control) return `must not contain control characters (found U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
  if (options.isOneLine && LINE_BREAK.test(text)) return 'must be one line, without line breaks';
  return undefined;
}

/** The TypeBox/JSON Schema format of one-line fields; every other string gets the rule without line breaks allowed or refused. */
export const ONE_LINE_FORMAT = 'one-line';

export function isOneLineText(text: string): boolean {
  return textProblem(text, { isOneLine: true }) === undefined;
}
