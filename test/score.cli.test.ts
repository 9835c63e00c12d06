/**
 * `journeys score`, spawned as a user runs it, on the hand-checked fixture of
 * score.scorecard.test.ts (company 55.0 E, alpha 44.7 F, beta 90.0 A).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Scorecards } from '../src/index.ts';
import { runJourneys } from './helpers/cli.ts';
import { cleanJourney, TODAY, writeRepo } from './helpers/repo.ts';

const SMALL = fileURLToPath(new URL('./fixtures/score/small', import.meta.url));
const score = (...args: string[]) => runJourneys(['score', '--today', TODAY, ...args], SMALL);

/** The cells of a table line, split on runs of two spaces or more. */
const cellsOf = (line: string | undefined): string[] => (line ?? '').trim().split(/\s{2,}/);

describe('journeys score', () => {
  it('prints the company line first, then one line per journey, with the grade; exit 0 even with error findings', async () => {
    const { status, stdout, stderr } = await score();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(cellsOf(lines[0])).toEqual([
      'Journey', 'Touchpoints', 'Msgs/customer', 'Owners', 'KPIs', 'MoT measured', 'Peak/2d', 'E/W/I', 'Emotion', 'Cost/customer', 'Measured', 'On target', 'Score', 'Grade',
    ]);
    expect(cellsOf(lines[1])).toEqual(['Company', '5', '2.5', '80%', '80%', '50%', '3', '1/2/2', '3.5', '1.00', '3/4', '1/4', '55.0', 'E']);
    expect(cellsOf(lines[2])).toEqual(['alpha', '3', '2.0', '67%', '67%', '50%', '2', '1/2/2', '3.0', '1.75', '2/2', '0/2', '44.7', 'F']);
    expect(cellsOf(lines[3])).toEqual(['beta', '2', '1.5', '100%', '100%', 'n/a', '2', '0/0/0', '5.0', '0.13', '1/2', '1/2', '90.0', 'A']);
    expect(stdout).toContain('Peak contact pressure: 3 outbound messages within 2d in scenario "s1", from day 0 09:00 to day 1 09:00.');
    expect(stdout).toContain('Grade: score = 100 × (0.2 × owner coverage');
    expect(stdout).not.toContain('\u001b[');
  });

  it('--by team and --by channel: one line per team or channel', async () => {
    const teams = (await score('--by', 'team')).stdout.split('\n');
    expect(teams.slice(0, 5).map((line) => [cellsOf(line)[0], cellsOf(line).at(-2), cellsOf(line).at(-1)])).toEqual([
      ['Team', 'Score', 'Grade'],
      ['Company', '55.0', 'E'],
      ['team-a', '68.0', 'D'],
      ['team-b', '90.0', 'A'],
      ['team-c', 'n/a', '-'],
    ]);
    const channels = (await score('--by', 'channel')).stdout.split('\n');
    expect(channels.slice(1, 6).map((line) => cellsOf(line)[0])).toEqual(['Company', 'email', 'sms', 'push', 'web']);
  });

  it('--format json prints every scorecard', async () => {
    const { status, stdout } = await score('--format', 'json');
    expect(status).toBe(0);
    const cards = JSON.parse(stdout) as Scorecards & { today: string };
    expect(cards.today).toBe(TODAY);
    expect(cards.company.grade).toMatchObject({ score: 55, letter: 'E' });
    expect(cards.journeys.map((card) => card.id)).toEqual(['alpha', 'beta']);
    expect(cards.channels.map((card) => card.id)).toEqual(['email', 'sms', 'push', 'web']);
    expect(cards.teams.map((card) => card.id)).toEqual(['team-a', 'team-b', 'team-c']);
    expect(cards.grading.letters[0]).toEqual({ letter: 'A', min: 90 });
    expect(cards.kpis).toHaveLength(6);
  });

  it('--format markdown prints a table fit for a pull-request comment, user text escaped', async () => {
    const root = writeRepo({
      'journeys/owners.yaml': 'owners:\n  - id: team-crm\n    name: "CRM | <img src=x onerror=alert(1)> @octocat *bold*"\n  - id: team-onboarding\n    name: Onboarding\n',
      'journeys/welcome.journey.yaml': cleanJourney('welcome').replace('title: Welcome', 'title: "Welcome | <script>x</script>"'),
    });
    const { status, stdout } = await runJourneys(['score', '--today', TODAY, '--format', 'markdown', '--by', 'team'], root);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('## Scorecard by team');
    expect(lines[2]).toMatch(/^\| Team \| Touchpoints \| Messages per customer \|.*\| Score \| Grade \|$/);
    expect(lines[3]).toMatch(/^\|---\|(---:\|){13}$/);
    expect(lines[4]).toMatch(/^\| \*\*Company\*\* \| 1 \| n\/a \| 100% \|/); // no scenario: no message per customer
    const crm = lines.find((line) => line.includes('team-crm'))!;
    expect(crm).toContain('<code>team-crm</code> CRM &#124; &lt;img src=x onerror=alert(1)&gt; @\u200boctocat \\*bold\\*');
    // Every row has the same number of cells as the header: no pipe escaped the escaping.
    const count = (line: string) => line.split(' | ').length;
    for (const line of lines.filter((l) => l.startsWith('| '))) expect(count(line)).toBe(count(lines[2]!));
    expect(stdout).not.toContain('<script>');
    expect(stdout).not.toContain('<img');
  });

  it('refuses an unknown --by, --format or --today with exit 2', async () => {
    const by = await score('--by', 'stage');
    expect(by.status).toBe(2);
    expect(by.stderr).toContain('--by takes journey, channel, team, not "stage"');
    const format = await score('--format', 'html');
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('Unknown format "html"');
    const today = await score('--today', '2026-02-30');
    expect(today.status).toBe(2);
  });

  it('is listed in the help, and has its own', async () => {
    expect((await runJourneys(['--help'], SMALL)).stdout).toMatch(/^ {2}score +scorecards and grades/m);
    const help = await runJourneys(['score', '--help'], SMALL);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--by <scope>');
    expect(help.stdout).toContain('A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E ≥ 50, F below');
  });
});

describe('journeys score --format markdown on a large repository', () => {
  it('stays under the size GitHub accepts for a comment, and says how many rows it left out', async () => {
    const files: Record<string, string> = { 'journeys/owners.yaml': 'owners:\n  - id: team-crm\n  - id: team-onboarding\n' };
    for (let i = 0; i < 150; i += 1) files[`journeys/j${i}.journey.yaml`] = cleanJourney(`j${i}`).replace('title: Welcome', `title: ${'Long title '.repeat(50)}`);
    const { status, stdout } = await runJourneys(['score', '--today', TODAY, '--format', 'markdown'], writeRepo(files));
    expect(status).toBe(0);
    expect(stdout.length).toBeLessThanOrEqual(64_000);
    expect(stdout).toMatch(/… and \d+ more rows: run `journeys score --by journey` to see them all\./);
    expect(stdout).toContain('Grade: score = 100 × (0.2 × owner coverage');
  });
});
