import type { FileFindings } from '../model/rule.ts';
import type { Channel, EventDeclaration, Journey, LoadProblem, MetricValue, Owner, Persona, Repository, Scenario, SourceFile } from '../model/types.ts';
import { BUILT_IN_CHANNELS } from '../model/channels.ts';
import { parseWithCache, type CacheOptions } from './cache.ts';
import { configFrom, EMPTY_CONFIG } from './config.ts';
import { discover, type ListedFile, type Skipped } from './discover.ts';
import { fileStamp, sameStamp, type FileStamp } from './file-stamp.ts';
import { journeyOfFile } from './journey-of.ts';
import { channelsFrom, eventsFrom, ownersFrom, personasFrom, scenarioFrom } from './normalize.ts';
import { parseAll, type ParseAllOptions } from './parse-all.ts';
import type { ParsedFile } from './parse-file.ts';
import { keepEvents } from './positions.ts';
import { readText, type ReadResult } from './read.ts';
import type { UnreadFile } from './unread.ts';

export interface LoadOptions extends ParseAllOptions {
  /** Keep each file's parse for the next run (`journeys lint --cache`): see cache.ts. */
  readonly cache?: CacheOptions;
  /** Keep each file's parse in memory for the next load of the same repository (`journeys dev`): see ParseReuse. */
  readonly reuse?: ParseReuse;
}

/**
 * The files of a repository as the last load parsed them, which a long-lived caller (the
 * dev server) hands to the next load: a file whose text is the same keeps its parse, the
 * same objects; only the others are parsed. A file is read again unless its stamp (inode,
 * size, times: file-stamp.ts) is the one it had when it was last read; what was read is
 * compared with the text parsed. Each load updates it, and says how many files it parsed,
 * how many it kept, and how many it read.
 */
export interface ParseReuse {
  readonly files: Map<string, ParsedFile>;
  /** Each file's stamp before it was last read, and when. */
  readonly stamps: Map<string, { readonly stamp: FileStamp | undefined; readonly readAt: number }>;
  parsed: number;
  reused: number;
  read: number;
}

/** An empty ParseReuse, for a first load. */
export function parseReuse(): ParseReuse {
  return { files: new Map(), stamps: new Map(), parsed: 0, reused: 0, read: 0 };
}

/** Parses the files whose text changed since `reuse` was last updated, and keeps the others' parses. */
function parseReusing(root: string, files: readonly ListedFile[], reuse: ParseReuse, options: ParseAllOptions): ParsedFile[] {
  const readAt = Date.now();
  const stamps = files.map((file) => fileStamp(root, file.path, file.real));
  // Read only when the stamp changed: what was read is kept as the text of a file parsed anew.
  const texts: (ReadResult | undefined)[] = new Array(files.length);
  const kept = files.map((file, index): ParsedFile | undefined => {
    const before = reuse.files.get(file.path);
    const same = before !== undefined && before.file.kind === file.kind ? before : undefined;
    const last = reuse.stamps.get(file.path);
    if (same && last && sameStamp(last.stamp, last.readAt, stamps[index])) return same;
    const read = (texts[index] = readText(root, file.path, file.real));
    return same && read.ok && same.file.text === read.text ? same : undefined;
  });
  const fresh = files.flatMap((_, index) => (kept[index] === undefined ? [index] : []));
  const parsed = parseAll(root, fresh.map((index) => files[index]!), options, fresh.map((index) => texts[index]!)).parsed;
  fresh.forEach((index, n) => (kept[index] = parsed[n]));
  const all = kept as ParsedFile[];
  const lastStamps = new Map(reuse.stamps);
  reuse.files.clear();
  reuse.stamps.clear();
  all.forEach((file, index) => {
    const path = files[index]!.path;
    reuse.files.set(path, file);
    // A file kept by its stamp keeps the time it was read at, which its stamp is trusted against.
    reuse.stamps.set(path, texts[index] === undefined ? lastStamps.get(path)! : { stamp: stamps[index], readAt });
  });
  reuse.parsed = fresh.length;
  reuse.reused = files.length - fresh.length;
  reuse.read = texts.filter((text) => text !== undefined).length;
  return all;
}

export interface LoadedRepository {
  readonly root: string;
  readonly repo: Repository;
  /** Its files as parsed, in path order: what a load of another revision may reuse (loadAtRevision's `reuse`). */
  readonly parsed: readonly ParsedFile[];
  /** With `cache`: writes it, with the line numbers asked for so far (call it once the rules have run). */
  readonly saveCache?: () => void;
  /** With `cache`: the file-scoped rules' findings kept for unchanged files, for a run in `context` (see cache.ts). */
  readonly fileFindings?: (context: string) => FileFindings;
}

/** Reads, parses and validates a journeys repository. Bad files become problems, never exceptions. */
export function loadRepository(path: string, given: LoadOptions = {}): LoadedRepository {
  const layout = discover(path);
  const onParsed = (parse: ParsedFile): void => {
    modelEarly(parse, given.dataOnDemand);
    given.onParsed?.(parse);
  };
  const options: LoadOptions = { ...given, onParsed };
  if (options.cache) {
    const { parsed, findings, save } = parseWithCache(layout.root, layout.files, options.cache, options);
    return { root: layout.root, repo: assemble(parsed, layout), parsed, saveCache: save, fileFindings: findings };
  }
  const parsed = options.reuse ? parseReusing(layout.root, layout.files, options.reuse, options) : parseAll(layout.root, layout.files, options).parsed;
  return { root: layout.root, repo: assemble(parsed, layout), parsed };
}

/** What was left out when the files were listed: entries skipped (each an info finding), files ignored by the configuration. */
export interface Omitted {
  readonly skipped: readonly Skipped[];
  readonly ignored: number;
  /** Files whose names no pattern reads, though they look meant to be read (each a warning of unread-file). */
  readonly unread?: readonly UnreadFile[];
}

/** Makes a parsed file's model as soon as it is parsed, while the parse worker goes on (ParseAllOptions.onParsed). */
function modelEarly(parse: ParsedFile, dataOnDemand = false): void {
  if (parse.file.kind === 'journey') journeyOfFile(parse, dataOnDemand);
}

/** The model of a repository from its parsed files, in path order. */
export function assemble(parsed: readonly ParsedFile[], omitted: Omitted = { skipped: [], ignored: 0 }): Repository {
  // In path order, so that the same entries skipped in the work tree and at a revision are the same problems.
  const skipped = [...omitted.skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const problems: LoadProblem[] = skipped.map(({ path, message }) => ({ kind: 'parse', message, at: { file: path, path: [] }, offset: 0, severity: 'info' }));
  const files: SourceFile[] = [];
  const journeys: Journey[] = [];
  const owners: Owner[] = [];
  const channels: Channel[] = [...BUILT_IN_CHANNELS];
  const personas: Persona[] = [];
  const events: EventDeclaration[] = [];
  const scenarios: Scenario[] = [];
  const metrics: MetricValue[] = [];
  const declared: { owners?: string; channels?: string; personas?: string; events?: string } = {};
  let config = EMPTY_CONFIG;

  parsed.forEach((parse) => {
    const { file, problems: found, events: parsedEvents } = parse;
    const { path: filePath, kind } = file;
    if (parsedEvents) keepEvents(file, parsedEvents);
    problems.push(...found);
    files.push(file);
    if (kind === 'owners' || kind === 'channels' || kind === 'personas' || kind === 'events') declared[kind] ??= filePath;
    if (kind === 'journey') {
      // Made as the file was parsed, kept with a parse kept for the next load (ParseReuse), or read back from
      // the lint cache (whose file's data is then parsed again only if something reads it).
      const journey = journeyOfFile(parse);
      if (journey) journeys.push(journey);
      return;
    }
    if (file.data === undefined) return;
    switch (kind) {
      case 'owners':
        owners.push(...ownersFrom(filePath, file.data));
        break;
      case 'channels':
        channels.push(...channelsFrom(filePath, file.data));
        break;
      case 'personas':
        personas.push(...personasFrom(filePath, file.data));
        break;
      case 'events':
        events.push(...eventsFrom(filePath, file.data));
        break;
      case 'scenario': {
        const scenario = scenarioFrom(filePath, file.data);
        if (scenario) scenarios.push(scenario);
        break;
      }
      case 'config':
        config = configFrom(filePath, file.data);
        break;
      case 'metrics':
        metrics.push(...(file.data as MetricValue[]));
        break;
    }
  });

  // A declared channel may redefine a built-in one (its name, or whether it is outbound).
  const declaredIds = new Set(channels.filter((channel) => !channel.builtIn).map((channel) => channel.id));
  const allChannels = channels.filter((channel) => !channel.builtIn || !declaredIds.has(channel.id));
  return {
    files,
    journeys,
    owners,
    channels: allChannels,
    personas,
    events,
    scenarios,
    metrics,
    config,
    declared,
    problems,
    skipped: { ignored: omitted.ignored, unread: omitted.skipped.length },
    unreadFiles: [...(omitted.unread ?? [])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}
