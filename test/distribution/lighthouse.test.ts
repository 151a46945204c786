import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipWithoutBrowser } from '../helpers/browser.js';
import { DETERMINISTIC_CATEGORIES, THRESHOLDS, auditArticleAndAmp, shortfall, type LighthouseResult } from '../../scripts/lighthouse-audit.js';
import { urls } from '../../src/render/urls.js';
import { REFERENCE_SLUG, startDemoSite, type DemoSite } from './demo-site.js';

/**
 * Lighthouse's mobile audit of the reference article and of its AMP version,
 * on the demo site with 200 synthetic articles (so its related stories are
 * real). One run per page, shared by the assertions: a run takes 7–16 s.
 * Only the categories that do not depend on how busy the machine is are
 * asserted here (DETERMINISTIC_CATEGORIES); the rest is for `npm run
 * check:distribution`, on a quiet machine.
 */

describe('Lighthouse on the reference article (mobile)', { skip: skipWithoutBrowser() }, () => {
  let site: DemoSite;
  let full: LighthouseResult;
  let amp: LighthouseResult;

  before(async () => {
    site = await startDemoSite({ articles: 200 });
    [full, amp] = (await auditArticleAndAmp(site.url, { article: urls.post(REFERENCE_SLUG), amp: urls.amp(REFERENCE_SLUG) })).map((a) => a.result) as [
      LighthouseResult,
      LighthouseResult,
    ];
  });

  after(async () => {
    await site?.close();
  });

  for (const category of DETERMINISTIC_CATEGORIES) {
    test(`the article page scores at least ${THRESHOLDS[category]} for ${category}`, () => {
      assert.ok(full.scores[category] >= THRESHOLDS[category], shortfall(full, category));
    });
  }

  for (const category of DETERMINISTIC_CATEGORIES) {
    test(`its AMP version scores at least ${THRESHOLDS[category]} for ${category}`, () => {
      assert.ok(amp.scores[category] >= THRESHOLDS[category], shortfall(amp, category));
    });
  }
});
