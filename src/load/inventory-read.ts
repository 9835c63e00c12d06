/**
 * Reads a touchpoint inventory (an Excel workbook or a CSV file) into plain cells. The file
 * is untrusted: its size, the size its archive unpacks to, its rows, columns and cells are
 * bounded; formulas are read as the values the spreadsheet saved, never evaluated; a merged
 * cell reads as its top-left cell.
 */
import { csvLibrary } from './libraries.ts';
import { detectDelimiter, parseValue } from './metrics.ts';
import { formatCount } from '../model/text.ts';

export type CellValue = string | number | boolean | Date;

export interface InventoryRow {
  /** The row's number in the sheet or file, 1-based, as a spreadsheet shows it. */
  readonly row: number;
  /** By column, 0-based; undefined for an empty cell. */
  readonly cells: readonly (CellValue | undefined)[];
  /** Columns whose cell is part of a merge that starts on a row above. */
  readonly mergedFromAbove: ReadonlySet<number>;
  /** Columns whose cell is a formula with no saved value, or an error value (`#N/A`), and why. */
  readonly unreadable: ReadonlyMap<number, string>;
  /** A cell of the row sums others (`SUM(`, `SOMME(`): a total row. */
  readonly sums: boolean;
}

export interface InventorySheet {
  readonly name: string;
  readonly rows: readonly InventoryRow[];
}

export interface InventoryTable {
  readonly sheets: readonly InventorySheet[];
  /** A CSV separated by `;` or tabs, where a comma in a number is the decimal one. */
  readonly decimalComma: boolean;
}

export const INVENTORY_LIMITS = {
  /** Bytes of the file itself. */
  fileBytes: 20 * 1024 * 1024,
  /** Bytes a workbook's archive may unpack to (a small file can unpack to gigabytes). */
  unpackedBytes: 200 * 1024 * 1024,
  rows: 50_000,
  columns: 200,
  /** Characters in one cell: a message's text is at most 10,000. */
  cellCharacters: 10_000,
} as const;

/** A file that cannot be read as an inventory at all; the message says why, in the user's terms. */
export class InventoryError extends Error {
  override readonly name = 'InventoryError';
}

const ZIP_END = 0x06054b50;
const ZIP_ENTRY = 0x02014b50;

/**
 * The bytes an archive says it unpacks to, from its central directory, without unpacking
 * it; undefined when the directory cannot be found (then the archive is refused anyway).
 */
function unpackedSize(bytes: Buffer): number | undefined {
  for (let end = bytes.length - 22; end >= Math.max(0, bytes.length - 22 - 0xffff); end -= 1) {
    if (bytes.readUInt32LE(end) !== ZIP_END) continue;
    const entries = bytes.readUInt16LE(end + 10);
    let at = bytes.readUInt32LE(end + 16);
    let total = 0;
    for (let i = 0; i < entries; i += 1) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== ZIP_ENTRY) return undefined;
      total += bytes.readUInt32LE(at + 24);
      at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    return total;
  }
  return undefined;
}

function tooLong(text: string): boolean {
  return text.length > INVENTORY_LIMITS.cellCharacters;
}

/** The text of rich text and links, the saved result of a formula, a date as a date. */
function cellValue(value: unknown): { value?: CellValue; unreadable?: string; sums?: boolean } {
  if (value === null || value === undefined || value === '') return {};
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return { value };
  const object = value as { formula?: string; sharedFormula?: string; result?: unknown; richText?: { text?: string }[]; text?: unknown; error?: string };
  if (object.formula !== undefined || object.sharedFormula !== undefined) {
    const sums = /\b(?:SUM|SOMME|SUBTOTAL|SOUS\.TOTAL)\s*\(/i.test(object.formula ?? object.sharedFormula ?? '');
    const result = object.result;
    if (result === undefined || result === null) return { unreadable: 'a formula with no saved value: open the workbook in a spreadsheet and save it', sums };
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) return { unreadable: `the formula's value is the error ${String((result as { error: unknown }).error)}`, sums };
    return { ...cellValue(result), sums };
  }
  if (object.error !== undefined) return { unreadable: `the cell holds the error ${object.error}` };
  if (Array.isArray(object.richText)) return cellValue(object.richText.map((part) => part.text ?? '').join(''));
  if (object.text !== undefined) return cellValue(typeof object.text === 'object' ? (object.text as { richText?: unknown }) : object.text);
  return {};
}

/** Every sheet of a workbook, or those named (an unknown name is an error that lists the others). */
export async function readWorkbook(bytes: Buffer, sheetNames: readonly string[] = []): Promise<InventoryTable> {
  if (bytes.length > INVENTORY_LIMITS.fileBytes) throw new InventoryError(`the file is larger than ${INVENTORY_LIMITS.fileBytes / 1024 / 1024} MB`);
  const unpacked = unpackedSize(bytes);
  if (unpacked === undefined) throw new InventoryError('the file is not an Excel workbook (.xlsx): save it as one, or as CSV');
  if (unpacked > INVENTORY_LIMITS.unpackedBytes) throw new InventoryError(`the workbook unpacks to more than ${INVENTORY_LIMITS.unpackedBytes / 1024 / 1024} MB`);
  // Loaded on first use: about half a second that no other command should pay.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new InventoryError('the workbook could not be read (a damaged file, or not an .xlsx workbook): save it again as .xlsx, or as CSV');
  }
  const all = workbook.worksheets.filter((sheet) => sheet.state !== 'veryHidden');
  const unknown = sheetNames.filter((name) => !all.some((sheet) => sheet.name === name));
  if (unknown.length > 0) throw new InventoryError(`no sheet named ${unknown.map((name) => `"${name}"`).join(', ')}; the workbook has ${all.map((sheet) => `"${sheet.name}"`).join(', ')}`);
  const chosen = sheetNames.length > 0 ? all.filter((sheet) => sheetNames.includes(sheet.name)) : all;
  let rowCount = 0;
  const sheets: InventorySheet[] = [];
  for (const sheet of chosen) {
    const rows: InventoryRow[] = [];
    let failure: string | undefined;
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      if (failure !== undefined) return;
      rowCount += 1;
      if (rowCount > INVENTORY_LIMITS.rows) failure = `the workbook has more than ${formatCount(INVENTORY_LIMITS.rows)} rows`;
      const cells: (CellValue | undefined)[] = [];
      const mergedFromAbove = new Set<number>();
      const unreadable = new Map<number, string>();
      let sums = false;
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (failure !== undefined) return;
        if (column > INVENTORY_LIMITS.columns) {
          failure = `sheet "${sheet.name}" has more than ${INVENTORY_LIMITS.columns} columns`;
          return;
        }
        const master = cell.isMerged ? cell.master : cell;
        if (master !== cell && Number(master.row) < number) mergedFromAbove.add(column - 1);
        const read = cellValue(master.value);
        if (read.sums) sums = true;
        if (read.unreadable !== undefined) unreadable.set(column - 1, read.unreadable);
        else if (typeof read.value === 'string' && tooLong(read.value)) unreadable.set(column - 1, `the cell holds more than ${formatCount(INVENTORY_LIMITS.cellCharacters)} characters`);
        else cells[column - 1] = typeof read.value === 'string' ? read.value.trim() || undefined : read.value;
      });
      if (cells.some((cell) => cell !== undefined) || unreadable.size > 0) rows.push({ row: number, cells, mergedFromAbove, unreadable, sums });
    });
    if (failure !== undefined) throw new InventoryError(failure);
    sheets.push({ name: sheet.name, rows });
  }
  return { sheets, decimalComma: false };
}

/** A CSV file as one sheet named after the file: the separator detected as for metrics files. */
export function readCsv(text: string, name: string): InventoryTable {
  if (Buffer.byteLength(text) > INVENTORY_LIMITS.fileBytes) throw new InventoryError(`the file is larger than ${INVENTORY_LIMITS.fileBytes / 1024 / 1024} MB`);
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = csvLibrary().parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      trim: true,
      max_record_size: INVENTORY_LIMITS.cellCharacters * 4,
      to: INVENTORY_LIMITS.rows + 1,
    }) as unknown as typeof records;
  } catch (error) {
    throw new InventoryError(`line ${(error as { lines?: number }).lines ?? 1}: the file could not be read as separated values (an unclosed quote, or a row too long)`);
  }
  if (records.length > INVENTORY_LIMITS.rows) throw new InventoryError(`the file has more than ${formatCount(INVENTORY_LIMITS.rows)} rows`);
  const rows: InventoryRow[] = [];
  for (const { record, info } of records) {
    if (record.length > INVENTORY_LIMITS.columns) throw new InventoryError(`line ${info.lines} has more than ${INVENTORY_LIMITS.columns} columns`);
    const unreadable = new Map<number, string>();
    const cells = record.map((field, column) => {
      if (tooLong(field)) unreadable.set(column, `the cell holds more than ${formatCount(INVENTORY_LIMITS.cellCharacters)} characters`);
      // An export guards text that would start a formula with a `'` (see format/inventory.ts).
      return field === '' || tooLong(field) ? undefined : field.replace(/^'(?=[=+\-@\t\r])/, '');
    });
    if (cells.some((cell) => cell !== undefined) || unreadable.size > 0) rows.push({ row: info.lines, cells, mergedFromAbove: new Set(), unreadable, sums: false });
  }
  return { sheets: [{ name, rows }], decimalComma: delimiter !== ',' };
}

export { parseValue as parseNumber };
