/**
 * A time zone's offsets from UTC, from Intl (the IANA database Node carries), in whole
 * minutes. Times here are absolute minutes since 1970-01-01 00:00: `utc` ones, and `local`
 * ones that stand for a wall-clock date and time as if it were UTC.
 */

/** Where Intl is asked: Date holds ±8.64e15 ms; past these years, a zone keeps the offset it had there. */
const FIRST_UTC = -30_610_224_000_000 / 60_000; // 1000-01-01
const LAST_UTC = 8_000_000_000_000_000 / 60_000; // year 255,479
/** Offsets change at whole quarters of an hour in every zone since 1970, so a quarter hour shares one. */
const BUCKET = 15;
const MAX_CACHED = 200_000;

const DAY = 1440;

interface ZoneCache {
  readonly format: Intl.DateTimeFormat;
  readonly offsets: Map<number, number>;
}

const zones = new Map<string, ZoneCache | null>();

function zoneOf(name: string): ZoneCache | undefined {
  let zone = zones.get(name);
  if (zone === undefined) {
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      zone = { format, offsets: new Map() };
    } catch {
      zone = null;
    }
    zones.set(name, zone);
  }
  return zone ?? undefined;
}

/** Whether `name` is an IANA time zone that Intl knows (`Europe/Paris`, `UTC`). */
export function isTimeZone(name: string): boolean {
  return zoneOf(name) !== undefined;
}

function computeOffset(format: Intl.DateTimeFormat, utc: number): number {
  const ms = utc * 60_000;
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const local = new Date(Date.UTC(2000, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)));
  local.setUTCFullYear(year);
  return Math.round((local.getTime() - ms) / 60_000);
}

/** The zone's offset from UTC, in minutes, at a UTC minute. */
export function offsetAt(name: string, utc: number): number {
  const zone = zoneOf(name);
  if (!zone) return 0;
  const clamped = Math.min(Math.max(utc, FIRST_UTC), LAST_UTC);
  const bucket = Math.floor(clamped / BUCKET);
  let offset = zone.offsets.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(zone.format, bucket * BUCKET);
    if (zone.offsets.size >= MAX_CACHED) zone.offsets.clear();
    zone.offsets.set(bucket, offset);
  }
  return offset;
}

/**
 * The UTC minute of a wall-clock (local) minute. A time in the spring-forward gap does not
 * exist: it moves forward by the gap (02:30 becomes 03:30). A time in the fall-back overlap
 * happens twice: the earlier is taken, as Temporal's "compatible" does.
 */
export function utcOf(name: string, local: number): number {
  // Offsets a day either side: no zone changes twice within two days.
  const before = offsetAt(name, local - DAY);
  const after = offsetAt(name, local + DAY);
  if (before === after) return local - before;
  const early = local - before;
  const late = local - after;
  const earlyHolds = offsetAt(name, early) === before;
  const lateHolds = offsetAt(name, late) === after;
  if (earlyHolds && lateHolds) return Math.min(early, late);
  if (lateHolds) return late;
  // In the gap (or where `early` holds alone), the offset before the change moves the time forward.
  return early;
}

/** The wall-clock (local) minute of a UTC minute. */
export function localOf(name: string, utc: number): number {
  return utc + offsetAt(name, utc);
}
