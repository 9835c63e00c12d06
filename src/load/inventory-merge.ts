/**
 * An imported journey written over the file a previous import wrote, field by field: a
 * field import wrote and nobody touched since takes the workbook's new value; a field
 * edited by hand is kept, and when the workbook changed it too, the two values are a
 * conflict to settle by hand. What import wrote is remembered as a hash per field, so the
 * file holds nothing of import's own. The file is edited in place: its comments stay.
 */
import { createHash } from 'node:crypto';
import { yamlLibrary } from './libraries.ts';
import type { ImportedJourney } from './inventory-journeys.ts';

/** journeys/.import-state.json: per journey, the file and a hash of each field import wrote. */
export interface ImportState {
  readonly version: 1;
  readonly journeys: Readonly<Record<string, { readonly file: string; readonly fields: Readonly<Record<string, string>> }>>;
}

export const IMPORT_STATE_FILE = '.import-state.json';

export interface Conflict {
  readonly file: string;
  /** The field, as `touchpoints.welcome-email.channel`. */
  readonly field: string;
  readonly current: unknown;
  readonly workbook: unknown;
}

export interface MergeResult {
  /** The new text of the file; undefined when nothing changes. */
  readonly text?: string;
  readonly fields: Record<string, string>;
  readonly conflicts: readonly Conflict[];
  /** The fields that change, for the person running the import. */
  readonly changes: readonly string[];
  /** Touchpoints a previous import wrote that the workbook no longer has: left in place. */
  readonly gone: readonly string[];
}

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A journey's data in the order of the format. */
export function journeyData(journey: ImportedJourney): Record<string, unknown> {
  return {
    journey: journey.id,
    version: 1,
    title: journey.title,
    ...(journey.owner !== undefined ? { owner: journey.owner } : {}),
    ...(journey.reviewed !== undefined ? { reviewed: journey.reviewed } : {}),
    stages: journey.stages,
    touchpoints: journey.touchpoints,
  };
}

/** Every field import writes, by name: `title`, `stages.<id>.name`, `touchpoints.<id>.channel`, `touchpoints.<id>.message.text`. */
export function journeyFields(journey: ImportedJourney): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  fields.set('title', journey.title);
  if (journey.owner !== undefined) fields.set('owner', journey.owner);
  if (journey.reviewed !== undefined) fields.set('reviewed', journey.reviewed);
  for (const stage of journey.stages) if (stage.name !== undefined) fields.set(`stages.${stage.id}.name`, stage.name);
  for (const touchpoint of journey.touchpoints) {
    for (const [key, value] of Object.entries(touchpoint)) {
      if (key === 'id') continue;
      if (key === 'message') for (const [part, text] of Object.entries(value as Record<string, unknown>)) fields.set(`touchpoints.${String(touchpoint.id)}.message.${part}`, text);
      else fields.set(`touchpoints.${String(touchpoint.id)}.${key}`, value);
    }
  }
  return fields;
}

/** The text of a new journey file. */
export function newJourneyText(journey: ImportedJourney): { text: string; fields: Record<string, string> } {
  const fields = Object.fromEntries([...journeyFields(journey)].map(([name, value]) => [name, hash(value)]));
  return { text: yamlLibrary().stringify(journeyData(journey), { lineWidth: 0 }), fields };
}

/** The fields of one touchpoint or stage that import manages, by key under it. */
const TOUCHPOINT_KEYS = ['name', 'stage', 'channel', 'owner', 'role', 'category', 'trigger', 'after', 'at', 'message', 'personalization', 'tools', 'automated', 'moment_of_truth', 'importance', 'emotion', 'cost', 'kpis'];
const MESSAGE_KEYS = ['intent', 'subject', 'text', 'cta'];

/**
 * The journey merged into the text of its file. `recorded` is what the last import wrote
 * there (undefined when import never wrote this file: then every differing field is a conflict).
 */
export function mergeJourney(text: string, file: string, journey: ImportedJourney, recorded: Readonly<Record<string, string>> | undefined): MergeResult {
  const { parseDocument, isMap, isSeq } = yamlLibrary();
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    return { fields: { ...recorded }, conflicts: [{ file, field: '(the whole file)', current: 'not a YAML journey', workbook: `journey ${journey.id}` }], changes: [], gone: [] };
  }
  const current = doc.toJS() as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const conflicts: Conflict[] = [];
  const changes: string[] = [];
  let touchpointsChanged = false;

  const decide = (name: string, path: readonly (string | number)[], now: unknown, next: unknown): void => {
    const base = recorded?.[name];
    if (same(now, next)) {
      if (next !== undefined) fields[name] = hash(next);
      return;
    }
    const edited = base === undefined ? now !== undefined : now === undefined || hash(now) !== base;
    if (!edited) {
      if (next === undefined) doc.deleteIn(path);
      else {
        doc.setIn(path, doc.createNode(next));
        fields[name] = hash(next);
      }
      changes.push(name);
      if (name.startsWith('touchpoints.')) touchpointsChanged = true;
      return;
    }
    if (base !== undefined) fields[name] = base;
    // A value edited by hand stays; it is a conflict only when the workbook changed it too.
    if (next === undefined || (base !== undefined && hash(next) === base)) return;
    conflicts.push({ file, field: name, current: now, workbook: next });
  };

  for (const key of ['title', 'owner', 'reviewed'] as const) decide(key, [key], current[key], key === 'title' ? journey.title : journey[key]);

  const stages = Array.isArray(current.stages) ? (current.stages as Record<string, unknown>[]) : [];
  let after = -1;
  for (const stage of journey.stages) {
    let index = stages.findIndex((item) => item?.id === stage.id);
    if (index === -1) {
      const seq = doc.get('stages');
      if (isSeq(seq)) seq.items.splice(after + 1, 0, doc.createNode(stage));
      else doc.set('stages', doc.createNode([stage]));
      stages.splice(after + 1, 0, { ...stage });
      index = after + 1;
      if (stage.name !== undefined) fields[`stages.${stage.id}.name`] = hash(stage.name);
      changes.push(`stages.${stage.id}`);
    } else decide(`stages.${stage.id}.name`, ['stages', index, 'name'], stages[index]?.name, stage.name);
    after = index;
  }

  const touchpoints = Array.isArray(current.touchpoints) ? (current.touchpoints as Record<string, unknown>[]) : [];
  for (const touchpoint of journey.touchpoints) {
    const id = String(touchpoint.id);
    const index = touchpoints.findIndex((item) => item?.id === id);
    if (index === -1) {
      if (isSeq(doc.get('touchpoints'))) doc.addIn(['touchpoints'], doc.createNode(touchpoint));
      else doc.set('touchpoints', doc.createNode([touchpoint]));
      changes.push(`touchpoints.${id}`);
      touchpointsChanged = true;
      continue;
    }
    const now = touchpoints[index]!;
    for (const key of TOUCHPOINT_KEYS) {
      if (key !== 'message') {
        decide(`touchpoints.${id}.${key}`, ['touchpoints', index, key], now[key], touchpoint[key]);
        continue;
      }
      const nowMessage = (now.message ?? {}) as Record<string, unknown>;
      const nextMessage = (touchpoint.message ?? {}) as Record<string, unknown>;
      for (const part of MESSAGE_KEYS) decide(`touchpoints.${id}.message.${part}`, ['touchpoints', index, 'message', part], nowMessage[part], nextMessage[part]);
    }
  }
  for (const [name, value] of [...journeyFields(journey)]) if (fields[name] === undefined && !conflicts.some((c) => c.field === name)) fields[name] = hash(value);

  const ids = new Set(journey.touchpoints.map((touchpoint) => String(touchpoint.id)));
  const gone = Object.keys(recorded ?? {})
    .map((name) => /^touchpoints\.([^.]+)\./.exec(name)?.[1])
    .filter((id): id is string => id !== undefined && !ids.has(id) && touchpoints.some((item) => item?.id === id))
    .filter((id, i, all) => all.indexOf(id) === i);
  for (const id of gone) for (const [name, value] of Object.entries(recorded ?? {})) if (name.startsWith(`touchpoints.${id}.`)) fields[name] = value;

  if (changes.length === 0) return { fields, conflicts, changes, gone };
  if (touchpointsChanged && typeof current.version === 'number' && Number.isInteger(current.version)) doc.set('version', current.version + 1);
  return { text: doc.toString({ lineWidth: 0 }), fields, conflicts, changes, gone };
}

/** The state file's data, or an empty state when it is missing or not ours. */
export function parseImportState(text: string | undefined): ImportState {
  if (text === undefined) return { version: 1, journeys: {} };
  try {
    const data = JSON.parse(text) as ImportState;
    if (data?.version === 1 && typeof data.journeys === 'object' && data.journeys !== null && !Array.isArray(data.journeys)) return data;
  } catch {
    // A broken state file is read as no state: every differing field is then a conflict, never overwritten.
  }
  return { version: 1, journeys: {} };
}
