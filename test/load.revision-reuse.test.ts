import { describe, expect, it } from 'vitest';
import { check } from '../src/engine/check.ts';
import { blobId, commitLoader, loadAtRevision } from '../src/load/git.ts';
import { loadRepository } from '../src/load/repository.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

/** A repository of a few journeys in git, then edited in its work tree: one journey changed, one added, one removed, one broken. */
function editedRepository() {
  const repo = gitRepo({
    'journeys/owners.yaml': OWNERS,
    'journeys/kept.journey.yaml': cleanJourney('kept'),
    'journeys/changed.journey.yaml': cleanJourney('changed'),
    'journeys/removed.journey.yaml': cleanJourney('removed'),
    'journeys/broken.journey.yaml': cleanJourney('broken'),
    'journeys/story.journey.md': `---\n${cleanJourney('story')}\n---\n# Story\n\n### welcome-email\n\nSent at once.\n`,
  });
  repo.write({
    // Its touchpoints changed, its version not: a finding of version-not-bumped, which compares with the base.
    'journeys/changed.journey.yaml': cleanJourney('changed').replace('channel: email', 'channel: sms'),
    'journeys/added.journey.yaml': cleanJourney('added'),
    'journeys/broken.journey.yaml': 'journey: broken\ntitle: [unclosed\n',
  });
  repo.remove('journeys/removed.journey.yaml');
  return repo;
}

describe('loading a revision with the parses of another load', () => {
  it('gives the same repository as a load of its own, keeping the parse of each file that is the same', () => {
    const repo = editedRepository();
    const workTree = loadRepository(repo.root);
    const alone = loadAtRevision(repo.root, 'HEAD');
    const reusing = loadAtRevision(repo.root, 'HEAD', { reuse: workTree.parsed });
    expect(reusing.repo).toEqual(alone.repo);
    const same = (path: string): boolean => reusing.parsed.find((parse) => parse.file.path === path) === workTree.parsed.find((parse) => parse.file.path === path);
    expect(['journeys/owners.yaml', 'journeys/kept.journey.yaml', 'journeys/story.journey.md'].map(same)).toEqual([true, true, true]);
    // Changed or broken since, or not in the work tree: parsed from the revision's text.
    expect(['journeys/changed.journey.yaml', 'journeys/broken.journey.yaml', 'journeys/removed.journey.yaml'].map(same)).toEqual([false, false, false]);
    expect(reusing.repo.journeys.find((journey) => journey.id === 'changed')?.touchpoints[0]?.channel).toBe('email');
    expect(reusing.repo.journeys.map((journey) => journey.id)).toContain('removed');
    expect(reusing.repo.journeys.map((journey) => journey.id)).not.toContain('added');
  });

  it('knows a file the same at the revision by its blob id, in repositories of SHA-1 and of SHA-256 ids, and by its text when only a byte order mark differs', () => {
    for (const objectFormat of ['sha1', 'sha256'] as const) {
      const text = cleanJourney('kept');
      // Committed with a byte order mark, which the work tree's copy lost: other bytes, the same text.
      const repo = gitRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/kept.journey.yaml': text, 'journeys/marked.journey.yaml': `\uFEFF${cleanJourney('marked')}` }, { objectFormat });
      // The id git gave the blob is the one worked out from the text.
      const [, oid] = /blob ([0-9a-f]+)\t/.exec(repo.git('ls-tree', 'HEAD', 'journeys/kept.journey.yaml'))!;
      expect(oid, objectFormat).toHaveLength(objectFormat === 'sha1' ? 40 : 64);
      expect(blobId(Buffer.from(text, 'utf8'), oid!), objectFormat).toBe(oid);
      expect(blobId(Buffer.from(`${text}\n`, 'utf8'), oid!), objectFormat).not.toBe(oid);
      repo.write({ 'journeys/marked.journey.yaml': cleanJourney('marked') });
      const workTree = loadRepository(repo.root);
      const reusing = loadAtRevision(repo.root, 'HEAD', { reuse: workTree.parsed });
      expect(reusing.repo, objectFormat).toEqual(loadAtRevision(repo.root, 'HEAD').repo);
      for (const path of ['journeys/owners.yaml', 'journeys/kept.journey.yaml', 'journeys/marked.journey.yaml']) {
        expect(reusing.parsed.find((parse) => parse.file.path === path), `${objectFormat} ${path}`).toBe(workTree.parsed.find((parse) => parse.file.path === path));
      }
    }
  });

  it('lints with a base revision as with that revision loaded apart', () => {
    const repo = editedRepository();
    const apart = check(repo.root, { today: TODAY, base: loadAtRevision(repo.root, 'HEAD').repo });
    const loaded = check(repo.root, { today: TODAY, baseRevision: 'HEAD' });
    expect(loaded.findings).toEqual(apart.findings);
    expect(loaded.findings.map((finding) => finding.rule)).toContain('version-not-bumped');
    expect(loaded.base).toEqual(apart.base);
  });

  it('says a revision that names no commit, or a folder outside git, before reading the work tree', () => {
    const repo = editedRepository();
    expect(() => check(repo.root, { today: TODAY, baseRevision: 'no-such-branch' })).toThrow('Unknown revision "no-such-branch"');
    const outside = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() });
    expect(() => check(outside, { today: TODAY, baseRevision: 'HEAD' })).toThrow('is not in a git repository');
  });
});

describe('a loader of several commits (the score history)', () => {
  it('loads each commit as loadAtRevision does, by its full id or by a name it resolves, and says a name that is no commit', () => {
    const repo = editedRepository();
    repo.commit('The edits');
    const load = commitLoader(repo.root);
    for (const revision of ['HEAD', 'HEAD~1']) {
      const expected = loadAtRevision(repo.root, revision);
      expect(load(repo.rev(revision))).toEqual(expected);
      expect(load(revision)).toEqual(expected);
    }
    expect(() => load('no-such-branch')).toThrow('Unknown revision "no-such-branch"');
    expect(() => commitLoader(writeRepo({ 'journeys/owners.yaml': OWNERS }))).toThrow('is not in a git repository');
  });
});
