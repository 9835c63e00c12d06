/**
 * A file under journeys/ that no pattern reads (a journey saved as home-loan.yaml) is an
 * unread-file warning naming the name it probably meant; files no one means as a
 * journey, and files left out by ignore:, are not. The real command on real repositories.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJourneys } from './helpers/cli.ts';
import { gitRepo } from './helpers/git.ts';
import { OWNERS, TODAY, cleanJourney, writeRepo } from './helpers/repo.ts';

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  data?: Record<string, string>;
}

async function unreadFindings(root: string, extra: readonly string[] = []): Promise<JsonFinding[]> {
  const run = await runJourneys(['lint', '--today', TODAY, '--format', 'json', ...extra], root);
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => finding.rule === 'unread-file');
}

const BASE = { 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() };

describe('a file under journeys/ that no pattern reads', () => {
  it('is a warning at the file naming the name it probably meant', async () => {
    const root = writeRepo({
      ...BASE,
      'journeys/home-loan.yaml': cleanJourney('home-loan'),
      'journeys/welcome.md': '# Welcome\n',
      'journeys/card.Journey.YAML': cleanJourney('card'),
      'journeys/renewal.journey': cleanJourney('renewal'),
      'journeys/savings.journey.json': '{}',
      'journeys/scenarios/first-week.yaml': 'scenario: first-week\n',
      'journeys/teams/owners.yaml': OWNERS,
      'journeys/notes.txt': 'to do\n',
    });
    const found = await unreadFindings(root);
    expect(found.map((finding) => [finding.file, finding.data?.meant])).toEqual([
      ['journeys/card.Journey.YAML', 'journeys/card.journey.yaml'],
      ['journeys/home-loan.yaml', 'journeys/home-loan.journey.yaml'],
      ['journeys/notes.txt', undefined],
      ['journeys/renewal.journey', 'journeys/renewal.journey.yaml'],
      ['journeys/savings.journey.json', 'journeys/savings.journey.yaml'],
      ['journeys/scenarios/first-week.yaml', 'journeys/scenarios/first-week.scenario.yaml'],
      ['journeys/teams/owners.yaml', 'journeys/owners.yaml'],
      ['journeys/welcome.md', 'journeys/welcome.journey.md'],
    ]);
    for (const finding of found) expect(finding).toMatchObject({ severity: 'warning', line: 1, column: 1 });
    expect(found[1]!.message).toBe(
      'This file is not read: its name matches no file journeys reads. Did you mean journeys/home-loan.journey.yaml? (Or list it under ignore: in journeys.config.yaml.)',
    );
    expect(found[2]!.message).toMatch(/^This file is not read: journeys are named <id>\.journey\.yaml/);
  });

  it('is read through a link to a file of the repository as it would be read', async () => {
    const root = writeRepo({ ...BASE, 'docs/loan.yaml': cleanJourney('loan') });
    symlinkSync(join(root, 'docs/loan.yaml'), join(root, 'journeys/loan.yaml'));
    expect((await unreadFindings(root)).map((finding) => finding.data?.meant)).toEqual(['journeys/loan.journey.yaml']);
  });

  it('says nothing of files no one means as a journey', async () => {
    const root = writeRepo({
      ...BASE,
      'journeys/README.md': '# Our journeys\n',
      'journeys/docs/CONTRIBUTING.md': 'How to\n',
      'journeys/.gitkeep': '',
      'journeys/.editorconfig': 'root = true\n',
      'journeys/drafts/.hidden.yaml': 'x: 1\n',
      'journeys/metrics/2026.csv': 'journey,touchpoint,metric,period,value\n',
      'journeys/metrics/old/2025.csv': 'journey,touchpoint,metric,period,value\n',
      'journeys/img/map.png': 'png',
      'journeys/img/map.svg': '<svg/>',
      'journeys/review.pdf': 'pdf',
      'journeys/review.xlsx': 'xlsx',
      'journeys/welcome.journey.yaml~': cleanJourney(),
      'journeys/welcome.journey.yaml.bak': cleanJourney(),
      'journeys/node_modules/x/package.yaml': 'x: 1\n',
    });
    expect(await unreadFindings(root)).toEqual([]);
  });

  it('says nothing of files ignore: leaves out, or when the rule is off', async () => {
    const files = { ...BASE, 'journeys/drafts/home-loan.yaml': cleanJourney('home-loan'), 'journeys/welcome.draft.md': '# Draft\n' };
    const ignored = writeRepo({ ...files, 'journeys.config.yaml': 'ignore:\n  - journeys/drafts/\n  - "*.draft.md"\n' });
    expect(await unreadFindings(ignored)).toEqual([]);
    const off = writeRepo({ ...files, 'journeys.config.yaml': 'rules:\n  unread-file: off\n' });
    expect(await unreadFindings(off)).toEqual([]);
    expect(await unreadFindings(writeRepo(files))).toHaveLength(2);
  });

  it('is named in the error when it is why no journey was found', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/home-loan.yaml': cleanJourney('home-loan') });
    const run = await runJourneys(['lint', '--today', TODAY], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"journeys/home-loan.yaml" is not read: did you mean "journeys/home-loan.journey.yaml"?');
  });

  it('is the same finding at a git revision, so that a change does not introduce it again', async () => {
    const repo = gitRepo({ ...BASE, 'journeys/home-loan.yaml': cleanJourney('home-loan') });
    repo.write({ 'journeys/welcome.journey.yaml': cleanJourney('welcome', '    name: Welcome e-mail') });
    repo.write({ 'journeys/savings.md': '# Savings\n' });
    const run = await runJourneys(['diff', '--base', 'HEAD', '--today', TODAY, '--format', 'json'], repo.root);
    expect(run.stderr).toBe('');
    const diff = JSON.parse(run.stdout) as { findings: { introduced: JsonFinding[]; fixed: JsonFinding[] } };
    expect(diff.findings.introduced.filter((finding) => finding.rule === 'unread-file').map((finding) => finding.file)).toEqual(['journeys/savings.md']);
    expect(diff.findings.fixed).toEqual([]);
  });
});
