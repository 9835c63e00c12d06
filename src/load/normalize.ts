/**
 * Parsed YAML -> model objects. The data may not match the schema (the schema
 * problems are reported separately), so every field is read defensively: a value
 * of the wrong type is left out rather than trusted.
 */
import { parseDuration, parseTimeOfDay } from '../model/duration.ts';
import type {
  Channel,
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

/**
 * A field of parsed data. Plain indexing is safe here, and it is on the hot path: the
 * keys read are the format's field names, none of which Object.prototype has, so an
 * inherited value (`constructor`, `toString`) can never be read.
 */
function own(data: Data, key: string): unknown {
  return data[key];
}

export const text = (data: Data, key: string): string | undefined => {
  const value = own(data, key);
  return typeof value === 'string' ? value : undefined;
};
export const num = (data: Data, key: string): number | undefined => {
  const value = own(data, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};
export const bool = (data: Data, key: string): boolean | undefined => {
  const value = own(data, key);
  return typeof value === 'boolean' ? value : undefined;
};
export const list = (data: Data, key: string): readonly unknown[] => {
  const value = own(data, key);
  return Array.isArray(value) ? value : [];
};
export const texts = (data: Data, key: string): string[] => list(data, key).filter((v): v is string => typeof v === 'string');

const ref = (file: string, path: Path): NodeRef => ({ file, path });

function message(data: unknown): Message | undefined {
  if (!isRecord(data)) return undefined;
  return { intent: text(data, 'intent'), subject: text(data, 'subject'), text: text(data, 'text'), cta: text(data, 'cta') };
}

function repeat(data: unknown): Repeat | undefined {
  if (!isRecord(data)) return undefined;
  const every = parseDuration(own(data, 'every'));
  const times = num(data, 'times');
  if (every === undefined || every === 0 || times === undefined || !Number.isInteger(times) || times < 1) return undefined;
  return { every, times };
}

function kpis(file: string, path: Path, data: Data): Kpi[] {
  const result: Kpi[] = [];
  list(data, 'kpis').forEach((item, index) => {
    if (!isRecord(item)) return;
    const metric = text(item, 'metric');
    const direction = text(item, 'direction');
    if (metric !== undefined) {
      result.push({
        metric,
        target: num(item, 'target'),
        ...(direction === 'higher' || direction === 'lower' ? { direction } : {}),
        ref: ref(file, [...path, 'kpis', index]),
      });
    }
  });
  return result;
}

function touchpoint(file: string, journey: string, index: number, data: Data, sections: Map<string, Sections['byHeading'][number]>): Touchpoint {
  const path = ['touchpoints', index];
  const id = text(data, 'id') ?? '';
  return {
    id,
    journey,
    stage: text(data, 'stage'),
    channel: text(data, 'channel'),
    owner: text(data, 'owner'),
    role: text(data, 'role'),
    trigger: text(data, 'trigger'),
    after: parseDuration(own(data, 'after')) ?? 0,
    at: parseTimeOfDay(own(data, 'at')),
    repeat: repeat(own(data, 'repeat')),
    until: text(data, 'until'),
    message: message(own(data, 'message')),
    personalization: text(data, 'personalization'),
    tools: texts(data, 'tools'),
    automated: bool(data, 'automated'),
    momentOfTruth: bool(data, 'moment_of_truth') ?? false,
    importance: num(data, 'importance'),
    emotion: num(data, 'emotion'),
    cost: num(data, 'cost'),
    kpis: kpis(file, path, data),
    narrative: id ? sections.get(id)?.narrative : undefined,
    ref: ref(file, path),
  };
}

/** The journey of a file, or undefined when its data is not a journey at all. */
export function journeyFrom(file: string, format: Journey['format'], data: unknown, sections?: Sections): Journey | undefined {
  if (!isRecord(data)) return undefined;
  const id = text(data, 'journey') ?? '';
  const byId = new Map((sections?.byHeading ?? []).map((section) => [section.id, section]));
  const stages: Stage[] = [];
  list(data, 'stages').forEach((item, index) => {
    if (isRecord(item) && typeof own(item, 'id') === 'string') {
      stages.push({ id: text(item, 'id')!, name: text(item, 'name'), ref: ref(file, ['stages', index]) });
    }
  });
  const touchpoints: Touchpoint[] = [];
  list(data, 'touchpoints').forEach((item, index) => {
    if (isRecord(item)) touchpoints.push(touchpoint(file, id, index, item, byId));
  });
  const touchpointIds = new Set(touchpoints.map((t) => t.id));
  const version = num(data, 'version');
  return {
    id,
    file,
    format,
    version: version !== undefined && Number.isInteger(version) ? version : undefined,
    title: text(data, 'title'),
    owner: text(data, 'owner'),
    personas: texts(data, 'personas'),
    reviewed: text(data, 'reviewed'),
    description: text(data, 'description'),
    stages,
    touchpoints,
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
    const id = text(item, 'id');
    if (id !== undefined) result.push(make(item, [key, index], id));
  });
  return result;
}

export function ownersFrom(file: string, data: unknown): Owner[] {
  return declarations(file, data, 'owners', (item, path, id) => ({ id, name: text(item, 'name'), contact: text(item, 'contact'), ref: ref(file, path) }));
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
  return declarations(file, data, 'personas', (item, path, id) => ({ id, name: text(item, 'name'), ref: ref(file, path) }));
}

export function scenarioFrom(file: string, data: unknown): Scenario | undefined {
  if (!isRecord(data)) return undefined;
  const events: ScenarioEvent[] = [];
  list(data, 'events').forEach((item, index) => {
    if (!isRecord(item)) return;
    const at = parseDuration(own(item, 'at'));
    const event = text(item, 'event');
    if (at !== undefined && event !== undefined) events.push({ at, event, ref: ref(file, ['events', index]) });
  });
  return {
    id: text(data, 'scenario') ?? '',
    file,
    persona: text(data, 'persona'),
    start: text(data, 'start'),
    events,
    ref: ref(file, []),
  };
}
