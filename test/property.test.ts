/**
 * Arbitrary text never breaks the linter: whatever a file holds, check() returns
 * findings (never throws), and every finding points at a real file, a real line
 * and column, with a known rule.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInRules, check, type CheckResult, type Finding } from '../src/index.ts';
import { GOOD_FILES, GOOD_JOURNEY } from './helpers/good.ts';
import { TODAY, writeRepo } from './helpers/repo.ts';

const RULE_IDS = new Set(builtInRules.map((rule) => rule.meta.id));
const SEVERITIES = new Set(['error', 'warning', 'info']);
/** Runs per property; raise it (PROPERTY_RUNS=5000) to search harder. */
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

// ---------------------------------------------------------------- generators

/** Pieces of YAML (and of its traps) to glue together at random. */
const YAML_TOKENS = [
  ':',
  ': ',
  '-',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '<<: ',
  '# ',
  '#',
  '\n',
  '\n',
  '\n  ',
  '\n    ',
  '\n      ',
  '  ',
  '\t',
  '\r\n',
  '\r',
  '"',
  "'",
  '|',
  '|-',
  '>',
  '? ',
  '!!str ',
  '!!binary ',
  '!custom ',
  '---',
  '...',
  '%YAML 1.2\n',
  '\\',
  '~',
  'null',
  'true',
  '1',
  '-0.5',
  '1e999',
  '0x1F',
  '2026-10-01',
  '10:00',
  '3d 4h',
  'é',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '😀',
  'journey',
  'version',
  'title',
  'owner',
  'id',
  'stage',
  'stages',
  'touchpoints',
  'channel',
  'email',
  'kpis',
  'metric',
  'message',
  'text',
  'repeat',
  'every',
  'times',
  'importance',
  'moment_of_truth',
  'team-crm',
  'start',
  '__proto__',
  'constructor',
  'x-',
  '### ',
  '# journeys-disable missing-kpi -- r',
  '# journeys-disable-next-line missing-owner',
  'journeys-disable',
];

/** Random concatenations of YAML-ish tokens and short words. */
const yamlish = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...YAML_TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 80 })
  .map((parts) => parts.join(''));

/** Lines of `indent key: value` or `indent- value`, closer to real YAML. */
const yamlLines = fc
  .array(
    fc.tuple(
      fc.constantFrom('', '  ', '    ', '      ', ' ', '   '),
      fc.constantFrom('', '- ', '- - '),
      fc.constantFrom(...YAML_TOKENS, 'journey', 'stages', 'touchpoints', 'id', 'stage', 'channel', 'owner', 'kpis'),
      fc.constantFrom(': ', ':', ' ', ''),
      fc.oneof(fc.constantFrom(...YAML_TOKENS), fc.string({ maxLength: 8 }), fc.constant('')),
    ),
    { maxLength: 30 },
  )
  .map((rows) => rows.map((cells) => cells.join('')).join('\n'));

/** A valid journey with a few random edits: deletions, insertions, replaced lines. */
const mutatedJourney = fc
  .array(
    fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace', 'indent'), fc.oneof(yamlish, fc.constantFrom(...YAML_TOKENS))),
    { minLength: 1, maxLength: 5 },
  )
  .map((edits) => {
    const rows = GOOD_JOURNEY.replace(/^journey: good$/m, 'journey: mutant').split('\n');
    for (const [at, kind, text] of edits) {
      const index = at % (rows.length + 1);
      if (kind === 'insert') rows.splice(index, 0, text);
      else if (kind === 'delete') rows.splice(index, 1);
      else if (kind === 'replace') rows.splice(index, 1, text);
      else rows[index] = `  ${rows[index] ?? ''}`;
    }
    return rows.join('\n');
  });

/** Any text at all: UTF-16 code units, full Unicode, YAML-ish. */
const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  yamlish,
  yamlLines,
  mutatedJourney,
);

/** Text or raw bytes (not necessarily UTF-8). */
const anyContent: fc.Arbitrary<string | Uint8Array> = fc.oneof({ weight: 5, arbitrary: anyText }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) });

/** A Markdown journey: arbitrary, or a front matter of arbitrary YAML and a body with headings. */
const markdown: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  anyContent,
  fc
    .tuple(
      fc.oneof(yamlish, yamlLines, mutatedJourney),
      fc.array(fc.oneof(fc.constantFrom('### welcome-email', '### unmeasured', '### Not an id', '###', '## Stage', '# Title', '---', '```', '- item', ''), anyText), {
        maxLength: 8,
      }),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([yaml, body, eol]) => ['---', yaml, '---', ...body].join(eol)),
);

// ---------------------------------------------------------------- invariants

/** Number of lines of a file as a reader counts them (any line break), at least 1. */
function lineCount(root: string, file: string): number {
  const text = readFileSync(join(root, file)).toString('utf8');
  return text.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/).length;
}

function expectWellFormed(root: string, finding: { file: string; line: number; column: number }, what: string): void {
  const where = `${what} ${JSON.stringify(finding)}`;
  expect(typeof finding.file, where).toBe('string');
  expect(existsSync(join(root, finding.file)), where).toBe(true);
  expect(Number.isInteger(finding.line) && finding.line >= 1, where).toBe(true);
  expect(Number.isInteger(finding.column), where).toBe(true);
  expect(finding.column, where).toBeGreaterThanOrEqual(1);
  expect(finding.line, where).toBeLessThanOrEqual(lineCount(root, finding.file));
}

function expectValidFinding(root: string, finding: Finding): void {
  expect(RULE_IDS.has(finding.rule), `unknown rule in ${JSON.stringify(finding)}`).toBe(true);
  expect(SEVERITIES.has(finding.severity), JSON.stringify(finding)).toBe(true);
  expect(typeof finding.message === 'string' && finding.message.length > 0, JSON.stringify(finding)).toBe(true);
  expectWellFormed(root, finding, 'finding');
  for (const related of finding.related) expectWellFormed(root, related, 'related location of');
}

function expectValidResult(root: string, result: CheckResult): void {
  for (const finding of result.findings) expectValidFinding(root, finding);
  for (const error of result.configErrors) expectWellFormed(root, error, 'config error');
  // The good journey beside the arbitrary file is always read.
  expect(result.repo.journeys.some((journey) => journey.id === 'good' && journey.file === 'journeys/good.journey.yaml')).toBe(true);
}

interface PropertyOptions {
  /** Inputs tried before the generated ones. */
  readonly examples?: readonly (string | Uint8Array)[];
}

/**
 * Writes each generated content at `file` of one repository (beside the good files)
 * and checks the result: one temporary repository per property, the file overwritten
 * each run.
 */
function propertyOf(file: string, content: fc.Arbitrary<string | Uint8Array>, options: PropertyOptions = {}): void {
  const root = writeRepo(GOOD_FILES);
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  fc.assert(
    fc.property(content, (text) => {
      writeFileSync(path, text);
      let result: CheckResult;
      try {
        result = check(root, { today: TODAY });
      } catch (error) {
        throw new Error(`check() threw on ${file} = ${JSON.stringify(typeof text === 'string' ? text : [...text])}: ${(error as Error).stack ?? String(error)}`, {
          cause: error,
        });
      }
      expectValidResult(root, result);
    }),
    { numRuns: NUM_RUNS, examples: (options.examples ?? []).map((example) => [example] as [string | Uint8Array]) },
  );
  rmSync(path, { force: true });
}

// ---------------------------------------------------------------- properties

const TARGETS: readonly (readonly [string, string, fc.Arbitrary<string | Uint8Array>])[] = [
  ['a YAML journey beside a good one', 'journeys/arbitrary.journey.yaml', anyContent],
  ['a Markdown journey beside a good one', 'journeys/arbitrary.journey.md', markdown],
  ['owners.yaml', 'journeys/owners.yaml', anyContent],
  ['channels.yaml', 'journeys/channels.yaml', anyContent],
  ['a scenario', 'journeys/scenarios/arbitrary.scenario.yaml', anyContent],
  ['journeys.config.yaml', 'journeys.config.yaml', fc.oneof(anyContent, yamlish.map((text) => `rules:\n  ${text}`))],
];

describe('arbitrary text never breaks check()', () => {
  it.each(TARGETS)('as %s', (_name, file, content) => {
    propertyOf(file, content);
  });

  // Empty values (`owner:` with nothing after it, a lone `!` tag) have no text of their own: they once came out at column 0.
  it.each(TARGETS.filter(([, file]) => !file.endsWith('.md')))('as %s, starting from an empty value', (_name, file, content) => {
    propertyOf(file, content, { examples: [file.endsWith('config.yaml') ? 'rules:\n' : '!'] });
  });
});

describe('findings of arbitrary text', () => {
  it('are sorted by file, line, column and rule', () => {
    const root = writeRepo(GOOD_FILES);
    const path = join(root, 'journeys/arbitrary.journey.yaml');
    fc.assert(
      fc.property(mutatedJourney, (text) => {
        writeFileSync(path, text);
        const keys = check(root, { today: TODAY }).findings.map((f) => [f.file, f.line, f.column, f.rule] as const);
        const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0)));
        expect(keys).toEqual(sorted);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
