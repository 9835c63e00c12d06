/**
 * A scenario customer's calendar and clock. Scenario times are wall-clock minutes since
 * midnight at the start of day 0, what the customer's clock shows; instants are real
 * minutes elapsed since then. They differ only across daylight-saving changes, in a
 * scenario with a time zone and a start date.
 */

import type { Delay } from '../model/duration.ts';
import type { Persona, Policy, Scenario, Weekday } from '../model/types.ts';
import { addMonths, addWeekdays, civilFromDays, daysFromCivil, formatCivil, weekdayIndex, WEEKDAYS } from './civil.ts';
import { HOLIDAY_YEARS, isHolidayCalendar, publicHolidays } from './holidays.ts';
import { isTimeZone, localOf, utcOf } from './zone.ts';

const DAY = 24 * 60;

/**
 * How the simulation moves through a customer's time: with a calendar, or without one
 * (a scenario without a start date, where a month is 30 days and a business day a day).
 */
export interface CustomerClock {
  /** Real minutes elapsed since day 0's midnight at a wall-clock time. */
  instant(time: number): number;
  /** The wall-clock time at an instant. */
  time(instant: number): number;
  /** The wall-clock time a delay after `time`: months, days, business days, then hours and minutes. */
  after(time: number, delay: Delay): number;
}

/** A customer's calendar: the scenario has a start date, so that times have dates. */
export interface CustomerCalendar extends CustomerClock {
  /** The IANA time zone of the customer's wall-clock time; undefined: no daylight-saving change. */
  readonly timeZone?: string;
  /** The customer's public holiday calendar (`FR`, `DE-BY`); undefined: none. */
  readonly holidays?: string;
  /** The calendar date of a scenario time, `YYYY-MM-DD`. */
  date(time: number): string;
  weekday(time: number): Weekday;
  /** Whether a scenario time falls on one of the customer's public holidays. */
  isHoliday(time: number): boolean;
  /** Neither Saturday, Sunday nor a public holiday. */
  isBusinessDay(time: number): boolean;
}

/** Calendar without a start date: times are elapsed minutes, months 30 days, business days days. */
export const NO_CALENDAR: CustomerClock = {
  instant: (time) => time,
  time: (instant) => instant,
  after: (time, delay) => time + (delay.months * 30 + delay.days + delay.businessDays) * DAY + delay.minutes,
};

/** Day 0 of a start date (`2026-03-02`, maybe with a time, which plays no part), as a day number. */
export function startDayOf(start: string | undefined): number | undefined {
  const match = start === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(start);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return daysFromCivil(year, month, day);
}

/** The customer's time zone and holidays: the scenario's zone over the persona's over the policy's; the persona's holidays over the policy's. Unknown names are passed over (unknown-reference reports them). */
export function customerSettings(scenario: Pick<Scenario, 'timeZone'>, persona: Pick<Persona, 'timeZone' | 'holidays'> | undefined, policy: Pick<Policy, 'timeZone' | 'holidays'>): { timeZone?: string; holidays?: string } {
  const timeZone = [scenario.timeZone, persona?.timeZone, policy.timeZone].find((zone) => zone !== undefined && isTimeZone(zone));
  const holidays = [persona?.holidays, policy.holidays].find((name) => name !== undefined && isHolidayCalendar(name));
  return { ...(timeZone !== undefined ? { timeZone } : {}), ...(holidays !== undefined ? { holidays } : {}) };
}

class Calendar implements CustomerCalendar {
  readonly timeZone?: string;
  readonly holidays?: string;
  /** Day number of day 0, and the UTC minute of its midnight (with a time zone). */
  private readonly base: number;
  private readonly origin: number;

  constructor(base: number, timeZone: string | undefined, holidays: string | undefined) {
    this.base = base;
    if (timeZone !== undefined) this.timeZone = timeZone;
    if (holidays !== undefined) this.holidays = holidays;
    this.origin = timeZone === undefined ? 0 : utcOf(timeZone, base * DAY);
  }

  /** NaN past the safe integers, so that the caller drops the time rather than round it. */
  instant(time: number): number {
    if (this.timeZone === undefined) return time;
    const local = this.base * DAY + time;
    if (!Number.isSafeInteger(local)) return Number.NaN;
    return utcOf(this.timeZone, local) - this.origin;
  }

  time(instant: number): number {
    if (this.timeZone === undefined) return instant;
    const utc = this.origin + instant;
    if (!Number.isSafeInteger(utc)) return Number.NaN;
    return localOf(this.timeZone, utc) - this.base * DAY;
  }

  private day(time: number): number {
    return this.base + Math.floor(time / DAY);
  }

  date(time: number): string {
    return formatCivil(civilFromDays(this.day(time)));
  }

  weekday(time: number): Weekday {
    return WEEKDAYS[weekdayIndex(this.day(time))]!;
  }

  private holidayOn(day: number): boolean {
    if (this.holidays === undefined) return false;
    return publicHolidays(this.holidays, civilFromDays(day).year).includes(day);
  }

  isHoliday(time: number): boolean {
    return this.holidayOn(this.day(time));
  }

  private businessDay(day: number): boolean {
    return weekdayIndex(day) < 5 && !this.holidayOn(day);
  }

  isBusinessDay(time: number): boolean {
    return this.businessDay(this.day(time));
  }

  /**
   * The day `count` business days after `day`, counted from the first business day at or
   * after it. Whole years are skipped by counting, so that a delay of a million business
   * days costs no more than the years of holidays it crosses.
   */
  private addBusinessDays(from: number, count: number): number {
    let day = from;
    // A year always has business days: the loop ends within days.
    while (!this.businessDay(day)) day += 1;
    let left = count;
    while (left > 0) {
      // The year of the days counted next: those after `day`.
      const { year } = civilFromDays(day + 1);
      if (this.holidays === undefined || year < HOLIDAY_YEARS.first || year > HOLIDAY_YEARS.last) {
        const end = this.holidays !== undefined && year < HOLIDAY_YEARS.first ? daysFromCivil(HOLIDAY_YEARS.first, 1, 1) - 1 : undefined;
        // Before the years of holidays, only weekdays count up to them; past them, to the end.
        if (end === undefined) return addWeekdays(day, left);
        const weekdays = this.weekdaysAfter(day, end);
        if (left <= weekdays) return addWeekdays(day, left);
        left -= weekdays;
        day = end;
        continue;
      }
      const end = daysFromCivil(year + 1, 1, 1) - 1;
      const holidays = publicHolidays(this.holidays, year).filter((holiday) => holiday > day && weekdayIndex(holiday) < 5).length;
      const available = this.weekdaysAfter(day, end) - holidays;
      if (left > available) {
        left -= available;
        day = end;
        continue;
      }
      while (left > 0) {
        day += 1;
        if (this.businessDay(day)) left -= 1;
      }
    }
    return day;
  }

  /** Weekdays after `day`, up to and with `end`. */
  private weekdaysAfter(day: number, end: number): number {
    const span = end - day;
    const weeks = Math.floor(span / 7);
    let count = weeks * 5;
    for (let next = day + weeks * 7 + 1; next <= end; next += 1) if (weekdayIndex(next) < 5) count += 1;
    return count;
  }

  after(time: number, delay: Delay): number {
    let wall = time;
    if (delay.months > 0) wall = (addMonths(this.day(wall), delay.months) - this.base) * DAY + timeOfDay(wall);
    wall += delay.days * DAY;
    if (delay.businessDays > 0) {
      const day = this.day(wall);
      if (!Number.isSafeInteger(day)) return Number.NaN;
      wall = (this.addBusinessDays(day, delay.businessDays) - this.base) * DAY + timeOfDay(wall);
    }
    if (!Number.isSafeInteger(wall)) return Number.NaN;
    // Hours and minutes are elapsed time; the calendar parts keep the time of day, moved out of a gap.
    return this.time(this.instant(wall) + delay.minutes);
  }
}

function timeOfDay(time: number): number {
  return ((time % DAY) + DAY) % DAY;
}

/** The calendar of a scenario with a start date, or undefined without one. */
export function customerCalendar(start: string | undefined, settings: { timeZone?: string; holidays?: string }): CustomerCalendar | undefined {
  const base = startDayOf(start);
  return base === undefined ? undefined : new Calendar(base, settings.timeZone, settings.holidays);
}
