/**
 * Dates in the site's time zone: for feeds, as each format writes them: RFC 3339
 * for Atom and JSON Feed (`2026-11-20T07:00:00-05:00`), RFC 822 for RSS
 * (`Fri, 20 Nov 2026 07:00:00 -0500`). The offset is the zone's at that
 * instant, so summer and winter time both come out right.
 */
export interface ZonedTime {
  rfc3339(iso: string): string;
  rfc822(iso: string): string;
  /** The zone's offset from UTC at that instant, in minutes (east positive). */
  offsetMinutes(iso: string): number;
}

export function zonedTime(timeZone: string): ZonedTime {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

  /** The wall-clock time in the zone, carried in a Date's UTC fields, and the zone's offset in minutes. */
  function local(iso: string): { wall: Date; offset: number } {
    const instant = Math.floor(new Date(iso).getTime() / 1000) * 1000;
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return { wall: new Date(wall), offset: Math.round((wall - instant) / 60_000) };
  }

  function offsetText(minutes: number, separator: string): string {
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${separator}${String(abs % 60).padStart(2, '0')}`;
  }

  return {
    rfc3339(iso) {
      const { wall, offset } = local(iso);
      return wall.toISOString().slice(0, 19) + offsetText(offset, ':');
    },
    rfc822(iso) {
      const { wall, offset } = local(iso);
      return wall.toUTCString().replace('GMT', offsetText(offset, ''));
    },
    offsetMinutes: (iso) => local(iso).offset,
  };
}
