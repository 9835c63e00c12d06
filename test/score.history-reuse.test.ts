/**
 * What the score history keeps instead of loading and linting a commit again: the newest
 * commit's point made of the check of a work tree that holds that commit's files, and
 * the grades of a commit kept in node_modules/.cache/journeys/ from one build to the
 * next. In real temporary git repositories: every history made with them equals the one
 * made without, before and after a new commit.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { check, checkRepository } from '../src/engine/check.ts';
import { loadRepository } from '../src/load/repository.ts';
import { simulate } from '../src/simulate/timeline.ts';
import { HISTORY_FILE, keptGrades } from '../src/views/history-store.ts';
import { gradesOf, scoreHistory, type CheckedWorkTree, type GradesStore, type HistoryOptions } from '../src/views/score-history.ts';
import { siteSnapshot } from '../src/views/snapshot.ts';
import { loadAtRevision, workTreeHolds } from '../src/load/git.ts';
import { renderMarkdown } from '../site/lib/markdown.ts';
import { gitRepo, type GitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

/** welcome-email with no owner: a missing-owner error. */
const OWNERLESS = cleanJourney('welcome').replace('    owner: team-crm\n', '');

/** A repository of three commits that change the grades, with node_modules/ (kept out of git) when asked. */
function history(modules = false): GitRepo {
  const repo = gitRepo({ '.gitignore': 'node_modules/\n', 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': OWNERLESS });
  if (modules) mkdirSync(join(repo.root, 'node_modules'));
  repo.write({ 'journeys/welcome.journey.yaml': cleanJourney('welcome') });
  repo.commit('Give the welcome e-mail an owner');
  repo.write({ 'journeys/onboarding.journey.yaml': cleanJourney('onboarding').replace('    owner: team-crm\n', '') });
  repo.commit('Onboarding, without an owner yet');
  return repo;
}

/** The check of the work tree, as the site makes it, for scoreHistory's `checked`. */
function checkedWorkTree(root: string, asked: string[] = []): CheckedWorkTree {
  const { repo, findings, today } = check(root, { today: TODAY });
  return {
    repo,
    findings,
    timelines: simulate(repo),
    today,
    holds: (commit) => {
      asked.push(commit);
      return workTreeHolds(root, join(root, 'journeys'), commit);
    },
  };
}

/** A store that counts the grades it gave back. */
function counting(store: GradesStore): GradesStore & { hits: number } {
  const counted = {
    hits: 0,
    get(key: string) {
      const grades = store.get(key);
      if (grades !== undefined) counted.hits += 1;
      return grades;
    },
    set: (key: string, grades: Parameters<GradesStore['set']>[1]) => store.set(key, grades),
  };
  return counted;
}

const plain = (root: string, options: HistoryOptions = {}): ReturnType<typeof scoreHistory> => scoreHistory(root, 12, { today: TODAY, ...options });

describe('the newest point made of the work tree’s check', () => {
  it('equals the point of the commit, and is used only when the work tree holds the commit', () => {
    const repo = history();
    const expected = plain(repo.root);
    expect(expected.map((point) => point.company.letter)).toEqual(['E', 'B', 'D']);
    const asked: string[] = [];
    expect(plain(repo.root, { checked: checkedWorkTree(repo.root, asked) })).toEqual(expected);
    // Asked for the newest commit only.
    expect(asked).toEqual([repo.rev('HEAD')]);

    // A check that is not the commit's (no findings) shows in the newest point when the work tree holds the commit ...
    const unlike = { ...checkedWorkTree(repo.root), findings: [] };
    expect(plain(repo.root, { checked: unlike }).at(-1)!.company).not.toEqual(expected.at(-1)!.company);
    // ... and not when it was made as of another date, or the work tree differs from the commit in any way.
    expect(plain(repo.root, { checked: { ...unlike, today: '2026-11-02' } })).toEqual(expected);
    const differences: [string, () => void, () => void][] = [
      ['an edited file', () => repo.write({ 'journeys/welcome.journey.yaml': `${cleanJourney('welcome')}# edited\n` }), () => repo.git('checkout', '--', 'journeys/welcome.journey.yaml')],
      ['a staged file', () => (repo.write({ 'journeys/new.journey.yaml': cleanJourney('new') }), repo.git('add', 'journeys/new.journey.yaml')), () => (repo.git('rm', '--cached', '--quiet', 'journeys/new.journey.yaml'), repo.remove('journeys/new.journey.yaml'))],
      ['an untracked file', () => repo.write({ 'journeys/new.journey.yaml': cleanJourney('new') }), () => repo.remove('journeys/new.journey.yaml')],
      ['an ignored file', () => repo.write({ '.git/info/exclude': 'journeys/draft.journey.yaml\n', 'journeys/draft.journey.yaml': cleanJourney('draft') }), () => repo.remove('journeys/draft.journey.yaml')],
      ['a deleted file', () => repo.remove('journeys/onboarding.journey.yaml'), () => repo.git('checkout', '--', 'journeys/onboarding.journey.yaml')],
      ['a new configuration', () => repo.write({ 'journeys.config.yaml': 'rules:\n  missing-kpi: off\n' }), () => repo.remove('journeys.config.yaml')],
    ];
    for (const [what, make, undo] of differences) {
      make();
      expect(workTreeHolds(repo.root, join(repo.root, 'journeys'), repo.rev('HEAD')), what).toBe(false);
      expect(plain(repo.root, { checked: unlike }), what).toEqual(expected);
      undo();
      expect(workTreeHolds(repo.root, join(repo.root, 'journeys'), repo.rev('HEAD')), `${what}, undone`).toBe(true);
    }
    // The work tree holds the newest commit, not an older one.
    expect(workTreeHolds(repo.root, join(repo.root, 'journeys'), repo.rev('HEAD~1'))).toBe(false);
  });

  it('is not used for a commit whose journeys hold a link, which the two loaders follow differently', () => {
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'common/welcome.yaml': cleanJourney('welcome') });
    symlinkSync('../common/welcome.yaml', join(repo.root, 'journeys', 'welcome.journey.yaml'));
    repo.commit('A journey kept elsewhere');
    expect(workTreeHolds(repo.root, join(repo.root, 'journeys'), repo.rev('HEAD'))).toBe(false);
  });

  it('is not used outside git, where nothing holds', () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney('welcome') });
    expect(workTreeHolds(root, join(root, 'journeys'), 'a'.repeat(40))).toBe(false);
  });
});

/** The check of the work tree with its files' parses, as siteSnapshot makes it. */
function checkedWithParses(root: string): CheckedWorkTree {
  const { repo, parsed } = loadRepository(root, { dataOnDemand: true });
  const result = checkRepository(root, repo, { today: TODAY });
  return { repo, parsed, findings: result.findings, timelines: simulate(repo), today: result.today, holds: (commit) => workTreeHolds(root, join(root, 'journeys'), commit) };
}

/** scoreHistory, with what it said of each commit it loaded from git: files kept of a parse made before, of all its files. */
function loads(root: string, options: HistoryOptions = {}): { points: ReturnType<typeof scoreHistory>; kept: string[] } {
  const kept: string[] = [];
  const points = plain(root, { ...options, onLoad: (commit, files) => kept.push(`${commit.slice(0, 7)} ${files.kept}/${files.total}`) });
  return { points, kept };
}

describe('the work tree’s parses', () => {
  it('are kept by every commit loaded from git that holds the same text, for the same history', () => {
    const repo = history();
    const [first, second] = [repo.rev('HEAD~2'), repo.rev('HEAD~1')].map((commit) => commit.slice(0, 7));
    const expected = plain(repo.root);
    // Without them, the oldest commit parses all its files, the next keeps only what it has of the oldest.
    expect(loads(repo.root, { checked: checkedWorkTree(repo.root) }).kept).toEqual([`${first} 0/2`, `${second} 1/2`]);
    // With them, the owners and the welcome journey (fixed in the second commit, as in the work tree) are not parsed again.
    const withParses = loads(repo.root, { checked: checkedWithParses(repo.root) });
    expect(withParses.kept).toEqual([`${first} 1/2`, `${second} 2/2`]);
    expect(withParses.points).toEqual(expected);
  });

  it('are kept by the newest commit too when the work tree differs from it', () => {
    const repo = history();
    repo.write({ 'journeys/welcome.journey.yaml': OWNERLESS });
    const newest = repo.rev('HEAD').slice(0, 7);
    const { points, kept } = loads(repo.root, { checked: checkedWithParses(repo.root) });
    // The newest commit is loaded (the work tree does not hold it), its welcome journey kept from the commit before, the rest from the work tree.
    expect(kept.at(-1)).toBe(`${newest} 3/3`);
    expect(points).toEqual(plain(repo.root));
  });
});

describe('grades kept in node_modules/.cache/journeys', () => {
  it('give the history made without them, from one run to the next and after a new commit', () => {
    const repo = history(true);
    const file = join(repo.root, 'node_modules', '.cache', 'journeys', HISTORY_FILE);
    const run = (): { points: ReturnType<typeof scoreHistory>; hits: number } => {
      const kept = keptGrades(repo.root)!;
      const store = counting(kept.store);
      const points = plain(repo.root, { checked: checkedWorkTree(repo.root), store });
      kept.save();
      return { points, hits: store.hits };
    };
    const first = run();
    expect(first.hits).toBe(0);
    expect(first.points).toEqual(plain(repo.root));
    expect(existsSync(file)).toBe(true);
    // Kept out of git.
    expect(repo.git('status', '--porcelain')).toBe('');

    const second = run();
    expect(second.hits).toBe(3);
    expect(second.points).toEqual(first.points);

    repo.write({ 'journeys/onboarding.journey.yaml': cleanJourney('onboarding') });
    repo.commit('Onboarding gets its owner');
    const third = run();
    expect(third.hits).toBe(3);
    expect(third.points).toEqual(plain(repo.root));
    expect(third.points.map((point) => point.company.letter)).toEqual(['E', 'B', 'D', 'B']);
    // Linted as of another date, a commit's grades are made again.
    const kept = keptGrades(repo.root)!;
    const store = counting(kept.store);
    expect(scoreHistory(repo.root, 12, { today: '2027-11-01', store })).toEqual(scoreHistory(repo.root, 12, { today: '2027-11-01' }));
    expect(store.hits).toBe(0);
  });

  it('are never trusted when damaged or written by another version, and a file that is not theirs is left alone', () => {
    const repo = history(true);
    const file = join(repo.root, 'node_modules', '.cache', 'journeys', HISTORY_FILE);
    const expected = plain(repo.root);
    const run = (): number => {
      const kept = keptGrades(repo.root)!;
      const store = counting(kept.store);
      expect(plain(repo.root, { store })).toEqual(expected);
      kept.save();
      return store.hits;
    };
    run();
    const good = readFileSync(file);
    // A grade changed (a letter, its length unchanged), the file cut short, another version's header.
    const tampered = Buffer.from(good.toString('utf8').replace('"letter":"B"', '"letter":"A"'));
    expect(tampered.equals(good)).toBe(false);
    const otherTool = Buffer.from(good.toString('utf8').replace(/"tool":"[^"]*"/, '"tool":"0.0.1"'));
    for (const bad of [tampered, good.subarray(0, good.length - 10), otherTool, Buffer.from('journeys-score-history\n{not json')]) {
      writeFileSync(file, bad);
      expect(run()).toBe(0);
      // Written anew, and trusted again.
      expect(readFileSync(file).equals(good)).toBe(true);
      expect(run()).toBe(3);
    }
    writeFileSync(file, 'a file of the user\n');
    expect(run()).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('a file of the user\n');
  });

  it('are written nowhere when the repository has no node_modules/ or its cache folder leads outside it', () => {
    const bare = history();
    expect(keptGrades(bare.root)).toBeUndefined();

    const linked = history(true);
    const elsewhere = writeRepo({});
    symlinkSync(elsewhere, join(linked.root, 'node_modules', '.cache'));
    expect(keptGrades(linked.root)).toBeUndefined();
    siteSnapshot(linked.root, { markdown: renderMarkdown, today: TODAY });
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('make the site’s model a fresh process makes without them, before and after a new commit', async () => {
    const repo = history(true);
    const snapshot = async (): Promise<ReturnType<typeof siteSnapshot>> => {
      vi.resetModules();
      const fresh: { siteSnapshot: typeof siteSnapshot } = await import('../src/views/snapshot.ts');
      return fresh.siteSnapshot(repo.root, { markdown: renderMarkdown, today: TODAY });
    };
    /** The snapshot with node_modules/ moved out of the repository: no grades kept. */
    const withoutCache = async (): Promise<ReturnType<typeof siteSnapshot>> => {
      const modules = join(repo.root, 'node_modules');
      const aside = join(writeRepo({}), 'node_modules');
      renameSync(modules, aside);
      try {
        return await snapshot();
      } finally {
        renameSync(aside, modules);
      }
    };
    const first = await snapshot();
    expect(first.site.scoreHistory.map((entry) => entry.letter)).toEqual(['E', 'B', 'D']);
    expect(await snapshot()).toEqual(first);
    expect(first).toEqual(await withoutCache());
    repo.write({ 'journeys/onboarding.journey.yaml': cleanJourney('onboarding') });
    repo.commit('Onboarding gets its owner');
    const later = await snapshot();
    expect(later.site.scoreHistory).toHaveLength(4);
    expect(later).toEqual(await withoutCache());
  });
});

describe('the file-scoped rules’ findings', () => {
  it('are kept by each file a commit holds as the commit checked before, until a declaration changes, and give the grades of each commit checked whole', () => {
    const renewal = cleanJourney('renewal').replace('title: Welcome', 'title: Renewal');
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': OWNERLESS, 'journeys/onboarding.journey.yaml': cleanJourney('onboarding'), 'journeys/renewal.journey.yaml': renewal });
    repo.write({ 'journeys/welcome.journey.yaml': cleanJourney('welcome') });
    repo.commit('Give the welcome e-mail an owner');
    // The journeys do not change, what they say does: their touchpoints' owner, team-crm, is no longer declared.
    repo.write({ 'journeys/owners.yaml': OWNERS.replace('  - id: team-crm\n    name: CRM\n', '') });
    repo.commit('The CRM team is gone');
    repo.write({ 'journeys/onboarding.journey.yaml': `${cleanJourney('onboarding')}# reviewed again\n` });
    repo.commit('Onboarding reviewed');
    const told: { commit: string; total: number; findingsKept: number }[] = [];
    const points = plain(repo.root, { onLoad: (commit, files) => told.push({ commit, total: files.total, findingsKept: files.findingsKept }) });
    expect(points).toHaveLength(4);
    expect(told.map((point) => point.commit)).toEqual(points.map((point) => point.commit));
    // The oldest commit and the one that changed the owners are checked whole; the others keep every file but the one they changed.
    const [oldest, fixed, ownersChanged, reviewed] = told.map((point) => point.findingsKept);
    expect([oldest, ownersChanged]).toEqual([0, 0]);
    const files = told[0]!.total;
    expect(fixed).toBeGreaterThanOrEqual(files - 2);
    expect(fixed).toBeLessThan(files);
    expect(reviewed).toBe(fixed);
    // Each point is what checking its commit whole gives, and the points differ: kept findings of a file that changed, or of files
    // checked against other declarations, would show here.
    for (const point of points) {
      const { repo: atCommit } = loadAtRevision(repo.root, point.commit);
      const whole = gradesOf(atCommit, checkRepository(repo.root, atCommit, { today: TODAY }).findings, simulate(atCommit), TODAY);
      expect({ company: point.company, journeys: point.journeys }).toEqual(whole);
    }
    expect(new Set(points.map((point) => JSON.stringify(point.journeys))).size).toBe(3);
  });

  it('are kept between commits checked as of different days, but for those of the rules that read the date: each commit of a history made without a date is checked as of its own', () => {
    // Reviewed 2025-10-01: 151 days before the first commit, within stale-journey's 180; 212 days before the second.
    const reviewed = cleanJourney('welcome').replace('reviewed: 2026-10-01', 'reviewed: 2025-10-01');
    const repo = gitRepo();
    repo.write({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': reviewed, 'journeys/onboarding.journey.yaml': cleanJourney('onboarding') });
    repo.commit('The journeys', '2026-03-01T09:00:00Z');
    repo.write({ 'journeys/onboarding.journey.yaml': `${cleanJourney('onboarding')}# reviewed again\n` });
    repo.commit('Onboarding reviewed', '2026-05-01T09:00:00Z');
    repo.write({ 'journeys/onboarding.journey.yaml': `${cleanJourney('onboarding')}# and again\n` });
    repo.commit('Onboarding reviewed again', '2026-05-01T10:00:00Z');
    const kept: number[] = [];
    const points = scoreHistory(repo.root, 12, { onLoad: (_, files) => kept.push(files.findingsKept) });
    // Every file but the one each commit changed keeps its findings, whatever the day; the welcome journey, the same file in
    // every commit, is stale as of the second commit's day, not the first's (stale-journey runs on every file each time).
    expect(kept[0]).toBe(0);
    expect(kept[1]).toBeGreaterThan(0);
    expect(kept[2]).toBe(kept[1]);
    for (const point of points) {
      const day = point.date.slice(0, 10);
      const { repo: atCommit } = loadAtRevision(repo.root, point.commit);
      const whole = gradesOf(atCommit, checkRepository(repo.root, atCommit, { today: day }).findings, simulate(atCommit), day);
      expect({ company: point.company, journeys: point.journeys }).toEqual(whole);
    }
    const welcome = points.map((point) => point.journeys.find((journey) => journey.id === 'welcome')!.score);
    expect(welcome[1]).toBeLessThan(welcome[0]!);
    expect(welcome[2]).toBe(welcome[1]);
  });
});
