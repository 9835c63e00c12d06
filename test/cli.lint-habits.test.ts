/**
 * `journeys lint` as ESLint and Spectral users run it: files and globs as arguments,
 * -o/--output-file, --fail-severity, --quiet whose summary counts what it shows, and
 * ESLint's severities (warn, 0, 1, 2) in journeys.config.yaml. The real command on
 * real repositories in temporary folders, always as of TODAY.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { config as validateConfig } from '../src/load/schema-validators.js';
import { BIN, runJourneys, type CliResult } from './helpers/cli.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const lint = (cwd: string, ...args: string[]): Promise<CliResult> => runJourneys(['lint', '--today', TODAY, ...args], cwd);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** A journey whose findings are a warning (an empty stage at 8:5) and an info (no KPI at 10:5). */
const warned = (id: string): string =>
  lines(
    `journey: ${id}`,
    'version: 1',
    `title: ${id}`,
    'owner: team-onboarding',
    'reviewed: 2026-10-01',
    'stages:',
    '  - id: start',
    '  - id: later', // 8
    'touchpoints:',
    `  - id: ${id}-email`, // 10
    '    stage: start',
    '    channel: email',
    '    owner: team-crm',
  );

/** A journey with one error: a touchpoint with no owner, at 9:5. */
const ERRORED = lines(
  'journey: errored',
  'version: 1',
  'title: Errored',
  'owner: team-onboarding',
  'reviewed: 2026-10-01',
  'stages:',
  '  - id: start',
  'touchpoints:',
  '  - id: ownerless', // 9
  '    stage: start',
  '    channel: email',
  '    kpis: [{ metric: open-rate }]',
);

const A = 'journeys/a.journey.yaml';
const B = 'journeys/b.journey.yaml';
const E = 'journeys/errored.journey.yaml';

function repo(extra: Readonly<Record<string, string>> = {}): string {
  return writeRepo({ 'journeys/owners.yaml': OWNERS, [A]: warned('a'), [B]: warned('b'), [E]: ERRORED, ...extra });
}

interface Report {
  readonly findings: readonly { rule: string; severity: string; file: string; line: number }[];
  readonly summary: { files: number; journeys: number; errors: number; warnings: number; infos: number };
}

const json = (result: CliResult): Report => JSON.parse(result.stdout) as Report;
const files = (report: Report): string[] => [...new Set(report.findings.map((finding) => finding.file))];

function expectRefused(result: CliResult, fragment: string | RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stderr).not.toMatch(/internal error|This is a bug|^\s+at /m);
  expect(result.stderr).toMatch(fragment);
  expect(result.stdout).toBe('');
}

describe('files and globs as arguments', () => {
  it('reports and counts only the given file, its exit status from its findings alone', async () => {
    const root = repo();
    const whole = await lint(root, '-f', 'json');
    expect(whole.status).toBe(1);
    expect(files(json(whole))).toEqual([A, B, E]);

    const one = await lint(root, A, '-f', 'json');
    expect(one.status).toBe(0);
    const report = json(one);
    expect(report.findings.map((finding) => [finding.file, finding.line, finding.rule])).toEqual([
      [A, 8, 'empty-stage'],
      [A, 10, 'missing-kpi'],
    ]);
    expect(report.summary).toMatchObject({ files: 1, journeys: 1, errors: 0, warnings: 1, infos: 1 });

    const errored = await lint(root, E);
    expect(errored.status).toBe(1);
    expect(errored.stdout).toContain('✖ 1 problem (1 error, 0 warnings, 0 infos) in 1 journey, 1 touchpoint in 1 file');
  });

  it('loads the whole repository, so that what other files declare is known', async () => {
    // The journey's owners are declared in journeys/owners.yaml, which is not given.
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() });
    const result = await lint(root, 'journeys/welcome.journey.yaml', '-f', 'json');
    expect(result.status).toBe(0);
    expect(json(result).findings).toEqual([]);
  });

  it('gives several files, and a quoted glob the same findings as the files the shell would list', async () => {
    const root = repo();
    const listed = await lint(root, A, B, '-f', 'json');
    const glob = await lint(root, 'journeys/[ab].journey.yaml', '-f', 'json');
    expect(listed.status).toBe(0);
    expect(glob.status).toBe(0);
    expect(files(json(listed))).toEqual([A, B]);
    expect(json(glob)).toEqual(json(listed));
    const deep = await lint(root, '**/*.journey.yaml', '-f', 'json');
    expect(files(json(deep))).toEqual([A, B, E]);
  });

  it('finds the repository by walking up from a file given from a folder below it', async () => {
    const root = repo();
    const result = await lint(join(root, 'journeys'), 'b.journey.yaml', '-f', 'json');
    expect(result.status).toBe(0);
    expect(files(json(result))).toEqual([B]);
  });

  it('refuses a glob that matches nothing, a missing file, files of two repositories, and a folder with files', async () => {
    const root = repo();
    expectRefused(await lint(root, 'journeys/*.jurney.yaml'), 'No files match "journeys/*.jurney.yaml"');
    expectRefused(await lint(root, 'journeys/missing.journey.yaml'), 'No such file or folder: journeys/missing.journey.yaml');
    const other = repo();
    expectRefused(await lint(root, A, join(other, A)), /is in another journeys repository .*: lint one repository at a time/);
    expectRefused(await lint(root, '.', A), '. is a folder: give one repository folder, or files of one repository, not both');
  });

  it('refuses a file outside any journeys repository, stopping at the top of its git repository', async () => {
    const outside = writeRepo({ '.git/HEAD': 'ref: refs/heads/main\n', 'notes/plan.journey.yaml': warned('plan') });
    expectRefused(await lint(outside, 'notes/plan.journey.yaml'), 'notes/plan.journey.yaml is not in a journeys repository');
    // A git repository inside a journeys repository's folder is a repository of its own.
    const root = repo({ 'vendor/lib/.git/HEAD': 'ref: refs/heads/main\n', 'vendor/lib/x.journey.yaml': warned('x') });
    expectRefused(await lint(root, 'vendor/lib/x.journey.yaml'), 'vendor/lib/x.journey.yaml is not in a journeys repository');
  });

  it('takes a folder inside journeys/ as its files, as ESLint takes a folder', async () => {
    const root = repo({ 'journeys/onboarding/c.journey.yaml': warned('c'), 'journeys/onboarding/late/d.journey.yaml': ERRORED.replace('journey: errored', 'journey: d') });
    const result = await lint(root, 'journeys/onboarding', '-f', 'json');
    const files = [...new Set(json(result).findings.map((finding) => finding.file))].sort();
    expect(files).toEqual(['journeys/onboarding/c.journey.yaml', 'journeys/onboarding/late/d.journey.yaml']);
    expect(result.status).toBe(1);
    // The repository's own folder is still the whole repository.
    const whole = await lint(root, '.', '-f', 'json');
    expect(new Set(json(whole).findings.map((finding) => finding.file)).size).toBeGreaterThan(2);
  });

  it('says when a named file is not one the tools read', async () => {
    const root = repo({ 'journeys/notes.txt': 'notes\n' });
    const result = await lint(root, 'journeys/notes.txt', '-f', 'json');
    expect(result.status).toBe(0);
    // The unread-file rule says so, as the one finding for that file.
    expect(json(result).findings).toEqual([expect.objectContaining({ rule: 'unread-file', file: 'journeys/notes.txt', severity: 'warning' })]);
  });

  it('refuses to write or prune the baseline from some files only', async () => {
    const root = repo();
    expectRefused(await lint(root, A, '--baseline-write'), '--baseline-write records the whole repository: give its folder, not files');
    expect(existsSync(join(root, 'journeys.baseline.json'))).toBe(false);
  });
});

describe('-o, --output-file', () => {
  it('writes the whole report to the file, creating its folders, and nothing to stdout', async () => {
    const root = repo();
    const result = await lint(root, '-f', 'json', '-o', 'reports/lint/journeys.json');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(root, 'reports/lint/journeys.json'), 'utf8')) as Report;
    expect(report.summary).toMatchObject({ errors: 1, warnings: 2, infos: 2 });
    const stylish = await lint(root, A, '--output-file', 'lint.txt');
    expect(stylish.stdout).toBe('');
    const text = readFileSync(join(root, 'lint.txt'), 'utf8');
    expect(text).toContain('✖ 2 problems (0 errors, 1 warning, 1 info) in 1 journey, 1 touchpoint in 1 file');
    expect(text).not.toContain('\u001b[');
  });

  it('replaces a report written before', async () => {
    const root = repo({ 'lint.txt': 'old report\n' });
    expect((await lint(root, A, '-o', 'lint.txt')).status).toBe(0);
    expect(readFileSync(join(root, 'lint.txt'), 'utf8')).toContain('empty-stage');
  });

  it('never writes over a folder, through a link, into .git, or over the repository', async () => {
    const root = repo({ 'out/keep.txt': 'kept\n', '.git/HEAD': 'ref: refs/heads/main\n' });
    expectRefused(await lint(root, '-o', 'out'), '--output-file out is a folder');
    expect(readFileSync(join(root, 'out/keep.txt'), 'utf8')).toBe('kept\n');

    symlinkSync(join(root, 'nowhere.txt'), join(root, 'dangling.txt'));
    expectRefused(await lint(root, '-o', 'dangling.txt'), '--output-file dangling.txt is a link');
    expect(readlinkSync(join(root, 'dangling.txt'))).toBe(join(root, 'nowhere.txt'));
    expect(existsSync(join(root, 'nowhere.txt'))).toBe(false);

    expectRefused(await lint(root, '-o', '.git/lint.txt'), '--output-file .git/lint.txt is inside .git');
    symlinkSync(join(root, '.git'), join(root, 'git-link'));
    expectRefused(await lint(root, '-o', 'git-link/lint.txt'), 'is inside .git');
    expect(existsSync(join(root, '.git/lint.txt'))).toBe(false);

    expectRefused(await lint(root, '-o', A), 'is inside journeys/');
    expect(readFileSync(join(root, A), 'utf8')).toBe(warned('a'));
    writeFileSync(join(root, 'journeys.config.yaml'), 'rules: {}\n');
    expectRefused(await lint(root, '-o', 'journeys.config.yaml'), 'is journeys.config.yaml, a file of the repository');
    expect(readFileSync(join(root, 'journeys.config.yaml'), 'utf8')).toBe('rules: {}\n');
  });

  it('refuses a path whose folder cannot be made, since a file stands there', async () => {
    const root = repo({ reports: 'a file\n' });
    expectRefused(await lint(root, '-o', 'reports/lint.txt'), /--output-file reports\/lint.txt: its folder cannot be created \((ENOTDIR|EEXIST)\)/);
    expect(lstatSync(join(root, 'reports')).isFile()).toBe(true);
  });
});

describe('--fail-severity', () => {
  it('fails on findings at or above the severity given; error by default', async () => {
    const root = repo();
    expect((await lint(root, A)).status).toBe(0);
    expect((await lint(root, A, '--fail-severity', 'error')).status).toBe(0);
    const warning = await lint(root, A, '--fail-severity', 'warning');
    expect(warning.status).toBe(1);
    expect(warning.stderr).toContain('journeys: 1 warning, at or above --fail-severity warning.');
    expect((await lint(root, A, '--fail-severity=warn')).status).toBe(1);
    const clean = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney(), 'journeys/quiet.journey.yaml': warned('quiet') });
    const infos = 'rules:\n  empty-stage: off\n';
    writeFileSync(join(clean, 'journeys.config.yaml'), infos);
    expect((await lint(clean, '--fail-severity', 'warning')).status).toBe(0);
    const info = await lint(clean, '--fail-severity', 'info');
    expect(info.status).toBe(1);
    expect(info.stderr).toContain('1 info, at or above --fail-severity info');
  });

  it('goes with --max-warnings, and refuses an unknown severity', async () => {
    const root = repo();
    expect((await lint(root, A, B, '--max-warnings', '1')).status).toBe(1);
    expect((await lint(root, A, B, '--max-warnings', '2', '--fail-severity', 'error')).status).toBe(0);
    expectRefused(await lint(root, '--fail-severity', 'warnin'), '--fail-severity takes error, warning or info, not "warnin" (did you mean "warning"?)');
  });
});

describe('--quiet', () => {
  it('shows errors only, and its summary counts only what it shows', async () => {
    const root = repo();
    const quiet = await lint(root, '--quiet');
    expect(quiet.status).toBe(1);
    expect(quiet.stdout).not.toMatch(/empty-stage|missing-kpi/);
    expect(quiet.stdout).toContain('✖ 1 problem (1 error, 0 warnings, 0 infos)');
    const report = json(await lint(root, '--quiet', '-f', 'json'));
    expect(report.findings.map((finding) => finding.severity)).toEqual(['error']);
    expect(report.summary).toMatchObject({ errors: 1, warnings: 0, infos: 0 });
  });

  it('still counts hidden warnings for --max-warnings and --fail-severity, and says so', async () => {
    const root = repo();
    const max = await lint(root, A, '--quiet', '--max-warnings', '0');
    expect(max.status).toBe(1);
    expect(max.stdout).toContain('✔ No problems');
    expect(max.stderr).toContain('journeys: 1 warning (not shown: --quiet), more than --max-warnings 0.');
    const fail = await lint(root, A, '--quiet', '--fail-severity', 'warning');
    expect(fail.status).toBe(1);
    expect(fail.stderr).toContain('(not shown: --quiet)');
  });
});

describe("ESLint's severities in journeys.config.yaml", () => {
  const CONFIG = lines('rules:', '  empty-stage: warn', '  missing-kpi: 2', '  stale-journey: [1, { max-age: 10d }]', '  missing-owner: 0');

  it('reads warn as warning and 2, 1, 0 as error, warning, off, alone or with options', async () => {
    const root = repo({ 'journeys.config.yaml': CONFIG });
    const result = await lint(root, '-f', 'json');
    expect(result.stderr).toBe('');
    const severities = Object.fromEntries(json(result).findings.map((finding) => [finding.rule, finding.severity]));
    expect(severities).toEqual({ 'empty-stage': 'warning', 'missing-kpi': 'error', 'stale-journey': 'warning' });
    expect(validateConfig(parse(CONFIG))).toBe(true);
  });

  it('refuses a number that is no severity, and 0 for a rule that cannot be turned off, at their line and column', async () => {
    const cases: readonly (readonly [string, string, string])[] = [
      ['rules:\n  missing-kpi: 3\n', 'journeys.config.yaml:2:16: ', 'unknown severity 3: use error, warning, info or off (or 2, 1, 0)'],
      ['rules:\n  empty-stage: [warnn]\n', 'journeys.config.yaml:2:17: ', 'unknown severity "warnn" (did you mean "warning"?)'],
      ['rules:\n  parse: 0\n', 'journeys.config.yaml:2:10: ', 'parse'],
      ['policy:\n  max-messages:\n    - { per: 7 days, max: 5 }\n', 'journeys.config.yaml:3:14: ', '"per" is not a duration: "7 days"'],
    ];
    for (const [config, place, message] of cases) {
      const result = await lint(repo({ 'journeys.config.yaml': config }), '-f', 'json');
      expectRefused(result, 'journeys: fix the configuration above, then run again.');
      expect(result.stderr.split('\n').filter((line) => line.startsWith(place) && line.includes(message))).toHaveLength(1);
      expect(validateConfig(parse(config))).toBe(false);
    }
  });
});

describe('journeys lint --help', () => {
  it('lists the options of ESLint and Spectral users', async () => {
    const help = await runJourneys(['lint', '--help'], repo());
    expect(help.status).toBe(0);
    for (const option of ['[path | file... | glob...]', '-o, --output-file <path>', '--fail-severity <s>', '--quiet']) expect(help.stdout).toContain(option);
  });
});

// The lint of a folder is unchanged: a repository, as given.
it('still lints a repository folder given as the argument', async () => {
  const root = repo();
  mkdirSync(join(root, 'elsewhere'));
  const result = await lint(join(root, 'elsewhere'), '..', '-f', 'json');
  expect(files(json(result))).toEqual([A, B, E]);
});

describe('a reader that stops early', () => {
  // As `journeys lint | head` does: the pipe is closed before the report is written.
  it('ends the command quietly with its own exit status when stdout is closed', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, [A]: warned('a'), [B]: warned('b') });
    const result = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'lint', '--today', TODAY], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      const err: Buffer[] = [];
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr: Buffer.concat(err).toString('utf8') }));
    });
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(result.status).toBe(0);
  });
});
