import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as cheerio from 'cheerio';
import { MAIN, ROOT, childEnv, freePort, run, start, useDataDir, waitFor200, withTimeout, type Result } from '../helpers/cli-process.js';

/**
 * `masthead settings` refuses text that is not text, however the shell hands
 * it over, and a store holding such a value from an older version still
 * starts, for the command and for the server.
 */

/** The command with one argument given as raw bytes, as `masthead settings title=$'\xed\xa0\x80'` passes them. */
function runWithRawArgument(dataDir: string, octalEscaped: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    // printf turns the octal escapes into the bytes; Node never sees them as a JavaScript string first.
    const script = `exec "$0" --import tsx "$1" settings "$(printf '${octalEscaped}')"`;
    const child = spawn('/bin/sh', ['-c', script, process.execPath, MAIN], { cwd: ROOT, env: childEnv({ DATA_DIR: dataDir }) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function storedTitle(dataDir: string): unknown {
  const db = new Database(join(dataDir, 'masthead.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM settings WHERE key = 'title'").get() as { value: string } | undefined;
    return row === undefined ? undefined : JSON.parse(row.value);
  } finally {
    db.close();
  }
}

describe('masthead settings and text that is not text', () => {
  let dataDir = '';
  useDataDir((dir) => (dataDir = dir));

  test('a lone surrogate as raw bytes, or as a JSON escape, or a control character is refused naming the setting, exit 1, nothing stored', { timeout: 90_000 }, async () => {
    assert.equal((await run(['migrate'], { DATA_DIR: dataDir })).code, 0);
    const raw = await runWithRawArgument(dataDir, 'title=\\355\\240\\200');
    assert.equal(raw.code, 1, raw.stderr);
    assert.match(raw.stderr, /\/title: is not valid UTF-8/);
    for (const pair of ['title="\\ud800"', 'tagline=bell\u0007here']) {
      const refused = await run(['settings', pair], { DATA_DIR: dataDir });
      assert.equal(refused.code, 1, `${pair}: ${refused.stdout}`);
      assert.match(refused.stderr, pair.startsWith('title') ? /\/title: must not contain an unpaired UTF-16 surrogate/ : /\/tagline: must not contain control characters/);
    }
    assert.equal(storedTitle(dataDir), undefined);
  });

  test('a store holding a title an older version let in still prints its settings and serves its pages', { timeout: 90_000 }, async () => {
    assert.equal((await run(['migrate'], { DATA_DIR: dataDir })).code, 0);
    const db = new Database(join(dataDir, 'masthead.sqlite'));
    db.prepare("INSERT INTO settings (key, value) VALUES ('title', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify('\ud800'));
    db.close();

    const shown = await run(['settings'], { DATA_DIR: dataDir });
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(JSON.parse(shown.stdout).title, 'Masthead');
    assert.match(shown.stderr, /stored setting "title" is not valid/);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = start(['serve'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', MASTHEAD_DEMO: '0', SITE_URL: base });
    let hasExited = false;
    void server.done.then(() => (hasExited = true));
    try {
      await waitFor200(`${base}/`, () => hasExited, 30_000);
      const $ = cheerio.load(await (await fetch(`${base}/`)).text());
      assert.match($('title').text(), /Masthead/);
    } catch (error) {
      server.child.kill('SIGKILL');
      const result = await server.done;
      throw new Error(`${(error as Error).message}\nstderr:\n${result.stderr}\nstdout:\n${result.stdout}`);
    }
    server.child.kill('SIGTERM');
    const stopped = await withTimeout(server.done, 10_000, 'stopping after SIGTERM');
    assert.equal(stopped.code, 0);
    assert.equal(stopped.stdout.match(/stored setting \\"title\\" is not valid/g)?.length, 1, 'reported once');
  });
});
