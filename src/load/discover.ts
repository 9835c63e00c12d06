import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { SourceKind } from '../model/types.ts';

/** A problem with what the user asked for, as opposed to a problem in a journey file. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Layout {
  /** Absolute path of the repository root: file paths in findings are relative to it. */
  readonly root: string;
  /** Absolute path of the journeys folder. */
  readonly journeysDir: string;
  readonly files: readonly { readonly path: string; readonly kind: SourceKind }[];
}

const DECLARATIONS: Readonly<Record<string, SourceKind>> = {
  'owners.yaml': 'owners',
  'owners.yml': 'owners',
  'channels.yaml': 'channels',
  'channels.yml': 'channels',
  'personas.yaml': 'personas',
  'personas.yml': 'personas',
};

export const CONFIG_FILES = ['journeys.config.yaml', 'journeys.config.yml'] as const;

/** What a file is, from its path inside the journeys folder; undefined for files the tools do not read. */
export function kindOf(relativePath: string): SourceKind | undefined {
  if (relativePath.split('/').some((part) => part.startsWith('.') || part === 'node_modules')) return undefined;
  const name = basename(relativePath);
  if (/\.journey\.(ya?ml|md)$/.test(name)) return 'journey';
  if (/\.scenario\.ya?ml$/.test(name)) return 'scenario';
  if (/^metrics\/[^/]+\.csv$/.test(relativePath)) return 'metrics';
  if (!relativePath.includes('/')) return DECLARATIONS[name];
  return undefined;
}

/** The repository root and journeys folder for a path the user gave. */
export function resolveLayout(path: string): { root: string; journeysDir: string } {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new UsageError(`No such folder: ${path}`);
  if (!statSync(absolute).isDirectory()) throw new UsageError(`Not a folder: ${path} (give the repository folder that holds journeys/)`);
  if (existsSync(join(absolute, 'journeys')) && statSync(join(absolute, 'journeys')).isDirectory()) {
    return { root: absolute, journeysDir: join(absolute, 'journeys') };
  }
  if (basename(absolute) === 'journeys') return { root: dirname(absolute), journeysDir: absolute };
  throw new UsageError(`No journeys/ folder in ${path}: a journeys repository keeps its journeys in journeys/ (run "journeys new <id>" to start one)`);
}

/** Lists the files of a journeys repository, sorted, without reading them. */
export function discover(path: string): Layout {
  const { root, journeysDir } = resolveLayout(path);
  const files: { path: string; kind: SourceKind }[] = [];
  const entries = readdirSync(journeysDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const kind = kindOf(relative(journeysDir, full).split(sep).join('/'));
    if (kind) files.push({ path: relative(root, full).split(sep).join('/'), kind });
  }
  for (const name of CONFIG_FILES) {
    if (existsSync(join(root, name))) {
      files.push({ path: name, kind: 'config' });
      break;
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (!files.some((file) => file.kind === 'journey')) {
    throw new UsageError(
      `No journeys found in ${relative(process.cwd(), journeysDir) || '.'}: journeys are files named <id>.journey.yaml or <id>.journey.md (run "journeys new <id>" to write one)`,
    );
  }
  return { root, journeysDir, files };
}
