import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { posix, relative, sep } from 'node:path';
import type { Journey, SourceFile, SourceKind } from '../model/types.ts';
import { alreadyRead, CONFIG_FILES, kindOf, linkError, MAX_DEPTH, MAX_ENTRIES, OUTSIDE, resolveLayout, UsageError, type Skipped } from './discover.ts';
import { ignoreMatcher, ignorePatterns } from './ignore.ts';
import { parseAll } from './parse-all.ts';
import { parseText, type ParsedFile } from './parse-file.ts';
import { decodeText, type ReadResult } from './read.ts';
import { assemble, type LoadedRepository } from './repository.ts';
import { unreadFile, type UnreadFile } from './unread.ts';
import { formatCount } from '../model/text.ts';

const MAX_BUFFER = 1 << 30;

/**
 * The one place that runs git. Only reads: no optional locks taken, so that a user's
 * own git command running at the same time never finds the index locked; messages and
 * dates as git stores them, whatever the user's locale.
 */
function git(cwd: string, args: readonly string[], input?: string): Buffer {
  return execFileSync('git', args, {
    cwd,
    input,
    maxBuffer: MAX_BUFFER,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: gitEnvironment(),
  });
}

/** No optional locks, messages and dates as git stores them: see git(). */
const gitEnvironment = (): NodeJS.ProcessEnv => ({ ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' });

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

/**
 * The commit a revision names in the git repository of the journeys at `path`, or a clear
 * error (the path is not there, not in git, or the revision names no commit), found before
 * anything is read: what `lint --base` checks first.
 */
export function resolveBaseRevision(path: string, revision: string): string {
  const root = realpathSync(resolveLayout(path).root);
  topLevel(root);
  return resolveRevision(root, revision);
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
function lsTree(top: string, commit: string, paths: readonly string[], recursive: boolean, trees = false): TreeEntry[] {
  if (paths.length === 0) return [];
  const output = git(top, ['--literal-pathspecs', 'ls-tree', ...(recursive ? ['-r'] : []), ...(trees ? ['-t'] : []), '-z', '--full-tree', commit, '--', ...paths]).toString('utf8');
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', oid = ''] = record.slice(0, tab).split(' ');
    entries.push({ mode, type, oid, path: record.slice(tab + 1) });
  }
  return entries;
}

/** What listAtRevision lists at a commit before following links: its configuration's paths, non-recursively, and its journeys folder, recursively. */
interface RevisionTrees {
  readonly config: readonly TreeEntry[];
  readonly journeys: readonly TreeEntry[];
}

/** The paths listAtRevision lists: its journeys folder (`.` at the top) and the configuration's. */
function listedPaths(rootPrefix: string, journeysPrefix: string): { readonly journeys: string; readonly config: readonly string[] } {
  return { journeys: journeysPrefix === '' ? '.' : journeysPrefix, config: CONFIG_FILES.map((name) => join(rootPrefix, name)) };
}

const typeOfMode = (mode: string): string => (mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob');

/** Paths in git's order of a recursive listing: their UTF-8 bytes compared (a folder's files then come where git puts them). */
function inGitOrder(entries: TreeEntry[]): TreeEntry[] {
  const bytes = new Map(entries.map((entry) => [entry, Buffer.from(entry.path, 'utf8')]));
  return entries.sort((a, b) => Buffer.compare(bytes.get(a)!, bytes.get(b)!));
}

/**
 * What listAtRevision lists at each of `commits` (their order kept), from two git processes
 * in all rather than two a commit: the first commit's trees, recursively and with the
 * folders themselves, then what changed from each commit to the next (`diff-tree --stdin`),
 * applied in turn. The score history lists a dozen commits, and each git process costs
 * more than what it lists.
 */
function treesAtCommits(top: string, commits: readonly string[], rootPrefix: string, journeysPrefix: string): Map<string, RevisionTrees> {
  const listed = listedPaths(rootPrefix, journeysPrefix);
  const paths = [listed.journeys, ...listed.config];
  // Folders apart from the rest: a change that makes a file of a folder removes the one and adds the other at the same path.
  const files = new Map<string, TreeEntry>();
  const folders = new Map<string, TreeEntry>();
  const entriesOf = (mode: string): Map<string, TreeEntry> => (typeOfMode(mode) === 'tree' ? folders : files);
  for (const entry of lsTree(top, commits[0]!, paths, true, true)) entriesOf(entry.mode).set(entry.path, entry);
  const trees = new Map<string, RevisionTrees>();
  let journeys: TreeEntry[] = [];
  let added = true;
  const keep = (commit: string): void => {
    // What `ls-tree -r` of the folder lists: its files (a link or a file in its place included), no folder.
    if (added) journeys = inGitOrder([...files.values()].filter((entry) => under(journeysPrefix, entry.path)));
    else journeys = journeys.flatMap((entry) => files.get(entry.path) ?? []);
    added = false;
    trees.set(commit, { config: listed.config.flatMap((path) => folders.get(path) ?? files.get(path) ?? []), journeys });
  };
  keep(commits[0]!);
  if (commits.length === 1) return trees;
  // A line of two commits is a commit and the one to compare it with, as with its parent: git names the first before its changes.
  const pairs = commits.slice(1).map((commit, at) => `${commit} ${commits[at]}\n`).join('');
  const tokens = git(top, ['--literal-pathspecs', 'diff-tree', '--stdin', '--always', '-r', '-t', '-z', '--no-renames', '--', ...paths], pairs).toString('utf8').split('\0');
  // Each pair's changes come after its later commit's id; a change is its modes, ids and status, then its path.
  let pair = -1;
  for (let at = 0; at < tokens.length; at += 1) {
    const token = tokens[at]!;
    if (token.startsWith(':')) {
      const [before = '', mode = '', , oid = '', status = ''] = token.slice(1).split(' ');
      const path = tokens[(at += 1)]!;
      const from = entriesOf(before);
      const into = entriesOf(mode);
      if (status === 'D') {
        from.delete(path);
        continue;
      }
      if (status !== 'A' && from !== into) from.delete(path);
      if (into === files && !files.has(path)) added = true;
      into.set(path, { mode, type: typeOfMode(mode), oid, path });
    } else if (token !== '') {
      if (token !== commits[pair + 2]) throw new Error(`git diff-tree answered for ${token}, not ${commits[pair + 2]}`);
      if (pair >= 0) keep(commits[pair + 1]!);
      pair += 1;
    }
  }
  if (pair >= 0) keep(commits[pair + 1]!);
  if (trees.size !== new Set(commits).size) throw new Error('git diff-tree did not answer for every commit');
  return trees;
}

/** The id git gives a blob of `bytes` (`git hash-object`), in the hash of `like`, an id of the same repository (SHA-256 ids are longer). */
export function blobId(bytes: Uint8Array, like: string): string {
  return createHash(like.length === 64 ? 'sha256' : 'sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The blob id of a text the loader read, as UTF-8 (`like` an id of the same repository);
 * undefined for an empty text, which may stand for a file that could not be read. A file
 * whose text gives the id of a blob is that blob: the blob need not be read.
 */
function textBlobId(text: string, like: string): string | undefined {
  return text === '' ? undefined : blobId(Buffer.from(text, 'utf8'), like);
}

/**
 * The blob id of each parse's text, by the length of the repository's ids: the score
 * history loads a dozen commits, each keeping most of the parses of the one before, whose
 * texts were hashed again at each (a second of a site build on 1,000 journeys).
 */
const parsedBlobIds = new WeakMap<ParsedFile, Map<number, string | undefined>>();

function parsedBlobId(parse: ParsedFile, like: string): string | undefined {
  let ids = parsedBlobIds.get(parse);
  if (ids === undefined) parsedBlobIds.set(parse, (ids = new Map()));
  if (!ids.has(like.length)) ids.set(like.length, textBlobId(parse.file.text, like));
  return ids.get(like.length);
}

/** The blobs of object ids, in order; git is given ids only, never a path that could hold a line break. */
function readBlobs(top: string, oids: readonly string[]): (Buffer | undefined)[] {
  if (oids.length === 0) return [];
  return splitBatch(git(top, ['cat-file', '--batch'], oids.map((oid) => `${oid}\n`).join('')), oids.length);
}

/**
 * Configuration files read at a revision, by repository and blob id (a blob never
 * changes): the score history loads a dozen commits, most with the same configuration,
 * each of which cost a git process to read it again.
 */
const configBlobs = new Map<string, Buffer | undefined>();
const CONFIG_BLOBS_KEPT = 16;

function configBlob(top: string, oid: string): Buffer | undefined {
  const key = `${top}\0${oid}`;
  if (configBlobs.has(key)) return configBlobs.get(key);
  const blob = readBlobs(top, [oid])[0];
  if (configBlobs.size >= CONFIG_BLOBS_KEPT) configBlobs.delete(configBlobs.keys().next().value!);
  configBlobs.set(key, blob);
  return blob;
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
function listAtRevision(
  top: string,
  commit: string,
  rootPrefix: string,
  journeysPrefix: string,
  trees?: RevisionTrees,
): { files: { path: string; kind: SourceKind; oid: string }[]; configText?: string; skipped: Skipped[]; ignored: number; unread: UnreadFile[] } {
  const fromTop = (path: string): string => (rootPrefix === '' ? path : path.slice(rootPrefix.length + 1));
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

  const listed = listedPaths(rootPrefix, journeysPrefix);
  const configEntries = trees?.config ?? lsTree(top, commit, listed.config, false);
  let config: { path: string; oid: string } | undefined;
  for (const [at, name] of CONFIG_FILES.entries()) {
    const entry = configEntries.find((found) => found.path === listed.config[at]);
    if (!entry) continue;
    const target = entry.mode === LINK_MODE ? follow(entry) : entry;
    if (typeof target === 'string') skip(entry.path, target);
    else if (target.type !== 'blob') skip(entry.path, `Skipped: not a regular file (a ${target.type === 'tree' ? 'folder' : 'submodule'}).`);
    else config = { path: name, oid: target.oid };
    break;
  }
  const configBytes = config ? configBlob(top, config.oid) : undefined;
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
  const unread: UnreadFile[] = [];
  /** A blob no pattern reads: noted when it looks meant to be read, as the work tree's walk does. */
  const notRead = (rel: string, logical: string): void => {
    const missed = isIgnored(fromTop(logical), false) ? undefined : unreadFile(rel, fromTop(journeysPrefix));
    if (missed) unread.push(missed);
  };
  /** Folders read, as paths from the top: the journeys folder and every folder a link led to. */
  const read: string[] = [journeysPrefix];
  // Each item: entries of a tree, and the logical folder they are listed under (a link's path for a followed one).
  const pending: { entries: readonly TreeEntry[]; from: string; to: string }[] = [{ entries: trees?.journeys ?? lsTree(top, commit, [listed.journeys], true), from: journeysPrefix, to: journeysPrefix }];
  const links: { entry: TreeEntry; logical: string }[] = [];
  let count = 0;
  let followed = 0;
  for (let batch = pending.shift(); batch; batch = pending.shift()) {
    for (const entry of batch.entries) {
      count += 1;
      if (count > MAX_ENTRIES) {
        skip(journeysPrefix, `Skipped: the journeys folder holds more than ${formatCount(MAX_ENTRIES)} files and folders; the rest were not read.`);
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
      if (!kind) {
        if (entry.type === 'blob') notRead(rel, logical);
        continue;
      }
      if (isIgnored(fromTop(logical), false)) ignored += 1;
      else files.push({ path: fromTop(logical), kind, oid: entry.oid });
    }
    // As in the work tree: links are followed once every folder reached without one has been listed.
    while (pending.length === 0 && links.length > 0) {
      const { entry, logical } = links.shift()!;
      followed += 1;
      if (followed > MAX_LINKS) {
        skip(logical, `Skipped: more than ${formatCount(MAX_LINKS)} links to follow at a git revision.`);
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
        if (!kind) {
          notRead(rel, logical);
          continue;
        }
        if (isIgnored(fromTop(logical), false)) ignored += 1;
        else files.push({ path: fromTop(logical), kind, oid: target.oid });
      }
    }
  }
  return { files, configText, skipped, ignored, unread };
}

/** How loadAtRevision may spare work. */
export interface RevisionOptions {
  /**
   * Files already parsed, of the work tree or of another revision (LoadedRepository.parsed):
   * a file whose text at the revision is the very same keeps that parse, the same objects,
   * instead of being parsed again. Between two revisions of a pull request, or a revision and
   * the work tree, most files are the same. A path may come more than once (the work tree's
   * parse and another revision's): the first whose text is the revision's is kept.
   */
  readonly reuse?: readonly ParsedFile[];
}

/**
 * The repository as it was at a git revision, read straight from git's object
 * store: nothing is checked out and nothing in the work tree is touched.
 */
export function loadAtRevision(path: string, revision: string, options: RevisionOptions = {}): LoadedRepository & { readonly commit: string } {
  const place = revisionPlace(path);
  return loadCommit(place, resolveRevision(place.root, revision), options);
}

/** A commit's full id, as git names it (SHA-1 or SHA-256). */
const FULL_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Loads the repository at `path` at commits (as loadAtRevision), finding its place in its
 * git repository once: the score history loads a dozen commits, and asked git where the
 * top of the work tree is, and which commit each full id names, two processes a commit.
 * A full id, as `git log` gives it, is taken as it is; anything else is resolved first.
 * `commits`, the full ids it will be asked for, are listed together when the first of them
 * is (treesAtCommits): two git processes in all, not two for each.
 */
export function commitLoader(path: string, commits: readonly string[] = []): (commit: string, options?: RevisionOptions) => LoadedRepository & { readonly commit: string } {
  const place = revisionPlace(path);
  let trees: Map<string, RevisionTrees> | undefined;
  return (commit, options = {}) => {
    const full = FULL_ID.test(commit) ? commit : resolveRevision(place.root, commit);
    if (trees === undefined && commits.includes(full)) trees = treesAtCommits(place.top, commits, place.rootPrefix, place.journeysPrefix);
    return loadCommit(place, full, options, trees?.get(full));
  };
}

/** Where the repository at a path lies in its git repository. */
interface RevisionPlace {
  /** The repository root as the layout names it, and its real path. */
  readonly layoutRoot: string;
  readonly root: string;
  /** The real path of the top of the git work tree. */
  readonly top: string;
  /** The root and the journeys folder from the top, with forward slashes. */
  readonly rootPrefix: string;
  readonly journeysPrefix: string;
}

function revisionPlace(path: string): RevisionPlace {
  // Real paths on both sides: git answers with the real path of the work tree, and the user's may go through a link.
  const layout = resolveLayout(path);
  const root = realpathSync(layout.root);
  const journeysDir = realpathSync(layout.journeysDir);
  const top = realpathSync(topLevel(root));
  const prefix = (dir: string): string => relative(top, dir).split(sep).join('/');
  return { layoutRoot: layout.root, root, top, rootPrefix: prefix(root), journeysPrefix: prefix(journeysDir) };
}

function loadCommit(place: RevisionPlace, commit: string, options: RevisionOptions, trees?: RevisionTrees): LoadedRepository & { readonly commit: string } {
  const { root, top } = place;
  const { files, skipped, ignored, unread } = listAtRevision(top, commit, place.rootPrefix, place.journeysPrefix, trees);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const known = new Map<string, ParsedFile[]>();
  for (const parse of options.reuse ?? []) {
    const same = known.get(parse.file.path);
    if (same === undefined) known.set(parse.file.path, [parse]);
    else if (!same.includes(parse)) same.push(parse);
  }
  const candidates = ({ path: file, kind }: { path: string; kind: SourceKind }): readonly ParsedFile[] => (known.get(file) ?? []).filter((before) => before.file.kind === kind);
  // A file whose text is the blob at the revision keeps its parse with its blob unread: hashing the texts
  // costs a tenth of reading a thousand journeys' blobs through git.
  const parsed: (ParsedFile | undefined)[] = files.map((file) => candidates(file).find((before) => parsedBlobId(before, file.oid) === file.oid));
  const toRead = files.flatMap((_, index) => (parsed[index] === undefined ? [index] : []));
  const blobs = readBlobs(top, toRead.map((index) => files[index]!.oid));
  const texts: ReadResult[] = new Array(files.length);
  toRead.forEach((index, n) => {
    const read = (texts[index] = decodeText(blobs[n] ?? new Uint8Array()));
    // The same text from other bytes (a byte order mark...) keeps the parse too.
    if (read.ok) parsed[index] = candidates(files[index]!).find((before) => before.file.text === read.text);
  });
  // Parsed with the parse worker, as the work tree's files are: what CI runs (lint --base) loads two revisions.
  const fresh = files.flatMap((_, index) => (parsed[index] === undefined ? [index] : []));
  const made = parseAll(root, fresh.map((index) => ({ path: files[index]!.path, kind: files[index]!.kind })), {}, fresh.map((index) => texts[index]!)).parsed;
  fresh.forEach((index, n) => (parsed[index] = made[n]));
  const all = parsed as ParsedFile[];
  return { root: place.layoutRoot, commit, repo: assemble(all, { skipped, ignored, unread }), parsed: all };
}

// --- History: the commits behind the files, for the site and the score history ---

/** A commit as `git log` describes it. */
export interface CommitInfo {
  readonly hash: string;
  readonly author: string;
  /** ISO 8601 with its offset. */
  readonly date: string;
  readonly subject: string;
}

/** A journey file at one commit that touched it, newest first. */
export interface JourneyVersion extends CommitInfo {
  /** The file's path at that commit (renames followed). */
  readonly file: string;
  /** The journey's `version` there, read by the loader; undefined when it has none or cannot be read. */
  readonly version?: number;
}

/** What git knows about a repository: the commit it is at, and each journey file's history. */
export interface GitFacts {
  readonly commit?: { readonly hash: string; readonly date: string; readonly subject: string; readonly dirty: boolean };
  /** Path of the repository root inside the git work tree, `''` or ending in `/`. */
  readonly prefix: string;
  /** Commits touching each journey file, newest first, by repository-relative path. */
  readonly histories: ReadonlyMap<string, readonly JourneyVersion[]>;
}

/** git, or undefined when it fails: history is extra information, never a reason to stop. */
function tryGit(cwd: string, args: readonly string[], input?: string): Buffer | undefined {
  try {
    return git(cwd, args, input);
  } catch {
    return undefined;
  }
}

/**
 * Where the folder `dir` sits in its git work tree: `''` at the top or outside git, else a
 * path ending in `/` (`cx/`), which CI reports need before repository-relative paths.
 */
export function gitPrefix(dir: string): string {
  return tryGit(dir, ['rev-parse', '--show-prefix'])?.toString('utf8').replace(/\n$/, '') ?? '';
}

/** The `git log` format of one commit: a record separator, then its fields. */
export const LOG_FORMAT = '%x1e%H%x1f%an%x1f%aI%x1f%s';

/**
 * The commits touching each file, newest first, following renames, with the id of
 * the file's blob at each: one `git log -z --raw` over the journeys folder instead
 * of one `git log --follow` per file. NUL-separated, so that a path holding a
 * newline, a tab or a quote is read as it is (git would quote it otherwise).
 */
export function fileCommits(log: string, files: readonly string[]): Map<string, { commit: CommitInfo; path: string; oid: string }[]> {
  const alias = new Map<string, string>(files.map((file) => [file, file]));
  const histories = new Map<string, { commit: CommitInfo; path: string; oid: string }[]>(files.map((file) => [file, []]));
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

/** Splits the output of `git cat-file --batch` into the texts it gives, undefined for a missing object. */
export function catFileContents(output: Buffer, count: number): (string | undefined)[] {
  return splitBatch(output, count).map((blob) => blob?.toString('utf8'));
}

/** The `version` of each journey text, read by the loader itself, in memory (no second parser). */
function versionsOf(texts: readonly { path: string; bytes: Buffer }[]): (number | undefined)[] {
  // Distinct names, so that each text is its own journey file in one assembled repository.
  const names = texts.map(({ path }, index) => `journeys/v${index}.journey.${path.endsWith('.md') ? 'md' : 'yaml'}`);
  const repo = assemble(texts.map(({ bytes }, index) => parseText(names[index]!, 'journey', decodeText(bytes))));
  const byFile = new Map(repo.journeys.map((journey) => [journey.file, journey.version]));
  return names.map((name) => byFile.get(name));
}

/** The work tree as loaded, whose journeys' versions stand for the versions of the same texts in history. */
export interface LoadedJourneys {
  readonly files: readonly Pick<SourceFile, 'path' | 'text'>[];
  readonly journeys: readonly Pick<Journey, 'file' | 'version'>[];
}

/**
 * Git's view of the repository at `root` (absolute), or undefined outside a work
 * tree: the commit it is at, and for each of `journeyFiles` the commits that touched
 * it with the journey's `version` at each. A handful of git processes in all,
 * whatever the number of journeys. A version is read from each distinct old text;
 * a text the same as the work tree's file (`loaded`) has that journey's version.
 */
export function gitFacts(root: string, journeyFiles: readonly string[], loaded?: LoadedJourneys): GitFacts | undefined {
  const inside = tryGit(root, ['rev-parse', '--is-inside-work-tree'])?.toString().trim();
  if (inside !== 'true') return undefined;
  const prefix = tryGit(root, ['rev-parse', '--show-prefix'])?.toString().trim() ?? '';
  const head = tryGit(root, ['log', '-1', '--format=%H%x1f%cI%x1f%s'])?.toString().trim();
  if (!head) return { prefix, histories: new Map() };
  const [hash = '', date = '', subject = ''] = head.split('\x1f');
  const dirty = (tryGit(root, ['status', '--porcelain', '--untracked-files=no', '--', '.'])?.toString().trim() ?? '') !== '';

  const log = tryGit(root, ['log', '-z', `--format=${LOG_FORMAT}`, '--raw', '--no-abbrev', '-M', '--relative', '--', '.'])?.toString() ?? '';
  const commits = fileCommits(log, journeyFiles);
  // Each text once, however many commits it appears in (read as Markdown or YAML, as its name says).
  const textKey = ({ oid, path }: { oid: string; path: string }): string => `${oid} ${path.endsWith('.md') ? 'md' : 'yaml'}`;
  const current = new Map((loaded?.files ?? []).map((file) => [file.path, file.text]));
  const currentVersion = new Map((loaded?.journeys ?? []).map((journey) => [journey.file, journey.version]));
  const versionOf = new Map<string, number | undefined>();
  // A text the same as the work tree's file, known by its blob id, has that journey's version without being read.
  const textNow = (path: string): string | undefined => (currentVersion.has(path) ? current.get(path) : undefined);
  // Once per file, however many of its old texts there are.
  const idsNow = new Map<string, string | undefined>();
  const idNow = (path: string, like: string): string | undefined => {
    const text = textNow(path);
    if (text === undefined) return undefined;
    if (!idsNow.has(path)) idsNow.set(path, textBlobId(text, like));
    return idsNow.get(path);
  };
  const distinct = [...new Map([...commits.values()].flat().map((entry) => [textKey(entry), entry])).values()].filter((entry) => {
    if (idNow(entry.path, entry.oid) !== entry.oid) return true;
    versionOf.set(textKey(entry), currentVersion.get(entry.path));
    return false;
  });
  // Blob ids, never `commit:path` lines: a path holding a line break would shift every later answer.
  const output = distinct.length > 0 ? tryGit(root, ['cat-file', '--batch'], distinct.map(({ oid }) => `${oid}\n`).join('')) : undefined;
  const blobs = output ? splitBatch(output, distinct.length) : [];
  const unknown: { key: string; path: string; bytes: Buffer }[] = [];
  distinct.forEach((entry, index) => {
    const bytes = blobs[index];
    if (!bytes) return;
    // The same text from other bytes (a byte order mark...) has the work tree's version too.
    const text = textNow(entry.path);
    const read = text === undefined ? undefined : decodeText(bytes);
    if (read?.ok && read.text === text) versionOf.set(textKey(entry), currentVersion.get(entry.path));
    else unknown.push({ key: textKey(entry), path: entry.path, bytes });
  });
  try {
    const versions = versionsOf(unknown);
    unknown.forEach(({ key }, index) => versionOf.set(key, versions[index]));
  } catch {
    // Old texts that cannot be loaded have no version to show.
  }
  const histories = new Map(
    [...commits].map(([file, entries]) => [file, entries.map((entry) => ({ ...entry.commit, file: entry.path, version: versionOf.get(textKey(entry)) }))]),
  );
  return { commit: { hash, date, subject, dirty }, prefix, histories };
}

/** Modes of a link and of a submodule: the loaders of the work tree and of a commit follow them differently. */
const LINK_OR_SUBMODULE = /^(?:120000|160000) /;

/**
 * Whether the files the loader reads from the work tree (the journeys folder, the
 * configuration) are exactly those of `commit`: no tracked file differs from it
 * (content, as git compares it), none is missing or added, no untracked or ignored
 * file lies there, and the commit has no link or submodule there. Any doubt, any
 * failure of git, answers false: the commit is then loaded and linted on its own
 * (the score history's newest point, otherwise the check of the work tree itself).
 */
export function workTreeHolds(root: string, journeysDir: string, commit: string): boolean {
  if (!/^[0-9a-f]{40,64}$/.test(commit)) return false;
  const paths = ['--', relative(root, journeysDir).split(sep).join('/') || '.', ...CONFIG_FILES];
  const tree = tryGit(root, ['--literal-pathspecs', 'ls-tree', '-r', '-z', commit, ...paths]);
  if (tree === undefined || tree.toString('utf8').split('\0').some((entry) => LINK_OR_SUBMODULE.test(entry))) return false;
  // Exit status 0: no difference between the commit and the work tree (tracked and staged files).
  if (tryGit(root, ['--literal-pathspecs', 'diff', '--quiet', '--no-ext-diff', '--no-textconv', commit, ...paths]) === undefined) return false;
  // Untracked files, ignored ones included (the loader reads those too).
  const others = tryGit(root, ['--literal-pathspecs', 'ls-files', '-z', '--others', ...paths]);
  return others !== undefined && others.length === 0;
}

/**
 * The commit HEAD is at (`(initial)` before the first) and whether tracked files under
 * `root` differ from it, in one git call; undefined outside a work tree. It is what can
 * change between two gitFacts of the same files while no commit is made: the dev server
 * asks it on every edit, and gitFacts again only when HEAD moves.
 */
export function workTreeState(root: string): WorkTreeState | undefined {
  return readStatus(tryGit(root, STATUS)?.toString('utf8'));
}

export interface WorkTreeState {
  readonly head: string;
  readonly dirty: boolean;
}

const STATUS = ['status', '--porcelain=v2', '--branch', '--untracked-files=no', '--', '.'];

function readStatus(status: string | undefined): WorkTreeState | undefined {
  if (status === undefined) return undefined;
  const lines = status.split('\n').filter((line) => line !== '');
  const head = lines.find((line) => line.startsWith('# branch.oid '))?.slice('# branch.oid '.length);
  return head === undefined ? undefined : { head, dirty: lines.some((line) => !line.startsWith('#')) };
}

/**
 * workTreeState, without waiting for git: the dev server asks as soon as a file changes,
 * and has the answer when it reloads, once the change has settled (git's run and the
 * start of its process, about 40 ms from a server holding 1,000 journeys, then cost the
 * reload nothing). Undefined outside a work tree, or when git fails.
 */
export function workTreeStateLater(root: string): Promise<WorkTreeState | undefined> {
  return new Promise((resolve) => {
    execFile('git', STATUS, { cwd: root, maxBuffer: MAX_BUFFER, encoding: 'utf8', env: gitEnvironment() }, (error, stdout) =>
      resolve(error ? undefined : readStatus(stdout)),
    );
  });
}

/**
 * The last `count` commits from HEAD that changed any of `paths` (from `root`, taken
 * literally), oldest first; empty outside git or before the first commit.
 */
export function commitsTouching(root: string, paths: readonly string[], count: number): Omit<CommitInfo, 'author'>[] {
  if (tryGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']) === undefined) return [];
  // NUL-separated, and the paths taken literally (a `*` or `[` in one is no pattern).
  const log = tryGit(root, ['--literal-pathspecs', 'log', '-z', `-n${count}`, '--format=%H%x1f%cI%x1f%s', 'HEAD', '--', ...paths])?.toString('utf8');
  if (log === undefined) return [];
  return log
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [hash = '', date = '', subject = ''] = line.split('\x1f');
      return { hash, date, subject };
    })
    .reverse();
}

/**
 * The newest tag reachable from HEAD whose name starts with `review` (`review-2026-q3`),
 * and its commit's date, ISO 8601: the last quarterly review, for the site to say what
 * changed since. Undefined outside git or without such a tag.
 */
export function latestReviewTag(root: string): { name: string; date: string } | undefined {
  const name = tryGit(root, ['describe', '--tags', '--abbrev=0', '--match', 'review*', 'HEAD'])?.toString('utf8').trim();
  if (!name || !name.startsWith('review')) return undefined;
  const date = tryGit(root, ['log', '-1', '--format=%cI', `refs/tags/${name}`, '--'])?.toString('utf8').trim();
  return date ? { name, date } : undefined;
}
