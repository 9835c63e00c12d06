/**
 * Parsed YAML -> model objects. The data may not match the schema (the schema
 * problems are reported separately), so every field is read defensively: a value
 * of the wrong type is left out rather than trusted.
 */
import { categoryFor, isCategory } from '../model/categories.ts';
import { approximateMinutes, NO_DELAY, parseDelay, parseDuration, parseTimeOfDay } from '../model/duration.ts';
import { MAX_NAME_LENGTH } from '../model/limits.ts';
import type {
  Channel,
  EventDeclaration,
  ExpectedTouchpoint,
  Expectation,
  Journey,
  Kpi,
  Message,
  NodeRef,
  Owner,
  Path,
  Persona,
  Repeat,
  Scenario,
  ScenarioEvent,
  Stage,
  Touchpoint,
} from '../model/types.ts';
import type { Sections } from './markdown.ts';

type Data = Readonly<Record<string, unknown>>;

const EMPTY: Data = Object.freeze(Object.create(null) as Data);

export function isRecord(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function record(value: unknown): Data {
  return isRecord(value) ? value : EMPTY;
}

function own(data: Data, key: string): unknown {
  return Object.hasOwn(data, key) ? data[key] : undefined;
}

const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** A name (an id, a reference, an event): too long a one is cut, since outputs repeat names. */
const asName = (value: unknown): string | undefined =>
  typeof value !== 'string' ? undefined : value.length > MAX_NAME_LENGTH ? `${value.slice(0, MAX_NAME_LENGTH)}…` : value;
const asNames = (value: unknown): string[] => asList(value).filter((v): v is string => typeof v === 'string').map((v) => asName(v)!);
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const asBoolean = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
const asList = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const asTexts = (value: unknown): string[] => asList(value).filter((v): v is string => typeof v === 'string');

export const text = (data: Data, key: string): string | undefined => asText(own(data, key));
export const name = (data: Data, key: string): string | undefined => asName(own(data, key));
export const num = (data: Data, key: string): number | undefined => asNumber(own(data, key));
export const bool = (data: Data, key: string): boolean | undefined => asBoolean(own(data, key));
export const list = (data: Data, key: string): readonly unknown[] => asList(own(data, key));
export const texts = (data: Data, key: string): string[] => asTexts(own(data, key));

const ref = (file: string, path: Path): NodeRef => ({ file, path });

function message(data: unknown): Message | undefined {
  if (!isRecord(data)) return undefined;
  return { intent: name(data, 'intent'), subject: text(data, 'subject'), text: text(data, 'text'), cta: text(data, 'cta') };
}

function repeat(data: unknown): Repeat | undefined {
  if (!isRecord(data)) return undefined;
  const every = parseDuration(own(data, 'every'));
  const times = num(data, 'times');
  if (every === undefined || every === 0 || times === undefined || !Number.isInteger(times) || times < 1) return undefined;
  return { every, times };
}

/**
 * One string for each name a journey repeats (its touchpoints' stages, channels, owners,
 * triggers...): the parser makes a string of every occurrence, and a rule that keys a map
 * by a name hashes each string it is given once, and compares two strings the faster when
 * they are one. A cross-journey lint of a thousand journeys took a third less time.
 */
type Names = (value: string | undefined) => string | undefined;

function names(): Names {
  const seen = new Map<string, string>();
  return (value) => {
    if (value === undefined) return undefined;
    const known = seen.get(value);
    if (known !== undefined) return known;
    seen.set(value, value);
    return value;
  };
}

function kpis(file: string, path: Path, items: readonly unknown[], same: Names): Kpi[] {
  // Mapped, then filtered only when needed: an array pushed to from empty reserves room for 17.
  const made = items.map((item, index): Kpi | undefined => {
    if (!isRecord(item)) return undefined;
    const metric = same(name(item, 'metric'));
    if (metric === undefined) return undefined;
    const target = num(item, 'target');
    const direction = own(item, 'direction');
    const at = ref(file, path.concat('kpis', index));
    return direction === 'higher' || direction === 'lower' ? { metric, target, direction, ref: at } : { metric, target, ref: at };
  });
  return made.includes(undefined) ? made.filter((kpi) => kpi !== undefined) : (made as Kpi[]);
}

/** Shared by the touchpoints that have none: nothing adds to a model's lists. */
export const NO_KPIS: readonly Kpi[] = Object.freeze([]);

function touchpoint(file: string, journey: string, index: number, data: Data, sections: Map<string, Sections['byHeading'][number]>, same: Names): Touchpoint {
  const path = ['touchpoints', index];
  const id = name(data, 'id') ?? '';
  const delay = parseDelay(own(data, 'after')) ?? NO_DELAY;
  const role = same(name(data, 'role'));
  // One object literal, so that every touchpoint has the same shape: a field not written is
  // undefined (which JSON leaves out) rather than absent.
  return {
    id,
    name: text(data, 'name'),
    journey,
    stage: same(name(data, 'stage')),
    channel: same(name(data, 'channel')),
    owner: same(name(data, 'owner')),
    role,
    category: categoryFor(own(data, 'category'), role),
    categoryWritten: isCategory(own(data, 'category')) ? true : undefined,
    trigger: same(name(data, 'trigger')),
    after: approximateMinutes(delay),
    delay,
    at: parseTimeOfDay(own(data, 'at')),
    repeat: repeat(own(data, 'repeat')),
    until: same(name(data, 'until')),
    message: message(own(data, 'message')),
    personalization: text(data, 'personalization'),
    tools: texts(data, 'tools'),
    automated: bool(data, 'automated'),
    momentOfTruth: bool(data, 'moment_of_truth') ?? false,
    importance: num(data, 'importance'),
    emotion: num(data, 'emotion'),
    cost: num(data, 'cost'),
    kpis: own(data, 'kpis') === undefined ? NO_KPIS : kpis(file, path, list(data, 'kpis'), same),
    narrative: id ? sections.get(id)?.narrative : undefined,
    ref: ref(file, path),
  };
}

/**
 * The journey of a file, or undefined when its data is not a journey at all. Given `raw`,
 * the model's raw data is read from it when asked for, and does not keep `data` alive.
 */
export function journeyFrom(file: string, format: Journey['format'], data: unknown, sections?: Sections, raw?: () => Readonly<Record<string, unknown>>): Journey | undefined {
  if (!isRecord(data)) return undefined;
  const id = name(data, 'journey') ?? '';
  const byId = new Map((sections?.byHeading ?? []).map((section) => [section.id, section]));
  const stages: Stage[] = [];
  list(data, 'stages').forEach((item, index) => {
    if (isRecord(item) && typeof own(item, 'id') === 'string') {
      stages.push({ id: name(item, 'id')!, name: text(item, 'name'), ref: ref(file, ['stages', index]) });
    }
  });
  const same = names();
  const touchpoints: Touchpoint[] = [];
  list(data, 'touchpoints').forEach((item, index) => {
    if (isRecord(item)) touchpoints.push(touchpoint(file, id, index, item, byId, same));
  });
  const touchpointIds = new Set(touchpoints.map((t) => t.id));
  const version = num(data, 'version');
  const journey = {
    id,
    file,
    format,
    version: version !== undefined && Number.isInteger(version) ? version : undefined,
    title: text(data, 'title'),
    owner: name(data, 'owner'),
    personas: asNames(own(data, 'personas')),
    reviewed: text(data, 'reviewed'),
    description: text(data, 'description'),
    stages,
    touchpoints,
    kpis: kpis(file, [], list(data, 'kpis'), same),
    narrative: sections?.body,
    orphanSections: (sections?.byHeading ?? [])
      .filter((section) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(section.id) && !touchpointIds.has(section.id))
      .map(({ id: sectionId, line }) => ({ id: sectionId, line })),
    raw: data,
    ref: ref(file, []),
  };
  if (raw) Object.defineProperty(journey, 'raw', { get: raw, enumerable: true });
  return journey;
}

function declarations<T>(file: string, data: unknown, key: string, make: (item: Data, path: Path, id: string) => T): T[] {
  const result: T[] = [];
  list(record(data), key).forEach((item, index) => {
    if (!isRecord(item)) return;
    const id = name(item, 'id');
    if (id !== undefined) result.push(make(item, [key, index], id));
  });
  return result;
}

export function ownersFrom(file: string, data: unknown): Owner[] {
  return declarations(file, data, 'owners', (item, path, id) => {
    const github = text(item, 'github');
    return { id, name: text(item, 'name'), contact: text(item, 'contact'), ...(github !== undefined ? { github } : {}), ref: ref(file, path) };
  });
}

export function channelsFrom(file: string, data: unknown): Channel[] {
  return declarations(file, data, 'channels', (item, path, id) => ({
    id,
    name: text(item, 'name') ?? id,
    outbound: bool(item, 'outbound') ?? false,
    builtIn: false,
    ref: ref(file, path),
  }));
}

export function personasFrom(file: string, data: unknown): Persona[] {
  return declarations(file, data, 'personas', (item, path, id) => {
    const timeZone = text(item, 'timezone');
    const holidays = text(item, 'holidays');
    return { id, name: text(item, 'name'), ...(timeZone !== undefined ? { timeZone } : {}), ...(holidays !== undefined ? { holidays } : {}), ref: ref(file, path) };
  });
}

export function eventsFrom(file: string, data: unknown): EventDeclaration[] {
  return declarations(file, data, 'events', (item, path, id) => ({ id, name: text(item, 'name'), ref: ref(file, path) }));
}

/** The touchpoint names of `before` (a list) or `never` (one name or a list), each with its place. */
function expectedTouchpoints(file: string, path: Path, value: unknown): ExpectedTouchpoint[] {
  if (typeof value === 'string') return [{ name: asName(value)!, ref: ref(file, path) }];
  return asList(value).flatMap((item, index) => (typeof item === 'string' ? [{ name: asName(item)!, ref: ref(file, [...path, index]) }] : []));
}

/** One item of a scenario's `expect:`, or undefined when it is not exactly one kind of expectation (the schema says why). */
function expectation(file: string, path: Path, item: unknown): Expectation | undefined {
  if (!isRecord(item)) return undefined;
  const kinds = ['at-most', 'before', 'never'].filter((key) => Object.hasOwn(item, key));
  if (kinds.length !== 1) return undefined;
  const at = ref(file, path);
  if (kinds[0] === 'at-most') {
    const max = num(item, 'at-most');
    if (max === undefined || !Number.isInteger(max) || max < 0) return undefined;
    const within = own(item, 'within') === undefined ? undefined : parseDuration(own(item, 'within'));
    if (own(item, 'within') !== undefined && within === undefined) return undefined;
    const channel = name(item, 'channel');
    return { kind: 'at-most', max, ...(channel !== undefined ? { channel } : {}), ...(within !== undefined ? { within } : {}), ref: at };
  }
  const kind = kinds[0] as 'before' | 'never';
  const touchpoints = expectedTouchpoints(file, [...path, kind], own(item, kind));
  if (touchpoints.length < (kind === 'before' ? 2 : 1)) return undefined;
  return { kind, touchpoints, ref: at };
}

export function scenarioFrom(file: string, data: unknown): Scenario | undefined {
  if (!isRecord(data)) return undefined;
  const events: ScenarioEvent[] = [];
  list(data, 'events').forEach((item, index) => {
    if (!isRecord(item)) return;
    const at = parseDuration(own(item, 'at'));
    const event = name(item, 'event');
    const channel = name(item, 'channel');
    if (at !== undefined && event !== undefined) events.push({ at, event, ...(channel !== undefined ? { channel } : {}), ref: ref(file, ['events', index]) });
  });
  const expectations = list(data, 'expect').flatMap((item, index) => expectation(file, ['expect', index], item) ?? []);
  return {
    id: name(data, 'scenario') ?? '',
    ...(text(data, 'title') !== undefined ? { title: text(data, 'title') } : {}),
    file,
    persona: name(data, 'persona'),
    start: text(data, 'start'),
    ...(text(data, 'timezone') !== undefined ? { timeZone: text(data, 'timezone') } : {}),
    events,
    ...(expectations.length > 0 ? { expectations } : {}),
    ref: ref(file, []),
  };
}
