/**
 * The size of V8's young generation on the thread that loads a repository, for the command
 * line, which owns its process (bin/journeys.js): a library call changes no setting of its
 * caller's process.
 *
 * The command line keeps the young generation (V8's new space, 4 MB at start) at its
 * first size instead of letting it grow to 128 MB: what a lint allocates it mostly keeps,
 * and a grown young generation would only hold it longer (a lint of 1,000 journeys peaked
 * at 110 MB more resident memory). Kept that small while many files are parsed, though, it
 * is collected every other millisecond, each time copying out what the files just parsed
 * still hold: a third of the parse went to collections. So it may grow while many files
 * are parsed, up to a bound: at 8 MB, a lint of 1,000 journeys is collected a quarter as
 * often, for a fifth less time in collections and no more resident memory at the peak.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * The size the young generation may grow to while many files are parsed (as
 * getHeapSpaceStatistics says), in bytes; unset for a library call. Kept on the process,
 * not in this module, so that any copy of the engine in the process (Vite runs one for
 * site code that imports it by name) finds the bound the command line set: made by a copy
 * without it, the site's model of 1,000 journeys was collected 1,200 times, for two
 * seconds, in a young generation of its first size.
 */
const BOUND_SLOT = Symbol.for('journeys-as-code.young-generation-bound');
const slots = globalThis as unknown as Record<typeof BOUND_SLOT, number | undefined>;

function youngSize(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? Infinity;
}

/**
 * Lets the young generation grow to `bytes` from now on, then keeps it at that size: for
 * work that leaves the thread free between its steps (rendering pages), since V8 tells of
 * its collections only then. Work done in one synchronous run would grow it past the size
 * before anything is told: growingYoungGeneration is for that.
 */
export function growYoungGenerationTo(bytes: number): void {
  if (youngSize() >= bytes) return;
  setFlagsFromString('--semi-space-growth-factor=2');
  const watch = new PerformanceObserver(() => {
    if (youngSize() < bytes) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    watch.disconnect();
  });
  watch.observe({ entryTypes: ['gc'] });
}

/** Keeps the young generation at its size from now on, except while many files are parsed (growingYoungGeneration): then up to `bytes`. */
export function boundYoungGeneration(bytes: number): void {
  slots[BOUND_SLOT] = bytes;
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** Lets the young generation grow as V8 would from now on (a long-lived server: journeys dev). */
export function unboundYoungGeneration(): void {
  slots[BOUND_SLOT] = undefined;
  setFlagsFromString('--semi-space-growth-factor=2');
}

/**
 * While many files are parsed: lets the young generation grow, and stops it at the bound
 * (or at `atMost`, for work that keeps more of what it allocates alive a while: lint
 * --cache's restore). `onFile` is to be called after each file (the thread is never idle
 * meanwhile, so nothing else can look at the heap's size), `end` once the files are
 * parsed. Undefined when the size is not bounded (a library call, journeys dev) or has
 * reached its bound.
 */
export function growingYoungGeneration(atMost?: number): { readonly onFile: () => void; readonly end: () => void } | undefined {
  const bound = slots[BOUND_SLOT];
  const limit = bound === undefined ? undefined : (atMost ?? bound);
  if (limit === undefined || youngSize() >= limit) return undefined;
  setFlagsFromString('--semi-space-growth-factor=2');
  let growing = true;
  const end = (): void => {
    if (!growing) return;
    growing = false;
    if (slots[BOUND_SLOT] !== undefined) setFlagsFromString('--semi-space-growth-factor=1');
  };
  let files = 0;
  return {
    // Every fourth file: the size doubles at most once in between (a file allocates a few hundred kilobytes).
    onFile: () => {
      files += 1;
      if (growing && files % 4 === 0 && youngSize() >= limit) end();
    },
    end,
  };
}
