/** Reporting periods of measured KPIs: a year, quarter, month, ISO week or day. */

export interface Period {
  /** The period as written, normalised: `2026-Q3`, `2026-09`, `2026-W38`. */
  readonly label: string;
  /** Days since 1970-01-01 of its first day, to sort periods of any granularity. */
  readonly start: number;
}

const DAY = 86_400_000;

function isoWeekStart(year: number, week: number): number {
  // The ISO week 1 is the week with the year's first Thursday.
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return (jan4 - weekday * DAY) / DAY + (week - 1) * 7;
}

export function parsePeriod(text: string): Period | undefined {
  const value = text.trim().toUpperCase();
  let match = /^(\d{4})$/.exec(value);
  if (match) return { label: value, start: Date.UTC(Number(match[1]), 0, 1) / DAY };
  match = /^(\d{4})-Q([1-4])$/.exec(value);
  if (match) return { label: value, start: Date.UTC(Number(match[1]), (Number(match[2]) - 1) * 3, 1) / DAY };
  match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (match) return { label: value, start: Date.UTC(Number(match[1]), Number(match[2]) - 1, 1) / DAY };
  match = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/.exec(value);
  if (match) return { label: value, start: isoWeekStart(Number(match[1]), Number(match[2])) };
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const time = Date.UTC(year, month - 1, day);
    const back = new Date(time);
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day) return { label: value, start: time / DAY };
  }
  return undefined;
}
