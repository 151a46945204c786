import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readWxr } from '../../src/import/wordpress/wxr-reader.js';
import type { WxrRecord } from '../../src/import/wordpress/wxr-records.js';

export const FIXTURE = join(import.meta.dirname, '../../../shared/fixtures/wordpress/themeunittestdata.wordpress.xml');

/** The whole fixture as text, for tests that count or rewrite it independently of the reader. */
export const fixtureText = (): string => readFileSync(FIXTURE, 'utf8');

export async function readAll(xml: string, chunkSize = 4096): Promise<WxrRecord[]> {
  const bytes = Buffer.from(xml, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  const records: WxrRecord[] = [];
  for await (const record of readWxr(Readable.from(chunks))) records.push(record);
  return records;
}

export async function readError(xml: string): Promise<Error> {
  try {
    await readAll(xml);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the reader accepted the input');
}
