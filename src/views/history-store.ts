/**
 * The score history's grades kept from one build to the next: a commit's grades are a
 * function of the commit, the tool and the date it is linted as of (score-history.ts),
 * and making them loads and lints the whole repository as it was, once per commit.
 *
 * One file, in the lint cache's folder when that is node_modules/.cache/journeys/ (a
 * repository without node_modules gets no folder of ours written at its top): a magic
 * line, a JSON header (format, the tool's identity, a digest of the body), then the body,
 * a JSON object of grades by key. A file that is damaged, unreadable, written by
 * another version or not a regular file inside the repository is never trusted: it is
 * ignored and written anew (a file there that is not ours is left alone). It holds the
 * grades of the last build only, so it stays the size of one history.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheFile } from '../load/cache.ts';
import { writeCacheFile } from '../load/cache-file-write.ts';
import { packageVersion, sourceDigest } from '../load/tool-identity.ts';
import type { GradesStore, HistoryGrade, HistoryGrades } from './score-history.ts';

const MAGIC = 'journeys-score-history\n';
/** Bumped whenever what the body holds changes shape. */
const FORMAT = 1;
export const HISTORY_FILE = 'score-history.cache';
const LETTERS: ReadonlySet<unknown> = new Set(['A', 'B', 'C', 'D', 'E', 'F']);

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * The tool that makes grades: its version, and when it runs from its sources (a
 * checkout, where the code changes without the version), a digest of the code that
 * loads, lints, simulates and scores.
 */
function toolIdentity(): string {
  return `${packageVersion()} ${sourceDigest(['analyze', 'engine', 'load', 'model', 'rules', 'score', 'simulate', 'views'])}`.trim();
}

function validGrade(value: unknown): value is HistoryGrade {
  if (value === null || typeof value !== 'object') return false;
  const grade = value as Record<string, unknown>;
  return (
    typeof grade.id === 'string' &&
    (grade.name === undefined || typeof grade.name === 'string') &&
    Number.isInteger(grade.touchpoints) &&
    (grade.touchpoints as number) >= 0 &&
    (grade.score === undefined || (typeof grade.score === 'number' && Number.isFinite(grade.score))) &&
    (grade.letter === undefined || LETTERS.has(grade.letter))
  );
}

function validGrades(value: unknown): value is HistoryGrades {
  if (value === null || typeof value !== 'object') return false;
  const { company, journeys } = value as Record<string, unknown>;
  return validGrade(company) && Array.isArray(journeys) && journeys.every(validGrade);
}

/** Whether `path` is a folder and no link, or is not there (yet). */
function folderOrNothing(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** The grades in `file`, or undefined when it holds none to trust; `foreign` when the file is not ours. */
function readGrades(file: string): { grades?: Map<string, HistoryGrades>; foreign?: true } {
  let bytes: Buffer;
  try {
    // A link could lead outside the repository: only a regular file is read.
    if (!lstatSync(file).isFile()) return { foreign: true };
    bytes = readFileSync(file);
  } catch {
    return {};
  }
  const magic = Buffer.from(MAGIC);
  if (bytes.length < magic.length || !bytes.subarray(0, magic.length).equals(magic)) return { foreign: true };
  const end = bytes.indexOf(10, magic.length);
  if (end === -1) return {};
  try {
    const header = JSON.parse(bytes.toString('utf8', magic.length, end)) as { format?: unknown; tool?: unknown; digest?: unknown };
    const body = bytes.subarray(end + 1);
    if (header?.format !== FORMAT || header.tool !== toolIdentity() || header.digest !== sha256(body)) return {};
    const entries = JSON.parse(body.toString('utf8')) as unknown;
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) return {};
    const grades = new Map<string, HistoryGrades>();
    for (const [key, value] of Object.entries(entries)) {
      if (!validGrades(value)) return {};
      grades.set(key, value);
    }
    return { grades };
  } catch {
    return {};
  }
}

/** A GradesStore kept in the repository's cache folder, and the save that writes what this run used. */
export interface KeptGrades {
  readonly store: GradesStore;
  /** Writes the grades this run asked for (and only those), when they differ from the file's. */
  readonly save: () => void;
}

/**
 * The grades kept for the repository at `root`, or undefined when it has no
 * node_modules/ folder of its own to keep them in.
 */
export function keptGrades(root: string): KeptGrades | undefined {
  const { folder, isDefault } = cacheFile(root, undefined);
  const modules = join(root, 'node_modules');
  // Folders, not links that could lead outside the repository: node_modules/ there, the others there or not yet.
  if (!isDefault || folder !== join(modules, '.cache', 'journeys') || !existsSync(modules) || ![modules, dirname(folder), folder].every(folderOrNothing)) return undefined;
  const file = join(folder, HISTORY_FILE);
  const read = readGrades(file);
  const old = read.grades ?? new Map<string, HistoryGrades>();
  const used = new Map<string, HistoryGrades>();
  let made = false;
  const store: GradesStore = {
    get(key) {
      const grades = old.get(key);
      if (grades !== undefined) used.set(key, grades);
      return grades;
    },
    set(key, grades) {
      used.set(key, grades);
      made = true;
    },
  };
  const save = (): void => {
    if (read.foreign || (!made && used.size === old.size)) return;
    const body = Buffer.from(JSON.stringify(Object.fromEntries(used)));
    const head = Buffer.from(`${MAGIC}${JSON.stringify({ format: FORMAT, tool: toolIdentity(), digest: sha256(body) })}\n`);
    try {
      writeCacheFile(file, [head, body], { gitignoreTitle: 'Written by journeys' });
    } catch {
      // The history is made again next time: a cache that cannot be written costs time, never the site.
    }
  };
  return { store, save };
}
