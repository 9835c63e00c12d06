/**
 * `journeys build -o`: the build replaces its output folder whole, so it refuses
 * every folder whose loss would lose a user's files (the repository, journeys/, .git,
 * the configuration, what holds them, /, the home folder, a folder it did not build)
 * however it is spelt, with exit 2 and before anything is written. The refusals are
 * checked in a real git repository, which stays clean; two real builds show that a
 * site replaces the previous one only once it is built, and that --force replaces a
 * folder with no marker.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJourneys, type CliResult } from './helpers/cli.ts';
import { gitRepo, snapshot } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const CONFIG = 'rules:\n  missing-kpi: off\n';

function journeysRepo() {
  return gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney(), 'journeys.config.yaml': CONFIG });
}

function expectRefused(result: CliResult, reason: RegExp): void {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(/^journeys build: --out /);
  expect(result.stderr).toMatch(reason);
  // Refused before the build started, with no stack trace.
  expect(result.stderr).not.toMatch(/Building the journey site|internal error|^\s+at /m);
  expect(result.stdout).toBe('');
}

describe('journeys build -o, refused', () => {
  it('refuses the repository, journeys/, .git, the configuration, what holds them and /, however spelt, and deletes nothing', async () => {
    const repo = journeysRepo();
    const aside = writeRepo({});
    symlinkSync(repo.root, join(aside, 'link-to-repo'));
    symlinkSync(join(repo.root, 'journeys'), join(aside, 'link-to-journeys'));
    symlinkSync(join(aside, 'link-to-repo'), join(aside, 'link-to-link'));
    const before = snapshot(repo.root);
    const fromRepo: [string, RegExp][] = [
      ['.', /is the repository/],
      ['./', /is the repository/],
      [repo.root, /is the repository/],
      [`${repo.root}/`, /is the repository/],
      [`${repo.root}//.`, /is the repository/],
      [`../${basename(repo.root)}`, /is the repository/],
      ['journeys', /is the journeys\/ folder/],
      ['journeys/', /is the journeys\/ folder/],
      ['./journeys/../journeys', /is the journeys\/ folder/],
      ['journeys/site', /is inside the journeys\/ folder/],
      ['.git', /is the git folder \.git/],
      ['.git/', /is the git folder \.git/],
      ['.git/objects/site', /is inside the git folder \.git/],
      ['journeys.config.yaml', /is the configuration file journeys\.config\.yaml/],
      ['journeys.config.yaml/site', /is inside the configuration file/],
      ['..', /holds the repository/],
      ['../', /holds the repository/],
      [join(aside, 'link-to-repo'), /is the repository/],
      [join(aside, 'link-to-link'), /is the repository/],
      [join(aside, 'link-to-journeys'), /is the journeys\/ folder/],
      [join(aside, 'link-to-journeys', 'site'), /is inside the journeys\/ folder/],
      ['/', /is the root of the file system/],
      ['//', /is the root of the file system/],
      ['/..', /is the root of the file system/],
    ];
    for (const [out, reason] of fromRepo) {
      for (const force of [[], ['--force']]) {
        const result = await runJourneys(['build', '.', '-o', out, '--today', TODAY, ...force], repo.root);
        expectRefused(result, reason);
        expect(result.stderr, out).toContain(`--out ${out} `);
      }
    }
    // From elsewhere, the repository given as a path: the same folders, by other names.
    const outside = await runJourneys(['build', repo.root, '--out', join(aside, 'link-to-repo', 'journeys', '..')], aside);
    expectRefused(outside, /is the repository/);
    const relativeRepo = await runJourneys(['build', relative(aside, repo.root), '-o', relative(aside, repo.root)], aside);
    expectRefused(relativeRepo, /is the repository/);
    const givenJourneys = await runJourneys(['build', join(repo.root, 'journeys'), '-o', join(repo.root, 'journeys')], aside);
    expectRefused(givenJourneys, /is the journeys\/ folder/);
    expect(snapshot(repo.root)).toEqual(before);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(readdirSync(aside).sort()).toEqual(['link-to-journeys', 'link-to-link', 'link-to-repo']);
  }, 120_000);

  it('refuses the home folder and what holds it, even with --force', async () => {
    const repo = journeysRepo();
    const home = writeRepo({ '.profile': 'export EDITOR=vi\n', 'notes/todo.txt': 'buy milk\n' });
    for (const out of [home, `${home}/`, join(home, 'notes', '..')]) {
      const result = await runJourneys(['build', '.', '-o', out, '--force'], repo.root, { HOME: home });
      expectRefused(result, /is the home folder/);
    }
    const above = await runJourneys(['build', '.', '-o', join(home, '..'), '--force'], repo.root, { HOME: home });
    expectRefused(above, /holds (the home folder|the current folder|the repository)/);
    expect(readFileSync(join(home, '.profile'), 'utf8')).toBe('export EDITOR=vi\n');
    expect(readFileSync(join(home, 'notes', 'todo.txt'), 'utf8')).toBe('buy milk\n');
    expect(repo.git('status', '--porcelain')).toBe('');
  }, 60_000);

  it('refuses a non-empty folder it did not build, a file and a link to nothing, saying what to do', async () => {
    const repo = journeysRepo();
    const aside = writeRepo({ 'photos/cat.jpg': 'not really a cat', 'notes.txt': 'keep me\n', 'old-site/.journeys-site': 'something else\n' });
    symlinkSync(join(aside, 'nowhere'), join(aside, 'dangling'));
    const foreign = await runJourneys(['build', '.', '-o', join(aside, 'photos')], repo.root);
    expectRefused(foreign, /is a folder that journeys build did not make, and not empty; .*add --force/);
    // A marker with other content is not the marker.
    const fakeMarker = await runJourneys(['build', '.', '-o', join(aside, 'old-site')], repo.root);
    expectRefused(fakeMarker, /did not make/);
    const file = await runJourneys(['build', '.', '-o', join(aside, 'notes.txt'), '--force'], repo.root);
    expectRefused(file, /is a file, not a folder/);
    const under = await runJourneys(['build', '.', '-o', join(aside, 'notes.txt', 'site'), '--force'], repo.root);
    expectRefused(under, /is under a file, not a folder/);
    const dangling = await runJourneys(['build', '.', '-o', join(aside, 'dangling'), '--force'], repo.root);
    expectRefused(dangling, /is a link to nothing/);
    expect(readFileSync(join(aside, 'photos', 'cat.jpg'), 'utf8')).toBe('not really a cat');
    expect(readFileSync(join(aside, 'notes.txt'), 'utf8')).toBe('keep me\n');
    expect(readFileSync(join(aside, 'old-site', '.journeys-site'), 'utf8')).toBe('something else\n');
    expect(repo.git('status', '--porcelain')).toBe('');
  }, 60_000);

  it('takes a case variant of journeys/ for journeys/ itself on a case-insensitive disk, and for another folder otherwise', async () => {
    const repo = journeysRepo();
    const caseInsensitive = existsSync(join(repo.root, 'JOURNEYS'));
    if (caseInsensitive) {
      expectRefused(await runJourneys(['build', '.', '-o', 'JOURNEYS'], repo.root), /is the journeys\/ folder/);
      expectRefused(await runJourneys(['build', '.', '-o', 'Journeys/site'], repo.root), /is inside the journeys\/ folder/);
    } else {
      // A different folder that only differs by case: a folder of the user's, refused as such.
      mkdirSync(join(repo.root, 'JOURNEYS'));
      writeFileSync(join(repo.root, 'JOURNEYS', 'draft.txt'), 'mine\n');
      repo.commit('A folder of drafts');
      expectRefused(await runJourneys(['build', '.', '-o', 'JOURNEYS'], repo.root), /did not make/);
      expect(readFileSync(join(repo.root, 'JOURNEYS', 'draft.txt'), 'utf8')).toBe('mine\n');
    }
    expect(readFileSync(join(repo.root, 'journeys', 'welcome.journey.yaml'), 'utf8')).toBe(cleanJourney());
    expect(repo.git('status', '--porcelain')).toBe('');
  }, 30_000);
});

describe('journeys build -o, built', () => {
  it('replaces a foreign folder only with --force, then its own site at the next build, and keeps it when a build fails', async () => {
    const repo = journeysRepo();
    const place = writeRepo({ 'site/legacy.html': '<p>an old site, with no marker</p>' });
    const site = join(place, 'site');
    expectRefused(await runJourneys(['build', '.', '-o', site, '--today', TODAY], repo.root), /did not make/);
    expect(readFileSync(join(site, 'legacy.html'), 'utf8')).toContain('an old site');

    const forced = await runJourneys(['build', '.', '-o', site, '--force', '--today', TODAY], repo.root);
    expect(forced.status, forced.stderr).toBe(0);
    expect(existsSync(join(site, 'legacy.html'))).toBe(false);
    expect(readFileSync(join(site, '.journeys-site'), 'utf8')).toMatch(/built by "journeys build"/);
    expect(existsSync(join(site, 'journeys', 'welcome', 'index.html'))).toBe(true);

    // A file left in the site: the next build replaces the folder whole, with no --force.
    writeFileSync(join(site, 'stale.html'), 'stale');
    const again = await runJourneys(['build', '.', '-o', site, '--today', TODAY], repo.root);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Built \d+ pages into .*site\/ in /m);
    expect(existsSync(join(site, 'stale.html'))).toBe(false);
    expect(existsSync(join(site, '.journeys-site'))).toBe(true);
    expect(existsSync(join(site, 'pagefind', 'pagefind.js'))).toBe(true);

    // A build that fails leaves the site it would have replaced as it was.
    const before = snapshot(site);
    const broken = writeRepo({ 'journeys/owners.yaml': OWNERS });
    const failed = await runJourneys(['build', broken, '-o', site, '--today', TODAY], place);
    expect(failed.status).toBe(2);
    expect(failed.stderr).toMatch(/the site could not be built: No journeys found/);
    expect(failed.stderr).not.toMatch(/^\s+at /m);
    expect(snapshot(site)).toEqual(before);
    expect(readdirSync(place)).toEqual(['site']);
    expect(repo.git('status', '--porcelain')).toBe('');
  }, 240_000);
});
