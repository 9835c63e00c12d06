/**
 * The journey model of each parsed journey file, made once: as the file is parsed (while
 * the parse worker goes on), or read back from the lint cache, whose files then keep no
 * data to make it from.
 */
import type { Journey } from '../model/types.ts';
import { journeyFrom } from './normalize.ts';
import type { ParsedFile } from './parse-file.ts';

const journeyOf = new WeakMap<ParsedFile, Journey | undefined>();

/** The journey of a parsed journey file (undefined when its data is none, or not a journey), made once: journeyFrom is pure. */
export function journeyOfFile(parse: ParsedFile): Journey | undefined {
  if (journeyOf.has(parse)) return journeyOf.get(parse);
  const { file, sections } = parse;
  const journey = file.data === undefined ? undefined : journeyFrom(file.path, file.path.endsWith('.md') ? 'markdown' : 'yaml', file.data, sections);
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
