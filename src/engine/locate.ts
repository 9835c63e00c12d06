import { createLocator, type Locator } from '../load/positions.ts';
import type { NodeRef, Position, SourceFile } from '../model/types.ts';
import { rangeToPosition } from '../load/lines.ts';

/** Locators built on demand, one per file that has something to report. */
export class Positions {
  readonly #files: ReadonlyMap<string, SourceFile>;
  readonly #locators = new Map<string, Locator>();

  constructor(files: readonly SourceFile[]) {
    this.#files = new Map(files.map((file) => [file.path, file]));
  }

  file(path: string): SourceFile | undefined {
    return this.#files.get(path);
  }

  locator(path: string): Locator | undefined {
    let locator = this.#locators.get(path);
    if (!locator) {
      const file = this.#files.get(path);
      if (!file) return undefined;
      locator = createLocator(file);
      this.#locators.set(path, locator);
    }
    return locator;
  }

  of(ref: NodeRef, key = false): Position {
    return this.locator(ref.file)?.locate(ref.path, key) ?? { line: 1, column: 1 };
  }

  ofOffset(file: string, offset: number): Position {
    const locator = this.locator(file);
    return locator ? rangeToPosition(locator.lineStarts, offset) : { line: 1, column: 1 };
  }
}
