import { lstatSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { load } from 'js-yaml';
import {
  appendDeclarations,
  BUILT_IN_CHANNELS,
  escapeValue,
  IMPORT_STATE_FILE,
  importInventory,
  InventoryError,
  INVENTORY_LIMITS,
  isId,
  loadRepository,
  mergeJourney,
  newDeclarations,
  newJourneyText,
  parseImportState,
  plural,
  readCsv,
  readMapping,
  readWorkbook,
  type Conflict,
  type Declared,
  type ImportState,
  type InventoryImport,
  type InventoryTable,
} from '../index.ts';
import { parse } from './args.ts';
import { replaceFile } from './replace-file.ts';
import { CommandError, EXIT, type Io } from './io.ts';
import { schemaComment } from './own-package.ts';

export const usage = `Usage: journeys import <file.xlsx|file.csv> [options]

Write the journeys of a touchpoint inventory (an Excel workbook, or a CSV file separated
by commas, semicolons or tabs) into journeys/: one row per touchpoint, columns named in
English or French (Stage/Étape, Touchpoint/Point de contact, Channel/Canal, Owner/
Responsable, Trigger/Déclencheur, Delay/Délai, Message, KPI, Target/Cible, ...). Running it
again on a newer workbook updates the journeys it wrote, and never a field edited by hand
since: that is reported as a conflict. See docs/import-export.md.

Options:
      --sheet <name>     Read only this sheet (repeat for several; default: every sheet)
      --journey <id>     Put every row in this journey (default: the Journey/Parcours
                         column, else the sheet's name)
      --mapping <file>   A YAML file naming the fields of unusual headers (columns:) and
                         the channel or team of cell values (channels:, owners:)
      --dry-run          Print what would be written and every row that cannot be read;
                         write nothing
      --skip-bad-rows    Write the journeys without the rows that cannot be read
  -C, --dir <path>       The repository folder (default: the current folder)
  -h, --help             Show this help

Exit status: 0 written (or nothing to change), 1 rows could not be read (nothing was
written) or fields edited by hand were left as they are (conflicts), 2 the command could
not run.`;

const MAX_MAPPING_BYTES = 1024 * 1024;

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** A regular file's bytes, bounded: a FIFO or a device would never end, a link may lead anywhere. */
function readBounded(path: string, shown: string, limit: number): Buffer {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new CommandError(`${shown} cannot be read (${code(error)}).`);
  }
  if (!stats.isFile()) throw new CommandError(`${shown} is not a file.`);
  if (stats.size > limit) throw new CommandError(`${shown} is larger than ${Math.round(limit / 1024 / 1024)} MB: split it, or import one sheet at a time.`);
  return readFileSync(path);
}

/** A small YAML declarations file of the repository, or undefined when it is missing or unreadable. */
function readDeclarations(path: string): Record<string, unknown>[] {
  try {
    const stats = lstatSync(path);
    if (!stats.isFile() || stats.size > MAX_MAPPING_BYTES) return [];
    const data = load(readFileSync(path, 'utf8')) as Record<string, unknown> | undefined;
    const list = Object.values(data ?? {})[0];
    return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}

interface Existing {
  readonly declared: Declared;
  /** Journey id -> its file, relative to the repository, for journeys that exist. */
  readonly files: ReadonlyMap<string, string>;
}

/** The teams, channels and journeys the repository has (none yet is fine: import may write the first). */
function existing(root: string): Existing {
  try {
    const { repo } = loadRepository(root);
    return {
      declared: { owners: repo.owners, channels: repo.channels },
      files: new Map(repo.journeys.map((journey) => [journey.id, journey.file])),
    };
  } catch {
    const named = (path: string): { id: string; name?: string }[] =>
      readDeclarations(path)
        .filter((item) => isId(item?.id))
        .map((item) => ({ id: item.id as string, ...(typeof item.name === 'string' ? { name: item.name } : {}) }));
    return {
      declared: { owners: named(join(root, 'journeys', 'owners.yaml')), channels: [...BUILT_IN_CHANNELS, ...named(join(root, 'journeys', 'channels.yaml'))] },
      files: new Map(),
    };
  }
}

/** Writes a file whole: a temporary file renamed over it, never through a link. */
function writeWhole(path: string, text: string, shown: string): void {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (stats && !stats.isFile()) throw new CommandError(`${shown} is not a regular file (a folder or a link): it was not written.`);
  try {
    replaceFile(path, text, `${path}.${process.pid}.import.tmp`);
  } catch (error) {
    throw new CommandError(`${shown} could not be written (${code(error)}).`);
  }
}

interface Planned {
  readonly path: string;
  readonly text: string;
  readonly summary: string;
}

const shownValue = (value: unknown): string => (value === undefined ? '(none)' : escapeValue(typeof value === 'string' ? value : JSON.stringify(value)));

export async function importCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'import',
    args,
    {
      sheet: { type: 'string', multiple: true },
      journey: { type: 'string' },
      mapping: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-bad-rows': { type: 'boolean' },
      dir: { type: 'string', short: 'C' },
      help: { type: 'boolean', short: 'h' },
    },
    1,
  );
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const [file] = positionals;
  if (file === undefined) throw new CommandError('"journeys import" needs the inventory to read, e.g. journeys import inventory.xlsx');
  if (values.journey !== undefined && !isId(values.journey)) throw new CommandError(`--journey "${values.journey}" is not an id: lowercase letters and digits joined by dashes.`);
  const root = values.dir === undefined ? io.cwd : resolve(io.cwd, values.dir);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new CommandError(`${values.dir ?? '.'} is not a folder: -C takes the repository folder.`);
  const shown = (path: string): string => relative(io.cwd, path) || '.';
  const dir = join(root, 'journeys');
  const dirStats = lstatSync(dir, { throwIfNoEntry: false });
  if (dirStats && !dirStats.isDirectory()) throw new CommandError(`${shown(dir)} is not a folder: journeys are written in the journeys/ folder of the repository.`);

  let mapping;
  if (values.mapping !== undefined) {
    let data: unknown;
    try {
      data = load(readBounded(resolve(io.cwd, values.mapping), values.mapping, MAX_MAPPING_BYTES).toString('utf8'));
    } catch (error) {
      if (error instanceof CommandError) throw error;
      throw new CommandError(`${values.mapping} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    const read = readMapping(data);
    if (read.problems.length > 0) throw new CommandError(`${values.mapping}: ${read.problems.join('; ')}.`);
    mapping = read.mapping;
  }

  const path = resolve(io.cwd, file);
  const bytes = readBounded(path, file, INVENTORY_LIMITS.fileBytes);
  let table: InventoryTable;
  try {
    const extension = extname(file).toLowerCase();
    if (extension === '.csv' || extension === '.txt' || extension === '.tsv') {
      if (values.sheet !== undefined) throw new CommandError('--sheet is for workbooks: a CSV file has one sheet.');
      table = readCsv(bytes.toString('utf8'), basename(file, extname(file)));
    } else if (extension === '.xlsx' || extension === '.xlsm') table = await readWorkbook(bytes, values.sheet ?? []);
    else throw new CommandError(`${file}: import reads .xlsx workbooks and .csv files (save an .xls or .ods workbook as .xlsx).`);
  } catch (error) {
    if (error instanceof InventoryError) throw new CommandError(`${file}: ${error.message}.`);
    throw error;
  }

  const { declared, files } = existing(root);
  const result = importInventory(table, declared, { mapping, journey: values.journey });
  printNotes(result, io);
  printProblems(result, io);
  if (result.journeys.length === 0) {
    io.stderr.write(`No journey was read from ${escapeValue(file)}: nothing was written.\n`);
    return EXIT.findings;
  }
  const blocked = result.problems.length > 0 && !values['skip-bad-rows'];

  // What would be written.
  const statePath = join(dir, IMPORT_STATE_FILE);
  const stateText = lstatSync(statePath, { throwIfNoEntry: false })?.isFile() ? readFileSync(statePath, 'utf8') : undefined;
  const state = parseImportState(stateText);
  const nextState: { version: 1; journeys: Record<string, { file: string; fields: Record<string, string> }> } = { version: 1, journeys: { ...state.journeys } };
  const planned: Planned[] = [];
  const conflicts: Conflict[] = [];
  const notes: string[] = [];
  for (const journey of result.journeys) {
    const recorded = state.journeys[journey.id];
    const relativeFile = files.get(journey.id) ?? recorded?.file ?? `journeys/${journey.id}.journey.yaml`;
    const target = join(root, relativeFile);
    const stats = lstatSync(target, { throwIfNoEntry: false });
    if (!stats) {
      const { text, fields } = newJourneyText(journey);
      planned.push({ path: target, text: schemaComment('journey', dir, root) + text, summary: `create ${relativeFile} (${plural(journey.stages.length, 'stage')}, ${plural(journey.touchpoints.length, 'touchpoint')})` });
      nextState.journeys[journey.id] = { file: relativeFile, fields };
      continue;
    }
    if (!stats.isFile() || relativeFile.endsWith('.md')) {
      notes.push(`${relativeFile} holds journey "${journey.id}" ${stats.isFile() ? 'as Markdown, which import does not edit' : 'but is not a regular file'}: it was left as it is.`);
      continue;
    }
    const merged = mergeJourney(readFileSync(target, 'utf8'), relativeFile, journey, recorded?.fields);
    conflicts.push(...merged.conflicts);
    for (const id of merged.gone) notes.push(`${relativeFile}: touchpoint "${id}" is no longer in the workbook; it was left in place (delete it by hand if it is gone).`);
    nextState.journeys[journey.id] = { file: relativeFile, fields: merged.fields };
    if (merged.text !== undefined) planned.push({ path: target, text: merged.text, summary: `update ${relativeFile}: ${merged.changes.join(', ')}` });
  }
  for (const [kind, entries] of [
    ['owners', result.newOwners],
    ['channels', result.newChannels],
  ] as const) {
    if (entries.length === 0) continue;
    const target = join(dir, `${kind}.yaml`);
    const stats = lstatSync(target, { throwIfNoEntry: false }) ?? lstatSync(join(dir, `${kind}.yml`), { throwIfNoEntry: false });
    const list = entries.map((entry) => entry.id).join(', ');
    const extra = kind === 'channels' ? ' (not outbound: add "outbound: true" to those the company sends messages on)' : '';
    if (!stats) {
      planned.push({ path: target, text: schemaComment(kind, dir, root) + newDeclarations(kind, entries), summary: `create journeys/${kind}.yaml declaring ${list}${extra}` });
      continue;
    }
    const appended = stats.isFile() && lstatSync(target, { throwIfNoEntry: false }) ? appendDeclarations(readFileSync(target, 'utf8'), kind, entries) : undefined;
    if (appended === undefined) {
      notes.push(`journeys/${kind}.yaml could not be added to (its list is not the last thing in it, or not a block list): declare ${list} there by hand.`);
      continue;
    }
    planned.push({ path: target, text: appended, summary: `add ${list} to journeys/${kind}.yaml${extra}` });
  }
  const stateChanged = JSON.stringify(nextState) !== JSON.stringify(state);
  for (const note of notes) io.stderr.write(`${escapeValue(note)}\n`);
  printConflicts(conflicts, io);

  if (values['dry-run']) {
    for (const plan of planned) io.stdout.write(`Would ${escapeValue(plan.summary)}\n`);
    if (planned.length === 0) io.stdout.write('Nothing to change.\n');
  }
  if (blocked) {
    io.stderr.write(`${plural(result.problems.length, 'cell')} could not be read: nothing was written. Fix them, or pass --skip-bad-rows to write the journeys without those rows.\n`);
    return EXIT.findings;
  }
  if (values['dry-run']) {
    io.stdout.write('Dry run: nothing was written.\n');
    return conflicts.length > 0 ? EXIT.findings : EXIT.ok;
  }
  if (planned.length > 0 || stateChanged) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new CommandError(`${shown(dir)} could not be made (${code(error)}): nothing was written.`);
    }
  }
  for (const plan of planned) {
    writeWhole(plan.path, plan.text, shown(plan.path));
    io.stdout.write(`${escapeValue(plan.summary.replace(/^(create|update|add)/, (verb) => ({ create: 'Created', update: 'Updated', add: 'Added' })[verb as 'create'] ?? verb))}\n`);
  }
  if (stateChanged) writeWhole(statePath, `${JSON.stringify(nextState as ImportState, null, 2)}\n`, shown(statePath));
  if (planned.length === 0) io.stdout.write('Nothing to change: the journeys already say what the workbook says.\n');
  else io.stdout.write('Run "journeys lint" to check them.\n');
  return conflicts.length > 0 ? EXIT.findings : EXIT.ok;
}

function printNotes(result: InventoryImport, io: Io): void {
  for (const note of result.notes) io.stderr.write(`${escapeValue(note)}\n`);
}

function printProblems(result: InventoryImport, io: Io): void {
  for (const problem of result.problems) {
    const column = problem.column === '' ? '' : `, column ${problem.column}`;
    io.stderr.write(`${escapeValue(`Sheet "${problem.sheet}", row ${problem.row}${column}: ${problem.message}`)}\n`);
  }
}

function printConflicts(conflicts: readonly Conflict[], io: Io): void {
  for (const conflict of conflicts) {
    io.stderr.write(
      `${escapeValue(`Conflict in ${conflict.file}, ${conflict.field}: edited by hand since the last import ("${shownValue(conflict.current)}"), and the workbook now says "${shownValue(conflict.workbook)}". The file keeps its value; change the file or the workbook so that they agree.`)}\n`,
    );
  }
}
