/**
 * Libraries that only some work needs, loaded when first used: every command loads the
 * engine's public API, and these took about 50 ms of each start, while a lint of a
 * repository with no metrics file uses neither. yaml (about 40 ms) edits documents
 * keeping their comments, for the files `journeys import` merges into; csv-parse reads
 * metrics files and CSV inventories.
 */
import { createRequire } from 'node:module';
import type * as CsvSync from 'csv-parse/sync';
import type * as Yaml from 'yaml';

const load = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
let csv: typeof CsvSync | undefined;

export function yamlLibrary(): typeof Yaml {
  return (yaml ??= load('yaml') as typeof Yaml);
}

export function csvLibrary(): typeof CsvSync {
  return (csv ??= load('csv-parse/sync') as typeof CsvSync);
}
