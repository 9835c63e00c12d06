/**
 * Cell values of an inventory as people write them, in English or French, turned into the
 * format's values: `J+2` and `3 jours` into delays, `10h30` into a time of day, `Oui` into
 * true, `Fidélisation` into a role. Each returns undefined when the text is not one.
 */
import { parseDelay } from '../model/duration.ts';
import type { CellValue } from './inventory-read.ts';
import { foldHeader } from './inventory-columns.ts';
import { parseValue } from './metrics.ts';

/** A cell as text: a date as YYYY-MM-DD, a number as JavaScript writes it. */
export function cellText(value: CellValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

const UNITS: readonly (readonly [RegExp, string])[] = [
  [/^(?:jours? ouvres?|jo|business days?|working days?|bd)$/, 'bd'],
  [/^(?:mois|months?|mo)$/, 'mo'],
  [/^(?:semaines?|sem|weeks?|wk|w)$/, 'w'],
  [/^(?:jours?|j|days?|d)$/, 'd'],
  [/^(?:heures?|h|hours?|hrs?)$/, 'h'],
  [/^(?:minutes?|mins?|mn|m)$/, 'm'],
];

/**
 * A delay as an inventory writes it: `J+2`, `3 jours`, `48h`, `1 semaine`, `2 mois`,
 * `10 jours ouvrés`, `2 days 4 hours`, `immédiat`, or already in the format (`3d 14h`).
 */
export function parseWrittenDelay(value: CellValue | undefined): string | undefined {
  const text = cellText(value);
  if (text === undefined) return undefined;
  if (parseDelay(text) !== undefined) return text.replace(/\s+/g, ' ');
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
  if (/^(?:immediat(?:ement)?|immediate(?:ly)?|aussitot|tout de suite|right away|0|j|j\+?0|d\+?0)$/.test(folded)) return '0m';
  const day = /^[jd]\s*\+\s*(\d+)$/.exec(folded);
  if (day) return `${Number(day[1])}d`;
  const body = folded.replace(/^(?:apres|after|dans|in|\+)\s*/, '').replace(/\s*(?:apres|after|later|plus tard)$/, '');
  const parts: string[] = [];
  const seen = new Set<string>();
  let rest = body;
  while (rest !== '') {
    const match = /^(\d+)\s*([a-z]+(?: ouvres?| days?)?)\s*(?:,|et|and)?\s*/.exec(rest);
    if (!match) return undefined;
    const unit = UNITS.find(([pattern]) => pattern.test(match[2]!))?.[1];
    if (unit === undefined || seen.has(unit)) return undefined;
    seen.add(unit);
    parts.push(`${Number(match[1])}${unit}`);
    rest = rest.slice(match[0].length);
  }
  const delay = parts.join(' ');
  return parts.length > 0 && parseDelay(delay) !== undefined ? delay : undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A time of day: `10:00`, `9h`, `10h30`, a spreadsheet time (a fraction of a day, or a time-only date). */
export function parseWrittenTime(value: CellValue | undefined): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
  if (typeof value === 'number') {
    if (value < 0 || value >= 1) return undefined;
    const minutes = Math.round(value * 1440) % 1440;
    return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }
  const text = cellText(value);
  const match = text === undefined ? undefined : /^(\d{1,2})\s*(?::|h)\s*(\d{2})?(?::00)?$/i.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  return hours < 24 && minutes < 60 ? `${pad(hours)}:${pad(minutes)}` : undefined;
}

/** A number: a number cell, or text such as `0,45`, `45%`, `1 234,5`, `0,02 €`. */
export function parseWrittenNumber(value: CellValue | undefined, decimalComma: boolean): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = cellText(value)?.replace(/\s*(?:€|eur|euros?|\$|usd|£)$/i, '');
  if (text === undefined) return undefined;
  // In a workbook's text cell, a lone comma with no dot is a decimal comma (`0,45`).
  return parseValue(text, decimalComma || (/,/.test(text) && !/\./.test(text) && !/,\d{3}$/.test(text)));
}

/** A whole number from 1 to 5 (importance, emotion). */
export function parseScale(value: CellValue | undefined, decimalComma: boolean): number | undefined {
  const number = parseWrittenNumber(value, decimalComma);
  return number !== undefined && Number.isInteger(number) && number >= 1 && number <= 5 ? number : undefined;
}

const YES = new Set(['oui', 'yes', 'true', 'vrai', 'x', '1', 'o', 'y']);
const NO = new Set(['non', 'no', 'false', 'faux', '0', 'n']);

export function parseWrittenBoolean(value: CellValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = cellText(value);
  if (text === undefined) return undefined;
  const folded = foldHeader(text);
  return YES.has(folded) ? true : NO.has(folded) ? false : undefined;
}

/** A date YYYY-MM-DD: a date cell, `2026-09-30`, or `30/09/2026`. */
export function parseWrittenDate(value: CellValue | undefined): string | undefined {
  if (value instanceof Date) return cellText(value);
  const text = cellText(value);
  if (text === undefined) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : [];
  if (year === undefined) return undefined;
  const date = `${year}-${pad(Number(month))}-${pad(Number(day))}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : undefined;
}

const ROLES: Readonly<Record<string, string>> = {
  information: 'information',
  acquisition: 'acquisition',
  prospection: 'acquisition',
  conversion: 'conversion',
  souscription: 'conversion',
  vente: 'conversion',
  onboarding: 'onboarding',
  accueil: 'onboarding',
  bienvenue: 'onboarding',
  usage: 'usage',
  utilisation: 'usage',
  support: 'support',
  assistance: 'support',
  sav: 'support',
  billing: 'billing',
  facturation: 'billing',
  paiement: 'billing',
  retention: 'retention',
  fidelisation: 'retention',
  feedback: 'feedback',
  avis: 'feedback',
  enquete: 'feedback',
  satisfaction: 'feedback',
};

export function parseRole(value: CellValue | undefined): string | undefined {
  const text = cellText(value);
  return text === undefined ? undefined : ROLES[foldHeader(text).replace(/ /g, '-')];
}

const CATEGORIES: Readonly<Record<string, string>> = {
  marketing: 'marketing',
  commercial: 'marketing',
  service: 'service',
  transactional: 'transactional',
  transactionnel: 'transactional',
  regulatory: 'regulatory',
  reglementaire: 'regulatory',
  legal: 'regulatory',
};

export function parseCategory(value: CellValue | undefined): string | undefined {
  const text = cellText(value);
  return text === undefined ? undefined : CATEGORIES[foldHeader(text)];
}

const PERSONALIZATION: Readonly<Record<string, string>> = {
  none: 'none',
  aucune: 'none',
  non: 'none',
  low: 'low',
  faible: 'low',
  basse: 'low',
  medium: 'medium',
  moyenne: 'medium',
  high: 'high',
  forte: 'high',
  elevee: 'high',
  haute: 'high',
};

export function parsePersonalization(value: CellValue | undefined): string | undefined {
  const text = cellText(value);
  return text === undefined ? undefined : PERSONALIZATION[foldHeader(text)];
}

/** Words for the built-in channels, in English and French, folded. */
export const CHANNEL_WORDS: Readonly<Record<string, string>> = {
  'e mail': 'email',
  courriel: 'email',
  emailing: 'email',
  newsletter: 'email',
  texto: 'sms',
  'notification push': 'push',
  notification: 'push',
  'push notification': 'push',
  'message in app': 'in-app',
  'in app message': 'in-app',
  'site web': 'web',
  'site internet': 'web',
  website: 'web',
  site: 'web',
  'application mobile': 'app',
  application: 'app',
  'mobile app': 'app',
  appli: 'app',
  telephone: 'phone',
  appel: 'phone',
  'appel sortant': 'phone',
  'call center': 'phone',
  'centre d appels': 'phone',
  call: 'phone',
  tchat: 'chat',
  'chat en ligne': 'chat',
  agence: 'branch',
  'en agence': 'branch',
  boutique: 'branch',
  magasin: 'branch',
  store: 'branch',
  courrier: 'mail',
  'courrier postal': 'mail',
  lettre: 'mail',
  letter: 'mail',
  'paper mail': 'mail',
  'reseaux sociaux': 'social',
  'social media': 'social',
  publicite: 'ads',
  pub: 'ads',
  advertising: 'ads',
  evenement: 'event',
  'espace client': 'selfcare',
  'self care': 'selfcare',
  'avis en ligne': 'review-site',
};
