import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { posix, relative, sep } from 'node:path';
import type { SourceKind } from '../model/types.ts';
import { alreadyRead, CONFIG_FILES, kindOf, linkError, MAX_DEPTH, MAX_ENTRIES, OUTSIDE, resolveLayout, UsageError, type Skipped } from './discover.ts';
import { ignoreMatcher, ignorePatterns } from './ignore.ts';
import { parseText } from './parse-file.ts';
import { decodeText } from './read.ts';
import { assemble, type LoadedRepository } from './repository.ts';

const MAX_BUFFER = 1 << 30;

function git(cwd: string, args: readonly string[], input?: string): Buffer {
  return execFileSync('git', args, { cwd, input, maxBuffer: MAX_BUFFER, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The top of the git work tree that holds `dir`, or a clear error. */
function topLevel(dir: string): string {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch {
    throw new UsageError(`${dir} is not in a git repository: --base needs git history to compare with.`);
  }
}

/** The commit a revision names, or a clear error. */
export function resolveRevision(dir: string, revision: string): string {
  if (revision.startsWith('-')) throw new UsageError(`"${revision}" is not a revision.`);
  try {
    return git(dir, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]).toString('utf8').trim();
  } catch {
    throw new UsageError(`Unknown revision "${revision}": give a commit, branch or tag that exists in this repository (in CI, fetch it first, e.g. "git fetch origin main").`);
  }
}

/** Splits the output of `git cat-file --batch` into each object's bytes, in request order. */
function splitBatch(output: Buffer, count: number): (Buffer | undefined)[] {
  const blobs: (Buffer | undefined)[] = [];
  let offset = 0;
  for (let i = 0; i < count; i += 1) {
    const end = output.indexOf(10, offset);
    if (end < 0) break;
    const header = output.subarray(offset, end).toString('utf8');
    offset = end + 1;
    const match = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!match) {
      blobs.push(undefined);
      continue;
    }
    const size = Number(match[1]);
    blobs.push(output.subarray(offset, offset + size));
    offset += size + 1;
  }
  return blobs;
}

/** One entry of `git ls-tree`: `path` is relative to the top of the work tree. */
interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly oid: string;
  readonly path: string;
}

const LINK_MODE = '120000';
/** Links followed one after the other before the chain counts as a loop (as the system's ELOOP). */
const MAX_LINK_HOPS = 8;

/**
 * The entries of a tree at a commit: NUL-separated, so that a path holding a
 * newline, a tab or a quote comes back as it is, and with literal pathspecs, so
 * that a `*` in a path is not a pattern.
 */
function lsTree(top: string, commit: string, paths: readonly string[], recursive: boolean): TreeEntry[] {
  if (paths.length === 0) return [];
  const output = git(top, ['--literal-pathspecs', 'ls-tree', ...(recursive ? ['-r'] : []), '-z', '--full-tree', commit, '--', ...paths]).toString('utf8');
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', oid = ''] = record.slice(0, tab).split(' ');
    entries.push({ mode, type, oid, path: record.slice(tab + 1) });
  }
  return entries;
}

/** The blobs of object ids, in order; git is given ids only, never a path that could hold a line break. */
function readBlobs(top: string, oids: readonly string[]): (Buffer | undefined)[] {
  if (oids.length === 0) return [];
  return splitBatch(git(top, ['cat-file', '--batch'], oids.map((oid) => `${oid}\n`).join('')), oids.length);
}

/** Links followed at most at one revision: each costs two git processes. */
const MAX_LINKS = 1000;

/** Two parts of a `/`-separated path joined, either of which may be the top (`''`). */
function join(folder: string, path: string): string {
  return folder === '' ? path : path === '' ? folder : `${folder}/${path}`;
}

/** Whether `path` is `folder` or under it (`''` is the top). */
function under(folder: string, path: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}

/**
 * The files of the repository at a commit, as discover() lists them in the work
 * tree: the configuration first (for its `ignore:` patterns), then every file of
 * a kind the tools read under the journeys folder, links resolved inside the
 * repository and skipped with the same reason when they lead out of it, nowhere,
 * or to a folder already read.
 */
function listAtRevision(top: string, commit: string, rootPrefix: string, journeysPrefix: string): { files: { path: string; kind: SourceKind; oid: string }[]; configText?: string; skipped: Skipped[]; ignored: number } {
  const fromTop = (path: string): string => (rootPrefix === '' ? path : path.slice(rootPrefix.length + 1));
  const atTop = (path: string): string => join(rootPrefix, path);
  const skipped: Skipped[] = [];
  const skip = (path: string, message: string): void => {
    skipped.push({ path: fromTop(path), message });
  };

  /** Where a link leads: an entry inside the repository, or why not (the target is read from the link's blob). */
  const follow = (link: TreeEntry): TreeEntry | string => {
    let current = link;
    for (let hop = 0; hop < MAX_LINK_HOPS; hop += 1) {
      const target = readBlobs(top, [current.oid])[0]?.toString('utf8') ?? '';
      const resolved = target.startsWith('/')
        ? relative(top, target).split(sep).join('/')
        : posix.normalize(posix.join(posix.dirname(current.path), target));
      if (target === '' || resolved.startsWith('..') || resolved.startsWith('/') || !under(rootPrefix, resolved)) return OUTSIDE;
      if (resolved === '.' || resolved === '') return { mode: '040000', type: 'tree', oid: '', path: '' };
      const [entry] = lsTree(top, commit, [resolved], false).filter((found) => found.path === resolved);
      if (!entry) return linkError('ENOENT');
      if (entry.mode !== LINK_MODE) return entry;
      current = entry;
    }
    return linkError('ELOOP');
  };

  const configEntries = lsTree(top, commit, CONFIG_FILES.map(atTop), false);
  let config: { path: string; oid: string } | undefined;
  for (const name of CONFIG_FILES) {
    const entry = configEntries.find((found) => found.path === atTop(name));
    if (!entry) continue;
    const target = entry.mode === LINK_MODE ? follow(entry) : entry;
    if (typeof target === 'string') skip(entry.path, target);
    else if (target.type !== 'blob') skip(entry.path, `Skipped: not a regular file (a ${target.type === 'tree' ? 'folder' : 'submodule'}).`);
    else config = { path: name, oid: target.oid };
    break;
  }
  const configBytes = config ? readBlobs(top, [config.oid])[0] : undefined;
  const decoded = configBytes ? decodeText(configBytes) : undefined;
  const configText = decoded?.ok ? decoded.text : undefined;
  const isIgnored = ignoreMatcher(configText === undefined ? [] : ignorePatterns(configText));
  const folderIgnored = new Map<string, boolean>();
  /** Whether a folder (a path from the root) or one above it is ignored, asked once per folder. */
  const ignoredFolder = (folder: string): boolean => {
    let known = folderIgnored.get(folder);
    if (known === undefined) {
      const slash = folder.lastIndexOf('/');
      known = (folder.length > fromTop(journeysPrefix).length && slash >= 0 && ignoredFolder(folder.slice(0, slash))) || isIgnored(folder, true);
      folderIgnored.set(folder, known);
    }
    return known;
  };

  const files: { path: string; kind: SourceKind; oid: string }[] = config ? [{ path: config.path, kind: 'config', oid: config.oid }] : [];
  let ignored = 0;
  /** Folders read, as paths from the top: the journeys folder and every folder a link led to. */
  const read: string[] = [journeysPrefix];
  // Each item: entries of a tree, and the logical folder they are listed under (a link's path for a followed one).
  const pending: { entries: TreeEntry[]; from: string; to: string }[] = [{ entries: lsTree(top, commit, [journeysPrefix === '' ? '.' : journeysPrefix], true), from: journeysPrefix, to: journeysPrefix }];
  const links: { entry: TreeEntry; logical: string }[] = [];
  let count = 0;
  let followed = 0;
  for (let batch = pending.shift(); batch; batch = pending.shift()) {
    for (const entry of batch.entries) {
      count += 1;
      if (count > MAX_ENTRIES) {
        skip(journeysPrefix, `Skipped: the journeys folder holds more than ${MAX_ENTRIES.toLocaleString('en')} files and folders; the rest were not read.`);
        pending.length = 0;
        links.length = 0;
        break;
      }
      const logical = join(batch.to, batch.from === '' ? entry.path : entry.path.slice(batch.from.length + 1));
      // As the work tree's walk skips a folder already read when a link leads above it.
      if (batch.from !== journeysPrefix && read.some((folder) => folder !== batch.from && under(batch.from, folder) && under(folder, entry.path))) continue;
      const rel = journeysPrefix === '' ? logical : logical.slice(journeysPrefix.length + 1);
      if (rel.split('/').some((part) => part.startsWith('.') || part === 'node_modules')) continue;
      if (rel.split('/').length - 1 > MAX_DEPTH) continue;
      const folder = posix.dirname(fromTop(logical));
      if (ignoredFolder(folder)) {
        if (kindOf(rel)) ignored += 1;
        continue;
      }
      if (entry.mode === LINK_MODE) {
        links.push({ entry, logical });
        continue;
      }
      const kind = entry.type === 'blob' ? kindOf(rel) : undefined;
      if (!kind) continue;
      if (isIgnored(fromTop(logical), false)) ignored += 1;
      else files.push({ path: fromTop(logical), kind, oid: entry.oid });
    }
    // As in the work tree: links are followed once every folder reached without one has been listed.
    while (pending.length === 0 && links.length > 0) {
      const { entry, logical } = links.shift()!;
      followed += 1;
      if (followed > MAX_LINKS) {
        skip(logical, `Skipped: more than ${MAX_LINKS.toLocaleString('en')} links to follow at a git revision.`);
        continue;
      }
      const rel = journeysPrefix === '' ? logical : logical.slice(journeysPrefix.length + 1);
      const target = follow(entry);
      if (typeof target === 'string') {
        if (!isIgnored(fromTop(logical), false)) skip(logical, target);
      } else if (target.type === 'tree') {
        if (isIgnored(fromTop(logical), true)) continue;
        if (read.some((folder) => under(folder, target.path))) skip(logical, alreadyRead(fromTop(target.path)));
        else {
          read.push(target.path);
          pending.push({ entries: lsTree(top, commit, [target.path === '' ? '.' : target.path], true), from: target.path, to: logical });
        }
      } else if (target.type === 'blob') {
        const kind = kindOf(rel);
        if (!kind) continue;
        if (isIgnored(fromTop(logical), false)) ignored += 1;
        else files.push({ path: fromTop(logical), kind, oid: target.oid });
      }
    }
  }
  return { files, configText, skipped, ignored };
}

/**
 * The repository as it was at a git revision, read straight from git's object
 * store: nothing is checked out and nothing in the work tree is touched.
 */
export function loadAtRevision(path: string, revision: string): LoadedRepository & { readonly commit: string } {
  // Real paths on both sides: git answers with the real path of the work tree, and the user's may go through a link.
  const layout = resolveLayout(path);
  const root = realpathSync(layout.root);
  const journeysDir = realpathSync(layout.journeysDir);
  const top = realpathSync(topLevel(root));
  const commit = resolveRevision(root, revision);
  const prefix = (dir: string): string => relative(top, dir).split(sep).join('/');
  const { files, skipped, ignored } = listAtRevision(top, commit, prefix(root), prefix(journeysDir));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const blobs = readBlobs(top, files.map((file) => file.oid));
  const parsed = files.map((file, index) =>
    parseText(file.path, file.kind, decodeText(blobs[index] ?? new Uint8Array())),
  );
  return { root: layout.root, commit, repo: assemble(parsed, { skipped, ignored }) };
}
