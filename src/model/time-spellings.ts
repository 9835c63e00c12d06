/**
 * Durations and times of day as people write them in prose (`2 days`, `1 semaine`, `9h30`),
 * rewritten in the format's own spelling (`2d`, `1w`, `"09:30"`) when that spelling says
 * exactly the same thing: what `journeys lint --fix` may change without asking.
 */
import { DELAY_PATTERN, DURATION_PATTERN, TIME_OF_DAY_PATTERN } from './duration.ts';

/** Unit words, lowercase, in English and French, by the unit they mean. Months and business days are delays' only. */
const UNIT_WORDS: Readonly<Record<string, string>> = {
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm', mn: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h', heure: 'h', heures: 'h',
  d: 'd', day: 'd', days: 'd', j: 'd', jour: 'd', jours: 'd',
  w: 'w', wk: 'w', wks: 'w', week: 'w', weeks: 'w', semaine: 'w', semaines: 'w',
  mo: 'mo', month: 'mo', months: 'mo', mois: 'mo',
  bd: 'bd',
};

/** Business days are two words; written as one unit before the rest is read. */
const BUSINESS_DAYS = /\b(?:business|working)\s+days?\b|\bjours?\s+ouvr(?:és|ables?)\b/giu;
/** What may stand between two parts: a comma, "and", "et", "&". */
const SEPARATORS = /,|&|\band\b|\bet\b/giu;
const PARTS = /^\s*(?:\d+\s*[\p{L}]+\.?\s*)+$/u;
const PART = /(\d+)\s*([\p{L}]+)\.?/gu;

/** `2 days 3 hours` as `2d 3h`, when every part is a whole number and a unit word; undefined otherwise. */
function standardDuration(text: string, units: 'duration' | 'delay'): string | undefined {
  const words = text.replace(BUSINESS_DAYS, 'bd').replace(SEPARATORS, ' ');
  if (!PARTS.test(words)) return undefined;
  const parts: string[] = [];
  for (const [, amount, word] of words.matchAll(PART)) {
    // `M` is minutes to some and months to others.
    if (word === 'M') return undefined;
    const unit = Object.hasOwn(UNIT_WORDS, word!.toLowerCase()) ? UNIT_WORDS[word!.toLowerCase()] : undefined;
    if (unit === undefined || (units === 'duration' && (unit === 'mo' || unit === 'bd'))) return undefined;
    parts.push(`${amount}${unit}`);
  }
  const written = parts.join(' ');
  const valid = new RegExp(units === 'delay' ? DELAY_PATTERN : DURATION_PATTERN, 'u');
  return valid.test(written) && written !== text ? written : undefined;
}

const TIME = /^\s*(\d{1,2})\s*(?:[hH]\s*(\d{2})?|:\s*(\d{2}))\s*$/;

/** `9h30`, `9:30`, `21h` as `"09:30"`, `"09:30"`, `"21:00"` (in quotes, as the format asks); undefined otherwise. */
function standardTimeOfDay(text: string): string | undefined {
  const match = TIME.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? match[3] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return `"${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}"`;
}

/**
 * The YAML text that writes `value` in the spelling `pattern` asks for, when the value is
 * a duration, delay or time of day written otherwise and means one thing only.
 */
export function standardSpelling(pattern: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (pattern === DURATION_PATTERN) return standardDuration(value, 'duration');
  if (pattern === DELAY_PATTERN) return standardDuration(value, 'delay');
  if (pattern === TIME_OF_DAY_PATTERN) return standardTimeOfDay(value);
  return undefined;
}
