import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { SourceKind } from '../model/types.ts';
import { parseFile, type ParsedFile } from './parse-file.ts';

/** Below this many files a worker costs more to start than it saves. */
const PARALLEL_FROM = 150;

export interface ParseAllOptions {
  /** `auto` (default): a worker beside the main thread for large repositories on machines with cores to spare. */
  readonly parallel?: boolean | 'auto';
  /** Called as files are parsed (by either thread), for progress on large repositories. */
  readonly onFile?: (done: number, total: number) => void;
}

type FileList = readonly { readonly path: string; readonly kind: SourceKind }[];

function useWorker(files: FileList, parallel: boolean | 'auto'): boolean {
  if (parallel !== 'auto') return parallel;
  if (process.env.JOURNEYS_PARALLEL === '0') return false;
  return files.length >= PARALLEL_FROM && availableParallelism() > 1;
}

/**
 * Parses every file, in order, and says how many the worker parsed. On large repositories one worker thread parses
 * alongside the main thread: parsing is most of the linter's cost, and the data
 * crosses back cheaply. The call stays synchronous (the main thread waits on a
 * shared flag, then reads the worker's message straight off its port).
 */
export function parseAll(root: string, files: FileList, options: ParseAllOptions = {}): { parsed: ParsedFile[]; byWorker: number } {
  const results: (ParsedFile | undefined)[] = new Array(files.length);
  const state = new Int32Array(new SharedArrayBuffer(12));
  let worker: Worker | undefined;
  let byWorker = 0;
  let port: MessageChannel['port1'] | undefined;
  if (useWorker(files, options.parallel ?? 'auto')) {
    try {
      const channel = new MessageChannel();
      worker = new Worker(new URL('./parse-worker.ts', import.meta.url), {
        workerData: { root, files, state, port: channel.port2 },
        transferList: [channel.port2],
        // As for the main thread (bin/journeys.js): parsing allocates many short-lived objects.
        resourceLimits: { maxYoungGenerationSizeMb: 192 },
      });
      worker.unref();
      port = channel.port1;
    } catch {
      // No worker (an unusual runtime): the main thread parses everything.
      worker = undefined;
    }
  }
  for (let index = Atomics.add(state, 0, 1); index < files.length; index = Atomics.add(state, 0, 1)) {
    results[index] = parseFile(root, files[index]!.path, files[index]!.kind);
    options.onFile?.(Math.min(files.length, Atomics.load(state, 0)), files.length);
  }
  if (worker && port) {
    // A worker that took no file has nothing to send (or never started): no need to wait for it.
    // One that died mid-way never raises its flag: wait a bounded time, then parse what is left here.
    if (Atomics.load(state, 2) > 0) Atomics.wait(state, 1, 0, 60_000);
    const message = receiveMessageOnPort(port)?.message as { results: [number, ParsedFile][] } | undefined;
    for (const [index, parsed] of message?.results ?? []) {
      results[index] = parsed;
      byWorker += 1;
    }
    port.close();
    void worker.terminate();
  }
  return { parsed: files.map((file, index) => results[index] ?? parseFile(root, file.path, file.kind)), byWorker };
}
