/**
 * The touchpoint inventory as the quarterly review reads it: one row per touchpoint (and
 * per KPI beyond its first), every field an import reads, then the touchpoint's findings
 * and its journey's grade. Written as a workbook (a sheet of everything, then one per
 * journey; header frozen, filters on, numbers and dates as such) or as CSV, in English
 * or French. `journeys import` reads either back into the same journeys.
 */
import { HEADERS, INVENTORY_FIELDS, REPORT_COLUMNS, type InventoryField, type ReportColumn } from '../load/inventory-columns.ts';
import type { Scorecards } from '../score/scorecard.ts';
import type { Finding, Journey, Repository } from '../model/types.ts';

export type InventoryLocale = 'en' | 'fr';
type Cell = string | number | boolean | Date | undefined;
const COLUMNS: readonly (InventoryField | ReportColumn)[] = [...INVENTORY_FIELDS, ...REPORT_COLUMNS];

export interface InventoryInput {
  readonly repo: Repository;
  readonly findings: readonly Finding[];
  readonly cards: Scorecards;
  readonly locale: InventoryLocale;
}

export interface InventoryJourneyRows {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly (readonly Cell[])[];
}

const WORDS = {
  en: { all: 'All journeys', yes: 'yes', no: 'no', error: 'error', warning: 'warning', info: 'info' },
  fr: { all: 'Tous les parcours', yes: 'oui', no: 'non', error: 'erreur', warning: 'avertissement', info: 'info' },
} as const;

export function inventoryHeaders(locale: InventoryLocale): string[] {
  return COLUMNS.map((column) => HEADERS[column][locale]);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** A date cell at midnight UTC, as spreadsheets store a date with no time. */
function dateCell(value: unknown): Date | undefined {
  const day = value instanceof Date ? value.toISOString().slice(0, 10) : text(value);
  return day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : undefined;
}

/** The rows of one journey, as written in its file. */
function journeyRows(journey: Journey, input: InventoryInput): Cell[][] {
  const raw = journey.raw;
  const grade = input.cards.journeys.find((card) => card.id === journey.id)?.grade;
  const stages = new Map(journey.stages.map((stage) => [stage.id, stage.name ?? stage.id]));
  const words = WORDS[input.locale];
  const rows: Cell[][] = [];
  const touchpoints = Array.isArray(raw.touchpoints) ? (raw.touchpoints as Record<string, unknown>[]) : [];
  for (const touchpoint of touchpoints) {
    if (typeof touchpoint !== 'object' || touchpoint === null) continue;
    const id = text(touchpoint.id) ?? '';
    const message = (typeof touchpoint.message === 'object' && touchpoint.message !== null ? touchpoint.message : {}) as Record<string, unknown>;
    const findings = input.findings.filter((finding) => finding.journey === journey.id && finding.touchpoint === id);
    const count = (severity: string): number => findings.filter((finding) => finding.severity === severity).length;
    const bool = (value: unknown): string | undefined => (typeof value === 'boolean' ? (value ? words.yes : words.no) : undefined);
    const kpis = Array.isArray(touchpoint.kpis) && touchpoint.kpis.length > 0 ? (touchpoint.kpis as Record<string, unknown>[]) : [undefined];
    kpis.forEach((kpi, index) => {
      const values: Record<InventoryField | ReportColumn, Cell> = {
        journeyId: journey.id,
        journey: text(raw.title) ?? journey.id,
        journeyOwner: text(raw.owner),
        reviewed: dateCell(raw.reviewed),
        stageId: text(touchpoint.stage),
        stage: stages.get(text(touchpoint.stage) ?? '') ?? text(touchpoint.stage),
        touchpointId: id,
        touchpoint: text(touchpoint.name) ?? text(touchpoint['x-name']) ?? id,
        channel: text(touchpoint.channel),
        owner: text(touchpoint.owner),
        role: text(touchpoint.role),
        category: text(touchpoint.category),
        trigger: text(touchpoint.trigger),
        delay: text(touchpoint.after),
        at: text(touchpoint.at),
        intent: text(message.intent),
        subject: text(message.subject),
        message: text(message.text),
        cta: text(message.cta),
        kpi: text(kpi?.metric),
        target: number(kpi?.target),
        importance: number(touchpoint.importance),
        emotion: number(touchpoint.emotion),
        cost: number(touchpoint.cost),
        automated: bool(touchpoint.automated),
        momentOfTruth: bool(touchpoint.moment_of_truth),
        personalization: text(touchpoint.personalization),
        tools: Array.isArray(touchpoint.tools) ? touchpoint.tools.filter((tool) => typeof tool === 'string').join(', ') || undefined : undefined,
        // Findings and counts once per touchpoint, so that a column's sum counts each finding once.
        errors: index === 0 ? count('error') : undefined,
        warnings: index === 0 ? count('warning') : undefined,
        infos: index === 0 ? count('info') : undefined,
        findings: index === 0 ? findings.map((finding) => `${words[finding.severity]}: ${finding.message} (${finding.rule})`).join('\n') || undefined : undefined,
        grade: grade?.letter,
        score: grade?.score,
      };
      rows.push(COLUMNS.map((column) => values[column]));
    });
  }
  return rows;
}

/** Every journey's rows, in the repository's order. */
export function inventoryRows(input: InventoryInput): InventoryJourneyRows[] {
  return input.repo.journeys.map((journey) => ({ id: journey.id, title: text(journey.raw.title) ?? journey.id, rows: journeyRows(journey, input) }));
}

/** A sheet name Excel takes: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, taken: Set<string>): string {
  const clean = title.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Journey';
  let name = clean;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${clean.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

const WIDTHS: Partial<Record<InventoryField | ReportColumn, number>> = { journey: 28, stage: 18, touchpoint: 30, message: 50, subject: 30, findings: 60, cta: 30 };

/** The workbook, as bytes. */
export async function inventoryXlsx(input: InventoryInput): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'journeys';
  const headers = inventoryHeaders(input.locale);
  const journeys = inventoryRows(input);
  const taken = new Set<string>();
  const addSheet = (name: string, rows: readonly (readonly Cell[])[]): void => {
    const sheet = book.addWorksheet(sheetName(name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((column, index) => ({ header: headers[index], key: column, width: WIDTHS[column] ?? Math.max(12, headers[index]!.length + 4) }));
    for (const row of rows) sheet.addRow(row.map((cell) => cell ?? null));
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: COLUMNS.length } };
    sheet.getColumn('reviewed').numFmt = 'yyyy-mm-dd';
    for (const column of ['message', 'findings'] as const) sheet.getColumn(column).alignment = { wrapText: true, vertical: 'top' };
  };
  addSheet(WORDS[input.locale].all, journeys.flatMap((journey) => journey.rows));
  for (const journey of journeys) addSheet(journey.title, journey.rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * A CSV cell: quoted when it holds the separator, a quote or a line break, and a leading
 * `=`, `+`, `-` or `@` of text kept from being run as a formula by a `'` in front, which
 * import takes off.
 */
function csvCell(cell: Cell, separator: string, decimalComma: boolean): string {
  if (cell === undefined) return '';
  let value: string;
  if (typeof cell === 'number') value = decimalComma ? String(cell).replace('.', ',') : String(cell);
  else if (cell instanceof Date) value = cell.toISOString().slice(0, 10);
  else value = String(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(value) && !/^-\d/.test(value)) value = `'${value}`;
  return value.includes(separator) || /["\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Everything in one CSV file: `,` in English; `;` and decimal commas in French, with a byte-order mark so that Excel reads UTF-8. */
export function inventoryCsv(input: InventoryInput): string {
  const french = input.locale === 'fr';
  const separator = french ? ';' : ',';
  const lines = [inventoryHeaders(input.locale), ...inventoryRows(input).flatMap((journey) => journey.rows)].map((row) =>
    row.map((cell) => csvCell(cell, separator, french)).join(separator),
  );
  return `${french ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
}
