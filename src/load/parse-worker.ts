/**
 * A worker that parses files alongside the main thread. For each job, both take
 * the next file from a shared counter, so the work balances itself; the worker
 * sends what it parsed back over the port in small batches, and raises a flag
 * once it runs out of files and has sent the last one. It then waits for the
 * next job.
 */
import { setFlagsFromString } from 'node:v8';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { ListedFile } from './discover.ts';
import { journeyRecord, type JourneyRecord } from './journey-record.ts';
import { journeyFrom } from './normalize.ts';
import { parseFile, parseText, type ParsedFile } from './parse-file.ts';
import type { ReadResult } from './read.ts';

export interface ParseJob {
  readonly job: number;
  readonly root: string;
  readonly files: readonly ListedFile[];
  /** [0]: index of the next file to take; [1]: 1 once this worker is done; [2]: 1 once it has started, before it takes a file. */
  readonly state: Int32Array;
  /** The files' texts when they were read already (from git, at a revision): then nothing is read from disk. */
  readonly texts?: readonly ReadResult[];
  /** Send each journey's model as a record instead of its data (ParseAllOptions.dataOnDemand). */
  readonly records?: boolean;
}

/** A file as the worker sends it: a journey's model made here may come as its record, its data left out. */
export interface SentParse extends ParsedFile {
  readonly record?: JourneyRecord;
}

export interface ParseJobResult {
  readonly job: number;
  readonly results: readonly (readonly [number, SentParse])[];
  readonly error?: string;
}

// parse-worker-thread.ts set the size of this worker's young generation for the making of its heap, now done: heaps made later get their own.
setFlagsFromString('--min-semi-space-size=0');

const { port } = workerData as { port: MessagePort };

/** Files per message: the data then dies young here, and the main thread takes it in small bites. */
const BATCH = 16;

/** The buffers of the files' packed events, moved to the main thread rather than copied. */
const transfers = (results: readonly (readonly [number, SentParse])[]): ArrayBuffer[] =>
  results.flatMap(([, parsed]) => (parsed.events ? [parsed.events.buffer as ArrayBuffer] : []));

/**
 * A journey's model made here, sent as its record without the file's data: the main
 * thread then takes a smaller message off the port and makes the model from the record
 * (a third of normalizing the data there), and keeps no data nothing reads.
 */
function asRecord(parsed: ParsedFile): SentParse {
  const { file } = parsed;
  if (file.kind !== 'journey' || file.data === undefined) return parsed;
  const journey = journeyFrom(file.path, file.path.endsWith('.md') ? 'markdown' : 'yaml', file.data, parsed.sections);
  const record = journey && journeyRecord(journey);
  return record ? { ...parsed, file: { ...file, data: undefined }, record } : parsed;
}

function run({ job, root, files, state, texts, records }: ParseJob): void {
  let results: [number, SentParse][] = [];
  // Said before taking any file: the main thread then knows to wait for whatever this worker takes.
  Atomics.store(state, 2, 1);
  try {
    for (let index = Atomics.add(state, 0, 1); index < files.length; index = Atomics.add(state, 0, 1)) {
      const { path, kind, real } = files[index]!;
      const parsed = texts ? parseText(path, kind, texts[index]!) : parseFile(root, path, kind, real);
      results.push([index, records ? asRecord(parsed) : parsed]);
      if (results.length === BATCH) {
        port.postMessage({ job, results } satisfies ParseJobResult, transfers(results));
        results = [];
      }
    }
    port.postMessage({ job, results } satisfies ParseJobResult, transfers(results));
  } catch (error) {
    port.postMessage({ job, results, error: error instanceof Error ? error.message : String(error) } satisfies ParseJobResult);
  } finally {
    Atomics.store(state, 1, 1);
    Atomics.notify(state, 1);
  }
}

port.on('message', run);
