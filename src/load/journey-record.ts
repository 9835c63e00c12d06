/**
 * A journey's model as the lint cache keeps it: arrays of its fields' values, in a fixed
 * order, without what the file's path and the indexes say again (the references, the
 * journey's id on each touchpoint). Made again, it is the model normalize.ts made, key
 * for key: reading it back costs a third of parsing the data and normalizing it anew.
 *
 * The model's shape is checked when a record is made: a model with a field this module
 * does not know (added to normalize.ts and not here) gets no record, and is normalized
 * from its data each run, as without the cache (test/load.journey-record.test.ts fails).
 */
import { NO_DELAY, type Delay } from '../model/duration.ts';
import type { Journey, Kpi, NodeRef, Stage, Touchpoint } from '../model/types.ts';
import { NO_KPIS } from './normalize.ts';

/** The keys of a model's objects, in the order normalize.ts writes them. */
const JOURNEY_KEYS = 'id,file,format,version,title,owner,personas,reviewed,description,stages,touchpoints,kpis,narrative,orphanSections,raw,ref';
const TOUCHPOINT_KEYS =
  'id,name,journey,stage,channel,owner,role,category,categoryWritten,trigger,after,delay,at,repeat,until,message,personalization,tools,automated,momentOfTruth,importance,emotion,cost,kpis,narrative,ref';
const STAGE_KEYS = 'id,name,ref';
const KPI_KEYS = 'metric,target,ref';
const KPI_DIRECTION_KEYS = 'metric,target,direction,ref';
const DELAY_KEYS = 'months,days,businessDays,minutes';

/** A journey's record: plain arrays, which the cache serializes (node:v8). */
export type JourneyRecord = readonly unknown[];

const keysAre = (value: object, keys: string): boolean => Object.keys(value).join(',') === keys;

/** The index a reference ends with, when it is `file` at `prefix` followed by one index; else -1. */
function indexIn(ref: NodeRef, file: string, prefix: readonly (string | number)[]): number {
  const { path } = ref;
  if (ref.file !== file || path.length !== prefix.length + 1 || !prefix.every((segment, at) => path[at] === segment)) return -1;
  const last = path[prefix.length];
  return typeof last === 'number' ? last : -1;
}

/** Values per KPI in a list's record. */
const KPI_FIELDS = 4;

/**
 * A list of KPIs as one flat list, four values each: metric (its slot), target, direction (null when
 * the key is not written, as normalize leaves it out), index; null for the shared empty list.
 */
function kpisRecord(kpis: readonly Kpi[] | undefined, file: string, prefix: readonly (string | number)[], table: Table): unknown[] | null | undefined {
  if (kpis === undefined) return undefined;
  if (kpis === NO_KPIS) return null;
  const values: unknown[] = [];
  for (const kpi of kpis) {
    const direction = keysAre(kpi, KPI_DIRECTION_KEYS);
    const index = indexIn(kpi.ref, file, prefix);
    if ((!direction && !keysAre(kpi, KPI_KEYS)) || index === -1) throw new Error('unknown shape');
    values.push(table.name(kpi.metric), kpi.target, direction ? kpi.direction : null, index);
  }
  return values;
}

// Indexed loops, without destructuring or spreading: a thousand journeys hold tens of thousands of KPIs.
function kpisFrom(record: unknown, file: string, prefix: readonly (string | number)[], names: readonly unknown[]): readonly Kpi[] | undefined {
  if (record === undefined) return undefined;
  if (record === null) return NO_KPIS;
  const values = record as unknown[];
  const kpis: Kpi[] = new Array(values.length / KPI_FIELDS);
  for (let at = 0, n = 0; at < values.length; at += KPI_FIELDS, n += 1) {
    const metric = names[values[at] as number] as string;
    const target = values[at + 1] as number | undefined;
    const direction = values[at + 2] as Kpi['direction'] | null;
    const ref = { file, path: prefix.concat(values[at + 3] as number) };
    kpis[n] = direction === null ? { metric, target, ref } : { metric, target, direction, ref };
  }
  return kpis;
}

/**
 * The names a journey repeats from touchpoint to touchpoint (stages, channels, owners,
 * triggers, metrics...) and its delays, each kept once in its record, in a table, and
 * named by their place there: the record is smaller, and the model made of it has one
 * string for each, which the rules compare the faster.
 */
class Table {
  readonly values: unknown[] = [];
  private readonly slots = new Map<string, number>();

  /** The slot of a name; -1 for none. */
  name(value: string | undefined): number {
    return value === undefined ? -1 : this.slot(value, value);
  }

  /** The slot of a delay (its four parts); -1 for normalize's NO_DELAY, which the model shares. */
  delay(delay: Delay): number {
    if (delay === NO_DELAY) return -1;
    if (!keysAre(delay, DELAY_KEYS)) throw new Error('unknown shape');
    return this.slot(`\u0000${delay.months} ${delay.days} ${delay.businessDays} ${delay.minutes}`, [delay.months, delay.days, delay.businessDays, delay.minutes]);
  }

  private slot(key: string, value: unknown): number {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.values.push(value) - 1;
      this.slots.set(key, slot);
    }
    return slot;
  }
}

/** Delays made from records, by their parts: touchpoints share them, as they share normalize's (parseDelay remembers). */
const delays = new Map<string, Delay>();

function delayFrom(parts: readonly number[]): Delay {
  const months = parts[0]!;
  const days = parts[1]!;
  const businessDays = parts[2]!;
  const minutes = parts[3]!;
  const key = `${months} ${days} ${businessDays} ${minutes}`;
  let delay = delays.get(key);
  if (delay === undefined) {
    if (delays.size >= 4096) delays.clear();
    delays.set(key, (delay = { months, days, businessDays, minutes }));
  }
  return delay;
}

function touchpointRecord(touchpoint: Touchpoint, journey: Journey, table: Table): unknown[] {
  const index = indexIn(touchpoint.ref, journey.file, ['touchpoints']);
  if (!keysAre(touchpoint, TOUCHPOINT_KEYS) || index === -1 || touchpoint.journey !== journey.id) throw new Error('unknown shape');
  const t = touchpoint;
  return [
    index,
    t.id,
    t.name,
    table.name(t.stage),
    table.name(t.channel),
    table.name(t.owner),
    table.name(t.role),
    table.name(t.category),
    t.categoryWritten,
    table.name(t.trigger),
    t.after,
    table.delay(t.delay),
    t.at,
    t.repeat,
    table.name(t.until),
    t.message,
    t.personalization,
    t.tools.length === 0 ? 0 : t.tools.map((tool) => table.name(tool)),
    t.automated,
    t.momentOfTruth,
    t.importance,
    t.emotion,
    t.cost,
    kpisRecord(t.kpis, journey.file, ['touchpoints', index, 'kpis'], table),
    t.narrative,
  ];
}

/** The record of a journey's model, or undefined when its shape is not the one this module knows. */
export function journeyRecord(journey: Journey): JourneyRecord | undefined {
  try {
    if (!keysAre(journey, JOURNEY_KEYS) || journey.ref.file !== journey.file || journey.ref.path.length !== 0) return undefined;
    const table = new Table();
    const stages = journey.stages.map((stage) => {
      const index = indexIn(stage.ref, journey.file, ['stages']);
      if (!keysAre(stage, STAGE_KEYS) || index === -1) throw new Error('unknown shape');
      return [index, stage.id, stage.name];
    });
    return [
      journey.id,
      journey.format,
      journey.version,
      journey.title,
      journey.owner,
      journey.personas,
      journey.reviewed,
      journey.description,
      stages,
      journey.touchpoints.map((touchpoint) => touchpointRecord(touchpoint, journey, table)),
      kpisRecord(journey.kpis, journey.file, ['kpis'], table),
      journey.narrative,
      journey.orphanSections,
      table.values,
    ];
  } catch {
    return undefined;
  }
}

/**
 * The model of a journey from its record: `raw` is the file's data, asked for only when
 * a rule or a view reads it (the lint cache does not keep the data of a file it keeps a
 * model of, and parses the text again then).
 */
export function journeyFromRecord(file: string, record: JourneyRecord, raw: () => Readonly<Record<string, unknown>>): Journey {
  const [id, format, version, title, owner, personas, reviewed, description, stages, touchpoints, kpis, narrative, orphanSections, values] = record as [
    string,
    Journey['format'],
    number | undefined,
    string | undefined,
    string | undefined,
    string[],
    string | undefined,
    string | undefined,
    [number, string, string | undefined][],
    unknown[][],
    unknown,
    Journey['narrative'],
    Journey['orphanSections'],
    unknown[],
  ];
  // Each name of the table once, each delay once: the touchpoints share them.
  const names = values.map((value) => (typeof value === 'string' || value === undefined ? value : delayFrom(value as number[])));
  const name = (slot: unknown): string | undefined => (slot === -1 ? undefined : (names[slot as number] as string));
  const journeyKpis = kpisFrom(kpis, file, ['kpis'], names);
  return {
    id,
    file,
    format,
    version,
    title,
    owner,
    personas,
    reviewed,
    description,
    stages: stages.map((stage): Stage => ({ id: stage[1], name: stage[2], ref: { file, path: ['stages', stage[0]] } })),
    touchpoints: touchpoints.map((t): Touchpoint => {
      const index = t[0] as number;
      return {
        id: t[1] as string,
        name: t[2] as string | undefined,
        journey: id,
        stage: name(t[3]),
        channel: name(t[4]),
        owner: name(t[5]),
        role: name(t[6]),
        category: name(t[7]) as Touchpoint['category'],
        categoryWritten: t[8] as true | undefined,
        trigger: name(t[9]),
        after: t[10] as number,
        delay: t[11] === -1 ? NO_DELAY : (names[t[11] as number] as Delay),
        at: t[12] as number | undefined,
        repeat: t[13] as Touchpoint['repeat'],
        until: name(t[14]),
        message: t[15] as Touchpoint['message'],
        personalization: t[16] as string | undefined,
        tools: t[17] === 0 ? [] : (t[17] as number[]).map((slot) => names[slot] as string),
        automated: t[18] as boolean | undefined,
        momentOfTruth: t[19] as boolean,
        importance: t[20] as number | undefined,
        emotion: t[21] as number | undefined,
        cost: t[22] as number | undefined,
        kpis: kpisFrom(t[23], file, ['touchpoints', index, 'kpis'], names)!,
        narrative: t[24] as Touchpoint['narrative'],
        ref: { file, path: ['touchpoints', index] },
      };
    }),
    kpis: journeyKpis,
    narrative,
    orphanSections,
    get raw() {
      return raw();
    },
    ref: { file, path: [] },
  };
}
