/**
 * A strict reader of PHP `serialize()` output, enough for the arrays WordPress
 * keeps in postmeta (`_wp_attachment_metadata`). Objects, references and
 * custom serialisation are refused: unserialising them is how PHP object
 * injection works, and an import file is untrusted input.
 */
export type PhpValue = string | number | boolean | null | PhpArray;
/** A PHP array keeps its keys in order; integer keys are given as numbers. */
export type PhpArray = Map<string | number, PhpValue>;

export class PhpUnserializeError extends Error {
  override name = 'PhpUnserializeError';
}

const MAX_DEPTH = 32;

export function phpUnserialize(input: string): PhpValue {
  const bytes = Buffer.from(input, 'utf8');
  const reader = { bytes, at: 0 };
  const value = readValue(reader, 0);
  if (reader.at !== bytes.length) fail(reader, 'trailing data');
  return value;
}

interface Reader {
  bytes: Buffer;
  at: number;
}

function fail(reader: Reader, reason: string): never {
  throw new PhpUnserializeError(`${reason} at byte ${reader.at}`);
}

/** Reads up to (not including) `stop`, then skips it. */
function readUntil(reader: Reader, stop: string): string {
  const end = reader.bytes.indexOf(stop, reader.at, 'latin1');
  if (end < 0) fail(reader, `expected "${stop}"`);
  const text = reader.bytes.toString('latin1', reader.at, end);
  reader.at = end + 1;
  return text;
}

function expect(reader: Reader, text: string): void {
  if (reader.bytes.toString('latin1', reader.at, reader.at + text.length) !== text) fail(reader, `expected "${text}"`);
  reader.at += text.length;
}

function readInteger(reader: Reader, stop: string): number {
  const text = readUntil(reader, stop);
  if (!/^-?\d{1,16}$/.test(text)) fail(reader, `bad integer "${text}"`);
  return Number(text);
}

function readValue(reader: Reader, depth: number): PhpValue {
  if (depth > MAX_DEPTH) fail(reader, 'nested too deeply');
  const tag = reader.bytes.toString('latin1', reader.at, reader.at + 2);
  reader.at += 2;
  switch (tag) {
    case 'N;':
      return null;
    case 'b:': {
      const flag = readUntil(reader, ';');
      if (flag !== '0' && flag !== '1') fail(reader, `bad boolean "${flag}"`);
      return flag === '1';
    }
    case 'i:':
      return readInteger(reader, ';');
    case 'd:': {
      const text = readUntil(reader, ';');
      const value = Number(text);
      if (text === '' || (Number.isNaN(value) && text !== 'NAN')) fail(reader, `bad float "${text}"`);
      return value;
    }
    case 's:':
      return readString(reader);
    case 'a:':
      return readArray(reader, depth);
    default:
      // O: C: r: R: E: — objects, custom classes, references, enums
      return fail(reader, `unsupported type "${tag}"`);
  }
}

/** PHP counts a string's length in bytes, so a UTF-8 caption is longer than its characters. */
function readString(reader: Reader): string {
  const length = readInteger(reader, ':');
  expect(reader, '"');
  if (reader.at + length > reader.bytes.length) fail(reader, 'string runs past the end');
  const text = reader.bytes.toString('utf8', reader.at, reader.at + length);
  reader.at += length;
  expect(reader, '";');
  return text;
}

function readArray(reader: Reader, depth: number): PhpArray {
  const count = readInteger(reader, ':');
  expect(reader, '{');
  const result: PhpArray = new Map();
  for (let index = 0; index < count; index += 1) {
    const key = readValue(reader, depth + 1);
    if (typeof key !== 'string' && typeof key !== 'number') fail(reader, 'array key must be an integer or a string');
    result.set(key, readValue(reader, depth + 1));
  }
  expect(reader, '}');
  return result;
}
