import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBody } from '../../src/content/body.js';
import { contentToBody } from '../../src/import/wordpress/content-to-body.js';

// An export is input like any other: an element named after a property every
// JavaScript object has is an unknown element, not a heading of level "function".
test('elements named constructor, toString or __proto__ are text, not headings, and the body passes the content model', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    const { body } = contentToBody(`<p>Before.</p>\n\n<${name}>Inside</${name}>\n\n<p>After.</p>`);
    assert.deepEqual(checkBody(body), [], name);
    assert.equal(body.some((block) => block.type === 'heading'), false, name);
    assert.ok(JSON.stringify(body).includes('Inside'), name);
  }
});
