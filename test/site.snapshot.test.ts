/**
 * The site's snapshot of a repository as the dev server takes it again after each edit:
 * the files that did not change keep their parse, git is asked again only for what an
 * edit can change (the work tree differs from HEAD), and the model is the one a fresh
 * process would make.
 */
import { utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { workTreeState, workTreeStateLater } from '../src/load/git.ts';
import { siteSnapshot, snapshotParses } from '../src/views/snapshot.ts';
import { renderMarkdown } from '../site/lib/markdown.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY } from './helpers/repo.ts';

const options = { markdown: renderMarkdown, today: TODAY, keepParses: true };

/** The snapshot a fresh process makes: the modules loaded anew, with nothing kept from an earlier snapshot. */
async function freshSnapshot(root: string): Promise<ReturnType<typeof siteSnapshot>> {
  vi.resetModules();
  const fresh: { siteSnapshot: typeof siteSnapshot } = await import('../src/views/snapshot.ts');
  return fresh.siteSnapshot(root, options);
}

describe('siteSnapshot after an edit', () => {
  it('parses only the edited file, and makes the model a fresh process makes', async () => {
    const repo = gitRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/a.journey.yaml': cleanJourney('a'),
      'journeys/b.journey.yaml': cleanJourney('b'),
      'journeys/c.journey.yaml': cleanJourney('c'),
    });
    const first = siteSnapshot(repo.root, options);
    expect(snapshotParses(repo.root)).toEqual({ parsed: 4, reused: 0 });
    expect(first.site.build.dirty).toBe(false);

    repo.write({ 'journeys/b.journey.yaml': cleanJourney('b').replace('title: Welcome', 'title: Welcome, edited') });
    const second = siteSnapshot(repo.root, options);
    expect(snapshotParses(repo.root)).toEqual({ parsed: 1, reused: 3 });
    expect(second.journeys.find((journey) => journey.id === 'b')!.title).toBe('Welcome, edited');
    // The work tree now differs from HEAD, though no commit moved.
    expect(second.site.build.dirty).toBe(true);
    expect(second).toEqual(await freshSnapshot(repo.root));

    // A commit moves HEAD (the dev server sees it with the next edit): the journey's history has it.
    repo.commit('Retitle b');
    repo.write({ 'journeys/c.journey.yaml': cleanJourney('c').replace('title: Welcome', 'title: Welcome to c') });
    const third = siteSnapshot(repo.root, options);
    expect(snapshotParses(repo.root)).toEqual({ parsed: 1, reused: 3 });
    expect(third.journeys.find((journey) => journey.id === 'b')!.history.map((entry) => entry.subject)).toEqual(['Retitle b', 'Initial journeys']);
    expect(third).toEqual(await freshSnapshot(repo.root));

    // Committed, then written again with the same text: nothing to parse, and a work tree like HEAD.
    repo.commit('Retitle c');
    repo.write({ 'journeys/c.journey.yaml': `${repo.read('journeys/c.journey.yaml')}` });
    utimesSync(join(repo.root, 'journeys', 'c.journey.yaml'), new Date(Date.UTC(2026, 9, 2)), new Date(Date.UTC(2026, 9, 2)));
    const fourth = siteSnapshot(repo.root, options);
    expect(snapshotParses(repo.root)).toEqual({ parsed: 0, reused: 4 });
    expect(fourth.site.build.dirty).toBe(false);
    expect(fourth.site.build.subject).toBe('Retitle c');
    expect(fourth).toEqual(await freshSnapshot(repo.root));
  });

  it('is made again without a look at the files when the caller says they changed, and from the files after that', async () => {
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/a.journey.yaml': cleanJourney('a') });
    const first = siteSnapshot(repo.root, options);
    // Unchanged files: the same model, from a look at them.
    expect(siteSnapshot(repo.root, options)).toBe(first);
    repo.write({ 'journeys/a.journey.yaml': cleanJourney('a').replace('title: Welcome', 'title: Welcome, edited') });
    const told = siteSnapshot(repo.root, { ...options, changed: true });
    expect(told).not.toBe(first);
    expect(told.journeys[0]!.title).toBe('Welcome, edited');
    expect(told).toEqual(await freshSnapshot(repo.root));
    // Not told: the files are looked at, and the model made again, since the last one's look is unknown.
    const looked = siteSnapshot(repo.root, options);
    expect(looked).toEqual(told);
    expect(siteSnapshot(repo.root, options)).toBe(looked);
  });

  it('takes what git said of the work tree from the caller who asked it as the files changed', async () => {
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/a.journey.yaml': cleanJourney('a') });
    const clean = await workTreeStateLater(repo.root);
    expect(clean).toEqual(workTreeState(repo.root));
    expect(clean).toEqual({ head: expect.stringMatching(/^[0-9a-f]{40}$/), dirty: false });
    expect(siteSnapshot(repo.root, { ...options, changed: true, workTree: { state: clean } }).site.build.dirty).toBe(false);

    repo.write({ 'journeys/a.journey.yaml': cleanJourney('a').replace('title: Welcome', 'title: Welcome, edited') });
    const edited = await workTreeStateLater(repo.root);
    expect(edited).toEqual({ head: clean!.head, dirty: true });
    const told = siteSnapshot(repo.root, { ...options, changed: true, workTree: { state: edited } });
    expect(told.site.build.dirty).toBe(true);
    expect(told).toEqual(await freshSnapshot(repo.root));
    // Told again, with no text changed (a second event of one save): the same model, the pages not reloaded.
    expect(siteSnapshot(repo.root, { ...options, changed: true, workTree: { state: await workTreeStateLater(repo.root) } })).toBe(told);
    // Outside a work tree, git says nothing.
    expect(await workTreeStateLater(tmpdir())).toBeUndefined();
  });

  it('keeps no parse for a build (one snapshot, without keepParses)', () => {
    const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/a.journey.yaml': cleanJourney('a') });
    siteSnapshot(repo.root, { markdown: renderMarkdown, today: TODAY });
    expect(snapshotParses(repo.root)).toBeUndefined();
  });
});
