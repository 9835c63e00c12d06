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

/**
 * The fields of `data` named in `template`, read in one pass over its keys, as an
 * object of one fixed shape. Parsed objects come in thousands of shapes (each mix
 * of optional fields is one), which makes reading them field by field slow; a
 * for-in loop reads each key directly, and later reads hit the fixed shape.
 */
function pick<K extends string>(data: Data, template: Readonly<Record<K, undefined>>): Readonly<Record<K, unknown>> {
  const fields: Record<string, unknown> = { ...template };
  for (const key in data) if (Object.hasOwn(template, key)) fields[key] = data[key];
  return fields as Record<K, unknown>;
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

const MESSAGE_FIELDS = { intent: undefined, subject: undefined, text: undefined, cta: undefined } as const;

function message(data: unknown): Message | undefined {
  if (!isRecord(data)) return undefined;
  const f = pick(data, MESSAGE_FIELDS);
  return { intent: asName(f.intent), subject: asText(f.subject), text: asText(f.text), cta: asText(f.cta) };
}

function repeat(data: unknown): Repeat | undefined {
  if (!isRecord(data)) return undefined;
  const every = parseDuration(own(data, 'every'));
  const times = num(data, 'times');
  if (every === undefined || every === 0 || times === undefined || !Number.isInteger(times) || times < 1) return undefined;
  return { every, times };
}

const KPI_FIELDS = { metric: undefined, target: undefined, direction: undefined } as const;

function kpis(file: string, path: Path, items: readonly unknown[]): Kpi[] {
  const result: Kpi[] = [];
  items.forEach((item, index) => {
    if (!isRecord(item)) return;
    const f = pick(item, KPI_FIELDS);
    const metric = asName(f.metric);
    if (metric !== undefined) {
      result.push({
        metric,
        target: asNumber(f.target),
        ...(f.direction === 'higher' || f.direction === 'lower' ? { direction: f.direction } : {}),
        ref: ref(file, [...path, 'kpis', index]),
      });
    }
  });
  return result;
}

const TOUCHPOINT_FIELDS = {
  id: undefined,
  name: undefined,
  stage: undefined,
  channel: undefined,
  owner: undefined,
  role: undefined,
  category: undefined,
  trigger: undefined,
  after: undefined,
  at: undefined,
  repeat: undefined,
  until: undefined,
  message: undefined,
  personalization: undefined,
  tools: undefined,
  automated: undefined,
  moment_of_truth: undefined,
  importance: undefined,
  emotion: undefined,
  cost: undefined,
  kpis: undefined,
} as const;

function touchpoint(file: string, journey: string, index: number, data: Data, sections: Map<string, Sections['byHeading'][number]>): Touchpoint {
  const path = ['touchpoints', index];
  const f = pick(data, TOUCHPOINT_FIELDS);
  const id = asName(f.id) ?? '';
  const delay = parseDelay(f.after) ?? NO_DELAY;
  return {
    id,
    ...(asText(f.name) !== undefined ? { name: asText(f.name) } : {}),
    journey,
    stage: asName(f.stage),
    channel: asName(f.channel),
    owner: asName(f.owner),
    role: asName(f.role),
    category: categoryFor(f.category, asName(f.role)),
    ...(isCategory(f.category) ? { categoryWritten: true } : {}),
    trigger: asName(f.trigger),
    after: approximateMinutes(delay),
    delay,
    at: parseTimeOfDay(f.at),
    repeat: repeat(f.repeat),
    until: asName(f.until),
    message: message(f.message),
    personalization: asText(f.personalization),
    tools: asTexts(f.tools),
    automated: asBoolean(f.automated),
    momentOfTruth: asBoolean(f.moment_of_truth) ?? false,
    importance: asNumber(f.importance),
    emotion: asNumber(f.emotion),
    cost: asNumber(f.cost),
    kpis: kpis(file, path, asList(f.kpis)),
    narrative: id ? sections.get(id)?.narrative : undefined,
    ref: ref(file, path),
  };
}

const JOURNEY_FIELDS = {
  journey: undefined,
  version: undefined,
  title: undefined,
  owner: undefined,
  personas: undefined,
  reviewed: undefined,
  description: undefined,
  stages: undefined,
  touchpoints: undefined,
  kpis: undefined,
} as const;

/** The journey of a file, or undefined when its data is not a journey at all. */
export function journeyFrom(file: string, format: Journey['format'], data: unknown, sections?: Sections): Journey | undefined {
  if (!isRecord(data)) return undefined;
  const f = pick(data, JOURNEY_FIELDS);
  const id = asName(f.journey) ?? '';
  const byId = new Map((sections?.byHeading ?? []).map((section) => [section.id, section]));
  const stages: Stage[] = [];
  asList(f.stages).forEach((item, index) => {
    if (isRecord(item) && typeof own(item, 'id') === 'string') {
      stages.push({ id: name(item, 'id')!, name: text(item, 'name'), ref: ref(file, ['stages', index]) });
    }
  });
  const touchpoints: Touchpoint[] = [];
  asList(f.touchpoints).forEach((item, index) => {
    if (isRecord(item)) touchpoints.push(touchpoint(file, id, index, item, byId));
  });
  const touchpointIds = new Set(touchpoints.map((t) => t.id));
  const version = asNumber(f.version);
  return {
    id,
    file,
    format,
    version: version !== undefined && Number.isInteger(version) ? version : undefined,
    title: asText(f.title),
    owner: asName(f.owner),
    personas: asNames(f.personas),
    reviewed: asText(f.reviewed),
    description: asText(f.description),
    stages,
    touchpoints,
    kpis: kpis(file, [], asList(f.kpis)),
    narrative: sections?.body,
    orphanSections: (sections?.byHeading ?? [])
      .filter((section) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(section.id) && !touchpointIds.has(section.id))
      .map(({ id: sectionId, line }) => ({ id: sectionId, line })),
    raw: data,
    ref: ref(file, []),
  };
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
