import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ampValidation } from '../helpers/amp-validator.js';
import { describeAmpFailures, validateAmpPages } from './amp-pages.js';
import { REFERENCE_SLUG, startDemoSite, type DemoSite } from './demo-site.js';

/**
 * The official AMP validator on every AMP page of the demo site with 200
 * synthetic articles, and on documents of our own to show it can fail.
 */
const SYNTHETIC_ARTICLES = 200;
const { skip, validator } = await ampValidation();

const BOILERPLATE =
  '<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-moz-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-ms-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@-webkit-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-moz-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-ms-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-o-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}</style><noscript><style amp-boilerplate>body{-webkit-animation:none;-moz-animation:none;-ms-animation:none;animation:none}</style></noscript>';

function ampDocument(body: string): string {
  return `<!doctype html>
<html amp lang="en"><head><meta charset="utf-8"><script async src="https://cdn.ampproject.org/v0.js"></script>
<title>A story</title><link rel="canonical" href="https://news.example/a-story/"><meta name="viewport" content="width=device-width">
${BOILERPLATE}</head>
<body>${body}</body></html>`;
}

describe('the AMP validator', { skip }, () => {
  test('passes a minimal valid AMP document', () => {
    const result = validator!.validate(ampDocument('<h1>A story</h1><amp-img src="/a.jpg" width="1200" height="675" layout="responsive" alt="A picture"></amp-img>'));
    assert.equal(result.status, 'PASS', JSON.stringify(result.errors));
    assert.deepEqual(validator!.errors(ampDocument('<p>Text</p>')), []);
  });

  test('fails a document with an iframe, naming the line, the rule and the fix', () => {
    const html = ampDocument('<p>Watch:</p>\n<iframe src="https://www.youtube.com/embed/x"></iframe>');
    const result = validator!.validate(html);
    assert.equal(result.status, 'FAIL');
    const error = result.errors.find((e) => e.code === 'MANDATORY_TAG_ANCESTOR_WITH_HINT');
    assert.ok(error, JSON.stringify(result.errors));
    assert.equal(error.line, 6);
    assert.match(error.message, /amp-iframe/);
    assert.match(validator!.errors(html)[0] ?? '', /^6:\d+ .*iframe.*\(MANDATORY_TAG_ANCESTOR_WITH_HINT\)/);
  });

  test('fails a document without the AMP boilerplate', () => {
    const result = validator!.validate(ampDocument('<p>Text</p>').replace(BOILERPLATE, ''));
    assert.equal(result.status, 'FAIL');
    assert.ok(result.errors.some((e) => e.code === 'TAG_REQUIRED_BY_MISSING'), JSON.stringify(result.errors));
  });
});

describe(`the demo site with ${SYNTHETIC_ARTICLES} synthetic articles`, { skip }, () => {
  let site: DemoSite;

  before(async () => {
    site = await startDemoSite({ articles: SYNTHETIC_ARTICLES });
  });

  after(async () => {
    await site?.close();
  });

  test('has the reference article and every synthetic one published', () => {
    assert.ok(site.articleSlugs.includes(REFERENCE_SLUG));
    assert.equal(site.articleSlugs.length, SYNTHETIC_ARTICLES + 1);
  });

  test("serves every article's AMP page as valid AMP", async () => {
    const report = await validateAmpPages({ siteUrl: site.url, slugs: site.articleSlugs, validator: validator! });
    assert.equal(report.checked, SYNTHETIC_ARTICLES + 1);
    assert.equal(report.failures.length, 0, describeAmpFailures(report));
  });
});
