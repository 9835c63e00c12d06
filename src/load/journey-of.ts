/**
 * The journey model of each parsed journey file, made once: as the file is parsed (while
 * the parse worker goes on), from the record the parse worker sent, or read back from the
 * lint cache; the files of the last two keep no data, parsed again only if read.
 */
import type { Journey } from '../model/types.ts';
import { journeyFromRecord } from './journey-record.ts';
import { journeyFrom } from './normalize.ts';
import type { ParsedFile } from './parse-file.ts';
import type { SentParse } from './parse-worker.ts';
import { parseYaml } from './parse-yaml.ts';

const journeyOf = new WeakMap<ParsedFile, Journey | undefined>();

/**
 * The journey of a parsed journey file (undefined when its data is none, or not a journey),
 * made once: journeyFrom is pure. With `dataOnDemand`, the file and the model no longer
 * hold the data once the model is made: it dies young, instead of being copied out of the
 * young generation with what lives (LoadOptions.dataOnDemand).
 */
export function journeyOfFile(parse: ParsedFile, dataOnDemand = false): Journey | undefined {
  if (journeyOf.has(parse)) return journeyOf.get(parse);
  const { file, sections } = parse;
  const format = file.path.endsWith('.md') ? 'markdown' : 'yaml';
  const data = dataOnDemand && file.data !== undefined ? dataParsedAgain(file.path, () => file.text, file.yamlStart, file.yamlEnd) : undefined;
  const journey = file.data === undefined ? undefined : journeyFrom(file.path, format, file.data, sections, data);
  if (journey && data) Object.defineProperty(file, 'data', { get: data, enumerable: true });
  journeyOf.set(parse, journey);
  return journey;
}

/** Gives a parsed file the journey made of it elsewhere (the lint cache's record of it). */
export function keepJourney(parse: ParsedFile, journey: Journey): void {
  journeyOf.set(parse, journey);
}

/** The journey made of a parsed file so far, without making one. */
export function journeyMadeOf(parse: ParsedFile): Journey | undefined {
  return journeyOf.get(parse);
}

/**
 * The data of a journey file whose model was made without keeping it (the parse worker,
 * the lint cache, LoadOptions.dataOnDemand), parsed again from its text when first asked
 * for: --base's version check reads it, and a fix located by positions the cache recorded.
 */
export function dataParsedAgain(path: string, text: () => string, yamlStart: number, yamlEnd: number): () => Readonly<Record<string, unknown>> {
  let data: Readonly<Record<string, unknown>> | undefined;
  return () => {
    if (data === undefined) {
      const parsed = parseYaml(text().slice(yamlStart, yamlEnd));
      if (!parsed.ok) throw new Error(`${path}: its text does not parse to the journey made of it`);
      data = parsed.data as Readonly<Record<string, unknown>>;
    }
    return data;
  };
}

/** A file as the parse worker sent it: with its journey's record, given its model made of it, its data on demand. */
export function receivedParse(sent: SentParse): ParsedFile {
  if (sent.record === undefined) return sent;
  const { record, ...parse } = sent;
  const { file } = parse;
  const data = dataParsedAgain(file.path, () => file.text, file.yamlStart, file.yamlEnd);
  Object.defineProperty(file, 'data', { get: data, enumerable: true });
  keepJourney(parse, journeyFromRecord(file.path, record, data));
  return parse;
}
