import type { Summary } from '../engine/run.ts';
import type { Rule } from '../model/rule.ts';
import type { Finding } from '../model/types.ts';
import { github } from './github.ts';
import { gitlab } from './gitlab.ts';
import { json } from './json.ts';
import { junit } from './junit.ts';
import { markdown } from './markdown.ts';
import { escapeValue } from './sanitize.ts';
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
  /** The rules of the run, whose metadata SARIF describes (the command line passes `builtInRules`). */
  readonly rules: readonly Rule[];
  /**
   * Where the repository sits in its git work tree (`cx/` when the journeys are in a
   * subfolder), `''` or absent at the top: the junit, gitlab, sarif and github reports put it before
   * each path, since CI links files from the top of the git repository.
   */
  readonly pathPrefix?: string;
  /**
   * With `--base`, the findings (among those given) that the change introduces: github and
   * markdown show them first, since a reviewer sees only the first few.
   */
  readonly introduced?: ReadonlySet<Finding>;
  /** The text of a repository file by its path, for the code frame stylish shows under a YAML syntax error. */
  readonly source?: (file: string) => string | undefined;
}

export type Formatter = (findings: readonly Finding[], summary: Summary, options: FormatOptions) => string;

/** A finding whose every text from the repository is escaped for one place in a line (see sanitize.ts). */
export function displayFinding(finding: Finding): Finding {
  const or = (text: string | undefined): string | undefined => (text === undefined ? undefined : escapeValue(text));
  return {
    ...finding,
    rule: escapeValue(finding.rule),
    message: escapeValue(finding.message),
    file: escapeValue(finding.file),
    journey: or(finding.journey),
    touchpoint: or(finding.touchpoint),
    ...(finding.scenario !== undefined ? { scenario: escapeValue(finding.scenario) } : {}),
    related: finding.related.map((place) => ({ ...place, file: escapeValue(place.file), journey: or(place.journey), touchpoint: or(place.touchpoint) })),
  };
}

/** A text format given findings it can print as they are; the JSON formats escape as JSON does, losing nothing. */
const displayed =
  (format: Formatter): Formatter =>
  (findings, summary, options) => {
    const shown = findings.map(displayFinding);
    const { introduced } = options;
    // The escaped copies stand for the findings they were made from.
    const fresh = introduced === undefined ? undefined : new Set(shown.filter((_, index) => introduced.has(findings[index]!)));
    return format(shown, summary, { ...options, ...(fresh !== undefined ? { introduced: fresh } : {}) });
  };

/** Output formats of `journeys lint`, by name. */
export const formatters: Readonly<Record<string, Formatter>> = {
  stylish: displayed(stylish),
  json,
  sarif,
  github: displayed(github),
  markdown: displayed(markdown),
  // Both escape as their formats do (XML, JSON), from the findings as they are.
  junit,
  gitlab,
};
