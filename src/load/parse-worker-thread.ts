/**
 * The process's parse worker (parse-worker.ts), started on first need and kept for the
 * next calls. A module of its own, importing nothing of the loader: the command line
 * starts the worker as its very first step (bin/journeys.js), so that the worker loads
 * its modules (the parser, the validators) while the main thread loads its own, instead
 * of after, when the main thread is already parsing alone.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

/**
 * The worker's semi-spaces, in MB: at the size its young generation is bounded to from its first
 * file. Almost all it allocates (the parser's events, its intermediate objects) dies within a file,
 * and what lives (a batch of results) is sent away soon: in a young generation this size little
 * survives a collection. At the 1 MB it would start at (the command line keeps semi-spaces from
 * growing), collections took about a quarter of its time, copying each file's events along.
 */
const WORKER_SEMI_SPACE_MB = 16;

export interface ParseWorker {
  readonly worker: Worker;
  /** Jobs go out and results come back on this port, read synchronously. */
  readonly port: MessagePort;
  alive: boolean;
}

/**
 * The worker, kept on the process rather than in this module, so that any copy of the
 * engine in the process (Vite runs one for site code that imports it by name) takes the
 * worker the command line started first thing: a build whose model a copy made started a
 * second worker, while the main thread parsed alone.
 */
const WORKER_SLOT = Symbol.for('journeys-as-code.parse-worker');
const slots = globalThis as unknown as Record<typeof WORKER_SLOT, ParseWorker | undefined>;

/** Whether this process may use a worker at all: cores to spare, and JOURNEYS_PARALLEL is not 0. */
export function workerAllowed(): boolean {
  return process.env.JOURNEYS_PARALLEL !== '0' && availableParallelism() > 1;
}

/**
 * The process's parse worker, started on first use and kept for the next calls:
 * starting one (a thread, the type stripper, the parser's modules) takes a hundred
 * milliseconds or more, which the dev server and other long-lived callers need not
 * pay twice. It never keeps the process alive. Undefined when no worker can start.
 */
export function parseWorker(): ParseWorker | undefined {
  const shared = slots[WORKER_SLOT];
  if (shared?.alive) return shared;
  try {
    const channel = new MessageChannel();
    // V8 reads the size when it makes the worker's heap, on the worker's thread: the worker sets it back
    // once started (parse-worker.ts), so that heaps made later keep their own.
    setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
    // The compiled package (lib/) runs the worker's JavaScript; this repository, its TypeScript.
    const worker = new Worker(new URL(import.meta.url.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.js', import.meta.url), {
      workerData: { port: channel.port2 },
      transferList: [channel.port2],
      // Its young generation at the size it starts at (above), which bounds the memory a large repository takes.
      resourceLimits: { maxYoungGenerationSizeMb: 3 * WORKER_SEMI_SPACE_MB },
    });
    const current: ParseWorker = { worker, port: channel.port1, alive: true };
    worker.on('exit', () => {
      current.alive = false;
      current.port.close();
    });
    worker.on('error', () => {
      current.alive = false;
    });
    worker.unref();
    channel.port1.unref();
    slots[WORKER_SLOT] = current;
    return current;
  } catch {
    // No worker (an unusual runtime): the main thread parses everything.
    setFlagsFromString('--min-semi-space-size=0');
    return undefined;
  }
}
