import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { check, inventoryCsv, inventoryXlsx, plural, scorecards, simulate } from '../index.ts';
import { parse, todayOption } from './args.ts';
import { printConfigErrors } from './lint.ts';
import { CommandError, EXIT, type Io } from './io.ts';
import { checkNotInRepository, outputFilePath } from './output-file.ts';

export const usage = `Usage: journeys export [path] [options]

Write the touchpoint inventory of the journeys repository at path (default: the current
folder) as the quarterly review reads it: one row per touchpoint with every field, its
findings and its journey's grade. A workbook has a sheet of every journey, then one sheet
per journey, headers frozen and filters on; a CSV file holds everything. "journeys import"
reads it back. See docs/import-export.md.

Options:
  -f, --format <name>       xlsx (default) or csv
      --locale <code>       en (default) or fr: French headers, and for CSV ";" between
                            fields and decimal commas, as French Excel opens it
  -o, --output-file <file>  Where to write (default: journeys-inventory.xlsx or .csv)
      --today <date>        Run the rules as of this date (YYYY-MM-DD)
  -h, --help                Show this help

Exit status: 0 written, 2 the command could not run.`;

const FORMATS = ['xlsx', 'csv'] as const;
const LOCALES = ['en', 'fr'] as const;

/** Writes the file whole: a temporary file renamed over the path, so that a failed write leaves what was there. */
function writeWhole(absolute: string, shown: string, bytes: string | Buffer): void {
  try {
    mkdirSync(dirname(absolute), { recursive: true });
  } catch (error) {
    throw new CommandError(`${shown}: its folder cannot be created (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  const temporary = join(dirname(absolute), `.${process.pid}.journeys-export.tmp`);
  let created = false;
  try {
    const fd = openSync(temporary, 'wx');
    created = true;
    try {
      writeFileSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, absolute);
  } catch (error) {
    if (created) rmSync(temporary, { force: true });
    throw new CommandError(`${shown} could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): nothing was changed.`);
  }
}

export async function exportCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'export',
    args,
    {
      format: { type: 'string', short: 'f' },
      locale: { type: 'string' },
      'output-file': { type: 'string', short: 'o' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    1,
  );
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const format = (values.format ?? 'xlsx') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new CommandError(`Unknown format "${values.format}": use ${FORMATS.join(' or ')}.`);
  const locale = (values.locale ?? 'en') as (typeof LOCALES)[number];
  if (!LOCALES.includes(locale)) throw new CommandError(`--locale takes ${LOCALES.join(' or ')}, not "${values.locale}".`);
  const today = todayOption(values.today);
  const output = values['output-file'] ?? `journeys-inventory.${format}`;
  const absolute = outputFilePath(output, io.cwd);
  const result = check(positionals[0] ?? io.cwd, { today, now: io.now() });
  if (result.configErrors.length > 0) {
    printConfigErrors(result, io);
    return EXIT.usage;
  }
  checkNotInRepository(absolute, result.root, result.repo.files.map((file) => file.path), output);
  const cards = scorecards(result.repo, result.findings, simulate(result.repo), result.today);
  const input = { repo: result.repo, findings: result.findings, cards, locale };
  writeWhole(absolute, output, format === 'xlsx' ? await inventoryXlsx(input) : inventoryCsv(input));
  const touchpoints = result.repo.journeys.reduce((sum, journey) => sum + journey.touchpoints.length, 0);
  io.stdout.write(`Wrote ${relative(io.cwd, absolute) || output}: ${plural(result.repo.journeys.length, 'journey')}, ${plural(touchpoints, 'touchpoint')}.\n`);
  return EXIT.ok;
}
