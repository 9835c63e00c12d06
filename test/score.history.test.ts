/**
 * The scorecard over the last commits, in a real temporary git repository whose
 * commits have fixed dates (2026-10-01 09:01, 09:02, ...).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreHistory } from '../src/index.ts';
import { gitRepo, snapshot } from './helpers/git.ts';
import { cleanJourney, OWNERS, writeRepo } from './helpers/repo.ts';

/** welcome-email with no owner: a missing-owner error, and no owner coverage. */
const OWNERLESS = cleanJourney('welcome').replace('    owner: team-crm\n', '');

describe('scoreHistory', () => {
  const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': OWNERLESS, 'README.md': 'Journeys\n' });
  const first = repo.rev('HEAD');
  repo.write({ 'journeys/welcome.journey.yaml': cleanJourney('welcome') });
  const second = repo.commit('Give the welcome e-mail an owner');
  repo.write({ 'README.md': 'Journeys of the company\n' });
  repo.commit('README only: not a journeys change');
  repo.write({ 'journeys/metrics/2026-q3.csv': 'journey,touchpoint,metric,period,value\nwelcome,welcome-email,open-rate,2026-Q3,0.41\n' });
  const third = repo.commit('Q3 metrics');
  repo.write({ 'journeys.config.yaml': 'rules:\n  missing-kpi: off\n' });
  const fourth = repo.commit('Configuration');

  it('lists the commits that changed journeys/ or the configuration, oldest first, with the grade at each', () => {
    const before = snapshot(repo.root);
    const history = scoreHistory(repo.root, 10);
    expect(history.map((point) => [point.commit, point.subject, point.date])).toEqual([
      [first, 'Initial journeys', '2026-10-01T09:01:00+00:00'],
      [second, 'Give the welcome e-mail an owner', '2026-10-01T09:02:00+00:00'],
      [third, 'Q3 metrics', '2026-10-01T09:04:00+00:00'],
      [fourth, 'Configuration', '2026-10-01T09:05:00+00:00'],
    ]);
    // 1: owner 0, KPI 1, on target 0 (not measured), no moment of truth 1, one error 1/2: 20 × 2.5 = 50.
    // 2: the owner is back and the error gone: 20 × 4 = 80.
    // 3: open-rate 0.41 meets 0.4: 100.
    expect(history.map((point) => [point.company.score, point.company.letter])).toEqual([
      [50, 'E'],
      [80, 'B'],
      [100, 'A'],
      [100, 'A'],
    ]);
    expect(history[0]!.journeys).toEqual([{ id: 'welcome', name: 'Welcome', touchpoints: 1, score: 50, letter: 'E' }]);
    expect(history[0]!.company).toEqual({ id: 'company', touchpoints: 1, score: 50, letter: 'E' });
    // Nothing of the work tree or of .git was written.
    expect(snapshot(repo.root)).toEqual(before);
  });

  it('keeps the last N, still oldest first', () => {
    expect(scoreHistory(repo.root, 2).map((point) => point.commit)).toEqual([third, fourth]);
    expect(scoreHistory(join(repo.root, 'journeys'), 1).map((point) => point.commit)).toEqual([fourth]);
  });

  it('lints each commit as of its own date, or of the date given', () => {
    // reviewed: 2026-10-01 is fresh at the commit's date; a year later, the journey is stale (a warning).
    const later = scoreHistory(repo.root, 1, { today: '2027-10-01' });
    expect(later[0]!.company).toMatchObject({ score: 96, letter: 'A' }); // 20 × (4 + 1 / 1.25)
  });

  it('is empty outside git, for no commit, and for a count that is not a positive whole number', () => {
    const plain = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney('welcome') });
    expect(scoreHistory(plain, 5)).toEqual([]);
    const empty = gitRepo();
    empty.write({ 'journeys/welcome.journey.yaml': cleanJourney('welcome') });
    expect(scoreHistory(empty.root, 5)).toEqual([]);
    expect(scoreHistory(repo.root, 0)).toEqual([]);
    expect(scoreHistory(repo.root, 1.5)).toEqual([]);
  });
});
