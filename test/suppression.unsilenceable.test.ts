/**
 * A file that cannot be read or is malformed drops its journey from every other check,
 * so its `parse` and `schema` findings can never be silenced: a disable comment naming
 * them is itself reported, a baseline never records or hides them, and the rules
 * cannot be turned off. Through the real command, on real files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRules, type Finding } from '../src/index.ts';
import { runJourneys } from './helpers/cli.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

interface Output {
  readonly findings: Finding[];
}

async function lint(root: string, ...args: string[]): Promise<{ status: number | null; findings: Finding[]; stderr: string }> {
  const result = await runJourneys(['lint', '--today', TODAY, '--format', 'json', ...args], root);
  return { status: result.status, findings: result.stdout ? (JSON.parse(result.stdout) as Output).findings : [], stderr: result.stderr };
}

const rulesOf = (findings: readonly Finding[]): string[] => findings.map((finding) => finding.rule);

/**
 * A journey whose touchpoint on the line after `comment` (line 15) has no KPI and no
 * channel (line 16, missing-kpi and schema) and a misspelt field (line 18, schema).
 */
const misspelt = (comment: string): string => cleanJourney('welcome', [comment, '  - id: welcome-sms', '    stage: start', '    chanel: sms', '    owner: team-crm', ''].join('\n'));

describe('parse and schema findings', () => {
  it('are marked unsuppressible in their rules, and no other rule is', () => {
    expect(builtInRules.filter((rule) => rule.meta.unsuppressible).map((rule) => rule.meta.id)).toEqual(['parse', 'schema']);
  });

  it('stay when a file-wide comment names parse above a broken file, and the comment is reported', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/legacy.journey.yaml': '# journeys-disable parse -- legacy\njourney: legacy\ntitle: [\n' });
    const { status, findings } = await lint(root);
    expect(status).toBe(1);
    expect(rulesOf(findings)).toEqual(['unused-suppression', 'parse']);
    expect(findings[0]).toMatchObject({ line: 1, message: expect.stringContaining('names "parse", whose findings cannot be disabled') });
  });

  it('stay when a next-line comment names schema, which silences the other rules it names', async () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': misspelt('# journeys-disable-next-line schema, missing-kpi -- renamed next quarter'),
    });
    const { status, findings } = await lint(root);
    expect(status).toBe(1);
    // missing-kpi on the touchpoint is silenced; the schema finding and the comment are not.
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['unused-suppression', 15],
      ['schema', 16],
      ['schema', 18],
    ]);
    expect(findings[0]!.message).toContain('cannot be disabled');
  });

  it('are never written into a baseline, and a baseline that lists them hides nothing of them', async () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': misspelt(''),
      'journeys/broken.journey.yaml': 'journey: broken\ntitle: [\n',
    });
    const before = await lint(root);
    expect(rulesOf(before.findings).sort()).toEqual(['missing-kpi', 'parse', 'schema', 'schema']);

    const written = await runJourneys(['lint', '--today', TODAY, '--baseline-write'], root);
    expect(written.status).toBe(0);
    expect(written.stdout).toContain('1 finding recorded');
    expect(written.stdout).toContain('3 parse or schema findings not recorded');
    const baseline = JSON.parse(readFileSync(join(root, 'journeys.baseline.json'), 'utf8')) as { findings: { rule: string }[] };
    expect(baseline.findings.map((entry) => entry.rule)).toEqual(['missing-kpi']);

    const after = await lint(root);
    expect(after.status).toBe(1);
    expect(rulesOf(after.findings).sort()).toEqual(['parse', 'schema', 'schema']);
    expect(after.stderr).toContain('1 finding recorded in journeys.baseline.json not shown');

    // A baseline written by hand with the parse and schema findings in it hides them all the same.
    const byHand = before.findings.map((f) => ({ rule: f.rule, file: f.file, journey: f.journey, touchpoint: f.touchpoint, message: f.message, count: 1 }));
    writeFileSync(join(root, 'journeys.baseline.json'), JSON.stringify({ version: 1, findings: byHand }));
    const handWritten = await lint(root);
    expect(handWritten.status).toBe(1);
    expect(rulesOf(handWritten.findings).sort()).toEqual(['parse', 'schema', 'schema']);
    expect(handWritten.stderr).toContain('1 finding recorded in journeys.baseline.json not shown');
  });

  it('cannot be turned off in journeys.config.yaml: a configuration error, exit 2', async () => {
    for (const setting of ['off', '[off, {}]']) {
      const root = writeRepo({
        'journeys/owners.yaml': OWNERS,
        'journeys/welcome.journey.yaml': cleanJourney(),
        'journeys.config.yaml': `rules:\n  missing-kpi: off\n  schema: ${setting}\n`,
      });
      const result = await runJourneys(['lint', '--today', TODAY], root);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^journeys\.config\.yaml:3:11: Rule "schema" cannot be turned off/m);
    }
    const warning = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/broken.journey.yaml': 'title: [\n', 'journeys/welcome.journey.yaml': cleanJourney(), 'journeys.config.yaml': 'rules:\n  parse: warning\n' });
    const { status, findings } = await lint(warning);
    expect(status).toBe(0);
    expect(findings).toMatchObject([{ rule: 'parse', severity: 'warning' }]);
  });
});
