import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { ListedFile } from './discover.ts';
import { receivedParse } from './journey-of.ts';
import { parseFile, parseText, type ParsedFile } from './parse-file.ts';
import type { ParseJob, ParseJobResult } from './parse-worker.ts';
import { parseWorker, workerAllowed } from './parse-worker-thread.ts';
import type { ReadResult } from './read.ts';
import { growingYoungGeneration } from './young-generation.ts';

/** Below this many files a worker costs more to start than it saves. */
const PARALLEL_FROM = 150;
/** How long to wait for a worker that took files and has not said it is done (one that died never will). */
const WORKER_TIMEOUT_MS = 60_000;

export interface ParseAllOptions {
  /** `auto` (default): a worker beside the main thread for large repositories on machines with cores to spare. */
  readonly parallel?: boolean | 'auto';
  /** Called as files are parsed (by either thread), for progress on large repositories. */
  readonly onFile?: (done: number, total: number) => void;
  /**
   * Called on the main thread with each file as soon as it is parsed (by either thread),
   * at most once a file: work done there while the worker still parses (making its
   * model) leaves less of it for after, the worker taking more of the parsing.
   */
  readonly onParsed?: (parsed: ParsedFile) => void;
  /**
   * The parse worker makes the model of each journey it parses and sends it instead of the
   * file's data, which is parsed again from the text only if read: for a caller that reads
   * the models, not the data (the linter, the site's views).
   */
  readonly dataOnDemand?: boolean;
}

type FileList = readonly ListedFile[];

function useWorker(files: FileList, parallel: boolean | 'auto'): boolean {
  if (parallel !== 'auto') return parallel;
  return files.length >= PARALLEL_FROM && workerAllowed();
}

/** Numbers the jobs, so that a late message of an earlier job is never taken for one of this job's. */
let lastJob = 0;

/**
 * Parses every file, in order, and says how many the worker parsed. On large
 * repositories a worker thread parses alongside the main thread, both taking the
 * next file from a shared counter: parsing is most of the linter's cost. The
 * worker sends its files in small batches, which the main thread takes between
 * two of its own, so that neither sends nor receives everything at the end. The
 * call stays synchronous (the main thread waits on a shared flag, and reads the
 * worker's messages straight off its port).
 */
export function parseAll(root: string, files: FileList, options: ParseAllOptions = {}, texts?: readonly ReadResult[]): { parsed: ParsedFile[]; byWorker: number } {
  // Files read already (from git, at a revision) are parsed from their texts, the others read from disk.
  const parseOne = (index: number): ParsedFile => {
    const { path, kind, real } = files[index]!;
    return texts ? parseText(path, kind, texts[index]!) : parseFile(root, path, kind, real);
  };
  const results: (ParsedFile | undefined)[] = new Array(files.length);
  const state = new Int32Array(new SharedArrayBuffer(12));
  const helper = useWorker(files, options.parallel ?? 'auto') ? parseWorker() : undefined;
  const job = (lastJob += 1);
  let byWorker = 0;
  const receive = (port: MessagePort): void => {
    for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
      const result = message.message as ParseJobResult;
      // A worker that took the last file of a job just as the main thread finished sends it after the job is over.
      if (result.job !== job) continue;
      for (const [index, sent] of result.results) {
        const parsed = (results[index] = receivedParse(sent));
        byWorker += 1;
        options.onParsed?.(parsed);
      }
    }
  };
  if (helper) helper.port.postMessage({ job, root, files, state, ...(texts ? { texts } : {}), ...(options.dataOnDemand ? { records: true } : {}) } satisfies ParseJob);
  const young = files.length >= PARALLEL_FROM ? growingYoungGeneration() : undefined;
  for (let index = Atomics.add(state, 0, 1); index < files.length; index = Atomics.add(state, 0, 1)) {
    const parsed = (results[index] = parseOne(index));
    options.onParsed?.(parsed);
    // The worker's batches are taken as they come, so that receiving them is shared out like the parsing.
    if (helper) receive(helper.port);
    young?.onFile();
    options.onFile?.(Math.min(files.length, Atomics.load(state, 0)), files.length);
  }
  young?.end();
  if (helper) {
    // A worker that has not started this job can take no file now: no need to wait for it. One that has
    // raises its flag when done; if it died mid-way, it never will, and what it took is parsed here.
    if (Atomics.load(state, 2) > 0 && Atomics.wait(state, 1, 0, WORKER_TIMEOUT_MS) === 'timed-out') {
      helper.alive = false;
      void helper.worker.terminate();
    }
    receive(helper.port);
  }
  const parsedLate = (index: number): ParsedFile => {
    const parsed = parseOne(index);
    options.onParsed?.(parsed);
    return parsed;
  };
  return { parsed: files.map((_, index) => results[index] ?? parsedLate(index)), byWorker };
}
