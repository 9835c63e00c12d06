/**
 * Public holidays of a customer's calendar (`holidays: FR`, `DE-BY`), from the maintained
 * calendars of the date-holidays library. The library takes tens of milliseconds to load,
 * so it is loaded only when a repository names a holiday calendar.
 */

import { createRequire } from 'node:module';
import { civilFromDays, daysFromCivil } from './civil.ts';

interface HolidayEntry {
  readonly date: string;
  readonly start: Date;
  readonly end: Date;
  readonly type: string;
}

interface HolidaysLibrary {
  getCountries(): Record<string, string> | undefined;
  getStates(country: string): Record<string, string> | undefined;
  getRegions(country: string, state: string): Record<string, string> | undefined;
  getHolidays(year: number): HolidayEntry[];
}

type HolidaysConstructor = new (country?: string, state?: string, region?: string) => HolidaysLibrary;

/**
 * Years whose holidays are looked up: computing one year costs about a millisecond, and a
 * repeat may reach thousands of years away. Outside them, only weekends are days off.
 */
export const HOLIDAY_YEARS = { first: 1900, last: 2199 } as const;

let library: HolidaysConstructor | undefined;

function load(): HolidaysConstructor {
  library ??= createRequire(import.meta.url)('date-holidays') as HolidaysConstructor;
  return library;
}

/** The library's own spelling of a key, matched without regard to case. */
function keyOf(keys: Record<string, string> | undefined, wanted: string): string | undefined {
  if (!keys) return undefined;
  const upper = wanted.toUpperCase();
  return Object.keys(keys).find((key) => key.toUpperCase() === upper);
}

const NAME = /^[A-Za-z]{2}(?:-[A-Za-z0-9]{1,10}){0,2}$/;
const resolved = new Map<string, readonly string[] | null>();

/** `DE-BY` as the library spells its parts (`['DE', 'BY']`), or undefined for no known calendar. */
function partsOf(name: string): readonly string[] | undefined {
  let parts = resolved.get(name);
  if (parts === undefined) {
    parts = null;
    if (NAME.test(name)) {
      const Holidays = load();
      const lookup = new Holidays();
      const [countryName, stateName, regionName] = name.split('-') as [string, string?, string?];
      const country = keyOf(lookup.getCountries(), countryName);
      const state = country !== undefined && stateName !== undefined ? keyOf(lookup.getStates(country), stateName) : undefined;
      const region = state !== undefined && regionName !== undefined ? keyOf(lookup.getRegions(country!, state), regionName) : undefined;
      const complete = country !== undefined && (stateName === undefined || state !== undefined) && (regionName === undefined || region !== undefined);
      if (complete) parts = [country, state, region].filter((part): part is string => part !== undefined);
    }
    resolved.set(name, parts);
  }
  return parts ?? undefined;
}

/** Whether `name` is a holiday calendar: a country code (`FR`), or a country and region (`DE-BY`, `US-CA`). */
export function isHolidayCalendar(name: string): boolean {
  return partsOf(name) !== undefined;
}

interface CalendarYears {
  readonly library: HolidaysLibrary;
  /** Public holidays by year, as day numbers (days since 1970-01-01), sorted. */
  readonly years: Map<number, readonly number[]>;
}

const calendars = new Map<string, CalendarYears | null>();

/**
 * The public holidays of a calendar in a year, as sorted day numbers (days since
 * 1970-01-01); empty for an unknown calendar or a year outside HOLIDAY_YEARS.
 * Cached per calendar and year.
 */
export function publicHolidays(name: string, year: number): readonly number[] {
  if (year < HOLIDAY_YEARS.first || year > HOLIDAY_YEARS.last) return [];
  let calendar = calendars.get(name);
  if (calendar === undefined) {
    const parts = partsOf(name);
    const Holidays = parts ? load() : undefined;
    calendar = Holidays && parts ? { library: new Holidays(...(parts as [string, string?, string?])), years: new Map() } : null;
    calendars.set(name, calendar);
  }
  if (calendar === null) return [];
  let days = calendar.years.get(year);
  if (!days) {
    const found = new Set<number>();
    for (const holiday of calendar.library.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(holiday.date);
      if (!match) continue;
      const first = daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
      // A holiday of several days (rare) covers each of them.
      const length = Math.max(1, Math.min(31, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000)));
      for (let day = first; day < first + length; day += 1) if (civilFromDays(day).year === year) found.add(day);
    }
    days = [...found].sort((a, b) => a - b);
    calendar.years.set(year, days);
  }
  return days;
}
