/**
 * Real temporary git repositories for the tests that compare with a revision:
 * files written, committed with fixed dates and a fixed identity, so that no
 * test depends on the clock or on the machine's git configuration.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { writeRepo } from './repo.ts';

/** The environment git runs in: none of the caller's GIT_* variables, no global or system configuration. */
export function gitEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('GIT_')) env[name] = value;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', ...extra };
}

/** Settings every git command of the tests runs with. */
const CONFIG = ['-c', 'user.name=Journeys Tests', '-c', 'user.email=tests@journeys.example', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false'];

export interface GitRepo {
  /** Absolute path of the top of the work tree. */
  readonly root: string;
  /** Runs git in the work tree (or in `cwd` under it) and returns its stdout. */
  git(...args: string[]): string;
  /** Writes files (path -> text), creating folders. */
  write(files: Readonly<Record<string, string>>): void;
  /** The text of a file of the work tree. */
  read(path: string): string;
  /** Deletes files or folders from the work tree. */
  remove(...paths: string[]): void;
  /** Stages everything and commits at a fixed date, one minute after the previous commit (or at `date`, ISO 8601); returns the commit id. */
  commit(message: string, date?: string): string;
  /** The commit id a revision names. */
  rev(revision: string): string;
}

/** A fresh git repository on branch `main`, holding `files` in one first commit when any are given; its ids SHA-1's, or SHA-256's when asked. */
export function gitRepo(files: Readonly<Record<string, string>> = {}, options: { readonly objectFormat?: 'sha1' | 'sha256' } = {}): GitRepo {
  const root = writeRepo({});
  let commits = 0;
  const git = (...args: string[]): string =>
    execFileSync('git', [...CONFIG, ...args], { cwd: root, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '--quiet', '--initial-branch=main', ...(options.objectFormat ? [`--object-format=${options.objectFormat}`] : []));
  const repo: GitRepo = {
    root,
    git,
    write(more) {
      for (const [path, content] of Object.entries(more)) {
        const full = join(root, path);
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    },
    read: (path) => readFileSync(join(root, path), 'utf8'),
    remove(...paths) {
      for (const path of paths) rmSync(join(root, path), { recursive: true, force: true });
    },
    commit(message, at) {
      commits += 1;
      const date = at ?? new Date(Date.UTC(2026, 9, 1, 9, commits)).toISOString();
      git('add', '--all');
      execFileSync('git', [...CONFIG, 'commit', '--quiet', '--allow-empty', '-m', message], {
        cwd: root,
        env: gitEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return repo.rev('HEAD');
    },
    rev: (revision) => git('rev-parse', '--verify', `${revision}^{commit}`).trim(),
  };
  if (Object.keys(files).length > 0) {
    repo.write(files);
    repo.commit('Initial journeys');
  }
  return repo;
}

/** A file's content (hashed), size and modification time, to prove that nothing rewrote it. */
export interface FileState {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Every file under `dir`, `.git/` included, by path relative to `dir`. */
export function snapshot(dir: string): Record<string, FileState> {
  const state: Record<string, FileState> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const stat = statSync(full);
    state[relative(dir, full).split(sep).join('/')] = {
      sha256: createHash('sha256').update(readFileSync(full)).digest('hex'),
      size: stat.size,
      mtimeMs: stat.mtimeMs,
    };
  }
  return state;
}

/** Sets the modification time of every file of the work tree (not `.git/`) to one fixed moment in the past. */
export function ageWorkTree(dir: string, when = new Date(Date.UTC(2020, 0, 1))): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    if (!entry.isFile() || relative(dir, full).split(sep)[0] === '.git') continue;
    utimesSync(full, when, when);
  }
}
