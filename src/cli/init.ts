import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { todayIn } from '../index.ts';
import { parse } from './args.ts';
import { CommandError, EXIT, type Io } from './io.ts';
import { ownPackage, schemaComment, type SchemaKind } from './own-package.ts';
import { completePackageJson, type PackageNeeds } from './package-json.ts';

export const usage = `Usage: journeys init [dir] [options]

Set up a journeys repository in dir (default: the current folder): the npm scripts
and dev dependency in package.json, journeys.config.yaml, a first journey, its teams
and a scenario in journeys/, a GitHub workflow, VS Code settings and .gitignore.
A file that exists is never overwritten; package.json only gets what it lacks.

Options:
  -h, --help   Show this help`;

/** The templates, read at run time: the same path from src/cli and from a compiled lib/cli. */
const TEMPLATES = new URL('../../templates/init/', import.meta.url);

interface Template {
  /** Where it goes in the repository. */
  readonly path: string;
  /** Its file under templates/init/. */
  readonly template: string;
  /** The schema a YAML file names in its first line, when one resolves. */
  readonly schema?: SchemaKind;
  /** An example, written only into a journeys/ folder that holds no journey yet. */
  readonly example?: boolean;
}

const FILES: readonly Template[] = [
  { path: 'journeys.config.yaml', template: 'journeys.config.yaml', schema: 'config' },
  { path: 'journeys/owners.yaml', template: 'journeys/owners.yaml', schema: 'owners', example: true },
  { path: 'journeys/welcome.journey.yaml', template: 'journeys/welcome.journey.yaml', schema: 'journey', example: true },
  {
    path: 'journeys/scenarios/new-customer-first-month.scenario.yaml',
    template: 'journeys/scenarios/new-customer-first-month.scenario.yaml',
    schema: 'scenario',
    example: true,
  },
  { path: '.github/workflows/journeys.yml', template: 'github/workflows/journeys.yml' },
  { path: '.github/dependabot.yml', template: 'github/dependabot.yml' },
  { path: '.vscode/settings.json', template: 'vscode/settings.json' },
  { path: '.vscode/extensions.json', template: 'vscode/extensions.json' },
  // npm leaves files named .gitignore out of a package: the template has another name.
  { path: '.gitignore', template: 'gitignore' },
];

/**
 * The dependencies of this package whose install scripts its commands need, which
 * npm runs only once package.json approves them (allowScripts): esbuild, which
 * builds the site under Astro. A test holds this list to package-lock.json.
 */
export const INSTALL_SCRIPTS: readonly string[] = ['esbuild'];

/** What a journeys repository's package.json needs from this package. */
export function packageNeeds(name: string, version: string): PackageNeeds {
  return {
    scripts: { lint: 'journeys lint', site: 'journeys build', dev: 'journeys dev' },
    devDependency: { name, range: `^${version}` },
    allowScripts: INSTALL_SCRIPTS,
  };
}

/** Text as it may be printed: no control character reaches the terminal. */
const printable = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function fillIn(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`Template placeholder {{${key}}} has no value`);
    return value;
  });
}

/** Why the file system refused, in words. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
      return 'a part of that path is a file, not a folder';
    case 'EEXIST':
      return 'a file or a link is in the way';
    case 'ENOENT':
      return 'a part of that path does not exist (a link to nothing?)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'links that point at each other';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the disk';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return code ?? (error as Error).message;
  }
}

/** The folder to set up, made when missing; a CommandError when it cannot be one. */
function prepareFolder(root: string, shown: string): void {
  let stat;
  try {
    stat = lstatSync(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new CommandError(`Cannot use ${shown}: ${reason(error)}.`);
    try {
      mkdirSync(root, { recursive: true });
      return;
    } catch (mkdirError) {
      throw new CommandError(`Cannot create the folder ${shown}: ${reason(mkdirError)}.`);
    }
  }
  if (stat.isSymbolicLink()) {
    try {
      stat = statSync(root);
    } catch {
      throw new CommandError(`${shown} is a link to ${printable(readlinkSync(root))}, which does not exist: give the folder to set up.`);
    }
  }
  if (!stat.isDirectory()) throw new CommandError(`${shown} is a file, not a folder: give the folder to set up (or nothing, for the current one).`);
}

const exists = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Whether journeys/ already holds a journey anywhere below it. */
function hasJourneys(journeysDir: string): boolean {
  try {
    return readdirSync(journeysDir, { recursive: true, encoding: 'utf8' }).some((entry) => /\.journey\.(ya?ml|md)$/.test(entry));
  } catch {
    return false;
  }
}

/** The first folder on the way from root to `path` that is something else (a file, a link to nothing), if any. */
function blocker(root: string, path: string): string | undefined {
  const parts = relative(root, path).split(/[\\/]/).slice(0, -1);
  for (let n = 1; n <= parts.length; n += 1) {
    const folder = join(root, ...parts.slice(0, n));
    if (!exists(folder)) return undefined;
    try {
      if (!statSync(folder).isDirectory()) return parts.slice(0, n).join('/');
    } catch {
      return parts.slice(0, n).join('/');
    }
  }
  return undefined;
}

/** Writes a new file and only a new file; the error says why not. */
function writeNew(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { flag: 'wx' });
}

interface Report {
  readonly lines: string[];
  readonly problems: string[];
}

function initPackageJson(root: string, needs: PackageNeeds, report: Report): { devDependencyAdded: boolean } {
  const path = join(root, 'package.json');
  let before: string | undefined;
  if (exists(path)) {
    if (lstatSync(path).isSymbolicLink()) {
      report.problems.push('package.json is a link: left alone. Add the scripts, the dev dependency and allowScripts to the file it points at yourself.');
      return { devDependencyAdded: false };
    }
    try {
      before = readFileSync(path, 'utf8');
    } catch (error) {
      report.problems.push(`package.json cannot be read (${reason(error)}): left alone.`);
      return { devDependencyAdded: false };
    }
  }
  const result = completePackageJson(before, needs, basename(root));
  if ('error' in result) {
    report.problems.push(`package.json: ${result.error}; left alone. Fix it, then run "journeys init" again.`);
    return { devDependencyAdded: false };
  }
  const devDependencyAdded = result.added.includes(`devDependencies.${needs.devDependency.name}`);
  if (before === undefined) {
    try {
      writeNew(path, result.text);
      report.lines.push(`  wrote       package.json`);
    } catch (error) {
      report.problems.push(`Cannot write package.json: ${reason(error)}.`);
    }
    return { devDependencyAdded };
  }
  if (result.added.length === 0) {
    report.lines.push(`  left alone  package.json (it has the scripts, the dev dependency and the install-script approval)`);
  } else {
    // Written beside it, then renamed over it: an interrupted write never leaves half a package.json.
    const temporary = `${path}.journeys-init-${process.pid}`;
    try {
      writeFileSync(temporary, result.text, { flag: 'wx' });
      renameSync(temporary, path);
      report.lines.push(`  updated     package.json: added ${result.added.map(printable).join(', ')}`);
    } catch (error) {
      rmSync(temporary, { force: true });
      report.problems.push(`Cannot update package.json: ${reason(error)}.`);
      return { devDependencyAdded: false };
    }
  }
  for (const key of result.kept) report.lines.push(`              package.json keeps its own ${printable(key)}`);
  for (const note of result.notes) report.lines.push(`              ${printable(note)}`);
  return { devDependencyAdded };
}

export function initCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse('init', args, { help: { type: 'boolean', short: 'h' } }, 1);
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const [given] = positionals;
  const root = resolve(io.cwd, given ?? '.');
  const shown = printable(given ?? '.');
  prepareFolder(root, shown);

  const { name, version } = ownPackage();
  const fills = { today: todayIn(io.now()), package: name, version };
  const report: Report = { lines: [], problems: [] };
  const { devDependencyAdded } = initPackageJson(root, packageNeeds(name, version), report);

  const examples = !hasJourneys(join(root, 'journeys'));
  for (const file of FILES) {
    const target = join(root, file.path);
    if (exists(target)) {
      report.lines.push(`  left alone  ${file.path} (it exists)`);
      continue;
    }
    if (file.example && !examples) {
      report.lines.push(`  skipped     ${file.path} (journeys/ holds journeys already: no example)`);
      continue;
    }
    try {
      const text = fillIn(readFileSync(new URL(file.template, TEMPLATES), 'utf8'), fills);
      writeNew(target, (file.schema ? schemaComment(file.schema, dirname(target), root) : '') + text);
      report.lines.push(`  wrote       ${file.path}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === undefined) throw error;
      const inTheWay = blocker(root, target);
      report.problems.push(`Cannot write ${file.path}: ${inTheWay ? `${printable(inTheWay)} is not a folder` : reason(error)}.`);
    }
  }

  // The folder as the user would type it: relative below the current one, else absolute.
  const below = relative(io.cwd, root);
  const where = below.startsWith('..') || isAbsolute(below) ? root : below;
  io.stdout.write(`Journeys repository in ${where === '' ? 'this folder' : printable(where)}:\n${report.lines.join('\n')}\n`);
  for (const problem of report.problems) io.stderr.write(`journeys init: ${problem}\n`);

  const steps: [string, string][] = [];
  if (where !== '') steps.push([`cd ${printable(where)}`, '']);
  if (devDependencyAdded || !existsSync(join(root, 'node_modules', name, 'package.json'))) steps.push(['npm install', `install ${name} and what it needs`]);
  steps.push(['npx journeys lint', 'check the journeys (also: npm run lint)']);
  steps.push(['npx journeys build', 'build the journey site into dist/ (npx journeys dev serves it as you edit)']);
  const width = Math.max(...steps.map(([command]) => command.length)) + 2;
  io.stdout.write(
    `\nNext steps:\n${steps.map(([command, why]) => `  ${why ? command.padEnd(width) + why : command}`).join('\n')}\n` +
      'Then commit it all, package-lock.json included: the workflow installs from it.\n',
  );
  return report.problems.length > 0 ? EXIT.usage : EXIT.ok;
}
