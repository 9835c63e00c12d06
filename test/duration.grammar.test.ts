/**
 * One duration grammar: the JSON schemas (what editors and the loader check), the parser
 * (what rules and the simulator read) and docs/format.md agree. Parts come in any order,
 * each unit at most once; a string the schemas accept is read as the grammar says, and a
 * string they refuse is not read at all.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, parseDuration } from '../src/index.ts';
import { config as validateConfig } from '../src/load/schema-validators.js';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const UNITS = { w: 10080, d: 1440, h: 60, m: 1 } as const;
type Unit = keyof typeof UNITS;

/** The duration patterns of the schemas on disk, by where they are. */
const SCHEMA_PATTERNS: readonly (readonly [string, RegExp])[] = [
  ['config', '$defs.duration'],
  ['journey', '$defs.duration'],
  ['scenario', '$defs.elapsed'],
].map(([kind, at]) => {
  const schema = JSON.parse(readFileSync(new URL(`../schema/${kind}.schema.json`, import.meta.url), 'utf8')) as { $defs: Record<string, { pattern: string }> };
  // ajv compiles patterns with the `u` flag.
  return [`${kind}: ${at}`, new RegExp(schema.$defs[at!.slice('$defs.'.length)]!.pattern, 'u')] as const;
});

const isSpace = (char: string): boolean => /\s/u.test(char);
const isDigit = (char: string): boolean => char >= '0' && char <= '9';

/**
 * The grammar read by hand, one character at a time: spaces, then parts of digits, optional
 * spaces and a unit, with optional spaces between and after; each unit at most once.
 */
function grammar(text: string): number | undefined {
  let at = 0;
  const skipSpaces = (): void => {
    while (at < text.length && isSpace(text[at]!)) at += 1;
  };
  const seen = new Set<string>();
  let minutes = 0;
  skipSpaces();
  while (at < text.length) {
    const start = at;
    while (at < text.length && isDigit(text[at]!)) at += 1;
    if (at === start) return undefined;
    const amount = Number(text.slice(start, at));
    skipSpaces();
    const unit = text[at];
    if (unit === undefined || !Object.hasOwn(UNITS, unit) || seen.has(unit)) return undefined;
    seen.add(unit);
    minutes += amount * UNITS[unit as Unit];
    at += 1;
    skipSpaces();
  }
  return seen.size > 0 && Number.isSafeInteger(minutes) ? minutes : undefined;
}

const space = fc.constantFrom('', ' ', '  ', '\t', '\n', '\u00a0');
/** A well-formed duration: distinct units in any order, with any spacing, and its minutes. */
const duration = fc
  .uniqueArray(fc.constantFrom<Unit>('w', 'd', 'h', 'm'), { minLength: 1, maxLength: 4 })
  .chain((units) =>
    fc.tuple(fc.constant(units), fc.array(fc.nat({ max: 100_000 }), { minLength: units.length, maxLength: units.length }), fc.array(space, { minLength: units.length * 2 + 1, maxLength: units.length * 2 + 1 })),
  )
  .map(([units, amounts, spaces]) => {
    const text = spaces[0] + units.map((unit, i) => `${amounts[i]}${spaces[2 * i + 1]}${unit}${spaces[2 * i + 2]}`).join('');
    return { text, minutes: units.reduce((sum, unit, i) => sum + amounts[i]! * UNITS[unit], 0) };
  });
/** Any short text of the characters a duration is made of, and a few others. */
const anyText = fc.string({ unit: fc.constantFrom('0', '1', '2', '9', 'w', 'd', 'h', 'm', 'y', ' ', '\t', '.', '-'), maxLength: 12 });

describe('the duration grammar', () => {
  it('is the same pattern in every schema', () => {
    expect(new Set(SCHEMA_PATTERNS.map(([, pattern]) => pattern.source)).size).toBe(1);
  });

  it('reads a duration whose units come in any order, as their sum, and every schema accepts it', () => {
    fc.assert(
      fc.property(duration, ({ text, minutes }) => {
        expect(parseDuration(text)).toBe(minutes);
        expect(grammar(text)).toBe(minutes);
        for (const [where, pattern] of SCHEMA_PATTERNS) expect(pattern.test(text), where).toBe(true);
      }),
    );
  });

  it('reads every string a schema accepts as the grammar says, and none it refuses', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, duration.map(({ text }) => text)), (text) => {
        const expected = grammar(text);
        expect(parseDuration(text)).toBe(expected);
        for (const [where, pattern] of SCHEMA_PATTERNS) expect(pattern.test(text), where).toBe(expected !== undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a unit written twice, wherever it is', () => {
    for (const text of ['1d 1d', '2h 3d 1h', '1h\n1h', '5m 1w 2m']) {
      expect(parseDuration(text), text).toBeUndefined();
      for (const [where, pattern] of SCHEMA_PATTERNS) expect(pattern.test(text), where).toBe(false);
    }
  });

  it('is what the compiled configuration validator checks', () => {
    const withWindow = (window: string): unknown => ({ policy: { 'conflict-window': window } });
    expect(validateConfig(withWindow('2h 3d'))).toBe(true);
    expect(validateConfig(withWindow('1d 1d'))).toBe(false);
  });

  it('is how a repository is read: `after: 2h 3d` waits 3 days and 2 hours, `per: 1h 1d` is a limit', () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': `${cleanJourney().replace('    channel: email\n', '    channel: email\n    after: 2h 3d\n')}\n`,
      'journeys.config.yaml': 'policy:\n  max-messages:\n    - { per: 1h 1d, max: 3 }\n',
    });
    const result = check(root, { today: TODAY });
    expect(result.configErrors).toEqual([]);
    expect(result.findings.filter((finding) => finding.rule === 'schema')).toEqual([]);
    expect(result.repo.journeys[0]!.touchpoints[0]!.after).toBe(3 * 1440 + 2 * 60);
    expect(result.repo.config.policy.maxMessages.map((limit) => limit.per)).toEqual([1440 + 60]);
  });
});
