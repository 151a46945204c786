import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dateTimeProblem, MAX_YEAR, MIN_YEAR } from '../../src/lib/calendar-date.js';

describe('calendar dates', () => {
  test('accepts real moments, with Z or an offset, leap days in leap years', () => {
    for (const text of ['2026-05-04T09:30:00Z', '2026-05-04T09:30Z', '2028-02-29T23:59:59.123456+05:30', '2000-02-29T00:00:00-08:00', `${MIN_YEAR}-01-01T12:00:00Z`, `${MAX_YEAR}-12-31T00:00:00Z`]) {
      assert.equal(dateTimeProblem(text), undefined, text);
    }
  });

  test('refuses days and months the calendar does not have, naming what is wrong', () => {
    assert.match(dateTimeProblem('2026-99-99T00:00:00Z') ?? '', /no month 99/);
    assert.match(dateTimeProblem('2026-02-30T00:00:00Z') ?? '', /no day 30 in 2026-02/);
    assert.match(dateTimeProblem('2026-02-29T00:00:00Z') ?? '', /no day 29/);
    assert.match(dateTimeProblem('1900-02-29T00:00:00Z') ?? '', /no day 29/);
    assert.match(dateTimeProblem('2026-04-31T00:00:00Z') ?? '', /no day 31/);
    assert.match(dateTimeProblem('2026-00-10T00:00:00Z') ?? '', /no month 00/);
    assert.match(dateTimeProblem('2026-01-01T24:00:00Z') ?? '', /time of day/);
    assert.match(dateTimeProblem('2026-01-01T10:00:00+24:00') ?? '', /offset/);
  });

  test(`refuses years outside ${MIN_YEAR}–${MAX_YEAR}, after the offset too, and anything not ISO 8601 with an offset`, () => {
    assert.match(dateTimeProblem('1899-12-31T12:00:00Z') ?? '', /years/);
    assert.match(dateTimeProblem(`${MAX_YEAR}-12-31T23:00:00-05:00`) ?? '', /years/);
    for (const text of ['2026-05-04', '2026-05-04T09:30:00', 'May 4, 2026', '', '+012026-05-04T00:00:00Z']) assert.match(dateTimeProblem(text) ?? '', /ISO 8601/, text);
  });
});
