/**
 * The engine runs whatever rules it is given: a rule of one's own is added next to the
 * built-in ones through the public API alone (configured, reported and positioned like
 * them), and a rule that throws becomes one `internal` finding while the others still run.
 */
import { describe, expect, it } from 'vitest';
import { builtInRules, check, defineRule, type Finding } from '../src/index.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

/** A team's own rule: a touchpoint id must not contain a banned word (option `word`). */
const bannedWord = defineRule<{ word: string }>({
  meta: {
    id: 'banned-word',
    severity: 'warning',
    description: 'A touchpoint whose id contains a banned word.',
    rationale: 'Our ids end up in URLs customers see.',
    fix: 'Rename the touchpoint.',
    options: { type: 'object', properties: { word: { type: 'string' } }, additionalProperties: false },
    defaults: { word: 'email' },
    messages: { banned: 'Touchpoint "{{touchpoint}}" contains the banned word "{{word}}".' },
    examples: { fail: [], pass: [] },
  },
  check({ repo, options, report }) {
    for (const journey of repo.journeys) {
      for (const touchpoint of journey.touchpoints) {
        if (touchpoint.id.includes(options.word)) {
          report({ at: touchpoint.ref, journey: journey.id, touchpoint: touchpoint.id, messageId: 'banned', data: { touchpoint: touchpoint.id, word: options.word } });
        }
      }
    }
  },
});

/** A rule with a bug. */
const crashing = defineRule({
  meta: { ...bannedWord.meta, id: 'crashing', options: undefined, defaults: undefined, messages: {} },
  check({ repo }) {
    if (repo.journeys.length > 0) throw new TypeError('Cannot read properties of undefined');
  },
});

/** A journey with a touchpoint that has no KPI (a built-in `missing-kpi` finding) besides the clean one. */
const journey = cleanJourney('welcome', ['  - id: reminder-sms', '    stage: start', '    channel: sms', '    owner: team-crm', ''].join('\n'));
const repo = (config = ''): string =>
  writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': journey, ...(config ? { 'journeys.config.yaml': config } : {}) });

const brief = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.severity}: ${f.message}`);

describe('a rule of ones own', () => {
  it('runs next to the built-in rules without a change to the engine', () => {
    const result = check(repo(), { today: TODAY, rules: [...builtInRules, bannedWord] });
    expect(result.configErrors).toEqual([]);
    expect(brief(result.findings)).toEqual([
      'journeys/welcome.journey.yaml:9:5 banned-word warning: Touchpoint "welcome-email" contains the banned word "email".',
      expect.stringMatching(/^journeys\/welcome\.journey\.yaml:15:5 missing-kpi info: Touchpoint "reminder-sms" has no KPI/),
    ]);
  });

  it('is configured in journeys.config.yaml like a built-in rule: severity, options, off', () => {
    const configured = check(repo('rules:\n  banned-word: [error, { word: sms }]\n'), { today: TODAY, rules: [...builtInRules, bannedWord] });
    expect(brief(configured.findings.filter((f) => f.rule === 'banned-word'))).toEqual([
      'journeys/welcome.journey.yaml:15:5 banned-word error: Touchpoint "reminder-sms" contains the banned word "sms".',
    ]);
    const off = check(repo('rules:\n  banned-word: off\n'), { today: TODAY, rules: [...builtInRules, bannedWord] });
    expect(off.findings.map((f) => f.rule)).toEqual(['missing-kpi']);
    const wrong = check(repo('rules:\n  banned-word: [warning, { wrod: sms }]\n'), { today: TODAY, rules: [...builtInRules, bannedWord] });
    expect(wrong.configErrors.map((e) => e.message)).toEqual([expect.stringContaining('Rule "banned-word", its options: must NOT have additional properties "wrod"')]);
  });

  it('is unknown to a run that is not given it', () => {
    const result = check(repo('rules:\n  banned-word: warning\n'), { today: TODAY });
    expect(result.configErrors.map((e) => e.message)).toEqual([expect.stringContaining('Unknown rule "banned-word"')]);
  });
});

describe('a rule that throws', () => {
  it('becomes one internal finding that names it, and every other rule still reports', () => {
    const without = check(repo(), { today: TODAY, rules: [...builtInRules, bannedWord] });
    const result = check(repo(), { today: TODAY, rules: [...builtInRules.slice(0, 3), crashing, ...builtInRules.slice(3), bannedWord] });
    const internal = result.findings.filter((f) => f.rule === 'internal');
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatchObject({ severity: 'error', file: 'journeys/owners.yaml', line: 1, column: 1 });
    expect(internal[0]!.message).toContain('Rule "crashing" failed on this repository (Cannot read properties of undefined)');
    expect(brief(result.findings.filter((f) => f.rule !== 'internal'))).toEqual(brief(without.findings));
    expect(result.summary.errors).toBe(without.summary.errors + 1);
  });
});
