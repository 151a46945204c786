import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildNewsroomEditor } from '../../scripts/build-newsroom.js';
import type { BodyDocument } from '../../src/content/body.js';
import type { BodyResult, MountedEditor } from '../../src/newsroom/editor/index.js';
import { launchBrowser, pressAndSettle, skipWithoutBrowser } from '../helpers/browser.js';
import { referenceBody } from './reference-body.js';

/** What the test page leaves on window for the test to call. */
type TestWindow = Window & { editor: MountedEditor; changes: BodyResult[]; isReady: boolean };

const PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="#888"/></svg>';

const PASTED = [
  '<h1>Big title</h1><h3>Small title</h3><h6>Tiny</h6>',
  '<p>A <s>struck</s> <u>under</u> <code>code</code> <b>bold</b> <a href="javascript:alert(1)">trap</a> <a href="/ok/" title="t">fine</a><br>next</p>',
  '<blockquote><p>Said once.</p><p>Said twice.</p></blockquote>',
  '<ul><li><p>one</p><ul><li>nested</li></ul></li></ul>',
  '<pre><code>let x = 1;</code></pre><img src="/x.png" alt="x"><iframe src="https://evil.example/"></iframe><table><tr><td>cell</td></tr></table>',
].join('');

const TEST_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Editor</title><link rel="stylesheet" href="/editor.css"></head>
<body><main></main>
<script type="module">
import { mountEditor } from '/editor.js';
const library = {
  7: { url: '/pictures/7.svg', alt: 'John Legend on stage', credit: 'DFree', agency: 'Shutterstock.com', caption: 'John Legend at the Grammys' },
};
window.changes = [];
const body = JSON.parse(new URLSearchParams(location.search).get('body') ?? '[]');
window.editor = mountEditor({ element: document.querySelector('main'), body, resolveMedia: (id) => library[id], onChange: (result) => window.changes.push(result) });
window.isReady = true;
</script></body></html>`;

describe('the newsroom editor in a real browser', { skip: skipWithoutBrowser() }, () => {
  let outDir: string;
  let server: Server;
  let origin: string;
  let browser: Browser;

  before(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'masthead-editor-'));
    await buildNewsroomEditor({ outDir });
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const files: Record<string, [string, () => Promise<string | Buffer>]> = {
        '/': ['text/html', async () => TEST_PAGE],
        '/editor.js': ['text/javascript', () => readFile(join(outDir, 'editor.js'))],
        '/editor.css': ['text/css', () => readFile(join(outDir, 'editor.css'))],
        '/pictures/7.svg': ['image/svg+xml', async () => PICTURE],
      };
      const file = files[path];
      if (!file) {
        response.writeHead(404).end();
        return;
      }
      void file[1]().then((content) => response.writeHead(200, { 'content-type': file[0] }).end(content));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  async function openEditor(body: BodyDocument = []): Promise<Page> {
    const page = await browser.newPage();
    page.setDefaultTimeout(5000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/?body=${encodeURIComponent(JSON.stringify(body))}`);
    await page.waitForFunction(() => (window as unknown as TestWindow).isReady === true);
    assert.deepEqual(errors, []);
    return page;
  }

  /**
   * Presses a key the browser handles itself (arrows and End move the caret); the editor
   * learns of it from a selectionchange event a moment later. No person types
   * faster than that, a script does, so it waits for the event to be handled.
   */

  const getBody = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).editor.getBody());
  const textbox = (page: Page) => page.getByRole('textbox', { name: 'Article body' });
  const tool = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

  test('writes a story with the toolbar, the keyboard and the dialogs, and gives back exactly its body document', async () => {
    const page = await openEditor();
    await textbox(page).click();

    await page.keyboard.type('Politics ruined a friendship.');
    await pressAndSettle(page, 'ArrowLeft', ' a friendship.'.length);
    await pressAndSettle(page, 'Shift+ArrowLeft', 'ruined'.length);
    await tool(page, 'Bold').click();
    assert.equal(await tool(page, 'Bold').getAttribute('aria-pressed'), 'true');

    await pressAndSettle(page, 'End');
    await page.keyboard.press('Enter');
    await tool(page, 'Heading 2').click();
    assert.equal(await tool(page, 'Heading 2').getAttribute('aria-pressed'), 'true');
    await page.keyboard.type('What happened next');
    await page.keyboard.press('Enter');

    await page.keyboard.type('Read the interview.');
    await pressAndSettle(page, 'ArrowLeft');
    await pressAndSettle(page, 'Shift+ArrowLeft', 'interview'.length);
    await page.keyboard.press('ControlOrMeta+k');
    const linkDialog = page.getByRole('dialog', { name: 'Add link' });
    await linkDialog.getByLabel('Address').fill('https://edition.cnn.com/interview');
    await page.keyboard.press('Enter');
    assert.equal(await linkDialog.isVisible(), false);

    await pressAndSettle(page, 'End');
    await page.keyboard.press('Enter');
    await tool(page, 'Pull quote').click();
    const quoteDialog = page.getByRole('dialog', { name: 'New pull quote' });
    await quoteDialog.getByLabel('Quoted words').fill('We aren’t friends as much as we used to be.');
    await quoteDialog.getByLabel('Speaker').fill('John Legend');
    await quoteDialog.getByLabel('Source', { exact: true }).fill('CNN');
    await quoteDialog.getByRole('button', { name: 'Insert' }).click();
    assert.equal(await tool(page, 'Pull quote').getAttribute('aria-pressed'), 'false', 'the cursor waits below the quote');

    await page.evaluate(() => (window as unknown as TestWindow).editor.insertImage(7, 'On stage in 2020'));

    const expected: BodyDocument = [
      { type: 'paragraph', content: [{ text: 'Politics ' }, { text: 'ruined', marks: [{ type: 'bold' }] }, { text: ' a friendship.' }] },
      { type: 'heading', level: 2, content: [{ text: 'What happened next' }] },
      {
        type: 'paragraph',
        content: [{ text: 'Read the ' }, { text: 'interview', marks: [{ type: 'link', href: 'https://edition.cnn.com/interview' }] }, { text: '.' }],
      },
      { type: 'quote', style: 'pull', text: 'We aren’t friends as much as we used to be.', speaker: 'John Legend', source: 'CNN' },
      { type: 'image', media: 7, caption: 'On stage in 2020' },
    ];
    assert.deepEqual(await getBody(page), { body: expected });
    const changes = await page.evaluate(() => (window as unknown as TestWindow).changes);
    assert.deepEqual(changes.at(-1), { body: expected }, 'onChange saw the last change');
    await page.close();
  });

  test('offers every tool as a button named for what it does, beside a labelled multi-line textbox', async () => {
    const page = await openEditor();
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    const names = ['Bold', 'Italic', 'Link', 'Heading 2', 'Heading 3', 'Bulleted list', 'Numbered list', 'Quote', 'Pull quote', 'Separator', 'Embed', 'Image'];
    for (const name of names) assert.equal(await toolbar.getByRole('button', { name, exact: true }).count(), 1, name);
    for (const name of ['Bold', 'Italic', 'Link', 'Heading 2', 'Heading 3', 'Bulleted list', 'Numbered list', 'Quote', 'Pull quote']) {
      assert.equal(await tool(page, name).getAttribute('aria-pressed'), 'false', `${name} is a toggle`);
    }
    for (const name of ['Separator', 'Embed', 'Image']) assert.equal(await tool(page, name).getAttribute('aria-pressed'), null, `${name} is an action`);
    assert.equal(await textbox(page).getAttribute('aria-multiline'), 'true');
    assert.equal(await textbox(page).getAttribute('contenteditable'), 'true');
    await page.close();
  });

  test('moves between tools with the arrow keys from a single Tab stop', async () => {
    const page = await openEditor();
    await tool(page, 'Bold').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Italic');
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Image');
    assert.deepEqual(await page.getByRole('toolbar').locator('button[tabindex="0"]').allTextContents(), ['Image']);
    await page.close();
  });

  test('makes text bold and italic with Ctrl+B and Ctrl+I, and shows it pressed', async () => {
    const page = await openEditor();
    await textbox(page).click();
    await page.keyboard.type('Plain ');
    await page.keyboard.press('ControlOrMeta+b');
    await page.keyboard.press('ControlOrMeta+i');
    await page.keyboard.type('loud');
    assert.equal(await tool(page, 'Bold').getAttribute('aria-pressed'), 'true');
    assert.equal(await tool(page, 'Italic').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(await getBody(page), {
      body: [{ type: 'paragraph', content: [{ text: 'Plain ' }, { text: 'loud', marks: [{ type: 'bold' }, { type: 'italic' }] }] }],
    });
    await page.close();
  });

  test('shows a picture from the media library with the story’s caption and the photographer / agency credit', async () => {
    const page = await openEditor([{ type: 'image', media: 7, caption: 'On stage in 2020' }, { type: 'image', media: 7 }]);
    const figures = textbox(page).locator('figure.media-image');
    assert.equal(await figures.nth(0).locator('img').getAttribute('src'), '/pictures/7.svg');
    assert.equal(await figures.nth(0).locator('img').getAttribute('alt'), 'John Legend on stage');
    assert.equal(await figures.nth(0).locator('.caption').textContent(), 'On stage in 2020');
    assert.equal(await figures.nth(0).locator('.credit').textContent(), 'DFree / Shutterstock.com');
    assert.equal(await figures.nth(1).locator('.caption').textContent(), 'John Legend at the Grammys', 'no override: the library’s caption');
    await page.close();
  });

  test('refuses an embed from an unsupported site in its dialog, and reports one inserted by a script with its block index', async () => {
    const page = await openEditor([{ type: 'paragraph', content: [{ text: 'Watch:' }] }]);
    await textbox(page).click();
    await tool(page, 'Embed').click();
    const dialog = page.getByRole('dialog', { name: 'Embed a post' });
    await dialog.getByLabel('Post address').fill('https://vimeo.com/123456');
    await dialog.getByRole('button', { name: 'Embed', exact: true }).click();
    assert.equal(await dialog.isVisible(), true, 'the dialog stays open');
    assert.match(await dialog.getByLabel('Post address').evaluate((input) => (input as HTMLInputElement).validationMessage), /YouTube, X, Instagram or TikTok/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.evaluate(() => (window as unknown as TestWindow).editor.insertEmbed('https://vimeo.com/123456'));
    const result = await getBody(page);
    assert.ok('issues' in result);
    assert.deepEqual(result.issues.map(({ index, path }) => ({ index, path })), [{ index: 1, path: '/body/1/url' }]);
    await page.close();
  });

  test('keeps from pasted HTML only what the body can hold: no first-level heading, strike, code, line break, nested list or javascript: link', async () => {
    const page = await openEditor();
    await textbox(page).click();
    await page.evaluate((html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'plain');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PASTED);
    assert.deepEqual(await getBody(page), {
      body: [
        { type: 'paragraph', content: [{ text: 'Big title' }] },
        { type: 'heading', level: 3, content: [{ text: 'Small title' }] },
        { type: 'paragraph', content: [{ text: 'Tiny' }] },
        {
          type: 'paragraph',
          content: [
            { text: 'A struck under code ' },
            { text: 'bold', marks: [{ type: 'bold' }] },
            { text: ' trap ' },
            { text: 'fine', marks: [{ type: 'link', href: '/ok/' }] },
            { text: ' next' },
          ],
        },
        { type: 'quote', style: 'body', text: 'Said once. Said twice.' },
        { type: 'list', isOrdered: false, items: [[{ text: 'one' }]] },
        { type: 'list', isOrdered: false, items: [[{ text: 'nested' }]] },
        { type: 'paragraph', content: [{ text: 'let x = 1;' }] },
        { type: 'paragraph', content: [{ text: 'cell' }] },
      ],
    });
    await page.close();
  });

  test('shows a quote’s attribution under it, edits it through the same dialog, and turns it back into a paragraph', async () => {
    const page = await openEditor([{ type: 'quote', style: 'body', text: 'Politics ruined it.', speaker: 'John Legend' }]);
    const quote = textbox(page).locator('figure.quote');
    assert.equal(await quote.locator('figcaption').textContent(), '— John Legend');
    await quote.locator('blockquote').click();
    assert.equal(await tool(page, 'Quote').getAttribute('aria-pressed'), 'true');
    assert.equal(await tool(page, 'Bold').getAttribute('aria-disabled'), 'true', 'a quote’s words are plain');
    assert.equal(await tool(page, 'Link').getAttribute('aria-disabled'), 'true');

    await tool(page, 'Pull quote').click();
    const dialog = page.getByRole('dialog', { name: 'Edit pull quote' });
    assert.equal(await dialog.getByLabel('Speaker').inputValue(), 'John Legend');
    await dialog.getByLabel('Context').fill('to David Axelrod');
    await dialog.getByRole('button', { name: 'Save' }).click();
    assert.equal(await quote.locator('figcaption').textContent(), '— John Legend, to David Axelrod');
    assert.deepEqual(await getBody(page), {
      body: [{ type: 'quote', style: 'pull', text: 'Politics ruined it.', speaker: 'John Legend', context: 'to David Axelrod' }],
    });

    await quote.locator('blockquote').click();
    await tool(page, 'Quote').click();
    await page.getByRole('dialog', { name: 'Edit quote' }).getByRole('button', { name: 'Make it a paragraph' }).click();
    assert.deepEqual(await getBody(page), { body: [{ type: 'paragraph', content: [{ text: 'Politics ruined it.' }] }] });
    await page.close();
  });

  test('refuses a javascript: link in the link dialog and links nothing', async () => {
    const page = await openEditor([{ type: 'paragraph', content: [{ text: 'Click me' }] }]);
    await textbox(page).click();
    await page.keyboard.press('ControlOrMeta+a');
    await tool(page, 'Link').click();
    const dialog = page.getByRole('dialog', { name: 'Add link' });
    await dialog.getByLabel('Address').fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    assert.equal(await dialog.isVisible(), true);
    assert.equal(await dialog.getByLabel('Address').getAttribute('aria-invalid'), 'true');
    await page.keyboard.press('Escape');
    assert.deepEqual(await getBody(page), { body: [{ type: 'paragraph', content: [{ text: 'Click me' }] }] });
    await page.close();
  });

  test('copies and pastes pictures, quotes, embeds and HTML blocks with every attribute', async () => {
    const body: BodyDocument = [
      { type: 'image', media: 7, caption: '' },
      { type: 'image', media: 7 },
      { type: 'quote', style: 'pull', text: 'Said.', speaker: 'A', context: 'to B', source: 'C', sourceUrl: '/c/' },
      { type: 'embed', url: 'https://youtu.be/dQw4w9WgXcQ', caption: 'The clip' },
      { type: 'separator' },
      { type: 'html', html: '<table>\n  <tr><td>1</td></tr>\n</table>' },
      { type: 'paragraph', content: [{ text: 'End', marks: [{ type: 'italic' }] }] },
    ];
    const page = await openEditor(body);
    await textbox(page).click();
    await page.keyboard.press('ControlOrMeta+a');
    const copied = await page.evaluate(() => {
      const data = new DataTransfer();
      document.activeElement!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/html');
    });
    await page.evaluate(() => (window as unknown as TestWindow).editor.setBody([]));
    await textbox(page).click();
    await page.evaluate((html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, copied);
    assert.deepEqual(await getBody(page), { body });
    await page.close();
  });

  test('adds a picture by its media number through the Image dialog, then gives it a caption of its own', async () => {
    const page = await openEditor([{ type: 'paragraph', content: [{ text: 'Before' }] }]);
    await textbox(page).click();
    await tool(page, 'Image').click();
    const adding = page.getByRole('dialog', { name: 'Add a picture' });
    await adding.getByLabel('Media number').fill('7');
    await adding.getByRole('button', { name: 'Add' }).click();
    assert.deepEqual(await getBody(page), { body: [{ type: 'paragraph', content: [{ text: 'Before' }] }, { type: 'image', media: 7 }] });

    await textbox(page).locator('figure.media-image img').click();
    await tool(page, 'Image').click();
    const editing = page.getByRole('dialog', { name: 'Edit picture' });
    await editing.getByLabel('Caption').fill('On stage in 2020');
    await editing.getByRole('button', { name: 'Save' }).click();
    assert.deepEqual(await getBody(page), {
      body: [{ type: 'paragraph', content: [{ text: 'Before' }] }, { type: 'image', media: 7, caption: 'On stage in 2020' }],
    });
    await page.close();
  });

  test('makes lists and separators from the toolbar', async () => {
    const page = await openEditor();
    await textbox(page).click();
    await tool(page, 'Bulleted list').click();
    await page.keyboard.type('one');
    await page.keyboard.press('Enter');
    await page.keyboard.type('two');
    assert.equal(await tool(page, 'Bulleted list').getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await tool(page, 'Separator').click();
    await tool(page, 'Numbered list').click();
    await page.keyboard.type('first');
    assert.deepEqual(await getBody(page), {
      body: [
        { type: 'list', isOrdered: false, items: [[{ text: 'one' }], [{ text: 'two' }]] },
        { type: 'separator' },
        { type: 'list', isOrdered: true, items: [[{ text: 'first' }]] },
      ],
    });
    await page.close();
  });

  test('gives back the reference article’s body unchanged after loading it', async () => {
    const page = await openEditor(referenceBody());
    assert.deepEqual(await getBody(page), { body: referenceBody() });
    await page.close();
  });
});
