/**
 * Calendar dates as day numbers (days since 1970-01-01), in the proleptic Gregorian
 * calendar, with integer arithmetic only: no Date, so that neither the machine's time
 * zone nor Date's range (about 275,000 years) plays a part.
 */

import type { Weekday } from '../model/types.ts';

export interface CivilDate {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  /** 1 to 31. */
  readonly day: number;
}

/** The day number of a date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date of a day number (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * The day `months` calendar months after `days`, on the same day of the month, or the
 * last day of the month when it has no such day (31 January + 1 month: 28 or 29 February).
 */
export function addMonths(days: number, months: number): number {
  const { year, month, day } = civilFromDays(days);
  const index = month - 1 + months;
  const toYear = year + Math.floor(index / 12);
  const toMonth = (((index % 12) + 12) % 12) + 1;
  return daysFromCivil(toYear, toMonth, Math.min(day, daysInMonth(toYear, toMonth)));
}

/** `2026-03-29`; years past 9999 are written in full. */
export function formatCivil({ year, month, day }: CivilDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Monday first, as ISO counts: 1970-01-01 was a Thursday. */
export const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** 0 for Monday to 6 for Sunday. */
export function weekdayIndex(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/** The day `count` weekdays (Monday to Friday) after `days`, counting the days after it. */
export function addWeekdays(days: number, count: number): number {
  if (count <= 0) return days;
  let index = weekdayIndex(days);
  let day = days;
  // After a Saturday or a Sunday, the weekdays are those after the Friday before.
  if (index > 4) {
    day -= index - 4;
    index = 4;
  }
  const weeks = Math.floor(count / 5);
  const rest = count % 5;
  day += weeks * 7 + rest;
  return index + rest > 4 ? day + 2 : day;
}
