/**
 * Keeping each file's parse from one load to the next (LoadOptions.reuse, for the dev
 * server): a file whose text is unchanged keeps its parse, the very same objects; one
 * that changed, appeared or moved is parsed; and the repository is the one a load
 * without it makes.
 */
import { renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileStamp, sameStamp } from '../src/load/file-stamp.ts';
import { loadRepository, parseReuse } from '../src/load/repository.ts';
import { cleanJourney, OWNERS, writeRepo } from './helpers/repo.ts';

const fileOf = (repo: ReturnType<typeof loadRepository>['repo'], path: string) => repo.files.find((file) => file.path === path);

describe('loadRepository with reuse', () => {
  it('parses only what changed since the last load, and loads the same repository as without it', () => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/a.journey.yaml': cleanJourney('a'),
      'journeys/b.journey.yaml': cleanJourney('b'),
      'journeys/c.journey.yaml': cleanJourney('c'),
    });
    const reuse = parseReuse();
    const first = loadRepository(root, { reuse }).repo;
    expect({ parsed: reuse.parsed, reused: reuse.reused }).toEqual({ parsed: 4, reused: 0 });

    writeFileSync(join(root, 'journeys', 'b.journey.yaml'), cleanJourney('b').replace('title: Welcome', 'title: Welcome back'));
    const second = loadRepository(root, { reuse }).repo;
    expect({ parsed: reuse.parsed, reused: reuse.reused }).toEqual({ parsed: 1, reused: 3 });
    // The unchanged files are the same objects, and so are their journeys; the edited one is new.
    expect(fileOf(second, 'journeys/a.journey.yaml')).toBe(fileOf(first, 'journeys/a.journey.yaml'));
    expect(fileOf(second, 'journeys/owners.yaml')).toBe(fileOf(first, 'journeys/owners.yaml'));
    expect(second.journeys.find((journey) => journey.id === 'c')).toBe(first.journeys.find((journey) => journey.id === 'c'));
    expect(fileOf(second, 'journeys/b.journey.yaml')).not.toBe(fileOf(first, 'journeys/b.journey.yaml'));
    expect(second.journeys.find((journey) => journey.id === 'b')!.title).toBe('Welcome back');
    expect(second).toEqual(loadRepository(root).repo);

    // A file gone, a file renamed (same text, new path), a file that no longer parses.
    rmSync(join(root, 'journeys', 'a.journey.yaml'));
    renameSync(join(root, 'journeys', 'c.journey.yaml'), join(root, 'journeys', 'd.journey.yaml'));
    writeFileSync(join(root, 'journeys', 'b.journey.yaml'), 'journey: b\ntitle: [unclosed\n');
    const third = loadRepository(root, { reuse }).repo;
    expect({ parsed: reuse.parsed, reused: reuse.reused }).toEqual({ parsed: 2, reused: 1 });
    expect([...reuse.files.keys()].sort()).toEqual(['journeys/b.journey.yaml', 'journeys/d.journey.yaml', 'journeys/owners.yaml']);
    expect(third).toEqual(loadRepository(root).repo);
    expect(third.problems.some((problem) => problem.at.file === 'journeys/b.journey.yaml' && problem.kind === 'parse')).toBe(true);
  });

  describe('stamps', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('reads again only the files whose stamp changed, once their stamps are old enough to trust', () => {
      const root = writeRepo({
        'journeys/owners.yaml': OWNERS,
        'journeys/a.journey.yaml': cleanJourney('a'),
        'journeys/b.journey.yaml': cleanJourney('b'),
      });
      const reuse = parseReuse();
      // Files written a moment ago are read each time: a write within the same clock tick would keep their stamp.
      loadRepository(root, { reuse });
      loadRepository(root, { reuse });
      expect(reuse.read).toBe(3);
      // Ten seconds later (the clock is an input), the stamps are trusted: nothing is read.
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10_000 });
      loadRepository(root, { reuse });
      loadRepository(root, { reuse });
      expect({ read: reuse.read, parsed: reuse.parsed, reused: reuse.reused }).toEqual({ read: 0, parsed: 0, reused: 3 });
      // An edit of the same size, its modification time set back to what it was: the change time still tells.
      const file = join(root, 'journeys', 'b.journey.yaml');
      const { atime, mtime } = statSync(file);
      writeFileSync(file, cleanJourney('b').replace('title: Welcome', 'title: Welkome'));
      utimesSync(file, atime, mtime);
      const repo = loadRepository(root, { reuse }).repo;
      expect({ read: reuse.read, parsed: reuse.parsed, reused: reuse.reused }).toEqual({ read: 1, parsed: 1, reused: 2 });
      expect(repo.journeys.find((journey) => journey.id === 'b')!.title).toBe('Welkome');
      expect(repo).toEqual(loadRepository(root).repo);
    });

    it('does not trust a stamp that changed within a few seconds of the read', () => {
      const stamp = (key: string, changed: number) => ({ key, changed });
      expect(sameStamp(stamp('1:10:5:5', 1_000), 10_000, stamp('1:10:5:5', 1_000))).toBe(true);
      expect(sameStamp(stamp('1:10:5:5', 9_000), 10_000, stamp('1:10:5:5', 9_000))).toBe(false);
      expect(sameStamp(stamp('1:10:5:5', 1_000), 10_000, stamp('1:10:6:6', 1_000))).toBe(false);
      expect(sameStamp(undefined, 10_000, stamp('1:10:5:5', 1_000))).toBe(false);
    });

    it('has no stamp for a link, which is read each time', () => {
      const root = writeRepo({ 'journeys/a.journey.yaml': cleanJourney('a') });
      expect(fileStamp(root, 'journeys/a.journey.yaml')?.key).toMatch(/^\d+:\d+:/);
      expect(fileStamp(root, 'journeys/missing.journey.yaml')).toBeUndefined();
      symlinkSync('a.journey.yaml', join(root, 'journeys', 'b.journey.yaml'));
      expect(fileStamp(root, 'journeys/b.journey.yaml')).toBeUndefined();
    });
  });
});
