import { parseDuration, parseTimeOfDay } from '../model/duration.ts';
import { didYouMean } from '../model/suggest.ts';
import { CATEGORIES } from '../model/categories.ts';
import type { Category, Config, SiteLocale, ConfigMistake, MaxMessages, Policy, QuietWindow, RepositoryLink, RuleSetting, SeveritySetting, Weekday } from '../model/types.ts';
import { isRecord, record, text } from './normalize.ts';

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];
/** ESLint's spellings of a severity, so that its users' habits work: warn, and 0, 1, 2. */
const SEVERITY_ALIASES: ReadonlyMap<unknown, SeveritySetting> = new Map<unknown, SeveritySetting>([
  ['warn', 'warning'],
  [0, 'off'],
  [1, 'warning'],
  [2, 'error'],
]);
const POLICY_KEYS = ['max-messages', 'quiet-hours', 'conflict-window', 'timezone', 'holidays', 'implicit-scenarios'];
const LIMIT_KEYS = ['per', 'max', 'channels', 'categories', 'count'];
const QUIET_KEYS = ['from', 'to', 'days', 'channels', 'categories'];
const COUNTS = ['sliding', 'calendar-day'];
const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DAYS: readonly string[] = [...WEEKDAYS, 'holiday'];
/** The languages of the site's own words; qps is a pseudo-locale that marks them, to find untranslated ones. */
const SITE_LOCALES: readonly string[] = ['en', 'fr', 'qps'];
const REPOSITORY_KEYS = ['url', 'branch', 'edit-url'];
/** The longest url and branch the schema allows: a link, not a document. */
const MAX_URL = 2000;
const MAX_BRANCH = 200;
/** An editor link template: a web address or `{url}…`, naming the file's `{path}`, with no placeholder but the four. */
const EDIT_URL = /^(?=[^{}]*(?:\{(?:url|branch|path|line)\}[^{}]*)*$)(?=.*\{path\})(?:https?:\/\/|\{url\})\S+$/;

export const EMPTY_CONFIG: Config = { rules: {}, policy: { maxMessages: [], quietHours: [] } };

type Path = readonly (string | number)[];

/** A value as a message quotes it: short, whatever was written. */
function quoted(value: unknown): string {
  const written = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = written.length > 60 ? `${written.slice(0, 59)}…` : written;
  return typeof value === 'string' ? `"${cut}"` : cut;
}

/** Reads the configuration, noting each value that cannot be applied; such a value is left out. */
class Reader {
  readonly mistakes: ConfigMistake[] = [];

  note(path: Path, message: string): void {
    this.mistakes.push({ path, message });
  }

  /** A mapping, or undefined (noted) when something else is written. */
  mapping(value: unknown, path: Path, what: string): Readonly<Record<string, unknown>> | undefined {
    if (value === undefined || value === null) return undefined;
    if (isRecord(value)) return value;
    this.note(path, `${what} is a mapping of keys to values, not ${quoted(value)}.`);
    return undefined;
  }

  /** Whether a mapping has only known keys; each other one is noted. */
  knownKeys(data: Readonly<Record<string, unknown>>, path: Path, known: readonly string[], what: string): boolean {
    let ok = true;
    for (const key of Object.keys(data)) {
      if (known.includes(key)) continue;
      ok = false;
      this.note([...path, key], `Unknown key ${quoted(key)} in ${what}${didYouMean(key, known)}: it takes ${known.join(', ')}.`);
    }
    return ok;
  }

  /** A list of channel ids, or undefined when absent; `false` when written wrong (noted). */
  channels(data: Readonly<Record<string, unknown>>, path: Path): readonly string[] | undefined | false {
    const value = data.channels;
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    this.note([...path, 'channels'], `"channels" is a list of channel ids, like [sms, push], not ${quoted(value)}.`);
    return false;
  }

  /** A list of message categories, or undefined when absent; `false` when written wrong (noted). */
  categories(data: Readonly<Record<string, unknown>>, path: Path): readonly Category[] | undefined | false {
    const value = data.categories;
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) {
      const unknown = value.findIndex((item) => !(CATEGORIES as readonly string[]).includes(item as string));
      if (unknown === -1) return value as Category[];
      const written = value[unknown] as string;
      this.note([...path, 'categories', unknown], `Unknown category ${quoted(written)}${didYouMean(written, CATEGORIES)}: use ${CATEGORIES.join(', ')}.`);
      return false;
    }
    this.note([...path, 'categories'], `"categories" is a list of message categories, like [marketing], not ${quoted(value)}.`);
    return false;
  }

  duration(value: unknown, path: Path, what: string, positive = false): number | undefined {
    const minutes = parseDuration(value);
    if (minutes === undefined) {
      this.note(path, `${what} is not a duration: ${quoted(value)}. Write a number and a unit, each unit at most once: 30m, 24h, 7d, 1w 2d.`);
      return undefined;
    }
    if (positive && minutes === 0) {
      this.note(path, `${what} is 0: a window of no time holds no message. Write at least 1m.`);
      return undefined;
    }
    return minutes;
  }

  timeOfDay(value: unknown, path: Path, what: string): number | undefined {
    const minutes = parseTimeOfDay(value);
    if (minutes === undefined) this.note(path, `${what} is not a time of day: ${quoted(value)}. Write it HH:MM on the 24-hour clock, in quotes, like "21:00".`);
    return minutes;
  }

  rule(id: string, value: unknown, file: string): RuleSetting {
    const ref = { file, path: ['rules', id] };
    const invalid = (): RuleSetting => {
      this.note(ref.path, `Rule ${quoted(id)}: its setting is a severity (error, warning, info or off) or [severity, { options }], not ${quoted(value)}.`);
      return { ref };
    };
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    if (list.length < 1 || list.length > 2) return invalid();
    const [written, options] = list;
    const severity = SEVERITY_ALIASES.get(written) ?? written;
    if (typeof severity === 'number') {
      this.note(Array.isArray(value) ? [...ref.path, 0] : ref.path, `Rule ${quoted(id)}: unknown severity ${quoted(severity)}: use error, warning, info or off (or 2, 1, 0).`);
      return { ref };
    }
    if (typeof severity !== 'string') return invalid();
    if (!SEVERITIES.includes(severity)) {
      this.note(Array.isArray(value) ? [...ref.path, 0] : ref.path, `Rule ${quoted(id)}: unknown severity ${quoted(severity)}${didYouMean(severity, SEVERITIES)}: use error, warning, info or off.`);
      return { ref };
    }
    if (list.length === 2 && !isRecord(options)) {
      this.note([...ref.path, 1], `Rule ${quoted(id)}: its options are a mapping, like { max-age: 90d }, not ${quoted(options)}.`);
      return { severity: severity as SeveritySetting, ref };
    }
    return { severity: severity as SeveritySetting, options: isRecord(options) ? options : undefined, ref };
  }

  limit(item: unknown, path: Path, file: string): MaxMessages | undefined {
    const data = this.mapping(item, path, 'A limit of policy.max-messages');
    if (data === undefined) {
      if (item === null || item === undefined) this.note(path, 'A limit of policy.max-messages is a mapping like { per: 7d, max: 5 }.');
      return undefined;
    }
    let ok = this.knownKeys(data, path, LIMIT_KEYS, 'a limit of policy.max-messages');
    let per: number | undefined;
    if (data.per === undefined) {
      this.note(path, 'This limit of policy.max-messages has no "per": the length of its window, like 7d.');
      ok = false;
    } else {
      per = this.duration(data.per, [...path, 'per'], '"per"', true);
    }
    const max = data.max;
    if (max === undefined) {
      this.note(path, 'This limit of policy.max-messages has no "max": the most messages allowed in the window.');
      ok = false;
    } else if (typeof max !== 'number' || !Number.isInteger(max) || max < 0) {
      this.note([...path, 'max'], `"max" is the most messages allowed in the window, a whole number, 0 or more, not ${quoted(max)}.`);
      ok = false;
    }
    const channels = this.channels(data, path);
    const categories = this.categories(data, path);
    let count: MaxMessages['count'] = 'sliding';
    if (data.count !== undefined) {
      if (typeof data.count === 'string' && COUNTS.includes(data.count)) {
        count = data.count as MaxMessages['count'];
      } else {
        this.note([...path, 'count'], `"count" is how the window is counted, sliding or calendar-day, not ${quoted(data.count)}${typeof data.count === 'string' ? didYouMean(data.count, COUNTS) : ''}.`);
        ok = false;
      }
    }
    if (count === 'calendar-day' && per !== undefined && per % 1440 !== 0) {
      this.note([...path, 'per'], `A limit counted by calendar-day has a "per" of whole days, like 1d or 7d, not ${quoted(data.per)}.`);
      ok = false;
    }
    if (!ok || per === undefined || channels === false || categories === false) return undefined;
    return { per, max: max as number, channels, ...(categories ? { categories } : {}), count, ref: { file, path } };
  }

  /** One quiet window: hours of the day, days, or hours on some days. */
  quietWindow(item: unknown, path: Path, file: string): QuietWindow | undefined {
    const quiet = this.mapping(item, path, 'A quiet window of policy.quiet-hours');
    if (quiet === undefined) {
      if (item === null || item === undefined) this.note(path, 'A quiet window is a mapping like { from: "21:00", to: "08:00" } or { days: [sunday, holiday] }.');
      return undefined;
    }
    let ok = this.knownKeys(quiet, path, QUIET_KEYS, 'policy.quiet-hours');
    let days: QuietWindow['days'];
    if (quiet.days !== undefined) {
      const value = quiet.days;
      if (Array.isArray(value) && value.length > 0 && value.every((day) => typeof day === 'string' && DAYS.includes(day))) {
        days = value as QuietWindow['days'];
      } else {
        const wrong = Array.isArray(value) ? value.findIndex((day) => typeof day !== 'string' || !DAYS.includes(day)) : -1;
        const written = wrong >= 0 ? (value as unknown[])[wrong] : value;
        this.note(
          wrong >= 0 ? [...path, 'days', wrong] : [...path, 'days'],
          `"days" is a list of weekdays (monday ... sunday) and holiday, like [sunday, holiday], not ${quoted(written)}${typeof written === 'string' ? didYouMean(written, DAYS) : ''}.`,
        );
        ok = false;
      }
    }
    const hours = quiet.from !== undefined || quiet.to !== undefined || days === undefined;
    const ends = (['from', 'to'] as const).map((end) => {
      if (quiet[end] !== undefined) return this.timeOfDay(quiet[end], [...path, end], `"${end}"`);
      if (hours) {
        this.note(path, `policy.quiet-hours has no "${end}": write it HH:MM, like "${end === 'from' ? '21:00' : '08:00'}", or give only "days" for whole days.`);
        ok = false;
      }
      return undefined;
    });
    const [from, to] = ends;
    const channels = this.channels(quiet, path);
    const categories = this.categories(quiet, path);
    if (!ok || (hours && (from === undefined || to === undefined)) || channels === false || categories === false) return undefined;
    return {
      ...(from !== undefined && to !== undefined ? { from, to } : {}),
      ...(days ? { days } : {}),
      channels,
      ...(categories ? { categories } : {}),
      ref: { file, path },
    };
  }

  /** A time zone name, checked by the engine (which alone may ask the platform). */
  name(value: unknown, path: Path, what: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && value !== '') return value;
    this.note(path, `${what}, not ${quoted(value)}.`);
    return undefined;
  }

  policy(value: unknown, file: string): Policy {
    const policy = this.mapping(value, ['policy'], 'policy');
    if (policy === undefined) return { maxMessages: [], quietHours: [] };
    this.knownKeys(policy, ['policy'], POLICY_KEYS, 'policy');

    const maxMessages: MaxMessages[] = [];
    const limits = policy['max-messages'];
    if (Array.isArray(limits)) {
      limits.forEach((item, index) => {
        const limit = this.limit(item, ['policy', 'max-messages', index], file);
        if (limit) maxMessages.push(limit);
      });
    } else if (limits !== undefined && limits !== null) {
      this.note(['policy', 'max-messages'], `policy.max-messages is a list of limits like { per: 7d, max: 5 }, not ${quoted(limits)}.`);
    }

    // One window (as most policies need) or a list of them (French telemarketing hours, no Sunday calls).
    const quietHours: QuietWindow[] = [];
    const quietPath = ['policy', 'quiet-hours'];
    const quiet = policy['quiet-hours'];
    if (Array.isArray(quiet)) {
      quiet.forEach((item, index) => {
        const window = this.quietWindow(item, [...quietPath, index], file);
        if (window) quietHours.push(window);
      });
    } else if (quiet !== undefined && quiet !== null) {
      const window = this.quietWindow(quiet, quietPath, file);
      if (window) quietHours.push(window);
    }

    const window = policy['conflict-window'];
    const conflictWindow = window === undefined || window === null ? undefined : this.duration(window, ['policy', 'conflict-window'], 'policy.conflict-window');
    const timeZone = this.name(policy.timezone, ['policy', 'timezone'], 'policy.timezone is an IANA time zone name such as Europe/Paris');
    const holidays = this.name(policy.holidays, ['policy', 'holidays'], 'policy.holidays is a country code such as FR, or a country and region such as DE-BY');
    const implicit = policy['implicit-scenarios'];
    if (implicit !== undefined && implicit !== null && typeof implicit !== 'boolean') {
      this.note(['policy', 'implicit-scenarios'], `policy.implicit-scenarios is true or false, not ${quoted(implicit)}.`);
    }
    return {
      maxMessages,
      quietHours,
      conflictWindow,
      ...(timeZone !== undefined ? { timeZone } : {}),
      ...(holidays !== undefined ? { holidays } : {}),
      ...(implicit === true ? { implicitScenarios: true } : {}),
    };
  }

  repository(value: unknown): RepositoryLink | undefined {
    const path = ['repository'];
    const data = this.mapping(value, path, 'repository');
    if (data === undefined) return undefined;
    let ok = this.knownKeys(data, path, REPOSITORY_KEYS, 'repository');
    const { url, branch } = data;
    if (url === undefined || url === null) {
      this.note(path, 'repository has no "url": the web address of the repository, like https://github.com/acme/journeys.');
      ok = false;
    } else if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url) || url.length > MAX_URL) {
      this.note([...path, 'url'], `repository.url is a web address starting with http:// or https://, at most ${MAX_URL} characters, not ${quoted(url)}.`);
      ok = false;
    }
    if (branch !== undefined && branch !== null && (typeof branch !== 'string' || branch === '' || branch.length > MAX_BRANCH)) {
      this.note([...path, 'branch'], `repository.branch is the name of a branch, like main, at most ${MAX_BRANCH} characters, not ${quoted(branch)}.`);
      ok = false;
    }
    const edit = data['edit-url'];
    if (edit !== undefined && edit !== null && (typeof edit !== 'string' || !EDIT_URL.test(edit) || edit.length > MAX_URL)) {
      this.note([...path, 'edit-url'], `repository.edit-url is a web address (or one starting with {url}) with {path} in it, and only {url} {branch} {path} {line} between braces, like {url}/edit/{branch}/{path}#L{line}, not ${quoted(edit)}.`);
      ok = false;
    }
    if (!ok) return undefined;
    return { url: (url as string).replace(/\/+$/, ''), ...(typeof branch === 'string' ? { branch } : {}), ...(typeof edit === 'string' ? { editUrl: edit } : {}) };
  }
}

/**
 * The configuration as written. Rule entries are checked against the registry by
 * the engine, which alone knows the rules; here they are only read. A value that
 * cannot be applied (a negative max, a duration the parser cannot read, an unknown
 * severity or key) is left out and listed in `mistakes`, each a configuration error
 * that stops the run: linting with a policy other than the one written would mislead.
 */
export function configFrom(file: string, data: unknown): Config {
  const reader = new Reader();
  const root = record(data);
  const rules: Record<string, RuleSetting> = Object.create(null) as Record<string, RuleSetting>;
  for (const [id, value] of Object.entries(reader.mapping(root.rules, ['rules'], 'rules') ?? {})) rules[id] = reader.rule(id, value, file);
  const policy = reader.policy(root.policy, file);
  if (root.timezone !== undefined && root.timezone !== null && typeof root.timezone !== 'string') {
    reader.note(['timezone'], `timezone is an IANA time zone name such as Europe/Paris, not ${quoted(root.timezone)}.`);
  }
  const repository = reader.repository(root.repository);
  const locale = root.locale;
  if (locale !== undefined && locale !== null && !(typeof locale === 'string' && SITE_LOCALES.includes(locale))) {
    reader.note(['locale'], `locale is the language of the site, en or fr (or qps, a pseudo-locale), not ${quoted(locale)}${typeof locale === 'string' ? didYouMean(locale, SITE_LOCALES) : ''}.`);
  }
  return {
    file,
    rules,
    timeZone: text(root, 'timezone'),
    policy,
    ...(repository ? { repository } : {}),
    ...(typeof locale === 'string' && SITE_LOCALES.includes(locale) ? { locale: locale as SiteLocale } : {}),
    ...(reader.mistakes.length > 0 ? { mistakes: reader.mistakes } : {}),
  };
}
