/**
 * `journeys lint --format github`: workflow commands that GitHub Actions turns into
 * annotations, escaped so that user text can neither break nor forge a command, and cut
 * to what GitHub shows, with a line saying what was cut.
 */
import { describe, expect, it } from 'vitest';
import { check, compareFindings, type CheckResult, type Finding } from '../src/index.ts';
import { ANNOTATIONS_PER_KIND, escapeData, escapeProperty, github } from '../src/format/github.ts';
import { runJourneys } from './helpers/cli.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';
import { FLAWED, HOSTILE, HOSTILE_FILE, ownerless } from './fixtures/format/repos.ts';

function lint(files: Readonly<Record<string, string>>): CheckResult {
  const result = check(writeRepo(files), { today: TODAY });
  expect(result.configErrors).toEqual([]);
  return result;
}

const format = (result: CheckResult): string[] => github(result.findings, result.summary).trimEnd().split('\n');

/** A workflow command as GitHub parses it: `::name prop=value,prop=value::data`, values unescaped. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } | undefined {
  const match = /^::([a-z]+) ([^:]*)::(.*)$/.exec(line);
  if (!match) return undefined;
  const unescape = (text: string): string =>
    text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of match[2]!.split(',')) {
    const at = pair.indexOf('=');
    properties[pair.slice(0, at)] = unescape(pair.slice(at + 1));
  }
  return { command: match[1]!, properties, data: unescape(match[3]!) };
}

describe('github', () => {
  it('prints one annotation per finding, errors first, with its place, end, title, message and related places, then the counts', () => {
    const result = lint(FLAWED);
    expect(format(result)).toEqual([
      // The other touchpoint of the duplicate id is named, since GitHub links no related place.
      `::error file=journeys/welcome.journey.yaml,line=14,col=9,endLine=14,endColumn=22,title=journeys(unique-id)::${result.findings[1]!.message} See also journeys/welcome.journey.yaml:9 (welcome › welcome-email).`,
      '::error file=journeys/welcome.journey.yaml,line=17,col=12,endLine=17,endColumn=23,title=journeys(unknown-reference)::Owner "team-growth" is not declared in journeys/owners.yaml.',
      `::error file=journeys/welcome.journey.yaml,line=18,col=5,title=journeys(missing-owner)::${result.findings[3]!.message}`,
      '::notice file=journeys/welcome.journey.yaml,line=14,col=5,title=journeys(missing-kpi)::Touchpoint "welcome-email" has no KPI: add one under "kpis:" to measure it.',
      'journeys: 4 problems (3 errors, 0 warnings, 1 info) in 1 journey, 3 touchpoints in 2 files.',
    ]);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('50% off\r\nnow: a, b')).toBe('50%25 off%0D%0Anow: a, b');
    expect(escapeProperty('50% off\r\nnow: a, b')).toBe('50%25 off%0D%0Anow%3A a%2C b');
    // `%` first, so that an escape is never escaped twice, and text that looks escaped stays as written.
    expect(escapeData('%0A')).toBe('%250A');
    expect(escapeProperty('%3A')).toBe('%253A');
  });

  it('keeps hostile user text (a file name, a touchpoint id, an owner) inside one command each, unchanged once unescaped', () => {
    const result = lint(HOSTILE);
    const lines = format(result);
    // Nothing the user wrote starts a line: one command per finding, and the counts.
    expect(lines).toHaveLength(result.findings.length + 1);
    const commands = lines.slice(0, -1).map((line) => parseCommand(line));
    const bySeverity = [...result.findings].sort((a, b) => ['error', 'warning', 'info'].indexOf(a.severity) - ['error', 'warning', 'info'].indexOf(b.severity));
    commands.forEach((command, index) => {
      const finding = bySeverity[index]!;
      expect(command, lines[index]).toBeDefined();
      expect(command!.properties.file).toBe(HOSTILE_FILE);
      expect(command!.properties.line).toBe(String(finding.line));
      expect(command!.properties.col).toBe(String(finding.column));
      expect(command!.properties.title).toBe(`journeys(${finding.rule})`);
      expect(command!.data.startsWith(finding.message)).toBe(true);
    });
    // The touchpoint id, CR LF and all, echoed by missing-kpi.
    const kpi = lines.find((line) => line.includes('journeys(missing-kpi)'))!;
    expect(kpi).toBe(
      '::notice file=journeys/x%2Cy%3Az%25.journey.yaml,line=9,col=5,title=journeys(missing-kpi)::Touchpoint "t,1:%25%0D%0A<script>alert(1)</script>|`x`" has no KPI: add one under "kpis:" to measure it.',
    );
    // The unknown owner, with its percent sign, comma and colon.
    const owner = lines.find((line) => line.includes('journeys(unknown-reference)'))!;
    expect(owner).toBe(
      '::error file=journeys/x%2Cy%3Az%25.journey.yaml,line=12,col=12,endLine=12,endColumn=32,title=journeys(unknown-reference)::Owner "50%25,off: @everyone" is not declared in journeys/owners.yaml.',
    );
  });

  it(`prints at most ${ANNOTATIONS_PER_KIND} errors, then the others in a collapsed group of the log, a line on what was cut, then the counts`, () => {
    const result = lint({ 'journeys/owners.yaml': OWNERS, 'journeys/ownerless.journey.yaml': ownerless(25) });
    expect(result.findings.map((f) => f.rule)).toEqual(Array(25).fill('missing-owner'));
    const lines = format(result);
    expect(lines).toHaveLength(29);
    expect(lines.slice(0, 10).every((line) => line.startsWith('::error file=journeys/ownerless.journey.yaml,'))).toBe(true);
    expect(lines[9]).toContain('Touchpoint "step-10" has no owner');
    // Nothing dropped: the 15 others, one plain line each, in a group the log folds.
    expect(lines[10]).toBe('::group::journeys: 15 more findings not shown as annotations (15 errors)');
    expect(lines.slice(11, 26).map((line) => /"step-(\d+)"/.exec(line)![1])).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 11)));
    expect(lines[11]).toMatch(/^ {2}journeys\/ownerless\.journey\.yaml:\d+:5: error: Touchpoint "step-11" has no owner.* \[missing-owner\]$/);
    expect(lines[26]).toBe('::endgroup::');
    // Plain lines: not workflow commands.
    expect(lines[27]).toMatch(/^journeys: 15 more findings not shown as annotations \(15 errors\)/);
    expect(lines[27]).toContain('SARIF');
    expect(lines[27]).toContain('pull-request comment');
    expect(lines[28]).toBe('journeys: 25 problems (25 errors, 0 warnings, 0 infos) in 1 journey, 25 touchpoints in 2 files.');
  });

  it('counts the caps per kind: ten of each, and the cut line names each kind that was cut', () => {
    // 12 errors (missing owners) and 12 infos (missing KPIs) on the same touchpoints.
    const journey = ownerless(12).replace(/ {4}kpis: \[\{ metric: open-rate, target: 0\.4 \}\]\n/g, '');
    const result = lint({ 'journeys/owners.yaml': OWNERS, 'journeys/ownerless.journey.yaml': journey });
    const lines = format(result);
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((line) => line.startsWith('::notice '))).toHaveLength(10);
    expect(lines.filter((line) => line.startsWith('::warning '))).toHaveLength(0);
    expect(lines.at(-2)).toMatch(/^journeys: 4 more findings not shown as annotations \(2 errors, 2 notices\)/);
    expect(lines.filter((line) => line.startsWith('  journeys/ownerless.journey.yaml:'))).toHaveLength(4);
  });

  it('prints only the counts when there is nothing to report', () => {
    const result = lint({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() });
    expect(format(result)).toEqual(['journeys: no problems in 1 journey, 1 touchpoint in 2 files.']);
  });

  it('is what `journeys lint --format github` prints', async () => {
    const root = writeRepo(FLAWED);
    const cli = await runJourneys(['lint', root, '--format', 'github', '--today', TODAY], root);
    expect(cli.status).toBe(1);
    const result = check(root, { today: TODAY });
    expect(cli.stdout).toBe(github(result.findings, result.summary));
  });
});

/** A hundred journeys of five missing owners each: 500 errors GitHub cannot all show. */
function crowded(): Record<string, string> {
  const files: Record<string, string> = { 'journeys/owners.yaml': OWNERS };
  for (let index = 1; index <= 100; index += 1) files[`journeys/j${String(index).padStart(3, '0')}.journey.yaml`] = ownerless(5, `j${index}`);
  return files;
}

const NEW_OWNER = ['  - id: late-notice', '    stage: start', '    channel: email', '    owner: team-ghost', '    kpis: [{ metric: open-rate, target: 0.4 }]', ''].join('\n');

describe('github, the change first', () => {
  it('annotates the only new error of a pull request, in the last of 100 files of 5 older errors each, first of the 10 shown, and lists the other 491 in a group', async () => {
    const repo = gitRepo(crowded());
    repo.write({ 'journeys/j100.journey.yaml': `${repo.read('journeys/j100.journey.yaml')}${NEW_OWNER}` });
    repo.commit('Add a late notice');
    const cli = await runJourneys(['lint', '--format', 'github', '--base', 'HEAD~1', '--today', TODAY], repo.root);
    expect(cli.status).toBe(1);
    const lines = cli.stdout.trimEnd().split('\n');
    const errors = lines.filter((line) => line.startsWith('::error '));
    expect(errors).toHaveLength(10);
    // The change's error first, then the oldest in file order.
    expect(errors[0]).toMatch(/^::error file=journeys\/j100\.journey\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=journeys\(unknown-reference\)::Owner "team-ghost" is not declared/);
    expect(errors.slice(1).every((line) => line.startsWith('::error file=journeys/j001.journey.yaml,') || line.startsWith('::error file=journeys/j002.journey.yaml,'))).toBe(true);
    // The change also raised a warning (the version was not bumped): the change's warnings come first too.
    expect(lines.filter((line) => line.startsWith('::warning '))[0]).toContain('journeys(version-not-bumped)');
    // Nothing dropped: every other error is a line of the folded group.
    const start = lines.findIndex((line) => line.startsWith('::group::'));
    const end = lines.indexOf('::endgroup::');
    expect(lines[start]).toBe('::group::journeys: 491 more findings not shown as annotations (491 errors, 0 of them introduced by this change)');
    expect(end - start - 1).toBe(491);
    expect(lines.slice(start + 1, end).every((line) => /^ {2}journeys\/j\d\d\d\.journey\.yaml:\d+:\d+: error: .* \[missing-owner\]$/.test(line))).toBe(true);
    expect(lines.at(-1)).toBe('journeys: 502 problems (501 errors, 1 warning, 0 infos) in 100 journeys, 501 touchpoints in 101 files; 2 problems introduced by this change.');
  });

  it('without --base, annotates errors before warnings and notices, whatever their files', async () => {
    // The first file has only notices (missing KPIs), the last only an error.
    const noKpi = cleanJourney('aaa').replace('    kpis:\n      - { metric: open-rate, target: 0.4 }\n', '');
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/aaa.journey.yaml': noKpi, 'journeys/zzz.journey.yaml': cleanJourney('zzz').replace('owner: team-crm', 'owner: team-ghost') });
    const cli = await runJourneys(['lint', '--format', 'github', '--today', TODAY], root);
    const commands = cli.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(commands.map((line) => line.slice(0, line.indexOf(' ')))).toEqual(['::error', '::notice']);
    expect(commands[0]).toContain('file=journeys/zzz.journey.yaml');
  });

  it('puts annotations at paths from the top of the git repository when the journeys are in a subfolder', async () => {
    const repo = gitRepo(Object.fromEntries(Object.entries(FLAWED).map(([path, text]) => [`cx/${path}`, text])));
    const cli = await runJourneys(['lint', 'cx', '--format', 'github', '--today', TODAY], repo.root);
    const commands = cli.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(commands).toHaveLength(4);
    for (const command of commands) expect(parseCommand(command)!.properties.file).toBe('cx/journeys/welcome.journey.yaml');
    // The related place too.
    expect(commands.find((line) => line.includes('unique-id'))).toContain('See also cx/journeys/welcome.journey.yaml:9 (welcome › welcome-email).');
  });

  it('keeps the order of the contract (file, line, column, rule) in the JSON output, with --base too', async () => {
    const repo = gitRepo(crowded());
    repo.write({ 'journeys/j100.journey.yaml': `${repo.read('journeys/j100.journey.yaml')}${NEW_OWNER}` });
    repo.commit('Add a late notice');
    const cli = await runJourneys(['lint', '--format', 'json', '--base', 'HEAD~1', '--today', TODAY], repo.root);
    const findings = (JSON.parse(cli.stdout) as { findings: Finding[] }).findings;
    expect(findings).toHaveLength(502);
    expect([...findings].sort(compareFindings)).toEqual(findings);
    expect(findings[0]!.file).toBe('journeys/j001.journey.yaml');
  });
});
