/**
 * What git knows about a journeys repository, asked at build time: the commit the
 * site is built from, and the commits that touched each journey file with the
 * journey's `version` at each of them. Three git processes in all, whatever the
 * number of journeys; nothing at all outside a git work tree.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRepository } from 'journeys-as-code';
import type { GitFacts } from './model.ts';

type Commit = { hash: string; author: string; date: string; subject: string };

function git(root: string, args: readonly string[], input?: string): Buffer | undefined {
  try {
    return execFileSync('git', ['-C', root, ...args], {
      input,
      maxBuffer: 1 << 30,
      stdio: ['pipe', 'pipe', 'ignore'],
      // Dates and names as git stores them, whatever the user's settings.
      env: { ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
    });
  } catch {
    return undefined;
  }
}

/** The `git log` format of one commit: a record separator, then its fields. */
export const LOG_FORMAT = '%x1e%H%x1f%an%x1f%aI%x1f%s';

/**
 * The commits touching each file, newest first, following renames, with the id of
 * the file's blob at each: one `git log -z --raw` over the journeys folder instead
 * of one `git log --follow` per file. NUL-separated, so that a path holding a
 * newline, a tab or a quote is read as it is (git would quote it otherwise).
 */
export function fileCommits(log: string, files: readonly string[]): Map<string, { commit: Commit; path: string; oid: string }[]> {
  const alias = new Map<string, string>(files.map((file) => [file, file]));
  const histories = new Map<string, { commit: Commit; path: string; oid: string }[]>(files.map((file) => [file, []]));
  for (const record of log.split('\x1e')) {
    if (record.trim() === '') continue;
    const end = record.indexOf('\0');
    const [hash = '', author = '', date = '', subject = ''] = (end < 0 ? record : record.slice(0, end)).split('\x1f');
    const commit = { hash, author, date, subject };
    const tokens = end < 0 ? [] : record.slice(end + 1).split('\0');
    const touched = new Map<string, { kind: string; from?: string; oid: string }>();
    for (let i = 0; i < tokens.length; i += 1) {
      // `:<old mode> <new mode> <old id> <new id> <status>`, then the path (two for a rename or copy).
      const meta = tokens[i]!.replace(/^\n/, '');
      if (!meta.startsWith(':')) continue;
      const [, , , oid = '', status = ''] = meta.slice(1).split(' ');
      const kind = status.charAt(0);
      if (kind === 'R' || kind === 'C') {
        const from = tokens[i + 1] ?? '';
        touched.set(tokens[i + 2] ?? '', kind === 'R' ? { kind, from, oid } : { kind: 'A', oid });
        i += 2;
      } else {
        touched.set(tokens[i + 1] ?? '', { kind, oid });
        i += 1;
      }
    }
    for (const [file, current] of alias) {
      const change = touched.get(current);
      if (!change || change.kind === 'D') continue;
      histories.get(file)!.push({ commit, path: current, oid: change.oid });
      if (change.kind === 'R' && change.from !== undefined) alias.set(file, change.from);
      else if (change.kind === 'A') alias.delete(file);
    }
  }
  return histories;
}

/** Splits the output of `git cat-file --batch` into the contents it gives, undefined for a missing object. */
export function catFileContents(output: Buffer, count: number): (string | undefined)[] {
  const contents: (string | undefined)[] = [];
  let offset = 0;
  for (let i = 0; i < count; i += 1) {
    const end = output.indexOf(0x0a, offset);
    if (end < 0) break;
    const header = output.subarray(offset, end).toString('utf8');
    offset = end + 1;
    const match = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!match) {
      contents.push(undefined);
      continue;
    }
    const size = Number(match[1]);
    contents.push(output.subarray(offset, offset + size).toString('utf8'));
    offset += size + 1;
  }
  return contents;
}

/** The `version` of each journey text, read by the engine's own loader (no second parser). */
function versionsOf(texts: readonly { name: string; text: string }[]): Map<string, number | undefined> {
  const versions = new Map<string, number | undefined>();
  if (texts.length === 0) return versions;
  const dir = mkdtempSync(join(tmpdir(), 'journeys-history-'));
  try {
    mkdirSync(join(dir, 'journeys'));
    for (const { name, text } of texts) writeFileSync(join(dir, 'journeys', name), text);
    const { repo } = loadRepository(dir);
    for (const journey of repo.journeys) versions.set(journey.file.slice('journeys/'.length), journey.version);
  } catch {
    // An old version that cannot be loaded has no version to show.
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return versions;
}

/** Git's view of the repository at `root` (absolute), or undefined outside a work tree. */
export function gitFacts(root: string, journeyFiles: readonly string[]): GitFacts | undefined {
  const inside = git(root, ['rev-parse', '--is-inside-work-tree'])?.toString().trim();
  if (inside !== 'true') return undefined;
  const prefix = git(root, ['rev-parse', '--show-prefix'])?.toString().trim() ?? '';
  const head = git(root, ['log', '-1', '--format=%H%x1f%cI%x1f%s'])?.toString().trim();
  if (!head) return { prefix, histories: new Map() };
  const [hash = '', date = '', subject = ''] = head.split('\x1f');
  const dirty = (git(root, ['status', '--porcelain', '--untracked-files=no', '--', '.'])?.toString().trim() ?? '') !== '';

  const log = git(root, ['log', '-z', `--format=${LOG_FORMAT}`, '--raw', '--no-abbrev', '-M', '--relative', '--', '.'])?.toString() ?? '';
  const commits = fileCommits(log, journeyFiles);
  const wanted = [...commits.values()].flat();
  // Blob ids, never `commit:path` lines: a path holding a line break would shift every later answer.
  const output = wanted.length > 0 ? git(root, ['cat-file', '--batch'], wanted.map(({ oid }) => `${oid}\n`).join('')) : undefined;
  const contents = output ? catFileContents(output, wanted.length) : [];
  const texts: { name: string; text: string }[] = [];
  const nameOf = new Map<(typeof wanted)[number], string>();
  wanted.forEach((entry, index) => {
    const text = contents[index];
    if (text === undefined) return;
    const name = `v${index}.journey.${entry.path.endsWith('.md') ? 'md' : 'yaml'}`;
    nameOf.set(entry, name);
    texts.push({ name, text });
  });
  const versions = versionsOf(texts);

  const histories = new Map(
    [...commits].map(([file, entries]) => [
      file,
      entries.map((entry) => {
        const name = nameOf.get(entry);
        return { ...entry.commit, file: entry.path, version: name !== undefined ? versions.get(name) : undefined };
      }),
    ]),
  );
  return { commit: { hash, date, subject, dirty }, prefix, histories };
}
