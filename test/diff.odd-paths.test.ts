/**
 * File names git has to quote (a newline, a tab, a double quote) and links, read
 * from a real git repository. Git's answers are NUL-separated and cat-file is
 * given object ids, so no character of a path can shift what is read for the
 * next file: with nothing changed, `journeys diff --base HEAD` reports nothing,
 * and each file's history on the site holds that file's own versions.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, gitFacts, loadAtRevision, type JourneysDiff } from '../src/index.ts';
import { runJourneys } from './helpers/cli.ts';
import { gitRepo, type GitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY } from './helpers/repo.ts';

const ODD = ['journeys/a\nnewline.journey.yaml', 'journeys/b\ttab.journey.yaml', 'journeys/c"quote.journey.yaml', 'journeys/d\\back slash.journey.yaml'];

/** Journeys whose files have odd names, each followed (in path order) by a plain one, so that any shift shows. */
function oddRepository(): GitRepo {
  return gitRepo({
    'journeys/owners.yaml': OWNERS,
    [ODD[0]!]: cleanJourney('newline'),
    'journeys/a2.journey.yaml': cleanJourney('plain-a'),
    [ODD[1]!]: cleanJourney('tab'),
    'journeys/b2.journey.yaml': cleanJourney('plain-b'),
    [ODD[2]!]: cleanJourney('quote'),
    'journeys/c2.journey.yaml': cleanJourney('plain-c'),
    [ODD[3]!]: cleanJourney('back-slash'),
    'journeys/welcome.journey.yaml': cleanJourney(),
  });
}

type DiffOutput = JourneysDiff & { base: { commit: string } };

async function diffJson(root: string): Promise<DiffOutput> {
  const result = await runJourneys(['diff', '--base', 'HEAD', '--format', 'json', '--today', TODAY], root);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as DiffOutput;
}

const expectNoChange = (diff: DiffOutput): void => {
  expect(diff.journeys).toEqual({ added: [], removed: [], renamed: [], changed: [] });
  expect(diff.findings).toEqual({ introduced: [], fixed: [] });
  expect(diff.timelines).toEqual([]);
  expect(diff.notes).toEqual([]);
};

describe('paths git would quote', () => {
  it('reads each file at a revision as it is in the work tree', () => {
    const repo = oddRepository();
    const base = loadAtRevision(repo.root, 'HEAD').repo;
    const head = check(repo.root, { today: TODAY }).repo;
    const byFile = (journeys: typeof base.journeys): [string, string][] => journeys.map((journey) => [journey.file, journey.id]);
    expect(byFile(base.journeys)).toEqual(byFile(head.journeys));
    expect(byFile(base.journeys)).toContainEqual([ODD[0], 'newline']);
    expect(byFile(base.journeys)).toContainEqual(['journeys/a2.journey.yaml', 'plain-a']);
    expect(base.problems).toEqual([]);
  });

  it('journeys diff --base HEAD reports no change when nothing changed', async () => {
    expectNoChange(await diffJson(oddRepository().root));
  });

  it('journeys diff --base HEAD sees the one journey that changed, and only it', async () => {
    const repo = oddRepository();
    repo.write({ [ODD[0]!]: cleanJourney('newline').replace('title: Welcome', 'title: Welcome back') });
    const diff = await diffJson(repo.root);
    expect(diff.journeys.changed.map((change) => change.id)).toEqual(['newline']);
    expect(diff.journeys.added).toEqual([]);
    expect(diff.journeys.removed).toEqual([]);
  });

  it('gives the site each file its own history and versions', () => {
    const repo = oddRepository();
    repo.write({ [ODD[0]!]: cleanJourney('newline').replace('version: 1', 'version: 2') });
    repo.commit('Newline journey: version 2');
    const files = [...ODD, 'journeys/a2.journey.yaml'];
    const facts = gitFacts(repo.root, files)!;
    const versions = (file: string): (number | undefined)[] => facts.histories.get(file)!.map((entry) => entry.version);
    expect(versions(ODD[0]!)).toEqual([2, 1]);
    for (const file of files.slice(1)) expect(versions(file), file).toEqual([1]);
  });

  it('gives the same histories when the journeys of the work tree stand for the old texts that are the same as theirs', () => {
    const repo = oddRepository();
    repo.write({ [ODD[0]!]: cleanJourney('newline').replace('version: 1', 'version: 2') });
    repo.commit('Newline journey: version 2');
    // Edited since: the work tree's version 3 is no committed text's.
    repo.write({ [ODD[0]!]: cleanJourney('newline').replace('version: 1', 'version: 3') });
    const files = [...ODD, 'journeys/a2.journey.yaml'];
    const loaded = check(repo.root, { today: TODAY }).repo;
    const facts = gitFacts(repo.root, files, loaded)!;
    expect(facts.histories).toEqual(gitFacts(repo.root, files)!.histories);
    expect(facts.histories.get(ODD[0]!)!.map((entry) => entry.version)).toEqual([2, 1]);
  });
});

describe('links read from git as in the work tree', () => {
  it('journeys diff --base HEAD reports no change for links inside, out of and back into the repository', async () => {
    const repo = gitRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': cleanJourney(),
      'journeys/v2/billing.journey.yaml': cleanJourney('billing'),
      'common/promo.journey.yaml': cleanJourney('promo'),
      'other/extra.journey.yaml': cleanJourney('extra'),
    });
    symlinkSync('.', join(repo.root, 'journeys/a'));
    symlinkSync('v2', join(repo.root, 'journeys/current'));
    symlinkSync('../common', join(repo.root, 'journeys/common'));
    symlinkSync('../other/extra.journey.yaml', join(repo.root, 'journeys/extra.journey.yaml'));
    symlinkSync('/', join(repo.root, 'journeys/root'));
    symlinkSync('nowhere', join(repo.root, 'journeys/dangling'));
    repo.commit('Links');
    const head = check(repo.root, { today: TODAY });
    expect(head.repo.journeys.map((journey) => journey.file).sort()).toEqual([
      'journeys/common/promo.journey.yaml',
      'journeys/extra.journey.yaml',
      'journeys/v2/billing.journey.yaml',
      'journeys/welcome.journey.yaml',
    ]);
    expect(head.summary).toMatchObject({ skipped: 4 });
    expect(loadAtRevision(repo.root, 'HEAD').repo.problems).toEqual(head.repo.problems);
    expectNoChange(await diffJson(repo.root));
  });

  it('honours the ignore: patterns of the configuration at the revision', async () => {
    const repo = gitRepo({
      'journeys.config.yaml': 'ignore:\n  - journeys/legacy/**\n',
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': cleanJourney(),
      'journeys/legacy/old.journey.yaml': 'broken: [\n',
    });
    expect(loadAtRevision(repo.root, 'HEAD').repo.skipped).toEqual({ ignored: 1, unread: 0 });
    expectNoChange(await diffJson(repo.root));
  });
});
