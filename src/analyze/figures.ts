/**
 * Figures a message states: amounts, dates, percentages and counts, in French
 * and English forms, normalised so that `45,90 €`, `€45.90` and `45.90 EUR` are
 * one amount and `12/03`, `12 mars` and `March 12` one date. Day/month dates
 * are read day first, as written in Europe. Each figure is given the role the
 * words next to it say (a yearly amount, a fee, a due date), so that two messages
 * are compared figure by figure rather than as bags of numbers.
 */

import { MAX_MESSAGE_SUBJECT, MAX_MESSAGE_TEXT } from '../model/limits.ts';

export interface Figure {
  /** What is compared: `amount`, `date`, `percentage`, or `count:<unit>`. */
  readonly kind: string;
  /** The normalised value: two figures of one kind agree when their values are equal. */
  readonly value: string;
  /** The figure as written. */
  readonly text: string;
  /**
   * What the figure is in its sentence, from the words around it (`yearly fee`, `monthly`,
   * `due`, `rate`...): absent when no word says. Two figures of one kind are only compared
   * when their roles allow it (see `figureDifferences`).
   */
  readonly role?: string;
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

/**
 * The words that give a figure its role, by kind and dimension, matched in folded text
 * (lowercase, no accents). A role takes at most one word per dimension: `yearly fee` is
 * a period and a nature; `yearly` and `monthly` contradict each other, `yearly` and
 * `yearly fee` do not.
 */
const ROLE_WORDS: Readonly<Record<string, readonly { readonly word: string; readonly dimension: string; readonly pattern: RegExp }[]>> = {
  amount: [
    { word: 'yearly', dimension: 'period', pattern: /\b(?:yearly|annual(?:ly)?|per (?:year|annum)|a year|each year|every year|annuel(?:le)?s?|annuellement|par an(?:nee)?|l'an)\b|\/ ?(?:an|year|yr)\b/g },
    { word: 'monthly', dimension: 'period', pattern: /\b(?:monthly|per month|a month|each month|every month|mensuel(?:le)?s?|mensuellement|mensualites?|par mois)\b|\/ ?(?:mois|month|mo)\b/g },
    { word: 'quarterly', dimension: 'period', pattern: /\b(?:quarterly|per quarter|a quarter|trimestriel(?:le)?s?|par trimestre)\b/g },
    { word: 'weekly', dimension: 'period', pattern: /\b(?:weekly|per week|a week|hebdomadaires?|par semaine)\b/g },
    { word: 'fee', dimension: 'nature', pattern: /\b(?:fees?|charges?|costs?|frais|commissions?|cotisations?)\b/g },
    { word: 'total', dimension: 'nature', pattern: /\b(?:total|in all|en tout)\b/g },
    { word: 'refund', dimension: 'nature', pattern: /\b(?:refund(?:ed|s)?|reimburse\w*|rembourse\w*)\b/g },
    { word: 'balance', dimension: 'nature', pattern: /\b(?:balance|outstanding|solde|restant du)\b/g },
    { word: 'limit', dimension: 'nature', pattern: /\b(?:limit|plafond|ceiling)\b/g },
  ],
  date: [
    { word: 'due', dimension: 'event', pattern: /\b(?:due|by|before|until|no later than|deadline|at the latest|avant|au plus tard|d'ici|jusqu'au|echeance|date limite)\b/g },
    { word: 'debit', dimension: 'event', pattern: /\b(?:debit(?:ed)?|charged|withdrawn|prelev\w*|debite\w*)\b/g },
    { word: 'start', dimension: 'event', pattern: /\b(?:from|starting|as of|effective|a partir du|des le|a compter du|en vigueur)\b/g },
    { word: 'delivery', dimension: 'event', pattern: /\b(?:deliver\w*|arriv\w*|livr\w*|recevrez)\b/g },
  ],
  percentage: [
    { word: 'rate', dimension: 'kind', pattern: /\b(?:rate|interest|apr|taux|interets?|taeg|taea)\b/g },
    { word: 'discount', dimension: 'kind', pattern: /\b(?:off|discount|reduction|remise|save|economisez|promo\w*)\b/g },
  ],
};

/** Where the words that qualify a figure stop: the end of its clause, and a bounded reach either side. */
const CLAUSE_END = /[.;!?\n,]/;
const REACH_BEFORE = 60;
const REACH_AFTER = 30;

/** The role of a figure, from the words of its clause nearest to it before and after (bounded windows: linear overall). */
function roleOf(kind: string, before: string, after: string): string | undefined {
  const words = ROLE_WORDS[kind];
  if (!words) return undefined;
  const clauseStart = Math.max(...[...before.matchAll(/[.;!?\n,]/g)].map((m) => m.index + 1), 0);
  const left = fold(before.slice(clauseStart)).replace(/\u2019/g, "'");
  const clauseEnd = CLAUSE_END.exec(after)?.index ?? after.length;
  // Words after a figure that end in a colon introduce the next one: "824,40 € (mensuelle : 70,20 €)".
  const right = after.slice(0, clauseEnd).includes(':') ? '' : fold(after.slice(0, clauseEnd)).replace(/\u2019/g, "'");
  const nearest = new Map<string, { word: string; distance: number }>();
  for (const { word, dimension, pattern } of words) {
    for (const [side, text] of [['after', right], ['before', left]] as const) {
      for (const m of text.matchAll(pattern)) {
        const distance = side === 'after' ? m.index : text.length - (m.index + m[0].length);
        const known = nearest.get(dimension);
        if (!known || distance < known.distance) nearest.set(dimension, { word, distance });
      }
    }
  }
  const dimensions = [...new Set(words.map((entry) => entry.dimension))];
  const role = dimensions.flatMap((dimension) => nearest.get(dimension)?.word ?? []).join(' ');
  return role === '' ? undefined : role;
}

const DIMENSION = new Map(Object.values(ROLE_WORDS).flatMap((entries) => entries.map((entry) => [entry.word, entry.dimension] as const)));

/** A role's words by dimension. */
function dimensionsOf(role: string | undefined): Map<string, string> {
  return new Map((role ?? '').split(' ').flatMap((word) => (word === '' ? [] : [[DIMENSION.get(word) ?? word, word] as const])));
}

/** Two roles that give no dimension two different words (a figure without a role contradicts none). */
function consistent(a: string | undefined, b: string | undefined): boolean {
  const of = dimensionsOf(b);
  return [...dimensionsOf(a)].every(([dimension, word]) => (of.get(dimension) ?? word) === word);
}

/** The words two consistent roles share: `yearly fee` and `yearly` share `yearly`. */
function shared(a: string | undefined, b: string | undefined): string | undefined {
  const of = dimensionsOf(b);
  const words = [...dimensionsOf(a)].filter(([dimension, word]) => of.get(dimension) === word).map(([, word]) => word);
  return words.length === 0 ? undefined : words.join(' ');
}

/** How a figure of `kind` and `role` is named in a finding: `the yearly amount`, `the fee`, `the due date`. */
export function figureName(kind: string, role?: string): string {
  const dimensions = dimensionsOf(role);
  if (kind === 'amount') return ['the', dimensions.get('period'), dimensions.get('nature') ?? 'amount'].filter(Boolean).join(' ');
  if (kind === 'date') return role ? `the ${role} date` : 'the date';
  if (kind === 'percentage') return role ? `the ${role}` : 'the percentage';
  return kind.startsWith('count:') ? `the number of ${kind.slice('count:'.length)}s` : `the ${kind}`;
}

/** Figures of one kind and role that two messages state differently. */
export interface FigureDifference {
  readonly kind: string;
  /** The role the compared figures share; absent when they were compared without one. */
  readonly role?: string;
  /** The differing figures of the first message, and of the second, in pairs. */
  readonly a: readonly Figure[];
  readonly b: readonly Figure[];
}

/**
 * Where two messages state a figure differently, figure by figure. The figures of one
 * kind are paired: first those with the same role and value, then those whose roles do
 * not contradict and whose values are equal (they agree), then those with the same role,
 * then those whose roles share a word; each pair of different values is a difference.
 * A figure left without a partner is one message saying more than the other, not a
 * disagreement. When no figure of a kind could be paired and one of them has no role,
 * the messages disagree if they share no value of that kind at all.
 */
export function figureDifferences(first: readonly Figure[], second: readonly Figure[]): FigureDifference[] {
  const differences = new Map<string, { kind: string; role?: string; a: Figure[]; b: Figure[] }>();
  const kinds = [...new Set(first.map((figure) => figure.kind))];
  for (const kind of kinds) {
    const a = first.filter((figure) => figure.kind === kind);
    const b = second.filter((figure) => figure.kind === kind);
    if (b.length === 0) continue;
    const pairedA = new Uint8Array(a.length);
    const pairedB = new Uint8Array(b.length);
    // Queues of b's indexes by role, and by role and value, each read from a cursor past the paired ones.
    const queues = new Map<string, { items: number[]; next: number }>();
    const queue = (key: string): { items: number[]; next: number } => {
      let found = queues.get(key);
      if (!found) queues.set(key, (found = { items: [], next: 0 }));
      return found;
    };
    const roles = [...new Set(b.map((figure) => figure.role ?? ''))];
    b.forEach((figure, index) => {
      queue(`r\u0000${figure.role ?? ''}`).items.push(index);
      queue(`v\u0000${figure.role ?? ''}\u0000${figure.value}`).items.push(index);
    });
    const take = (key: string): number | undefined => {
      const found = queues.get(key);
      if (!found) return undefined;
      while (found.next < found.items.length && pairedB[found.items[found.next]!]) found.next += 1;
      return found.items[found.next];
    };
    let pairs = 0;
    const pass = (partner: (figure: Figure) => number | undefined): void => {
      a.forEach((figure, index) => {
        if (pairedA[index]) return;
        const other = partner(figure);
        if (other === undefined) return;
        pairedA[index] = 1;
        pairedB[other] = 1;
        pairs += 1;
        if (figure.value === b[other]!.value) return;
        const role = shared(figure.role, b[other]!.role);
        const key = `${kind}\u0000${role ?? ''}`;
        let difference = differences.get(key);
        if (!difference) differences.set(key, (difference = { kind, ...(role !== undefined ? { role } : {}), a: [], b: [] }));
        difference.a.push(figure);
        difference.b.push(b[other]!);
      });
    };
    const firstOf = (figure: Figure, keep: (role: string) => boolean, key: (role: string) => string): number | undefined => {
      let best: number | undefined;
      for (const role of roles) {
        if (!keep(role)) continue;
        const index = take(key(role));
        if (index !== undefined && (best === undefined || index < best)) best = index;
      }
      return best;
    };
    pass((figure) => take(`v\u0000${figure.role ?? ''}\u0000${figure.value}`));
    pass((figure) => firstOf(figure, (role) => consistent(figure.role, role || undefined), (role) => `v\u0000${role}\u0000${figure.value}`));
    pass((figure) => take(`r\u0000${figure.role ?? ''}`));
    pass((figure) => (figure.role === undefined ? undefined : firstOf(figure, (role) => role !== '' && consistent(figure.role, role) && shared(figure.role, role) !== undefined, (role) => `r\u0000${role}`)));
    if (pairs === 0 && [...a, ...b].some((figure) => figure.role === undefined)) {
      const valuesB = new Set(b.map((figure) => figure.value));
      if (!a.some((figure) => valuesB.has(figure.value))) differences.set(`${kind}\u0000`, { kind, a, b });
    }
  }
  return [...differences.values()];
}

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
  const found: { index: number; end: number; figure: Omit<Figure, 'role'> }[] = [];
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
      found.push({ index: m.index, end, figure: { kind, value, text: m[0].trim() } });
    }
  }
  COUNT.lastIndex = 0;
  for (let m = COUNT.exec(text); m; m = COUNT.exec(text)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    found.push({ index: m.index, end: m.index + m[0].length, figure: { kind: `count:${unit(m[2]!)}`, value: String(Number(m[1])), text: m[0] } });
  }
  found.sort((a, b) => a.index - b.index);
  return found.map(({ index, end, figure }, i) => {
    const before = text.slice(Math.max(found[i - 1]?.end ?? 0, index - REACH_BEFORE), index);
    // A date that ends with its abbreviation's dot may have taken the sentence's full stop: nothing after it qualifies it.
    const after = figure.text.endsWith('.') ? '' : text.slice(end, Math.min(found[i + 1]?.index ?? text.length, end + REACH_AFTER));
    const role = roleOf(figure.kind, before, after);
    return role === undefined ? figure : { ...figure, role };
  });
}
