/**
 * Text from old WordPress sites often holds Windows-1252 punctuation that a
 * database or plugin read as Latin-1: a typed ’ (0x92 in Windows-1252) is
 * stored as the C1 control character U+0092. Masthead refuses control
 * characters in text (lib/plain-text.ts), so the importer gives each one back
 * the character that was typed, and drops those that stand for nothing (the
 * five bytes Windows-1252 leaves undefined, DEL, and C0 controls other than
 * tab and line breaks, which XML 1.0 cannot carry anyway). Unpaired
 * surrogates cannot come out of the UTF-8 decoder, which gives U+FFFD.
 */
const WINDOWS_1252: ReadonlyMap<number, string> = new Map([
  [0x80, '€'], [0x82, '‚'], [0x83, 'ƒ'], [0x84, '„'], [0x85, '…'], [0x86, '†'], [0x87, '‡'], [0x88, 'ˆ'],
  [0x89, '‰'], [0x8a, 'Š'], [0x8b, '‹'], [0x8c, 'Œ'], [0x8e, 'Ž'], [0x91, '‘'], [0x92, '’'], [0x93, '“'],
  [0x94, '”'], [0x95, '•'], [0x96, '–'], [0x97, '—'], [0x98, '˜'], [0x99, '™'], [0x9a, 'š'], [0x9b, '›'],
  [0x9c, 'œ'], [0x9e, 'ž'], [0x9f, 'Ÿ'],
]);

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** The text with each control character replaced by what was typed, or removed. */
export function repairLegacyText(text: string): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROL, (control) => WINDOWS_1252.get(control.charCodeAt(0)) ?? '');
}
