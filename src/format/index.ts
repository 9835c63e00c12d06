import type { Summary } from '../engine/run.ts';
import type { Finding } from '../model/types.ts';
import { json } from './json.ts';
import { stylish } from './stylish.ts';

export interface FormatOptions {
  /** Whether the output goes to a terminal that shows colours. */
  readonly color: boolean;
}

export type Formatter = (findings: readonly Finding[], summary: Summary, options: FormatOptions) => string;

/** Output formats of `journeys lint`, by name. */
export const formatters: Readonly<Record<string, Formatter>> = {
  stylish,
  json,
};
