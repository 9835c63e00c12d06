/**
 * A locator that remembers its answers, so that the lint cache can give them again
 * on the next run over the same text without parsing the file a second time: line
 * numbers are a pure function of the text and the path asked for. What it was not
 * asked before, it asks the real locator, built on first need.
 */
import type { Path, Position, SourceFile } from '../model/types.ts';
import { lineStarts } from './lines.ts';
import type { Locator } from './positions.ts';

/** What a file's locator answered, as plain data (the cache stores it with the file). */
export interface LocatorAnswers {
  /** Keyed by the path's segments joined with NUL, and a final `\u0001` when the key was asked for. */
  readonly locate: ReadonlyMap<string, Position>;
  /** Keyed as `locate`; null where the node has no text of its own. */
  readonly range: ReadonlyMap<string, readonly [number, number] | null>;
  readonly scalarRanges?: readonly (readonly [number, number])[];
}

export interface RecordingLocator {
  readonly locator: Locator;
  /** Every answer known: those given before and those asked this time. */
  answers(): LocatorAnswers;
  /** Whether this run asked something the earlier answers did not hold. */
  readonly changed: () => boolean;
}

const keyOf = (path: Path, key: boolean): string => `${path.join('\u0000')}${key ? '\u0001' : ''}`;

export function recordingLocator(file: SourceFile, earlier: LocatorAnswers | undefined, build: () => Locator): RecordingLocator {
  const locate = new Map(earlier?.locate);
  const range = new Map(earlier?.range);
  let scalarRanges = earlier?.scalarRanges;
  let starts: readonly number[] | undefined;
  let real: Locator | undefined;
  let changed = false;
  const built = (): Locator => (real ??= build());
  const locator: Locator = {
    get lineStarts() {
      starts ??= real?.lineStarts ?? lineStarts(file.text);
      return starts;
    },
    get scalarRanges() {
      if (scalarRanges === undefined) {
        scalarRanges = built().scalarRanges;
        changed = true;
      }
      return scalarRanges;
    },
    locate(path, key = false) {
      const at = keyOf(path, key);
      let position = locate.get(at);
      if (position === undefined) {
        position = built().locate(path, key);
        locate.set(at, position);
        changed = true;
      }
      return position;
    },
    range(path) {
      const at = keyOf(path, false);
      let found = range.get(at);
      if (found === undefined) {
        found = built().range(path) ?? null;
        range.set(at, found);
        changed = true;
      }
      return found ?? undefined;
    },
  };
  return {
    locator,
    answers: () => ({ locate, range, ...(scalarRanges !== undefined ? { scalarRanges } : {}) }),
    changed: () => changed,
  };
}
