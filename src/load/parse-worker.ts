/**
 * A worker that parses files alongside the main thread. Both take the next file
 * from a shared counter, so the work balances itself; the worker sends what it
 * parsed over a port and raises a flag when it runs out of files.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { SourceKind } from '../model/types.ts';
import { parseFile } from './parse-file.ts';

interface Job {
  readonly root: string;
  readonly files: readonly { readonly path: string; readonly kind: SourceKind }[];
  /** [0]: index of the next file to take; [1]: 1 once this worker is done; [2]: files this worker took. */
  readonly state: Int32Array;
  readonly port: MessagePort;
}

const { root, files, state, port } = workerData as Job;
const results: [number, ReturnType<typeof parseFile>][] = [];
try {
  for (let index = Atomics.add(state, 0, 1); index < files.length; index = Atomics.add(state, 0, 1)) {
    Atomics.add(state, 2, 1);
    results.push([index, parseFile(root, files[index]!.path, files[index]!.kind)]);
  }
  port.postMessage({ results });
} catch (error) {
  port.postMessage({ results, error: error instanceof Error ? error.message : String(error) });
} finally {
  Atomics.store(state, 1, 1);
  Atomics.notify(state, 1);
  parentPort?.close();
}
