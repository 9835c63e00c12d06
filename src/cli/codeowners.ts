/**
 * `journeys codeowners`: the block of the repository's CODEOWNERS that asks the teams
 * running each journey to review changes to it, replaced in place on each run.
 */
import { lstatSync, mkdirSync, readFileSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { BEGIN_MARKER, codeownersBlock, escapeValue, gitPrefix, loadRepository, plural, spliceBlock } from '../index.ts';
import { parse } from './args.ts';
import { errorCode, replaceFile } from './replace-file.ts';
import { CommandError, EXIT, type Io } from './io.ts';

export const usage = `Usage: journeys codeowners [path] [options]

Write the journeys' block of the repository's CODEOWNERS file: each journey file
owned by the GitHub handles (github: in owners.yaml) of its owner and of its
touchpoints' owners, so that a change to a journey requests their review. The block
lies between "# BEGIN journeys codeowners" and "# END journeys codeowners" lines and
is replaced on each run; the rest of the file is kept as it is. Owners without a
github handle are left out, with a note.

The file is the one GitHub reads: .github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS
at the top of the git repository (.github/CODEOWNERS when there is none).

Options:
      --file <path>  Write this CODEOWNERS file instead (inside the repository)
      --check        Write nothing; exit 1 if the block is out of date, saying what differs
  -h, --help         Show this help`;

/** Where GitHub looks for CODEOWNERS, in its order. */
const PLACES = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

function standing(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

const inside = (top: string, path: string): boolean => path === top || path.startsWith(top.endsWith(sep) ? top : `${top}${sep}`);

/** The top of the git work tree holding the repository at `root` (the repository itself outside git). */
function gitTop(root: string, prefix: string): string {
  return resolve(root, ...prefix.split('/').filter(Boolean).map(() => '..'));
}

/**
 * The CODEOWNERS file to write: the one given, or the one GitHub reads, checked to be a
 * regular file (or none yet) inside the repository, reached through no link.
 */
function targetFile(top: string, given: string | undefined, cwd: string): { absolute: string; shown: string } {
  const absolute = given === undefined ? join(top, PLACES.find((place) => standing(join(top, place)) !== undefined) ?? PLACES[0]) : resolve(cwd, given);
  const shown = relative(top, absolute).split(sep).join('/');
  if (given === '' || !inside(top, absolute) || absolute === top) throw new CommandError(`--file ${given ?? ''} is not a file inside the repository (${top}): nothing is written outside it.`);
  if (shown.split('/').includes('.git')) throw new CommandError(`${shown} is inside .git: give a CODEOWNERS file of the work tree.`);
  // Each folder on the way must be a real folder of the repository, not a link out of it (or back into it).
  let folder = top;
  for (const part of shown.split('/').slice(0, -1)) {
    folder = join(folder, part);
    const stats = standing(folder);
    if (stats === undefined) break;
    if (stats.isSymbolicLink()) throw new CommandError(`${shown}: ${relative(top, folder)} is a link; nothing is written through one.`);
    if (!stats.isDirectory()) throw new CommandError(`${shown}: ${relative(top, folder)} is not a folder.`);
  }
  const stats = standing(absolute);
  if (stats?.isSymbolicLink()) throw new CommandError(`${shown} is a link: nothing is written through one. Make it a regular file, or give --file.`);
  if (stats !== undefined && !stats.isFile()) throw new CommandError(`${shown} is not a regular file.`);
  return { absolute, shown };
}

/** Writes the file whole: a temporary file renamed over it, so that a failed write leaves what was there. */
function writeWhole(absolute: string, shown: string, text: string): void {
  try {
    mkdirSync(dirname(absolute), { recursive: true });
    replaceFile(absolute, text, join(dirname(absolute), `.${process.pid}.journeys-codeowners.tmp`));
  } catch (error) {
    throw new CommandError(`${shown} could not be written (${errorCode(error)}): nothing was changed.`);
  }
}

export function codeownersCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse('codeowners', args, { file: { type: 'string' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, 1);
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const { root, repo } = loadRepository(positionals[0] ?? io.cwd);
  const prefix = gitPrefix(root);
  const top = gitTop(root, prefix);
  const { absolute, shown } = targetFile(top, values.file, io.cwd);
  const { lines, notes } = codeownersBlock(repo, prefix);
  for (const note of notes) io.stderr.write(`journeys codeowners: ${escapeValue(note)}\n`);

  const stats = standing(absolute);
  let existing: string;
  try {
    // Decoded strictly: text that is not UTF-8 would not be written back byte for byte.
    existing = stats === undefined ? '' : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(absolute));
  } catch (error) {
    if (error instanceof TypeError) throw new CommandError(`${shown} is not UTF-8 text: it is left as it is.`);
    throw new CommandError(`${shown} could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
  }
  const spliced = spliceBlock(existing, lines);
  if (!spliced.ok) throw new CommandError(`${shown}: ${spliced.reason}.`);
  const current = spliced.text === existing;
  if (values.check) {
    if (current) {
      io.stdout.write(`${shown} is up to date: ${plural(lines.length, 'journey file')} with owners.\n`);
      return EXIT.ok;
    }
    const removed = spliced.old.filter((line) => !lines.includes(line));
    const added = lines.filter((line) => !spliced.old.includes(line));
    const what = stats === undefined ? `${shown} does not exist` : existing.includes(BEGIN_MARKER) ? `The journeys block of ${shown} is out of date` : `${shown} has no journeys block`;
    io.stdout.write(`${what}: run "journeys codeowners" to write it.\n${[...removed.map((line) => `- ${escapeValue(line)}`), ...added.map((line) => `+ ${escapeValue(line)}`)].join('\n')}\n`);
    return EXIT.findings;
  }
  if (current) {
    io.stdout.write(`${shown} is up to date: ${plural(lines.length, 'journey file')} with owners.\n`);
    return EXIT.ok;
  }
  writeWhole(absolute, shown, spliced.text);
  io.stdout.write(`Wrote the journeys block of ${shown}: ${plural(lines.length, 'journey file')} with owners.\n`);
  return EXIT.ok;
}
