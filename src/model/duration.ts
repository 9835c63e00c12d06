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

const PART = /(\d+)\s*([wdhm])/g;
const WHOLE = new RegExp(DURATION_PATTERN, 'u');
const TIME = new RegExp(TIME_OF_DAY_PATTERN);

/** Minutes in a duration, or undefined when the text is not one (see DURATION_PATTERN). */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || !WHOLE.test(text)) return undefined;
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
  const [hours, minutes] = text.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

export function formatTimeOfDay(minutesOfDay: number): string {
  const m = ((minutesOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
