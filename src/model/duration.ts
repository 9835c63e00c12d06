/**
 * Durations (`30m`, `2h`, `3d 14h`, `1w`) and local times of day (`10:00`),
 * parsed in one place so that every rule and the simulator agree.
 */

const UNIT_MINUTES = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 } as const;
type Unit = keyof typeof UNIT_MINUTES;
const UNIT_ORDER: readonly Unit[] = ['w', 'd', 'h', 'm'];

/**
 * The grammar of a duration, as the JSON schemas' pattern (scripts/schema-sources.ts writes
 * it into every schema): one or more parts, each a whole number and a unit, in any order,
 * each unit at most once (a unit written twice is more likely a slip than a sum), spaces
 * optional between and around parts. The lookahead refuses a unit that appears twice.
 */
export const DURATION_PATTERN = '^(?![\\s\\S]*([wdhm])[\\s\\S]*\\1)\\s*\\d+\\s*[wdhm](?:\\s*\\d+\\s*[wdhm])*\\s*$';
export const TIME_OF_DAY_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';

/**
 * The grammar of a touchpoint's delay (`after`): a duration's units, plus months (`mo`) and
 * business days (`bd`), for regulated deadlines such as notifying a fee change two months
 * ahead or answering a complaint within ten business days. Each unit at most once; a
 * unit is followed by no other letter, so that `2mo` is not read as `2m` and an `o`.
 */
export const DELAY_PATTERN =
  '^(?![\\s\\S]*\\d\\s*(mo|bd|[wdhm])(?![a-z])[\\s\\S]*\\d\\s*\\1(?![a-z]))\\s*\\d+\\s*(?:mo|bd|[wdhm])(?:\\s*\\d+\\s*(?:mo|bd|[wdhm]))*\\s*$';

/**
 * A delay as written, part by part: calendar parts (months, days, business days) keep the
 * customer's wall-clock time across daylight-saving changes, `minutes` (hours and minutes)
 * is elapsed time. Weeks are counted in `days`.
 */
export interface Delay {
  readonly months: number;
  readonly days: number;
  readonly businessDays: number;
  readonly minutes: number;
}

export const NO_DELAY: Delay = { months: 0, days: 0, businessDays: 0, minutes: 0 };

const PART = /(\d+)\s*([wdhm])/g;
const DELAY_PART = /(\d+)\s*(mo|bd|[wdhm])/g;
const DELAY = new RegExp(DELAY_PATTERN, 'u');

/**
 * A reader of texts that remembers what it read: a repository writes the same few delays
 * and durations (`1d`, `2h`) thousands of times, and what is read is never changed once
 * made (frozen). Emptied when full, to stay small.
 */
function remembering<T>(read: (text: string) => T | undefined): (text: unknown) => T | undefined {
  const known = new Map<string, T | undefined>();
  return (text) => {
    if (typeof text !== 'string') return undefined;
    if (known.has(text)) return known.get(text);
    const value = read(text);
    if (known.size >= 4096) known.clear();
    known.set(text, value);
    return value;
  };
}

/** A delay part by part, or undefined when the text is not one (see DELAY_PATTERN). */
export const parseDelay: (text: unknown) => Delay | undefined = remembering(readDelay);

function readDelay(text: string): Delay | undefined {
  if (!DELAY.test(text)) return undefined;
  const delay = { months: 0, days: 0, businessDays: 0, minutes: 0 };
  for (const [, written, unit] of text.matchAll(DELAY_PART)) {
    const amount = Number(written);
    if (unit === 'mo') delay.months += amount;
    else if (unit === 'bd') delay.businessDays += amount;
    else if (unit === 'w' || unit === 'd') delay.days += amount * (unit === 'w' ? 7 : 1);
    else delay.minutes += amount * UNIT_MINUTES[unit as Unit];
  }
  return Object.values(delay).every(Number.isSafeInteger) ? Object.freeze(delay) : undefined;
}

/**
 * A delay in minutes, for sorting and showing it where no calendar is at hand: a month
 * counted as 30 days and a business day as 7/5 of a day (a week holds five).
 */
export function approximateMinutes(delay: Delay): number {
  const minutes = (delay.months * 30 + delay.days) * 1440 + Math.round((delay.businessDays * 7 * 1440) / 5) + delay.minutes;
  return Number.isSafeInteger(minutes) ? minutes : Number.MAX_SAFE_INTEGER;
}

/** A delay as people write it: `2mo`, `10bd`, `1w 2d`, `3d 14h`, `0m`. */
export function formatDelay(delay: Delay): string {
  const parts = [delay.months > 0 ? `${delay.months}mo` : '', delay.businessDays > 0 ? `${delay.businessDays}bd` : ''].filter(Boolean);
  const rest = delay.days * 1440 + delay.minutes;
  if (rest > 0 || parts.length === 0) parts.push(formatDuration(rest));
  return parts.join(' ');
}
const WHOLE = new RegExp(DURATION_PATTERN, 'u');
const TIME = new RegExp(TIME_OF_DAY_PATTERN);

/** Minutes in a duration, or undefined when the text is not one (see DURATION_PATTERN). */
export const parseDuration: (text: unknown) => number | undefined = remembering(readDuration);

function readDuration(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  let minutes = 0;
  for (const [, amount, unit] of text.matchAll(PART)) minutes += Number(amount) * UNIT_MINUTES[unit as Unit];
  return Number.isSafeInteger(minutes) ? minutes : undefined;
}

/** The shortest text for a number of minutes: `1w 2d`, `3d 14h`, `45m`, `0m`. */
export function formatDuration(minutes: number): string {
  if (minutes === 0) return '0m';
  const parts: string[] = [];
  let rest = Math.round(minutes);
  for (const unit of UNIT_ORDER) {
    const size = UNIT_MINUTES[unit];
    const amount = Math.floor(rest / size);
    if (amount > 0) parts.push(`${amount}${unit}`);
    rest -= amount * size;
  }
  return parts.join(' ');
}

/** Minutes after midnight for `HH:MM`, or undefined. */
export function parseTimeOfDay(text: unknown): number | undefined {
  if (typeof text !== 'string' || !TIME.test(text)) return undefined;
  // HH:MM, as TIME just said: digits at fixed places.
  const digit = (at: number): number => text.charCodeAt(at) - 48;
  return (digit(0) * 10 + digit(1)) * 60 + digit(3) * 10 + digit(4);
}

export function formatTimeOfDay(minutesOfDay: number): string {
  const m = ((minutesOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
