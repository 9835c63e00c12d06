/**
 * Baselines: `journeys lint --baseline-write` records today's findings in
 * journeys.baseline.json, and later runs report only new ones, matched by the
 * findings' identity (rule, message id, journey, touchpoint...), never by line or wording. Round trips through the real
 * command in a real git repository, then the pure functions of the public API.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, BASELINE_FILE, createBaseline, findingKey, findingsNotIn, parseBaseline, type Baseline, type Finding } from '../src/index.ts';
import { runJourneys, type CliResult } from './helpers/cli.ts';
import { gitRepo, type GitRepo } from './helpers/git.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** For the tests that spawn the command many times: CI has two cores. */
const SLOW = { timeout: 90_000 };

const OWNERLESS = lines('  - id: ownerless', '    stage: start', '    channel: email', '    kpis: [{ metric: open-rate }]');
const GHOST_OWNED = lines('  - id: ghost-owned', '    stage: start', '    channel: sms', '    owner: team-ghost', '    kpis: [{ metric: open-rate }]');
const UNMEASURED = lines('  - id: unmeasured', '    stage: start', '    channel: push', '    owner: team-crm');
const CLEAN = lines('  - id: clean-letter', '    stage: start', '    channel: mail', '    owner: team-crm', '    kpis: [{ metric: response-rate }]');

/** A journey with three findings: missing-owner (error), unknown-reference (error), missing-kpi (info). */
function flawed({ top = '', before = '', after = '', ownerless = OWNERLESS } = {}): string {
  return [
    top,
    lines('journey: flawed', 'version: 1', 'title: Flawed', 'owner: team-onboarding', 'reviewed: 2026-10-01', 'stages:', '  - id: start', 'touchpoints:'),
    before,
    ownerless,
    GHOST_OWNED,
    UNMEASURED,
    after,
  ].join('');
}

const FILE = 'journeys/flawed.journey.yaml';

const MESSAGES = {
  ownerless: 'Touchpoint "ownerless" has no owner: name the team that runs it with "owner:".',
  unmeasured: 'Touchpoint "unmeasured" has no KPI: add one under "kpis:" to measure it.',
};

interface JsonOutput {
  readonly findings: Finding[];
  readonly summary: { errors: number; warnings: number; infos: number };
}

const lint = (cwd: string, ...args: string[]): Promise<CliResult> => runJourneys(['lint', '--today', TODAY, ...args], cwd);

async function lintJson(cwd: string, ...args: string[]): Promise<{ result: CliResult; output: JsonOutput }> {
  const result = await lint(cwd, '--format', 'json', ...args);
  return { result, output: JSON.parse(result.stdout) as JsonOutput };
}

const readBaseline = (root: string): Baseline => JSON.parse(readFileSync(join(root, BASELINE_FILE), 'utf8')) as Baseline;

const where = (finding: Finding): [string, string | undefined, string | undefined] => [finding.rule, finding.journey, finding.touchpoint];

/** A git repository holding the flawed journey, its baseline written and committed. */
async function adopted(): Promise<GitRepo> {
  const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, [FILE]: flawed() });
  const written = await lint(repo.root, '--baseline-write');
  expect(written.status).toBe(0);
  repo.commit('Adopt journeys with a baseline');
  return repo;
}

/** No line of the form "    at fn (file:line:col)". */
function expectNoStackTrace(result: CliResult): void {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).not.toMatch(/^\s+at /m);
}

describe('journeys lint --baseline-write', () => {
  it('writes journeys.baseline.json at the repository root, one entry per finding without lines, and exits 0 despite errors', async () => {
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, [FILE]: flawed() });
    expect((await lint(repo.root)).status).toBe(1);

    const result = await lint(repo.root, '--baseline-write');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Wrote journeys.baseline.json: 3 findings recorded. Later runs report only new ones.\n');
    expect(repo.git('status', '--porcelain')).toBe('?? journeys.baseline.json\n');

    const text = readFileSync(join(repo.root, BASELINE_FILE), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const baseline = JSON.parse(text) as Baseline;
    const identity = (rule: string, messageId: string, subjects: Record<string, string>): string => JSON.stringify([rule, messageId, subjects]);
    expect(baseline).toEqual({
      version: 2,
      findings: [
        {
          rule: 'missing-kpi',
          identity: identity('missing-kpi', 'no-kpi', { journey: 'flawed', touchpoint: 'unmeasured', scenario: '' }),
          file: FILE,
          journey: 'flawed',
          touchpoint: 'unmeasured',
          message: MESSAGES.unmeasured,
          count: 1,
        },
        {
          rule: 'missing-owner',
          identity: identity('missing-owner', 'touchpoint-without-owner', { journey: 'flawed', touchpoint: 'ownerless', scenario: '' }),
          file: FILE,
          journey: 'flawed',
          touchpoint: 'ownerless',
          message: MESSAGES.ownerless,
          count: 1,
        },
        {
          rule: 'unknown-reference',
          identity: identity('unknown-reference', 'unknown-owner', { journey: 'flawed', touchpoint: 'ghost-owned', value: '"team-ghost"' }),
          file: FILE,
          journey: 'flawed',
          touchpoint: 'ghost-owned',
          message: expect.stringContaining('Owner "team-ghost" is not declared'),
          count: 1,
        },
      ],
    });
    for (const entry of baseline.findings) expect(Object.keys(entry).sort()).toEqual(['count', 'file', 'identity', 'journey', 'message', 'rule', 'touchpoint']);
  });

  it('writes the baseline beside journeys/ when the path given is the journeys folder itself', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, [FILE]: flawed() });
    const result = await runJourneys(['lint', 'journeys', '--today', TODAY, '--baseline-write'], root);
    expect(result.status).toBe(0);
    expect(readBaseline(root).findings).toHaveLength(3);
    const again = await runJourneys(['lint', join(root, 'journeys'), '--today', TODAY], dirname(root));
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('3 findings recorded in journeys.baseline.json not shown');
  });
});

describe('journeys lint with a baseline', () => {
  it('reports no findings, exits 0, and says on stderr how many it hid', SLOW, async () => {
    const repo = await adopted();
    const result = await lint(repo.root);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No problems');
    expect(result.stderr).toBe('journeys: 3 findings recorded in journeys.baseline.json not shown (--no-baseline shows them).\n');

    const { result: json, output } = await lintJson(repo.root);
    expect(json.status).toBe(0);
    expect(output.findings).toEqual([]);
    expect(output.summary).toMatchObject({ errors: 0, warnings: 0, infos: 0 });
  });

  it('does not bring a finding back when lines are inserted above it: a comment block, a new touchpoint', SLOW, async () => {
    const repo = await adopted();
    repo.write({ [FILE]: flawed({ top: lines('# The flawed journey.', '# Owned by onboarding; reviewed monthly.', '# Nothing else to say.', ''), before: CLEAN }) });
    const { result, output } = await lintJson(repo.root);
    expect(output.findings).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('3 findings recorded');
    // The findings did move: without the baseline they are all there, lower down.
    const { output: all } = await lintJson(repo.root, '--no-baseline');
    expect(all.findings.find((finding) => finding.touchpoint === 'ownerless')?.line).toBe(9 + 4 + 5);
  });

  it('still hides a finding whose journey moved to another file', async () => {
    const repo = await adopted();
    repo.git('mv', FILE, 'journeys/renamed.journey.yaml');
    const { result, output } = await lintJson(repo.root);
    expect(output.findings).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('reports a new finding alone, with exit 1', async () => {
    const repo = await adopted();
    const ghost2 = GHOST_OWNED.replace('ghost-owned', 'ghost-again');
    repo.write({ [FILE]: flawed({ after: ghost2 }) });
    const { result, output } = await lintJson(repo.root);
    expect(result.status).toBe(1);
    expect(output.findings.map(where)).toEqual([['unknown-reference', 'flawed', 'ghost-again']]);
    // At the owner: line of ghost-again (its 4th line), after three touchpoints of 4, 5 and 4 lines.
    expect(output.findings[0]).toMatchObject({ file: FILE, line: 9 + 4 + 5 + 4 + 3, column: 12 });
    expect(output.summary).toMatchObject({ errors: 1, warnings: 0, infos: 0 });
    expect(result.stderr).toContain('3 findings recorded');

    const stylish = await lint(repo.root);
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toContain('1 problem (1 error, 0 warnings, 0 infos)');
    expect(stylish.stdout).not.toContain('ownerless');
  });

  it('shrinks the baseline when a baselined finding is fixed and the baseline written again', SLOW, async () => {
    const repo = await adopted();
    repo.write({ [FILE]: flawed({ ownerless: OWNERLESS.replace('    channel: email\n', '    channel: email\n    owner: team-crm\n') }) });
    const fixed = await lint(repo.root);
    expect(fixed.status).toBe(0);
    expect(fixed.stderr).toContain('2 findings recorded');

    const rewritten = await lint(repo.root, '--baseline-write');
    expect(rewritten.status).toBe(0);
    expect(rewritten.stdout).toContain('2 findings recorded');
    expect(readBaseline(repo.root).findings.map((entry) => [entry.rule, entry.touchpoint])).toEqual([
      ['missing-kpi', 'unmeasured'],
      ['unknown-reference', 'ghost-owned'],
    ]);
    expect(repo.git('diff', '--stat', '--', BASELINE_FILE)).toContain('1 file changed');
    // Breaking it again is now a new finding.
    repo.write({ [FILE]: flawed() });
    const { result, output } = await lintJson(repo.root);
    expect(result.status).toBe(1);
    expect(output.findings.map(where)).toEqual([['missing-owner', 'flawed', 'ownerless']]);
  });

  it('counts identical findings: two baselined hide two, and a third identical one is new', SLOW, async () => {
    const unreasoned = (id: string): string =>
      lines('  # journeys-disable-next-line missing-kpi', `  - id: ${id}`, '    stage: start', '    channel: email', '    owner: team-crm');
    const journey = (...ids: string[]): string =>
      lines('journey: quiet', 'version: 1', 'title: Quiet', 'owner: team-onboarding', 'reviewed: 2026-10-01', 'stages:', '  - id: start', 'touchpoints:') +
      ids.map(unreasoned).join('');
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/quiet.journey.yaml': journey('first', 'second') });

    // Two findings with one rule, file and message: one entry counted twice.
    expect((await lint(repo.root, '--baseline-write')).status).toBe(0);
    expect(readBaseline(repo.root).findings).toEqual([
      {
        rule: 'unused-suppression',
        identity: JSON.stringify(['unused-suppression', 'no-reason', { journey: 'file:journeys/quiet.journey.yaml', directive: 'journeys-disable-next-line', rule: '' }]),
        file: 'journeys/quiet.journey.yaml',
        message: 'This journeys-disable-next-line comment gives no reason: add "-- " and why the finding is accepted.',
        count: 2,
      },
    ]);
    const clean = await lint(repo.root);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('No problems');
    expect(clean.stderr).toContain('2 findings recorded');

    repo.write({ 'journeys/quiet.journey.yaml': journey('first', 'second', 'third') });
    const { result, output } = await lintJson(repo.root);
    expect(result.status).toBe(0);
    expect(output.findings).toHaveLength(1);
    expect(output.findings[0]).toMatchObject({ rule: 'unused-suppression', severity: 'warning', file: 'journeys/quiet.journey.yaml' });
    expect(output.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(result.stderr).toContain('2 findings recorded');
    expect((await lint(repo.root, '--max-warnings', '0')).status).toBe(1);
    expect((await lint(repo.root, '--max-warnings', '1')).status).toBe(0);
  });

  it('keeps hidden warnings out of --max-warnings', async () => {
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, [FILE]: flawed().replace('  - id: start\n', '  - id: start\n  - id: empty\n') });
    expect((await lint(repo.root, '--max-warnings', '0', '--no-baseline')).status).toBe(1);
    await lint(repo.root, '--baseline-write');
    expect((await lint(repo.root, '--max-warnings', '0')).status).toBe(0);
  });

  it('shows every finding with --no-baseline', async () => {
    const repo = await adopted();
    const { result, output } = await lintJson(repo.root, '--no-baseline');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(output.findings.map(where)).toEqual([
      ['missing-owner', 'flawed', 'ownerless'],
      ['unknown-reference', 'flawed', 'ghost-owned'],
      ['missing-kpi', 'flawed', 'unmeasured'],
    ]);
  });

  it('exits 2 with a clear message naming the file when the baseline is corrupt, and no stack trace', SLOW, async () => {
    const repo = await adopted();
    const corrupt = [
      '{ "version": 1, "findings": [',
      '',
      'null',
      '{ "version": 3, "findings": [] }',
      '{ "version": 2, "findings": [{ "rule": "missing-kpi", "file": "x", "message": "m", "count": 1 }] }',
      '{ "version": 1, "findings": [{ "rule": "missing-kpi", "file": "x", "message": "m" }] }',
    ];
    for (const text of corrupt) {
      writeFileSync(join(repo.root, BASELINE_FILE), text);
      const result = await lint(repo.root);
      expectNoStackTrace(result);
      expect(result.status, text).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('journeys.baseline.json cannot be used');
      expect(result.stderr).toContain('--baseline-write');
      expect(result.stderr).not.toContain('internal error');
    }
    // --no-baseline does not read it; --baseline-write replaces it.
    expect((await lint(repo.root, '--no-baseline')).status).toBe(1);
    expect((await lint(repo.root, '--baseline-write')).status).toBe(0);
    expect((await lint(repo.root)).status).toBe(0);
  });

  it('keeps hiding a baselined stale journey on the following days', async () => {
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, [FILE]: flawed().replace('reviewed: 2026-10-01', 'reviewed: 2025-01-01') });
    await runJourneys(['lint', '--today', '2026-11-01', '--baseline-write'], repo.root);
    expect(readBaseline(repo.root).findings.map((entry) => entry.rule)).toContain('stale-journey');
    const nextDay = await runJourneys(['lint', '--today', '2026-11-02', '--format', 'json'], repo.root);
    expect((JSON.parse(nextDay.stdout) as JsonOutput).findings).toEqual([]);
  });

  it('does not bring back a baselined useless suppression when lines are inserted above it', async () => {
    const useless = (top: string): string =>
      top +
      lines(
        'journey: useless',
        'version: 1',
        'title: Useless',
        'owner: team-onboarding',
        'reviewed: 2026-10-01',
        'stages:',
        '  - id: start',
        'touchpoints:',
        '  # journeys-disable-next-line missing-kpi -- measured in the warehouse',
        '  - id: measured',
        '    stage: start',
        '    channel: email',
        '    owner: team-crm',
        '    kpis: [{ metric: open-rate }]',
      );
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/useless.journey.yaml': useless('') });
    await lint(repo.root, '--baseline-write');
    expect(readBaseline(repo.root).findings.map((entry) => entry.rule)).toEqual(['unused-suppression']);
    repo.write({ 'journeys/useless.journey.yaml': useless(lines('# A comment block', '# above the journey')) });
    const { output } = await lintJson(repo.root);
    expect(output.findings).toEqual([]);
  });

  it('applies the baseline to a repository moved elsewhere (nothing in it is absolute)', async () => {
    const repo = await adopted();
    const text = readFileSync(join(repo.root, BASELINE_FILE), 'utf8');
    expect(text).not.toContain(repo.root);
    const moved = join(dirname(repo.root), `${repo.root.split(/[\\/]/).pop()!}-moved`);
    renameSync(repo.root, moved);
    try {
      expect((await lint(moved)).status).toBe(0);
    } finally {
      renameSync(moved, repo.root);
    }
  });
});

describe('createBaseline and applyBaseline (public API)', () => {
  const finding = (over: Partial<Finding> = {}): Finding => ({
    rule: 'missing-kpi',
    severity: 'info',
    message: 'Touchpoint "a" has no KPI: add one under "kpis:" to measure it.',
    file: 'journeys/one.journey.yaml',
    line: 9,
    column: 5,
    journey: 'one',
    touchpoint: 'a',
    related: [],
    ...over,
  });

  it('records one entry per identity, counted, sorted, without positions', () => {
    const baseline = createBaseline([
      finding({ rule: 'unknown-reference', severity: 'error', message: 'Owner "x" is not declared.' }),
      finding({ line: 20 }),
      finding({ line: 9 }),
      finding({ journey: undefined, touchpoint: undefined, rule: 'unique-id', message: 'Team "x" is declared twice.', file: 'journeys/b.journey.yaml' }),
      finding({ journey: undefined, touchpoint: undefined, rule: 'unique-id', message: 'Team "x" is declared twice.', file: 'journeys/a.journey.yaml' }),
    ]);
    const identity = expect.any(String) as string;
    expect(baseline).toEqual({
      version: 2,
      findings: [
        { rule: 'missing-kpi', identity, file: 'journeys/one.journey.yaml', journey: 'one', touchpoint: 'a', message: finding().message, count: 2 },
        { rule: 'unique-id', identity, file: 'journeys/a.journey.yaml', journey: undefined, touchpoint: undefined, message: 'Team "x" is declared twice.', count: 1 },
        { rule: 'unique-id', identity, file: 'journeys/b.journey.yaml', journey: undefined, touchpoint: undefined, message: 'Team "x" is declared twice.', count: 1 },
        { rule: 'unknown-reference', identity, file: 'journeys/one.journey.yaml', journey: 'one', touchpoint: 'a', message: 'Owner "x" is not declared.', count: 1 },
      ],
    });
    expect(createBaseline([])).toEqual({ version: 2, findings: [] });
    // Written as JSON and read back, it is the same baseline.
    expect(parseBaseline(JSON.stringify(baseline))).toEqual(JSON.parse(JSON.stringify(baseline)));
  });

  it('hides what the baseline records, by count, whatever the lines, and says how many', () => {
    const baseline = createBaseline([finding(), finding({ line: 30 })]);
    const now = [finding({ line: 100 }), finding({ line: 200 }), finding({ line: 300 }), finding({ touchpoint: 'b', message: 'Touchpoint "b" has no KPI.' })];
    const applied = applyBaseline(now, baseline);
    expect(applied.hidden).toBe(2);
    expect(applied.findings).toEqual([now[2], now[3]]);
    expect(applyBaseline(now, { version: 2, findings: [] })).toEqual({ findings: now, hidden: 0, hiddenFindings: [], stale: [] });
    expect(applyBaseline([], baseline)).toMatchObject({ findings: [], hidden: 0, stale: [{ count: 2 }] });
  });

  it('matches a journey\'s findings by journey wherever its file is, and other findings by file', () => {
    const baseline = createBaseline([finding(), finding({ journey: undefined, touchpoint: undefined, rule: 'unique-id', message: 'bad' })]);
    expect(applyBaseline([finding({ file: 'journeys/moved/one.journey.yaml' })], baseline).hidden).toBe(1);
    expect(applyBaseline([finding({ journey: 'two' })], baseline).hidden).toBe(0);
    expect(applyBaseline([finding({ rule: 'missing-owner' })], baseline).hidden).toBe(0);
    // Reworded, it is the same finding; another message of the rule is another finding.
    expect(applyBaseline([finding({ message: 'another message' })], baseline).hidden).toBe(1);
    expect(applyBaseline([finding({ messageId: 'another-id' })], baseline).hidden).toBe(0);
    const onFile = { journey: undefined, touchpoint: undefined, rule: 'unique-id', message: 'bad' };
    expect(applyBaseline([finding(onFile)], baseline).hidden).toBe(1);
    expect(applyBaseline([finding({ ...onFile, file: 'journeys/other.journey.yaml' })], baseline).hidden).toBe(0);
  });

  it('keys findings without their position, and subtracts them as multisets', () => {
    expect(findingKey(finding({ line: 1, column: 1 }))).toBe(findingKey(finding({ line: 99, column: 7, severity: 'error' })));
    expect(findingKey(finding())).not.toBe(findingKey(finding({ touchpoint: 'b' })));
    const a = [finding(), finding({ line: 2 }), finding({ rule: 'missing-owner' })];
    expect(findingsNotIn(a, [finding({ line: 50 })])).toEqual([a[1], a[2]]);
    expect(findingsNotIn(a, a)).toEqual([]);
    expect(findingsNotIn([], a)).toEqual([]);
  });

  it('parseBaseline refuses what is not a baseline', () => {
    for (const text of ['{', '[]', '{"version":3,"findings":[]}', '{"version":2,"findings":[{"rule":"r","file":"f","message":"m","count":1}]}', '{"version":1}', '{"version":1,"findings":[{"rule":"r","file":"f","message":"m","count":1.5}]}']) {
      expect(() => parseBaseline(text), text).toThrow();
    }
    expect(parseBaseline('{"version":1,"findings":[{"rule":"r","file":"f","message":"m","count":2}]}').findings).toHaveLength(1);
  });
});
