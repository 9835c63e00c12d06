import { csvLibrary } from './libraries.ts';
import { isId } from '../model/ids.ts';
import { parsePeriod } from '../model/periods.ts';
import { quote } from '../model/text.ts';
import type { MetricValue } from '../model/types.ts';

/** A problem with a CSV file's shape, at a line and column of the file. */
export interface CsvProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export const METRICS_COLUMNS = ['journey', 'touchpoint', 'metric', 'period', 'value'] as const;

/** The separators a metrics file may use, as spreadsheets export them. */
export type Delimiter = ',' | ';' | '\t';

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/**
 * The separator of a CSV file, from its header line: the one of `,`, `;` and tab found
 * most often outside quotes (`,` when none is). Excel in French, German and other
 * locales writes `;`, since the comma is their decimal separator.
 */
export function detectDelimiter(text: string): Delimiter {
  const header = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const delimiter of DELIMITERS) if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/**
 * Values as analytics tools export them: `0.38`, `38%`, `1 234,5`, `1,234.5`. With
 * `decimalComma` (a file separated by `;` or tabs, written where the comma is the
 * decimal separator) a comma is always the decimal one: `1,234` is 1.234, `1.234,5` is 1234.5.
 */
export function parseValue(text: string, decimalComma = false): number | undefined {
  const trimmed = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  const percent = trimmed.endsWith('%');
  const body = percent ? trimmed.slice(0, -1) : trimmed;
  if (decimalComma && body.includes(',')) {
    const match = /^([-+]?(?:\d{1,3}(?:\.\d{3})*|\d+)),(\d+)$/.exec(body);
    if (!match) return undefined;
    const value = Number(`${match[1]!.replace(/\./g, '')}.${match[2]!}`);
    return percent ? value / 100 : value;
  }
  if (!/^[-+]?(\d{1,3}([.,]\d{3})*|\d+)([.,]\d+)?$/.test(body)) return undefined;
  // The last separator is the decimal one when it is followed by other than three digits, or is the only one.
  const last = Math.max(body.lastIndexOf('.'), body.lastIndexOf(','));
  const separators = (body.match(/[.,]/g) ?? []).length;
  const decimal = last !== -1 && (body.length - last - 1 !== 3 || (separators === 1 && body[last] === '.'));
  const normalized = decimal ? `${body.slice(0, last).replace(/[.,]/g, '')}.${body.slice(last + 1)}` : body.replace(/[.,]/g, '');
  const value = Number(normalized);
  if (!Number.isFinite(value)) return undefined;
  return percent ? value / 100 : value;
}

/** Columns of each field, 1-based, from the raw line (quotes included), for positions. */
function fieldColumns(line: string, delimiter: Delimiter): number[] {
  const columns = [1];
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) columns.push(i + 2);
  }
  return columns;
}

/**
 * The reason for a CSV syntax error, in words of ours: csv-parse's messages quote
 * the field at fault, and a file that is not ours must not be echoed into findings.
 */
function csvReason(code: string | undefined): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value is never closed (a missing closing quote)';
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_OPENING_QUOTE':
      return 'a quote inside a value that does not start with one (quote the whole value, and double the quotes inside it)';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a closing quote followed by other than the separator or the end of the line';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a row too long to be a metrics row';
    default:
      return 'the file could not be read as separated values';
  }
}

/**
 * Why a row is not read: a comma-separated row with a field too many is most often a
 * decimal comma left unquoted (`2026-Q4,4,4`), which must never be read as 4.
 */
function fieldCountMessage(fields: number, columns: number, delimiter: Delimiter): string {
  const counted = `This row has ${fields} field${fields === 1 ? '' : 's'} where the header has ${columns} columns`;
  if (delimiter !== ',' || fields < columns) return `${counted}.`;
  return `${counted}: a value with a comma, such as a decimal comma (4,4), must be quoted ("4,4"), or the file separated with ";" instead of ",".`;
}

/** Reads a metrics CSV: the values it holds, and what is wrong with its rows. Never throws. */
export function parseMetrics(file: string, text: string): { values: MetricValue[]; problems: CsvProblem[] } {
  const values: MetricValue[] = [];
  const problems: CsvProblem[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  const delimiter = detectDelimiter(text);
  try {
    records = csvLibrary().parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, bom: true, record_delimiter: ['\r\n', '\n', '\r'], trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { values, problems: [{ message: `CSV syntax error: ${csvReason((error as { code?: string }).code)}.`, line, column: 1 }] };
  }
  const lines = text.split(/\r\n|\r|\n/);
  const [header, ...rows] = records;
  if (!header) return { values, problems: [{ message: 'The file is empty: a metrics file starts with the header journey,touchpoint,metric,period,value.', line: 1, column: 1 }] };
  const names = header.record.map((name) => name.toLowerCase());
  const missing = METRICS_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    return {
      values,
      problems: [{ message: `The header has no ${missing.map((m) => `"${m}"`).join(', ')} column: a metrics file starts with journey,touchpoint,metric,period,value.`, line: header.info.lines, column: 1 }],
    };
  }
  const index = Object.fromEntries(METRICS_COLUMNS.map((name) => [name, names.indexOf(name)])) as Record<(typeof METRICS_COLUMNS)[number], number>;
  for (const { record, info } of rows) {
    const line = info.lines;
    const columns = fieldColumns(lines[line - 1] ?? '', delimiter);
    const at = (name: (typeof METRICS_COLUMNS)[number]): number => columns[index[name]] ?? 1;
    // Empty fields past the header's last column are a spreadsheet's trailing separators, not data.
    if (record.length < names.length || record.slice(names.length).some((field) => field !== '')) {
      problems.push({ message: fieldCountMessage(record.length, names.length, delimiter), line, column: record.length > names.length ? (columns[names.length] ?? 1) : 1 });
      continue;
    }
    const get = (name: (typeof METRICS_COLUMNS)[number]): string => record[index[name]] ?? '';
    const [journey, touchpoint, metric, periodText, valueText] = METRICS_COLUMNS.map(get) as [string, string, string, string, string];
    let bad = false;
    for (const [name, value] of [['journey', journey], ['metric', metric]] as const) {
      if (!isId(value)) {
        problems.push({ message: `"${name}" is ${quote(value)}: an id is lowercase letters and digits joined by dashes.`, line, column: at(name) });
        bad = true;
      }
    }
    if (touchpoint !== '' && !isId(touchpoint)) {
      problems.push({ message: `"touchpoint" is ${quote(touchpoint)}: an id is lowercase letters and digits joined by dashes (or empty for the whole journey).`, line, column: at('touchpoint') });
      bad = true;
    }
    const period = parsePeriod(periodText);
    if (!period) {
      problems.push({ message: `"period" is ${quote(periodText)}: write a year (2026), a quarter (2026-Q3), a month (2026-09), a week (2026-W38) or a day (2026-09-30).`, line, column: at('period') });
      bad = true;
    }
    const value = parseValue(valueText, delimiter !== ',');
    if (value === undefined) {
      problems.push({ message: `"value" is ${quote(valueText)}, which is not a number.`, line, column: at('value') });
      bad = true;
    }
    if (bad || !period || value === undefined) continue;
    values.push({ journey, touchpoint: touchpoint || undefined, metric, period: period.label, periodStart: period.start, value, file, line, column: 1 });
  }
  return { values, problems };
}
