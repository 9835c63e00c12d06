/**
 * A touchpoint inventory's rows made into journeys: ids from names, channels and owners
 * matched to the declared ones (or declared), delays and times as the format writes them.
 * Pure: the cells in, the journeys, the rows that could not be read and notes out.
 */
import { isId, toId } from '../model/ids.ts';
import { closest } from '../model/suggest.ts';
import { fieldOfHeader, foldHeader, HEADERS, type InventoryField, type InventoryMapping, NO_MAPPING } from './inventory-columns.ts';
import type { CellValue, InventoryRow, InventorySheet, InventoryTable } from './inventory-read.ts';
import {
  CHANNEL_WORDS,
  cellText,
  parseCategory,
  parsePersonalization,
  parseRole,
  parseScale,
  parseWrittenBoolean,
  parseWrittenDate,
  parseWrittenDelay,
  parseWrittenNumber,
  parseWrittenTime,
} from './inventory-values.ts';

export interface Declared {
  readonly owners: readonly { readonly id: string; readonly name?: string }[];
  readonly channels: readonly { readonly id: string; readonly name?: string }[];
}

/** A cell that could not be read: where, and why. */
export interface RowProblem {
  readonly sheet: string;
  readonly row: number;
  /** The column's letter and header, `C (Canal)`; empty for the row as a whole. */
  readonly column: string;
  readonly message: string;
}

export interface ImportedStage {
  readonly id: string;
  readonly name?: string;
}

/** A journey as import writes it: plain data in the order of the format, ready for YAML. */
export interface ImportedJourney {
  readonly id: string;
  readonly title: string;
  readonly owner?: string;
  readonly reviewed?: string;
  readonly stages: readonly ImportedStage[];
  readonly touchpoints: readonly Record<string, unknown>[];
}

export interface InventoryImport {
  readonly journeys: readonly ImportedJourney[];
  readonly problems: readonly RowProblem[];
  /** What was read past or guessed, for the person running the import. */
  readonly notes: readonly string[];
  /** Teams and channels the workbook names that are not declared yet, to declare. */
  readonly newOwners: readonly { readonly id: string; readonly name: string }[];
  readonly newChannels: readonly { readonly id: string; readonly name: string }[];
}

export interface ImportOptions {
  readonly mapping?: InventoryMapping;
  /** Every row goes into this journey. */
  readonly journey?: string;
}

const MAX_ID = 64;
const EVENT = /^[a-z0-9]+([._-][a-z0-9]+)*$/;
const TOTAL = /^(?:total|totaux|sous total|grand total|somme|sum|subtotal)\b/;
const SEVERAL = /\s(?:\/|\+|&|et|and)\s|[,;/\n]/;
/** The fields that place a row (a journey, a stage) rather than describe a touchpoint. */
const PLACING: ReadonlySet<InventoryField> = new Set(['journeyId', 'journey', 'journeyOwner', 'reviewed', 'stageId', 'stage']);

/** An id from a name, at most 64 characters cut at a word. */
export function idFromName(name: string): string {
  const id = toId(name);
  if (id.length <= MAX_ID) return id;
  const cut = id.slice(0, MAX_ID + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : MAX_ID).replace(/-+$/, '');
}

function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

interface JourneyDraft {
  id: string;
  title: string;
  owner?: string;
  ownerWritten: boolean;
  reviewed?: string;
  stages: Map<string, ImportedStage>;
  touchpoints: Map<string, { data: Record<string, unknown>; sheet: string; row: number; explicit: boolean }>;
}

/** Resolves a cell to a declared id, a new declaration, or a problem with a did-you-mean. */
class Registry {
  private readonly ids: Set<string>;
  private readonly names = new Map<string, string>();
  readonly added = new Map<string, string>();

  private readonly kind: 'team' | 'channel';
  private readonly mapped: ReadonlyMap<string, string>;
  private readonly words: Readonly<Record<string, string>>;

  constructor(kind: 'team' | 'channel', declared: readonly { readonly id: string; readonly name?: string }[], mapped: ReadonlyMap<string, string>, words: Readonly<Record<string, string>> = {}) {
    this.kind = kind;
    this.mapped = mapped;
    this.words = words;
    this.ids = new Set(declared.map((item) => item.id));
    for (const item of declared) if (item.name !== undefined) this.names.set(foldHeader(item.name), item.id);
  }

  resolve(text: string): { id: string } | { problem: string } {
    const folded = foldHeader(text);
    const mapped = this.mapped.get(folded);
    if (mapped !== undefined) return isId(mapped) ? { id: mapped } : { problem: `the mapping file gives "${mapped}" for it, which is not an id` };
    const id = idFromName(text);
    if (this.ids.has(id) || this.added.has(id)) return { id };
    const named = this.names.get(folded) ?? this.words[folded];
    if (named !== undefined) return { id: named };
    if (id.endsWith('s') && this.ids.has(id.slice(0, -1))) return { id: id.slice(0, -1) };
    if (SEVERAL.test(text)) return { problem: `"${text}" names several ${this.kind}s: write one ${this.kind} per row (split the row)` };
    if (id === '') return { problem: `"${text}" gives no ${this.kind} id: write it with letters or digits` };
    const near = closest(id, this.ids);
    if (near !== undefined) {
      return { problem: `${this.kind} "${text}" is not declared (did you mean "${near}"?): fix the cell, map it in the mapping file, or declare the ${this.kind} first` };
    }
    this.added.set(id, text);
    return { id };
  }
}

interface SheetLayout {
  readonly header: number;
  readonly columns: ReadonlyMap<InventoryField, number>;
}

/** The header row (one of the first ten that names at least two known columns) and what each column holds. */
function layoutOf(sheet: InventorySheet, mapping: InventoryMapping, notes: string[]): SheetLayout | undefined {
  for (const [index, row] of sheet.rows.slice(0, 10).entries()) {
    const fields = row.cells.map((cell) => (typeof cell === 'string' ? fieldOfHeader(cell, mapping) : undefined));
    if (fields.filter((field) => field !== undefined && field !== 'ignore').length < 2) continue;
    const columns = new Map<InventoryField, number>();
    const ignored: string[] = [];
    fields.forEach((field, column) => {
      const header = cellText(row.cells[column]);
      if (header === undefined) return;
      if (field === undefined) ignored.push(`${columnLetter(column)} "${header}"`);
      else if (field !== 'ignore' && (HEADERS as Record<string, unknown>)[field] !== undefined && !['errors', 'warnings', 'infos', 'findings', 'grade', 'score'].includes(field)) {
        if (columns.has(field as InventoryField)) ignored.push(`${columnLetter(column)} "${header}" (a second ${field} column)`);
        else columns.set(field as InventoryField, column);
      }
    });
    if (ignored.length > 0) notes.push(`Sheet "${sheet.name}": columns not read: ${ignored.join(', ')} (map them with --mapping to read them).`);
    return { header: index, columns };
  }
  notes.push(`Sheet "${sheet.name}": no header row found (a row naming at least two known columns, such as Étape and Point de contact), so it was not read.`);
  return undefined;
}

function isTotalRow(row: InventoryRow): boolean {
  if (row.sums) return true;
  const first = row.cells.find((cell) => cell !== undefined);
  return typeof first === 'string' && TOTAL.test(foldHeader(first));
}

/** Reads the rows of every sheet into journeys. */
export function importInventory(table: InventoryTable, declared: Declared, options: ImportOptions = {}): InventoryImport {
  const mapping = options.mapping ?? NO_MAPPING;
  const problems: RowProblem[] = [];
  const notes: string[] = [];
  const owners = new Registry('team', declared.owners, mapping.owners);
  const channels = new Registry('channel', declared.channels, mapping.channels, CHANNEL_WORDS);
  const journeys = new Map<string, JourneyDraft>();
  const fixedJourney = options.journey;
  let duplicates = 0;

  for (const sheet of table.sheets) {
    const layout = layoutOf(sheet, mapping, notes);
    if (!layout) continue;
    const { columns } = layout;
    const carried = new Map<InventoryField, CellValue>();
    let previous: { journey: JourneyDraft; id: string } | undefined;
    for (const row of sheet.rows.slice(layout.header + 1)) {
      if (isTotalRow(row)) {
        notes.push(`Sheet "${sheet.name}" row ${row.row}: a total row, not read.`);
        continue;
      }
      const rowProblems: RowProblem[] = [];
      const where = (field: InventoryField): string => {
        const column = columns.get(field);
        return column === undefined ? '' : `${columnLetter(column)} (${cellText(sheet.rows[layout.header]!.cells[column]) ?? field})`;
      };
      const problem = (field: InventoryField | undefined, message: string): void => {
        rowProblems.push({ sheet: sheet.name, row: row.row, column: field === undefined ? '' : where(field), message });
      };
      const raw = (field: InventoryField): CellValue | undefined => {
        const column = columns.get(field);
        if (column === undefined) return undefined;
        const why = row.unreadable.get(column);
        if (why !== undefined) {
          problem(field, why);
          return undefined;
        }
        return row.cells[column];
      };
      // Journey and stage cells left empty under a filled one belong to it, as in a grouped sheet.
      const placing = (field: InventoryField): CellValue | undefined => {
        const value = raw(field);
        if (value !== undefined) carried.set(field, value);
        return value ?? carried.get(field);
      };
      const text = (field: InventoryField): string | undefined => cellText(raw(field));
      const describes = [...columns].some(([field, column]) => !PLACING.has(field) && (row.cells[column] !== undefined || row.unreadable.has(column)));

      // The journey.
      const journeyName = cellText(placing('journey'));
      const journeyIdCell = cellText(placing('journeyId'));
      const journeyId = fixedJourney ?? (journeyIdCell !== undefined ? journeyIdCell : idFromName(journeyName ?? sheet.name));
      if (!isId(journeyId)) {
        problem(journeyIdCell !== undefined ? 'journeyId' : 'journey', `"${journeyIdCell ?? journeyName ?? sheet.name}" gives no journey id: name the journey with letters or digits, or pass --journey <id>`);
        problems.push(...rowProblems);
        continue;
      }
      let journey = journeys.get(journeyId);
      if (!journey) {
        const title = journeyName ?? (fixedJourney !== undefined ? fixedJourney.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) : sheet.name);
        journey = { id: journeyId, title: title.slice(0, 200), ownerWritten: false, stages: new Map(), touchpoints: new Map() };
        journeys.set(journeyId, journey);
      }
      const journeyOwner = text('journeyOwner') ?? cellText(carried.get('journeyOwner'));
      if (journeyOwner !== undefined && !journey.ownerWritten) {
        const owner = owners.resolve(journeyOwner);
        if ('problem' in owner) problem('journeyOwner', owner.problem);
        else Object.assign(journey, { owner: owner.id, ownerWritten: true });
      }
      const reviewedCell = raw('reviewed');
      if (reviewedCell !== undefined) {
        const reviewed = parseWrittenDate(reviewedCell);
        if (reviewed === undefined) problem('reviewed', `"${cellText(reviewedCell)}" is not a date: write it 2026-09-30 or 30/09/2026`);
        else journey.reviewed ??= reviewed;
      }

      // The stage.
      const stageName = cellText(placing('stage'));
      const stageIdCell = cellText(placing('stageId'));
      const stageId = stageIdCell ?? (stageName !== undefined ? idFromName(stageName) : columns.has('stage') || columns.has('stageId') ? undefined : 'inventory');
      if (stageId === undefined || !isId(stageId)) {
        if (describes || stageId !== undefined) problem('stage', stageId === undefined ? 'no stage: write the stage of this touchpoint' : `"${stageName ?? stageIdCell}" gives no stage id: write it with letters or digits`);
        problems.push(...rowProblems);
        continue;
      }
      // A stage is written once a row of it is read.
      const addStage = (draft: JourneyDraft): void => {
        if (draft.stages.has(stageId)) return;
        const name = stageName ?? (columns.has('stage') ? undefined : 'Inventory');
        draft.stages.set(stageId, { id: stageId, ...(name !== undefined && name !== stageId ? { name: name.slice(0, 200) } : {}) });
      };

      // The touchpoint.
      if (!describes) {
        if (rowProblems.length === 0) addStage(journey);
        problems.push(...rowProblems);
        continue;
      }
      const name = text('touchpoint');
      const explicitId = text('touchpointId');
      const continues = (columns.has('touchpoint') && row.mergedFromAbove.has(columns.get('touchpoint')!)) || (explicitId !== undefined && journey.touchpoints.has(explicitId));
      const data: Record<string, unknown> = {};
      const kpi = readKpi();
      if (continues) {
        const id = explicitId ?? previous?.id;
        const existing = id === undefined ? undefined : journey.touchpoints.get(id);
        if (existing && rowProblems.length === 0) {
          const kpis = (existing.data.kpis ?? []) as Record<string, unknown>[];
          const same = kpi === undefined || kpis.some((other) => other.metric === kpi.metric);
          if (explicitId !== undefined && !sameFields(existing.data, readFields())) {
            problem('touchpointId', `touchpoint "${explicitId}" is already on sheet "${existing.sheet}" row ${existing.row} with other values: give one of them another id`);
          } else if (same) duplicates += 1;
          else existing.data.kpis = [...kpis, kpi];
          problems.push(...rowProblems);
          continue;
        }
      }
      if (name === undefined && explicitId === undefined) problem('touchpoint', 'no touchpoint: write its name');
      let id = explicitId ?? (name !== undefined ? idFromName(name) : '');
      if (explicitId !== undefined && !isId(explicitId)) problem('touchpointId', `"${explicitId}" is not an id: lowercase letters and digits joined by dashes`);
      else if (id === '' && name !== undefined) problem('touchpoint', `"${name}" gives no id: write its name with letters or digits, or add an id column`);
      if (explicitId === undefined && id !== '') {
        const base = id.slice(0, MAX_ID - 4);
        for (let n = 2; journey.touchpoints.has(id); n += 1) id = `${base}-${n}`;
      }
      Object.assign(data, { id });
      if (name !== undefined && name !== id) data.name = name;
      data.stage = stageId;
      Object.assign(data, readFields());
      if (kpi !== undefined) data.kpis = [kpi];
      if (rowProblems.length > 0) {
        problems.push(...rowProblems);
        continue;
      }
      addStage(journey);
      journey.touchpoints.set(id, { data, sheet: sheet.name, row: row.row, explicit: explicitId !== undefined });
      previous = { journey, id };

      function readKpi(): Record<string, unknown> | undefined {
        const metricText = text('kpi');
        const targetCell = raw('target');
        if (metricText === undefined) {
          if (targetCell !== undefined) problem('target', 'a target with no KPI: name the KPI it is the target of');
          return undefined;
        }
        const metric = isId(metricText) ? metricText : idFromName(metricText);
        if (metric === '') {
          problem('kpi', `"${metricText}" gives no metric id: write it with letters or digits`);
          return undefined;
        }
        const result: Record<string, unknown> = { metric };
        if (targetCell !== undefined) {
          const target = parseWrittenNumber(targetCell, table.decimalComma);
          if (target === undefined) problem('target', `"${cellText(targetCell)}" is not a number (write 0.45, 0,45 or 45%)`);
          else result.target = target;
        }
        return result;
      }

      function readFields(): Record<string, unknown> {
        const fields: Record<string, unknown> = {};
        const channelText = text('channel');
        if (channelText === undefined) problem('channel', 'no channel: write where the contact happens (E-mail, SMS, Agence...)');
        else {
          const channel = channels.resolve(channelText);
          if ('problem' in channel) problem('channel', channel.problem);
          else fields.channel = channel.id;
        }
        const ownerText = text('owner');
        if (ownerText !== undefined) {
          const owner = owners.resolve(ownerText);
          if ('problem' in owner) problem('owner', owner.problem);
          else fields.owner = owner.id;
        }
        const enumerated = (field: InventoryField, key: string, parse: (value: CellValue | undefined) => string | undefined, what: string): void => {
          const cell = raw(field);
          if (cell === undefined) return;
          const value = parse(cell);
          if (value === undefined) problem(field, `"${cellText(cell)}" is not ${what}`);
          else fields[key] = value;
        };
        enumerated('role', 'role', parseRole, 'a role (information, acquisition, conversion, onboarding, usage, support, billing, retention, feedback, or their French names)');
        enumerated('category', 'category', parseCategory, 'a category (marketing, service, transactional, regulatory)');
        const trigger = text('trigger');
        if (trigger !== undefined) {
          const event = EVENT.test(trigger) ? trigger : idFromName(trigger);
          if (event === '') problem('trigger', `"${trigger}" gives no event name: write it with letters or digits`);
          else fields.trigger = event;
        }
        enumerated('delay', 'after', parseWrittenDelay, 'a delay: write it 3 jours, J+2, 48h, 1 semaine, 2 mois, 10 jours ouvrés or 3d');
        enumerated('at', 'at', parseWrittenTime, 'a time of day: write it 10:00 or 10h');
        const message: Record<string, unknown> = {};
        const intent = text('intent');
        if (intent !== undefined) {
          const id = isId(intent) ? intent : idFromName(intent);
          if (id === '') problem('intent', `"${intent}" gives no intent id`);
          else message.intent = id;
        }
        const subject = text('subject');
        if (subject !== undefined) {
          if (subject.length > 200) problem('subject', 'a subject of more than 200 characters: shorten it');
          else message.subject = subject;
        }
        const body = text('message');
        if (body !== undefined) message.text = body;
        const cta = text('cta');
        if (cta !== undefined) {
          if (/^(?:https?:\/\/|\.{0,2}\/)\S*$/.test(cta)) message.cta = cta;
          else problem('cta', `"${cta}" is not a link: write a full address (https://...) or a path on the site (/...)`);
        }
        if (Object.keys(message).length > 0) fields.message = message;
        enumerated('personalization', 'personalization', parsePersonalization, 'a personalization (none, low, medium, high, or aucune, faible, moyenne, forte)');
        const tools = text('tools');
        if (tools !== undefined) {
          const list = [...new Set(tools.split(/[,;/\n]/).map((tool) => tool.trim()).filter(Boolean))];
          if (list.some((tool) => tool.length > 100) || list.length > 50) problem('tools', 'at most 50 tools of at most 100 characters each');
          else if (list.length > 0) fields.tools = list;
        }
        for (const [field, key] of [['automated', 'automated'], ['momentOfTruth', 'moment_of_truth']] as const) {
          const cell = raw(field);
          if (cell === undefined) continue;
          const value = parseWrittenBoolean(cell);
          if (value === undefined) problem(field, `"${cellText(cell)}" is not yes or no (oui, non, x)`);
          else fields[key] = value;
        }
        for (const field of ['importance', 'emotion'] as const) {
          const cell = raw(field);
          if (cell === undefined) continue;
          const value = parseScale(cell, table.decimalComma);
          if (value === undefined) problem(field, `"${cellText(cell)}" is not a whole number from 1 to 5`);
          else fields[field] = value;
        }
        const costCell = raw('cost');
        if (costCell !== undefined) {
          const cost = parseWrittenNumber(costCell, table.decimalComma);
          if (cost === undefined || cost < 0) problem('cost', `"${cellText(costCell)}" is not a cost (a number, 0 or more)`);
          else fields.cost = cost;
        }
        return fields;
      }
    }
  }
  if (duplicates > 0) notes.push(`${duplicates} row${duplicates === 1 ? '' : 's'} repeated a touchpoint already read (the same id and values, as on an export's sheet of everything) and added nothing.`);

  const result: ImportedJourney[] = [];
  for (const journey of journeys.values()) {
    // Every row of it could not be read: those rows say why.
    if (journey.stages.size === 0) continue;
    let owner = journey.owner;
    if (owner === undefined) {
      const counts = new Map<string, number>();
      for (const { data } of journey.touchpoints.values()) if (typeof data.owner === 'string') counts.set(data.owner, (counts.get(data.owner) ?? 0) + 1);
      owner = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (owner !== undefined) notes.push(`Journey "${journey.id}": owned by ${owner}, the team of most of its touchpoints (add a "Responsable du parcours" column to say otherwise).`);
    }
    result.push({
      id: journey.id,
      title: journey.title,
      ...(owner !== undefined ? { owner } : {}),
      ...(journey.reviewed !== undefined ? { reviewed: journey.reviewed } : {}),
      stages: [...journey.stages.values()],
      touchpoints: [...journey.touchpoints.values()].map(({ data }) => data),
    });
  }
  return {
    journeys: result,
    problems,
    notes,
    newOwners: [...owners.added].map(([id, name]) => ({ id, name })),
    newChannels: [...channels.added].map(([id, name]) => ({ id, name })),
  };
}

/** Two rows' touchpoint fields, KPIs aside, are the same. */
function sameFields(existing: Record<string, unknown>, fields: Record<string, unknown>): boolean {
  for (const [key, value] of Object.entries(fields)) if (JSON.stringify(existing[key]) !== JSON.stringify(value)) return false;
  return true;
}
