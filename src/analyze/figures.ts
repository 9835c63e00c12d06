/**
 * Figures a message states: amounts, dates, percentages and counts, in French
 * and English forms, normalised so that `45,90 €`, `€45.90` and `45.90 EUR` are
 * one amount and `12/03`, `12 mars` and `March 12` one date. Day/month dates
 * are read day first, as written in Europe.
 */

import { MAX_MESSAGE_SUBJECT, MAX_MESSAGE_TEXT } from '../model/limits.ts';

export interface Figure {
  /** What is compared: `amount`, `date`, `percentage`, or `count:<unit>`. */
  readonly kind: string;
  /** The normalised value: two figures of one kind agree when their values are equal. */
  readonly value: string;
  /** The figure as written. */
  readonly text: string;
}

const MONTHS: Readonly<Record<string, number>> = Object.assign(Object.create(null) as Record<string, number>, {
  january: 1, jan: 1, janvier: 1, janv: 1,
  february: 2, feb: 2, fevrier: 2, fevr: 2, fev: 2,
  march: 3, mar: 3, mars: 3,
  april: 4, apr: 4, avril: 4, avr: 4,
  may: 5, mai: 5,
  june: 6, jun: 6, juin: 6,
  july: 7, jul: 7, juillet: 7, juil: 7,
  august: 8, aug: 8, aout: 8,
  september: 9, sep: 9, sept: 9, septembre: 9,
  october: 10, oct: 10, octobre: 10,
  november: 11, nov: 11, novembre: 11,
  december: 12, dec: 12, decembre: 12,
});

const UNITS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  jour: 'day', heure: 'hour', semaine: 'week', moi: 'month', mois: 'month', an: 'year', annee: 'year',
  paiement: 'payment', relance: 'reminder', echeance: 'installment', mensualite: 'installment', article: 'item', colis: 'parcel',
  point: 'point', minute: 'minute', jours: 'day',
});

const CURRENCIES: Readonly<Record<string, string>> = { '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR', $: 'USD', usd: 'USD', '£': 'GBP', gbp: 'GBP', chf: 'CHF' };

const NUMBER = String.raw`\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const CURRENCY = String.raw`€|\$|£|\b(?:EUR|USD|GBP|CHF|euros?)\b`;
const MONTH_NAMES = Object.keys(MONTHS).join('|');

const PATTERNS: readonly { kind: 'amount' | 'date' | 'percentage'; regex: RegExp; read: (m: RegExpExecArray) => string | undefined }[] = [
  { kind: 'amount', regex: new RegExp(String.raw`(${CURRENCY})\s?(${NUMBER})`, 'giu'), read: (m) => amount(m[2]!, m[1]!) },
  // A number that ends a pattern starts after a non-digit: tried at every digit of a long run, it made the search quadratic.
  { kind: 'amount', regex: new RegExp(String.raw`(?<!\d)(${NUMBER})\s?(${CURRENCY})`, 'giu'), read: (m) => amount(m[1]!, m[2]!) },
  { kind: 'percentage', regex: new RegExp(String.raw`(?<!\d)(${NUMBER})\s?%`, 'gu'), read: (m) => String(toNumber(m[1]!)) },
  { kind: 'date', regex: /\b(\d{4})-(\d{2})-(\d{2})\b/g, read: (m) => monthDay(Number(m[3]), Number(m[2])) },
  { kind: 'date', regex: /\b(\d{1,2})\/(\d{1,2})(?:\/\d{2,4})?\b/g, read: (m) => monthDay(Number(m[1]), Number(m[2])) },
  {
    kind: 'date',
    regex: new RegExp(String.raw`\b(\d{1,2})(?:er|st|nd|rd|th)?\s+(${MONTH_NAMES})\b\.?`, 'giu'),
    read: (m) => monthDay(Number(m[1]), MONTHS[fold(m[2]!)]),
  },
  {
    kind: 'date',
    regex: new RegExp(String.raw`\b(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`, 'giu'),
    read: (m) => monthDay(Number(m[2]), MONTHS[fold(m[1]!)]),
  },
];

/** A subject and a text of the schema's longest, with the line between them. */
const READ = MAX_MESSAGE_SUBJECT + 1 + MAX_MESSAGE_TEXT;

const COUNT = /\b(\d{1,6})\s+(\p{L}{3,})/gu;

function fold(word: string): string {
  return word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** `1 234,56`, `1,234.56`, `45,90`, `45.90` -> 1234.56, 45.9: a separator before 1-2 final digits is decimal. */
function toNumber(text: string): number {
  const compact = text.replace(/[ \u00a0\u202f]/g, '');
  const decimal = /[.,](\d{1,2})$/.exec(compact);
  const whole = (decimal ? compact.slice(0, decimal.index) : compact).replace(/[.,]/g, '');
  return Number(decimal ? `${whole}.${decimal[1]}` : whole);
}

function amount(number: string, currency: string): string {
  const code = CURRENCIES[fold(currency)] ?? currency.toUpperCase();
  return `${toNumber(number).toFixed(2)} ${code}`;
}

function monthDay(day: number, month: number | undefined): string | undefined {
  if (month === undefined || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function unit(word: string): string {
  const folded = fold(word);
  return UNITS[folded] ?? UNITS[folded.replace(/s$/, '')] ?? folded.replace(/s$/, '');
}

/**
 * Every figure in a text, in order of appearance. Only the first `MAX_MESSAGE_TEXT`
 * characters and a subject's worth more are read (the schema allows no longer
 * message), so that a text of any length costs the same bounded time.
 */
export function extractFigures(whole: string): Figure[] {
  const text = whole.length > READ ? whole.slice(0, READ) : whole;
  const found: { index: number; figure: Figure }[] = [];
  // Characters already part of a figure, so that the digits of an amount or a date are not read again.
  const taken = new Uint8Array(text.length);
  const free = (start: number, end: number): boolean => taken.subarray(start, end).indexOf(1) < 0;
  for (const { kind, regex, read } of PATTERNS) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      const end = m.index + m[0].length;
      const value = free(m.index, end) ? read(m) : undefined;
      if (value === undefined) continue;
      taken.fill(1, m.index, end);
      found.push({ index: m.index, figure: { kind, value, text: m[0].trim() } });
    }
  }
  COUNT.lastIndex = 0;
  for (let m = COUNT.exec(text); m; m = COUNT.exec(text)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    found.push({ index: m.index, figure: { kind: `count:${unit(m[2]!)}`, value: String(Number(m[1])), text: m[0] } });
  }
  return found.sort((a, b) => a.index - b.index).map((entry) => entry.figure);
}
