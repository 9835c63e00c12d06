import type { Summary } from '../engine/run.ts';
import type { Finding } from '../model/types.ts';
import { github } from './github.ts';
import { json } from './json.ts';
import { markdown } from './markdown.ts';
import { sarif } from './sarif.ts';
import { stylish } from './stylish.ts';

export interface FormatOptions {
  /** Whether the output goes to a terminal that shows colours. */
  readonly color: boolean;
  /**
   * Absolute address of the published journey site, for links to rule pages
   * (`<siteUrl>/rules/<id>/`). Without it, SARIF rules have no `helpUri` (code scanning
   * refuses a relative one) and the Markdown summary does not link rules.
   */
  readonly siteUrl?: string;
}

export type Formatter = (findings: readonly Finding[], summary: Summary, options: FormatOptions) => string;

/** Output formats of `journeys lint`, by name. */
export const formatters: Readonly<Record<string, Formatter>> = {
  stylish,
  json,
  sarif,
  github,
  markdown,
};
