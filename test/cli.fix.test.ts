/**
 * `journeys lint --fix` and `--fix-dry-run`, as ESLint's: what has one certain correction
 * (a misspelt channel, stage, persona or event with one candidate, a duration or time of day
 * written in words) is corrected in place, the rest of each file kept byte for byte; an
 * owner, a name with two candidates, a value of two meanings are never touched. The real
 * command on real repositories in temporary folders, always as of TODAY.
 */
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runJourneys, type CliResult } from './helpers/cli.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const lint = (cwd: string, ...args: string[]): Promise<CliResult> => runJourneys(['lint', '--today', TODAY, ...args], cwd);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

interface JsonFinding {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly fix?: { readonly range: [number, number]; readonly text: string };
}

async function findings(root: string): Promise<JsonFinding[]> {
  const result = await lint(root, '-f', 'json');
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');

const PERSONAS = 'personas:\n  - { id: retail, name: Retail }\n  - { id: private, name: Private banking }\n';
const EVENTS = 'events:\n  - id: account.opened\n  - id: card.activated\n';

/** A journey with a slip in every field --fix corrects, around comments, odd quoting and indentation. */
const TYPOS = lines(
  '# Welcome journey: keep this comment',
  'journey: welcome',
  'version: 1',
  "title: 'Welcome, new customer'   # single quotes stay",
  'owner: team-onboarding',
  'reviewed: 2026-10-01',
  'personas: [retial]',
  'stages:',
  '    - id: start',
  'touchpoints:',
  '    - id: welcome-email',
  '      stage: strat      # a slip',
  '      channel: "emial"',
  '      owner: team-crm',
  '      trigger: account.opend',
  '      after: 2 days',
  "      at: '9:30'",
  '      repeat: { every: 1 semaine, times: 2 }',
  '      kpis:',
  '        - { metric: open-rate, target: 0.4 }',
);

/** TYPOS as --fix must leave it: each slip corrected in its own quotes, every other byte as it was. */
const FIXED = lines(
  '# Welcome journey: keep this comment',
  'journey: welcome',
  'version: 1',
  "title: 'Welcome, new customer'   # single quotes stay",
  'owner: team-onboarding',
  'reviewed: 2026-10-01',
  'personas: [retail]',
  'stages:',
  '    - id: start',
  'touchpoints:',
  '    - id: welcome-email',
  '      stage: start      # a slip',
  '      channel: "email"',
  '      owner: team-crm',
  '      trigger: account.opened',
  '      after: 2d',
  "      at: '09:30'",
  '      repeat: { every: 1w, times: 2 }',
  '      kpis:',
  '        - { metric: open-rate, target: 0.4 }',
);

function typoRepo(journey = TYPOS, more: Readonly<Record<string, string>> = {}): string {
  return writeRepo({
    'journeys/owners.yaml': OWNERS,
    'journeys/personas.yaml': PERSONAS,
    'journeys/events.yaml': EVENTS,
    'journeys/welcome.journey.yaml': journey,
    ...more,
  });
}

describe('journeys lint --fix', () => {
  it('corrects each kind of certain slip and keeps every other byte of the file', async () => {
    const root = typoRepo();
    chmodSync(join(root, 'journeys/welcome.journey.yaml'), 0o640);
    const fixed = await lint(root, '--fix');
    expect(fixed.stderr).toContain('journeys: fixed 7 problems in 1 file.');
    expect(read(root, 'journeys/welcome.journey.yaml')).toBe(FIXED);
    expect(read(root, 'journeys/owners.yaml')).toBe(OWNERS);
    expect(statSync(join(root, 'journeys/welcome.journey.yaml')).mode & 0o777).toBe(0o640);
    // The remaining findings are reported: here none, and the run passes.
    expect(fixed.stdout).not.toMatch(/error|warning/);
    expect(fixed.status).toBe(0);
  });

  it('keeps a byte order mark and CRLF line ends', async () => {
    const root = typoRepo(`\uFEFF${TYPOS.replace(/\n/g, '\r\n')}`);
    await lint(root, '--fix');
    expect(read(root, 'journeys/welcome.journey.yaml')).toBe(`\uFEFF${FIXED.replace(/\n/g, '\r\n')}`);
  });

  it('never corrects an owner, who decides who must approve a change, even with one candidate', async () => {
    const journey = TYPOS.replace('owner: team-crm', 'owner: team-crn');
    const root = typoRepo(journey);
    const before = (await findings(root)).find((finding) => finding.message.includes('"team-crn"'));
    expect(before?.message).toContain('did you mean "team-crm"?');
    expect(before?.fix).toBeUndefined();
    const fixed = await lint(root, '--fix');
    expect(read(root, 'journeys/welcome.journey.yaml')).toBe(FIXED.replace('owner: team-crm', 'owner: team-crn'));
    expect(fixed.stdout).toContain('Owner "team-crn" is not declared');
    expect(fixed.status).toBe(1);
  });

  it('never picks one of two candidates as near', async () => {
    const journey = lines(
      'journey: welcome',
      'version: 1',
      'title: Welcome',
      'owner: team-onboarding',
      'stages:',
      '  - id: start',
      '  - id: stars',
      'touchpoints:',
      '  - id: welcome-email',
      '    stage: stard',
      '    channel: email',
      '    owner: team-crm',
    );
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': journey });
    const dry = await lint(root, '--fix-dry-run');
    expect(dry.stdout).not.toContain('→');
    await lint(root, '--fix');
    expect(read(root, 'journeys/welcome.journey.yaml')).toBe(journey);
    expect((await findings(root)).filter((finding) => finding.fix)).toEqual([]);
  });

  it('never rewrites a value of more than one meaning', async () => {
    const journey = TYPOS.replace('after: 2 days', 'after: 1.5 days').replace("at: '9:30'", 'at: 9.30').replace('every: 1 semaine', 'every: 2 M');
    const root = typoRepo(journey);
    await lint(root, '--fix');
    const after = read(root, 'journeys/welcome.journey.yaml');
    expect(after).toContain('after: 1.5 days');
    expect(after).toContain('at: 9.30');
    expect(after).toContain('every: 2 M');
    expect(after).toContain('stage: start ');
  });

  it('corrects a Markdown journey in its front matter only', async () => {
    const markdown = lines(
      '---',
      'journey: welcome',
      'version: 1',
      'title: Welcome',
      'owner: team-onboarding',
      'reviewed: 2026-10-01',
      'stages:',
      '  - id: start',
      'touchpoints:',
      '  - id: welcome-email',
      '    stage: start',
      '    channel: emial',
      '    owner: team-crm',
      '    after: 3\thours',
      '    at: 21h',
      '    kpis:',
      '      - { metric: open-rate, target: 0.4 }',
      '---',
      '',
      'Sent 3 hours later by emial, as the channel: emial line says.',
      '',
      '### welcome-email',
      '',
      'channel: emial',
    );
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.md': markdown });
    const dry = await lint(root, '--fix-dry-run');
    expect(dry.stdout).toContain('journeys/welcome.journey.md:12: emial → email');
    // What is printed is escaped: a tab of the file is shown as \t.
    expect(dry.stdout).toContain('journeys/welcome.journey.md:14: 3\\thours → 3h');
    expect(dry.stdout).toContain('journeys/welcome.journey.md:15: 21h → "21:00"');
    await lint(root, '--fix');
    expect(read(root, 'journeys/welcome.journey.md')).toBe(
      markdown.replace('    channel: emial', '    channel: email').replace('after: 3\thours', 'after: 3h').replace('at: 21h', 'at: "21:00"'),
    );
  });

  it('--fix-dry-run prints what would change and writes nothing', async () => {
    const root = typoRepo();
    const dry = await lint(root, '--fix-dry-run');
    const changes = dry.stdout.split('\n').filter((line) => line.includes('→'));
    expect(changes).toEqual([
      'journeys/welcome.journey.yaml:7: retial → retail',
      'journeys/welcome.journey.yaml:12: strat → start',
      'journeys/welcome.journey.yaml:13: "emial" → "email"',
      'journeys/welcome.journey.yaml:15: account.opend → account.opened',
      'journeys/welcome.journey.yaml:16: 2 days → 2d',
      "journeys/welcome.journey.yaml:17: '9:30' → '09:30'",
      'journeys/welcome.journey.yaml:18: 1 semaine → 1w',
    ]);
    // The report that follows is of the files as they are.
    expect(dry.stdout).toContain('Stage "strat"');
    expect(dry.status).toBe(1);
    expect(read(root, 'journeys/welcome.journey.yaml')).toBe(TYPOS);
  });

  it('keeps a machine format parseable: --fix-dry-run says its changes on stderr then', async () => {
    const root = typoRepo();
    const dry = await lint(root, '--fix-dry-run', '-f', 'json');
    expect(dry.stderr).toContain('journeys/welcome.journey.yaml:12: strat → start');
    const report = JSON.parse(dry.stdout) as { findings: JsonFinding[] };
    // The JSON output carries each fix as ESLint's does: a range of the file's text and its replacement.
    const stage = report.findings.find((finding) => finding.message.includes('Stage "strat"'))!;
    expect(stage.fix?.text).toBe('start');
    expect(TYPOS.slice(...stage.fix!.range)).toBe('strat');
  });

  it('finds nothing more to fix on a second run', async () => {
    const root = typoRepo();
    await lint(root, '--fix');
    const second = await lint(root, '--fix');
    expect(second.stderr).not.toContain('fixed');
    expect(read(root, 'journeys/welcome.journey.yaml')).toBe(FIXED);
    expect((await lint(root, '--fix-dry-run')).stdout).not.toContain('→');
  });

  it('fixes only the files named on the command line', async () => {
    const other = TYPOS.replace('journey: welcome', 'journey: other');
    const root = typoRepo(TYPOS, { 'journeys/other.journey.yaml': other });
    await lint(root, '--fix', 'journeys/other.journey.yaml');
    expect(read(root, 'journeys/other.journey.yaml')).toBe(FIXED.replace('journey: welcome', 'journey: other'));
    expect(read(root, 'journeys/welcome.journey.yaml')).toBe(TYPOS);
  });

  describe('links', () => {
    const outside = mkdtempSync(join(tmpdir(), 'journeys-outside-'));
    afterAll(() => rmSync(outside, { recursive: true, force: true }));

    it('never writes through a link to a file outside the repository', async () => {
      const target = join(outside, 'welcome.journey.yaml');
      writeFileSync(target, TYPOS);
      const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/personas.yaml': PERSONAS, 'journeys/events.yaml': EVENTS });
      symlinkSync(target, join(root, 'journeys/welcome.journey.yaml'));
      await lint(root, '--fix');
      expect(readFileSync(target, 'utf8')).toBe(TYPOS);
      expect(lstatSync(join(root, 'journeys/welcome.journey.yaml')).isSymbolicLink()).toBe(true);
    });

    it('writes the file a link inside the repository leads to, and keeps the link', async () => {
      const root = typoRepo();
      const link = join(root, 'journeys/again.journey.yaml');
      symlinkSync('welcome.journey.yaml', link);
      await lint(root, '--fix');
      expect(read(root, 'journeys/welcome.journey.yaml')).toContain('stage: start ');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe('welcome.journey.yaml');
    });
  });

  it('refuses to fix a git revision, and --fix with --fix-dry-run', async () => {
    const root = typoRepo();
    const base = await lint(root, '--fix', '--base', 'HEAD');
    expect(base.status).toBe(2);
    expect(base.stderr).toContain('run it without --base');
    const both = await lint(root, '--fix', '--fix-dry-run');
    expect(both.status).toBe(2);
    expect(read(root, 'journeys/welcome.journey.yaml')).toBe(TYPOS);
  });
});
