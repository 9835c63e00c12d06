import type { Summary } from '../engine/run.ts';
import type { Rule } from '../model/rule.ts';
import type { Finding } from '../model/types.ts';
import { folderPrefix } from './gitlab.ts';
import { escapeValue, terminalText } from './sanitize.ts';
import { absoluteSiteUrl, ruleDocUrl } from './sarif.ts';

/** What the JUnit formatter reads of the format options. */
export interface JunitOptions {
  /** The rules of the run: each is one test suite, passing when it has no finding. */
  readonly rules: readonly Rule[];
  /** Where the repository sits in its git work tree (`cx/`), `''` or absent at the top. */
  readonly pathPrefix?: string;
  /** Address of the published journey site, to link each failure to its rule's page. */
  readonly siteUrl?: string;
}

/**
 * Characters XML 1.0 cannot hold even as a character reference (a lone surrogate,
 * U+FFFE, U+FFFF), written as visible escapes as escapeValue writes the control
 * characters, which XML cannot hold either.
 */
const NOT_XML = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for an XML attribute value or element content. */
export function xmlText(text: string): string {
  return escapeValue(text)
    .replace(NOT_XML, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[&<>"']/g, (char) => ENTITY[char]!);
}

/** Lines of element content, each escaped on its own: a value from the repository never breaks its line. */
const lines = (...texts: string[]): string => texts.map(xmlText).join('\n');

const attributes = (values: Readonly<Record<string, string | number>>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlText(String(value))}"`)
    .join('');

/**
 * The name of a finding's test: what it is about (the journey or, outside one, the file,
 * then the touchpoint and scenario), never its line or wording, so that Jenkins and GitLab
 * follow the same test across runs while lines move. Names that would repeat within a
 * rule are numbered.
 */
function testName(finding: Finding, path: string): string {
  const parts = [finding.journey ?? path];
  if (finding.touchpoint !== undefined) parts.push(finding.touchpoint);
  if (finding.scenario !== undefined) parts.push(`scenario ${finding.scenario}`);
  return parts.join(' / ');
}

interface Case {
  readonly xml: string;
  readonly failed: boolean;
}

/**
 * JUnit XML for Jenkins, GitLab and other CI test reports: one test suite per rule (class
 * `journeys.<rule>`, so Jenkins shows the package `journeys` and a class per rule), one
 * test per finding. Errors and warnings are failures, with the message, the place and
 * the rule; an info is a passing test with its message in its output; a rule without
 * findings is one passing test, so that a clean run still reports tests. Paths are from
 * the top of the git repository, as GitLab links them. No time or date is written: the
 * same findings give the same report.
 */
export function junit(findings: readonly Finding[], _summary: Summary, options: JunitOptions): string {
  const prefix = folderPrefix(options.pathPrefix);
  const site = absoluteSiteUrl(options.siteUrl);
  const byRule = new Map<string, Finding[]>(options.rules.map((rule) => [rule.meta.id, []]));
  for (const finding of findings) {
    const list = byRule.get(finding.rule);
    if (list) list.push(finding);
    else byRule.set(finding.rule, [finding]);
  }

  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [rule, list] of byRule) {
    const classname = `journeys.${rule}`;
    const cases: Case[] = [];
    if (list.length === 0) cases.push({ xml: `    <testcase${attributes({ classname, name: 'no finding', time: 0 })}/>`, failed: false });
    const seen = new Map<string, number>();
    for (const finding of list) {
      const path = `${prefix}${finding.file}`;
      const base = testName(finding, path);
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      const name = count === 1 ? base : `${base} (${count})`;
      const head = `    <testcase${attributes({ classname, name, file: path, line: finding.line, time: 0 })}>`;
      const place = `at ${path}:${finding.line}:${finding.column}`;
      if (finding.severity === 'info') {
        cases.push({ xml: `${head}\n      <system-out>${lines(`info: ${finding.message}`, place)}</system-out>\n    </testcase>`, failed: false });
        continue;
      }
      const more = site !== undefined ? ruleDocUrl(rule, site) : `journeys explain ${rule}`;
      const body = lines(`${finding.severity}: ${finding.message}`, place, `rule: ${rule} (more: ${more})`);
      cases.push({
        xml: `${head}\n      <failure${attributes({ type: finding.severity, message: finding.message })}>${body}</failure>\n    </testcase>`,
        failed: true,
      });
    }
    const failed = cases.filter((test) => test.failed).length;
    tests += cases.length;
    failures += failed;
    suites.push(
      `  <testsuite${attributes({ name: classname, tests: cases.length, failures: failed, errors: 0, skipped: 0, time: 0 })}>\n${cases.map((test) => test.xml).join('\n')}\n  </testsuite>`,
    );
  }
  const root = `<testsuites${attributes({ name: 'journeys', tests, failures, errors: 0, skipped: 0, time: 0 })}>`;
  return terminalText(`<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${suites.join('\n')}\n</testsuites>\n`);
}
