import { formatTimeOfDay } from '../model/duration.ts';

const DAY = 24 * 60;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Day 0 of a scenario as a UTC timestamp standing for the local calendar date, or undefined. */
function startDay(start: string | undefined): number | undefined {
  const match = start === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(start);
  if (!match) return undefined;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(time) ? undefined : time;
}

/** The calendar day of a scenario time: `Tue 3 Mar 2026`, or `day 1` when the scenario has no start date. */
export function formatDay(minutes: number, start?: string): string {
  const day = Math.floor(minutes / DAY);
  const base = startDay(start);
  if (base === undefined) return `day ${day}`;
  // Local calendar arithmetic done in UTC, so that the machine's time zone plays no part.
  const date = new Date(base + day * 86_400_000);
  // Past the dates JavaScript can hold (a repeat of a million years), the day number still reads.
  if (Number.isNaN(date.getTime())) return `day ${day}`;
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A scenario time for people: `day 2 14:00`, or `Wed 4 Mar 2026 14:00` with a start date. */
export function formatMoment(minutes: number, start?: string): string {
  return `${formatDay(minutes, start)} ${formatTimeOfDay(minutes)}`;
}
