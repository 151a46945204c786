import { zonedTime } from '../../lib/zoned-time.js';

/**
 * WordPress writes each date twice: in GMT and in the site's own time, both
 * as `YYYY-MM-DD HH:MM:SS`. Drafts carry a GMT date of all zeros; then the
 * local date, read in the site's zone, is what there is.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function parts(text: string): number[] | undefined {
  const match = DATE.exec(text.trim());
  if (!match || match[1] === '0000') return undefined;
  return match.slice(1).map(Number);
}

/** A GMT date as ISO-8601 UTC, or undefined when WordPress left it empty or zero. */
export function fromGmt(text: string): string | undefined {
  const p = parts(text);
  if (!p) return undefined;
  const date = new Date(Date.UTC(p[0]!, p[1]! - 1, p[2]!, p[3]!, p[4]!, p[5]!));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A local date in `timeZone` (an IANA name) as ISO-8601 UTC. */
export function fromLocal(text: string, timeZone: string): string | undefined {
  const asUtc = fromGmt(text);
  if (!asUtc) return undefined;
  // The zone's offset at that moment: guessed at the wall time, then checked at the instant found (a DST change between them).
  const zone = zonedTime(timeZone);
  const wall = Date.parse(asUtc);
  let instant = wall - zone.offsetMinutes(asUtc) * 60_000;
  instant = wall - zone.offsetMinutes(new Date(instant).toISOString()) * 60_000;
  return new Date(instant).toISOString();
}

/** The item's moment: its GMT date, else its local date in the site's zone. */
export function itemDate(item: { postDateGmt: string; postDate: string }, timeZone: string): string | undefined {
  return fromGmt(item.postDateGmt) ?? fromLocal(item.postDate, timeZone);
}
