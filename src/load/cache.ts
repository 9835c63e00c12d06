/**
 * The lint cache (`journeys lint --cache`), as ESLint's: each file's parse (a journey's
 * model: journey-record.ts), schema validation and line numbers are kept from one run to
 * the next, keyed by a hash of its bytes, so that a second run parses only the files that
 * changed, and reads only those whose stamp changed (file-stamp.ts). The model is
 * assembled and every rule runs again each time, on the cached models: cross-journey
 * findings can change when any file does.
 *
 * The cache is one file: a magic line, a JSON header (format, versions, the key, a
 * digest of the entries and the body, and per file its path, text hash, stamp and where
 * its blobs lie), then
 * the blobs (V8's serialization, the same that carries a worker's files across). The
 * key holds the format, the tool's version (and its own loader's code when run from
 * a checkout), Node's version, and the text of the configuration and of every shared
 * file (owners, channels, personas, events): when any of them changes, the whole
 * cache is dropped. A file that is unreadable, truncated, corrupt or written by
 * another version is never trusted: it is ignored with a note and written anew; a
 * file at that place that is not a cache at all is left alone. Writes go to a
 * temporary file in the cache's own folder, then are renamed over the cache.
 */
import { hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { mayHoldDisableComments, type FileFindings } from '../model/rule.ts';
import type { Finding, SourceFile, SourceKind } from '../model/types.ts';
import { writeCacheFile } from './cache-file-write.ts';
import { UsageError, type ListedFile } from './discover.ts';
import { fileStamp, settled } from './file-stamp.ts';
import { dataParsedAgain, journeyMadeOf, keepJourney } from './journey-of.ts';
import { journeyFromRecord, journeyRecord, type JourneyRecord } from './journey-record.ts';
import { packageVersion, sourceDigest } from './tool-identity.ts';
import { parseAll, type ParseAllOptions } from './parse-all.ts';
import type { ParsedFile } from './parse-file.ts';
import { wrapLocator } from './positions.ts';
import { decodeText, readInside } from './read.ts';
import { recordingLocator, type LocatorAnswers, type RecordingLocator } from './recorded-positions.ts';
import { growingYoungGeneration } from './young-generation.ts';

export interface CacheOptions {
  /**
   * Absolute path of the cache: a file, or a folder (one that exists, or a path that
   * ends with a slash) that gets `lint.cache` in it. Default: `node_modules/.cache/journeys/`
   * under the repository root when it has node_modules/, else `.cache/journeys/`.
   */
  readonly location?: string;
  /** Told, in a sentence, when a cache file was ignored or could not be written. */
  readonly onNote?: (message: string) => void;
}

/** Bumped whenever what a blob holds changes shape. */
const FORMAT = 4;
const MAGIC = 'journeys-lint-cache\n';
export const CACHE_FILE = 'lint.cache';
/**
 * From this many entries restored, the young generation may grow while they are (as while
 * many files are parsed): kept at its first size, it was collected every few milliseconds,
 * each time copying out the models just restored, for a third of a run after one edit of
 * 1,000 journeys (which now takes about a tenth less).
 */
const RESTORED_TO_GROW = 150;
/**
 * ...and how large it may grow then, in bytes: twice the bound of a parse. A record read back
 * lives only until its model is made of it, and in a young generation this size most die
 * before a collection copies them: a run after one edit of 1,000 journeys took 0.84-0.94
 * times as long as at the parse's bound (alternate runs), for 11 MB more at its peak.
 */
const RESTORED_YOUNG_BYTES = 16 * 1024 * 1024;

/** The declaration files and the configuration: rules read them across files, so they key the whole cache. */
const SHARED_KINDS: ReadonlySet<SourceKind> = new Set(['config', 'owners', 'channels', 'personas', 'events']);

type FileList = readonly ListedFile[];

/**
 * Per file: path, text hash, stamp (file-stamp.ts: null when the file had changed too
 * lately to trust it), [offset, length] of the parse blob, of the positions blob (null
 * when there is none), and of the findings blob when there is one.
 */
type HeaderEntry = readonly [string, string, string | null, number, number, (number | null)?, (number | null)?, number?, number?];

interface Header {
  readonly format: number;
  readonly tool: string;
  readonly node: string;
  readonly key: string;
  readonly bodyBytes: number;
  readonly bodyDigest: string;
  /** What the findings blobs were made for (the rules, their code, the metrics: the engine's findingsContext and the cache's own); absent when there are none. */
  readonly findings?: string;
  readonly entries: readonly HeaderEntry[];
}

interface OldEntry {
  readonly hash: string;
  /** The file's stamp when it was read, when it may be trusted: the file is then not read again while its stamp is the same. */
  readonly stamp?: string;
  readonly parse: Buffer;
  readonly positions?: Buffer;
  /** The file-scoped rules' findings on the file (FileFindings), made for the header's `findings`. */
  readonly findings?: Buffer;
}

/**
 * A file's parse as stored: its file without the text (which is read again each run, and
 * hashed). A journey file keeps its model's record instead of its data: the model is what
 * the rules read, and making it again from the data took more time than parsing the text.
 */
type StoredParse = Omit<ParsedFile, 'file'> & {
  readonly file: Omit<SourceFile, 'path' | 'kind' | 'text' | 'data'> & { readonly data?: unknown };
  readonly journey?: JourneyRecord;
  /** Whether the YAML names journeys-disable: a file kept by its stamp is not read to look for disable comments. */
  readonly disables: boolean;
};

const sha256 = (data: string | Uint8Array): string => hash('sha256', data);
/**
 * The check of the entries and the body against truncation and damage: a CRC-32, as zip
 * and PNG have, a tenth of a SHA-256's time on the 12 MB of a thousand journeys (read and
 * written each run). The entries are in it: a file kept by its stamp takes its hash from
 * its entry. Files are told apart by the SHA-256 of their bytes; no digest would stop a forgery.
 */
const bodyDigest = (entries: readonly HeaderEntry[], parts: readonly Uint8Array[]): string =>
  `crc32:${parts.reduce((crc, part) => crc32(part, crc), crc32(JSON.stringify(entries))).toString(16)}`;

/** Where the cache file is, for a repository root and the location asked for. */
export function cacheFile(root: string, location: string | undefined): { file: string; folder: string; isDefault: boolean } {
  if (location === undefined) {
    const folder = isFolder(join(root, 'node_modules')) ? join(root, 'node_modules', '.cache', 'journeys') : join(root, '.cache', 'journeys');
    return { file: join(folder, CACHE_FILE), folder, isDefault: true };
  }
  if (location.endsWith('/') || location.endsWith(sep) || isFolder(location)) return { file: join(location, CACHE_FILE), folder: location, isDefault: false };
  return { file: location, folder: dirname(location), isDefault: false };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The tool's version, and when it runs from its sources (a checkout, where the code
 * changes without the version), a digest of the loader's and the model's code: what
 * makes a file's cached parse.
 */
function tool(): { version: string; code: string } {
  return { version: packageVersion(), code: sourceDigest(['load', 'model']) };
}

/**
 * When the tool runs from its sources, a digest of the code that makes findings (the
 * rules, the engine, what they call): kept findings are dropped when it changes, which
 * the version alone would not say in a checkout. Empty for the compiled package.
 */
function findingsCode(): string {
  return sourceDigest(['analyze', 'engine', 'rules', 'simulate']);
}

/** What the cache file at `file` holds, or why it cannot be used (undefined: there is none, or it is ours but stale). */
type Read = { readonly entries: Map<string, OldEntry>; readonly findings?: string } | { readonly note?: string; readonly foreign?: true };

/** What the cache file holds, with the key it was written for. */
function readCache(file: string): Read & { readonly key?: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    return { note: `the lint cache ${file} could not be read (${code ?? 'unknown error'}): linting without it` };
  }
  const magic = Buffer.from(MAGIC);
  if (bytes.length < magic.length ? !magic.subarray(0, bytes.length).equals(bytes) : !bytes.subarray(0, magic.length).equals(magic)) {
    return { foreign: true, note: `${file} is not a journeys lint cache: it was left as it is, and no cache was used (--cache-location chooses another place)` };
  }
  const corrupt = { note: `the lint cache ${file} is damaged (truncated or corrupt): it was ignored and is written anew` };
  const end = bytes.indexOf(10, magic.length);
  if (end === -1) return corrupt;
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', magic.length, end)) as Header;
  } catch {
    return corrupt;
  }
  if (header === null || typeof header !== 'object') return corrupt;
  const { version, code } = tool();
  if (header.format !== FORMAT || header.tool !== `${version} ${code}`.trim() || header.node !== process.version) {
    const by = typeof header.tool === 'string' && typeof header.node === 'string' ? ` (journeys ${header.tool.split(' ')[0]} on Node ${header.node})` : '';
    return { note: `the lint cache ${file} was written by another version${by}: it was ignored and is written anew` };
  }
  const body = bytes.subarray(end + 1);
  if (body.length !== header.bodyBytes || !Array.isArray(header.entries) || bodyDigest(header.entries, [body]) !== header.bodyDigest) return corrupt;
  if (typeof header.key !== 'string') return corrupt;
  const entries = new Map<string, OldEntry>();
  const blob = (offset: unknown, length: unknown): Buffer | undefined =>
    Number.isInteger(offset) && Number.isInteger(length) && (offset as number) >= 0 && (length as number) > 0 && (offset as number) + (length as number) <= body.length
      ? body.subarray(offset as number, (offset as number) + (length as number))
      : undefined;
  if (header.findings !== undefined && typeof header.findings !== 'string') return corrupt;
  for (const entry of header.entries) {
    if (!Array.isArray(entry)) return corrupt;
    const [path, hash, stamp, offset, length, positionsOffset, positionsLength, findingsOffset, findingsLength] = entry;
    const parse = blob(offset, length);
    if (typeof path !== 'string' || typeof hash !== 'string' || (stamp !== null && typeof stamp !== 'string') || !parse) return corrupt;
    const positions = positionsOffset === undefined || positionsOffset === null ? undefined : blob(positionsOffset, positionsLength);
    if (positionsOffset !== undefined && positionsOffset !== null && !positions) return corrupt;
    const findings = findingsOffset === undefined ? undefined : blob(findingsOffset, findingsLength);
    if (findingsOffset !== undefined && (!findings || header.findings === undefined)) return corrupt;
    entries.set(path, { hash, ...(stamp !== null ? { stamp } : {}), parse, ...(positions ? { positions } : {}), ...(findings ? { findings } : {}) });
  }
  return { entries, key: header.key, ...(header.findings !== undefined ? { findings: header.findings } : {}) };
}

/**
 * A stored parse made whole again with the file's text, or undefined when it is not what
 * the cache writes. The text of a file kept by its stamp is read only if something reads it.
 */
function restore(blob: Buffer, path: string, kind: SourceKind, given: string | (() => string)): ParsedFile | undefined {
  const stored = deserialize(blob) as StoredParse;
  if (stored === null || typeof stored !== 'object' || !Array.isArray(stored.problems) || stored.file === null || typeof stored.file !== 'object') return undefined;
  const { yamlStart, yamlEnd } = stored.file;
  if (!Number.isInteger(yamlStart) || !Number.isInteger(yamlEnd) || yamlStart < 0 || yamlStart > yamlEnd) return undefined;
  if (typeof given === 'string' && yamlEnd > given.length) return undefined;
  const { journey: record, disables, ...parse } = stored;
  if (record !== undefined && (!Array.isArray(record) || kind !== 'journey')) return undefined;
  let text = typeof given === 'string' ? given : undefined;
  const textOf = (): string => (text ??= (given as () => string)());
  // The data of a journey whose model is kept: parsed from the same text as when it was stored, only if
  // something reads it (a fix, --base).
  const dataOf = record === undefined ? undefined : dataParsedAgain(path, textOf, yamlStart, yamlEnd);
  const data = record === undefined ? stored.file.data : undefined;
  // The same keys in the same order as the loader's own files; what is not at hand is read when first asked for.
  const file = { path, kind, text: text ?? '', yamlStart, yamlEnd, data, disableComments: disables === true } satisfies SourceFile;
  if (text === undefined) Object.defineProperty(file, 'text', { get: textOf, enumerable: true });
  if (dataOf !== undefined) Object.defineProperty(file, 'data', { get: dataOf, enumerable: true });
  const restored: ParsedFile = { ...parse, file };
  if (dataOf !== undefined) keepJourney(restored, journeyFromRecord(path, record!, dataOf));
  return restored;
}

function restoreAnswers(blob: Buffer | undefined): LocatorAnswers | undefined {
  if (!blob) return undefined;
  const answers = deserialize(blob) as LocatorAnswers;
  if (answers === null || typeof answers !== 'object' || !(answers.locate instanceof Map) || !(answers.range instanceof Map)) throw new Error('not stored positions');
  return answers;
}

function storedParse(parsed: ParsedFile): Buffer {
  const { yamlStart, yamlEnd } = parsed.file;
  // The parser's events are not kept: positions come from the stored answers, or from a parse of the text.
  const kept: { -readonly [K in keyof ParsedFile]?: ParsedFile[K] } = { ...parsed };
  delete kept.events;
  const disables = mayHoldDisableComments(parsed.file);
  const journey = parsed.file.kind === 'journey' ? journeyMadeOf(parsed) : undefined;
  const record = journey ? journeyRecord(journey) : undefined;
  // A journey's data is not kept beside its record (nor read: a file the parse worker sent has it on demand).
  if (record === undefined) return serialize({ ...kept, file: { yamlStart, yamlEnd, data: parsed.file.data }, disables } as StoredParse);
  return serialize({ ...kept, file: { yamlStart, yamlEnd }, journey: record, disables } as StoredParse);
}

export interface CachedParse {
  readonly parsed: ParsedFile[];
  /**
   * The findings of the file-scoped rules kept for the files that did not change, for a
   * run in `context` (the rules, as the engine words it): the metrics files,
   * which those rules read across files, and the rules' code key them too.
   */
  readonly findings: (context: string) => FileFindings;
  /** Writes the cache, with the line numbers asked for since: call it once the rules have run. */
  readonly save: () => void;
}

/**
 * Parses the files, taking from the cache every file whose text it holds: a file whose
 * stamp the cache holds is taken without being read, each other file is read, its text
 * hashed and looked up; the others are parsed (with the parse worker when there are many).
 */
export function parseWithCache(root: string, files: FileList, cache: CacheOptions, options: ParseAllOptions = {}): CachedParse {
  const note = (message: string): void => cache.onNote?.(message);
  const where = cacheFile(root, cache.location);
  const cached = readCache(where.file);
  const cachedEntries = 'entries' in cached ? cached.entries : new Map<string, OldEntry>();

  // Each file's stamp, taken before it is read: a file whose stamp the cache holds is not read (file-stamp.ts).
  const readAt = Date.now();
  const stamps = files.map((file) => fileStamp(root, file.path, file.real));
  const byStamp: boolean[] = files.map((file, index) => {
    const stamp = cachedEntries.get(file.path)?.stamp;
    return stamp !== undefined && stamp === stamps[index]?.key;
  });
  // Keyed by the bytes (the text is a function of them), hashed as read: no second encoding of the text.
  const texts: (string | undefined)[] = new Array(files.length);
  const hashes: (string | undefined)[] = files.map((file, index) => (byStamp[index] ? cachedEntries.get(file.path)!.hash : undefined));
  const readFile = (index: number): void => {
    const file = files[index]!;
    byStamp[index] = false;
    const read = readInside(root, file.path, file.real);
    const decoded = read.ok ? decodeText(read.bytes) : undefined;
    texts[index] = decoded?.ok ? decoded.text : undefined;
    hashes[index] = decoded?.ok && read.ok ? sha256(read.bytes) : undefined;
  };
  files.forEach((_, index) => {
    if (!byStamp[index]) readFile(index);
  });
  /** The text of a file kept by its stamp, read when first asked for: the bytes hashed when it was stored, or an error. */
  const textLater = (index: number) => (): string => {
    const file = files[index]!;
    const read = readInside(root, file.path, file.real);
    const decoded = read.ok ? decodeText(read.bytes) : undefined;
    if (!read.ok || !decoded?.ok || sha256(read.bytes) !== hashes[index]) throw new UsageError(`${file.path} changed while it was being linted: run the command again.`);
    return decoded.text;
  };
  const { version, code } = tool();
  const shared = files.flatMap((file, index) => (SHARED_KINDS.has(file.kind) ? [[file.path, hashes[index] ?? 'unread']] : []));
  const key = sha256(JSON.stringify({ format: FORMAT, tool: version, code, node: process.version, shared }));

  // A change of the configuration or of a shared file: nothing to say, the cache is simply rebuilt.
  const old: Read = 'entries' in cached && cached.key !== key ? {} : cached;
  if ('note' in old && old.note !== undefined) note(old.note);
  const writable = !('foreign' in old);
  const oldEntries = 'entries' in old ? old.entries : new Map<string, OldEntry>();

  const results: (ParsedFile | undefined)[] = new Array(files.length);
  const reused: (OldEntry | undefined)[] = new Array(files.length);
  const answers: (LocatorAnswers | undefined)[] = new Array(files.length);
  let damaged = false;
  // What is restored is kept, as what is parsed is: the young generation may grow meanwhile (young-generation.ts).
  const young = oldEntries.size >= RESTORED_TO_GROW ? growingYoungGeneration(RESTORED_YOUNG_BYTES) : undefined;
  files.forEach((file, index) => {
    young?.onFile();
    const entry = oldEntries.get(file.path);
    const text = byStamp[index] ? textLater(index) : texts[index];
    if (!entry || text === undefined || entry.hash !== hashes[index] || damaged) return;
    try {
      const parsed = restore(entry.parse, file.path, file.kind, text);
      if (!parsed) throw new Error('not a stored parse');
      results[index] = parsed;
      reused[index] = entry;
      answers[index] = restoreAnswers(entry.positions);
    } catch {
      // Past its digest, a blob that does not read back is a bug or a forgery: trust nothing of this cache.
      damaged = true;
    }
  });
  young?.end();
  if (damaged) {
    note(`the lint cache ${where.file} holds an entry that does not read back: it was ignored and is written anew`);
    results.fill(undefined);
    reused.fill(undefined);
    answers.fill(undefined);
  }
  // A file the cache cannot give after all is parsed: its text is what is hashed and kept.
  files.forEach((_, index) => {
    if (results[index] === undefined && byStamp[index]) readFile(index);
  });

  const missing = files.flatMap((file, index) => (results[index] === undefined ? [{ ...file, index }] : []));
  if (missing.length > 0) {
    const { parsed } = parseAll(root, missing, options);
    parsed.forEach((result, at) => {
      results[missing[at]!.index] = result;
    });
  }
  const parsed = results as ParsedFile[];

  const indexOf = new Map(files.map((file, index) => [file.path, index]));
  const metrics = files.flatMap((file, index) => (file.kind === 'metrics' ? [[file.path, hashes[index] ?? 'unread']] : []));
  /** This run's findings key, and what the file-scoped rules found on the files they ran on. */
  let run: { readonly key: string; readonly usable: boolean; readonly fresh: Map<string, readonly Finding[]> } | undefined;
  const findings = (context: string): FileFindings => {
    const findingsKey = sha256(JSON.stringify({ context, code: findingsCode(), metrics }));
    const current = { key: findingsKey, usable: 'entries' in old && old.findings === findingsKey, fresh: new Map<string, readonly Finding[]>() };
    run = current;
    return {
      get(path) {
        const index = indexOf.get(path);
        const blob = index === undefined || !current.usable ? undefined : reused[index]?.findings;
        if (!blob) return undefined;
        const list = deserialize(blob) as unknown;
        // Past the body's digest, a blob that is not a list is a bug: the rules run on the file again.
        return Array.isArray(list) ? (list as Finding[]) : undefined;
      },
      set(path, list) {
        current.fresh.set(path, list);
      },
    };
  };

  const recorders: (RecordingLocator | undefined)[] = new Array(files.length);
  parsed.forEach((result, index) => {
    wrapLocator(result.file, (build) => (recorders[index] ??= recordingLocator(result.file, answers[index], build)).locator);
  });

  const save = (): void => {
    if (!writable) return;
    const asked = (index: number): boolean => recorders[index]?.changed() ?? false;
    const findingsUnchanged = run === undefined || (run.usable && run.fresh.size === 0);
    /** The stamp kept for a file: the one it was read with, once the file is old enough for it to be trusted. */
    const stampOf = (index: number): string | undefined => {
      if (byStamp[index]) return reused[index]!.stamp;
      const stamp = stamps[index];
      return stamp !== undefined && settled(stamp, readAt) ? stamp.key : undefined;
    };
    const unchanged =
      'entries' in old &&
      oldEntries.size === files.length &&
      findingsUnchanged &&
      files.every((_, index) => reused[index] !== undefined && !asked(index) && reused[index].stamp === stampOf(index));
    if (unchanged) return;
    // Without a findings key of this run's, the kept findings stay those of the old one.
    const findingsKey = run ? run.key : 'entries' in old ? old.findings : undefined;
    const keptFindings = (path: string, index: number): Buffer | undefined => {
      const made = run?.fresh.get(path);
      if (made) return serialize(made);
      return run === undefined || run.usable ? reused[index]?.findings : undefined;
    };
    const blobs: Buffer[] = [];
    const entries: HeaderEntry[] = [];
    let offset = 0;
    const add = (blob: Buffer): [number, number] => {
      blobs.push(blob);
      offset += blob.length;
      return [offset - blob.length, blob.length];
    };
    files.forEach((file, index) => {
      const hash = hashes[index];
      const result = parsed[index]!;
      // Only a parse of the very text that was hashed is kept: a file read as something else (changed or
      // replaced since) is parsed again next time.
      if (hash === undefined || (!byStamp[index] && result.file.text !== texts[index])) return;
      const stamp = stampOf(index) ?? null;
      const [at, length] = add(reused[index]?.parse ?? storedParse(result));
      const known = recorders[index]?.answers();
      const positions =
        !asked(index) && reused[index]?.positions ? add(reused[index].positions)
        : known && (known.locate.size > 0 || known.range.size > 0 || known.scalarRanges !== undefined) ? add(serialize(known))
        : undefined;
      const findingsBlob = findingsKey === undefined ? undefined : keptFindings(file.path, index);
      const found = findingsBlob ? add(findingsBlob) : undefined;
      entries.push(
        found ? [file.path, hash, stamp, at, length, positions?.[0] ?? null, positions?.[1] ?? null, ...found]
        : positions ? [file.path, hash, stamp, at, length, ...positions]
        : [file.path, hash, stamp, at, length],
      );
    });
    const header: Header = {
      format: FORMAT,
      tool: `${version} ${code}`.trim(),
      node: process.version,
      key,
      bodyBytes: offset,
      bodyDigest: bodyDigest(entries, blobs),
      ...(findingsKey !== undefined ? { findings: findingsKey } : {}),
      entries,
    };
    try {
      writeCacheFile(where.file, [Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), ...blobs], where.isDefault ? { gitignoreTitle: 'Written by journeys lint --cache' } : {});
    } catch (error) {
      note(`the lint cache could not be written to ${where.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): the next run parses every file again`);
    }
  };
  return { parsed, findings, save };
}
