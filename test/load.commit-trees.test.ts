/**
 * A loader told the commits it will load (the score history's) lists all of them with two
 * git processes, the first commit's trees and then what changed from each commit to the
 * next, instead of two processes a commit. Each commit must load as it does alone, through
 * a history that adds, changes, removes and renames files, turns a file into a folder and
 * back, links a file, moves the configuration and makes a folder of its name, and names
 * files that git quotes or orders by their bytes.
 */
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitLoader, loadAtRevision } from '../src/load/git.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, writeRepo } from './helpers/repo.ts';

/** The journeys repository in the folder cx/ of its git repository, and the commits of its history, oldest first. */
function history(): { root: string; commits: string[] } {
  const repo = gitRepo();
  const commits: string[] = [];
  const at = (path: string): string => `cx/${path}`;
  const write = (files: Record<string, string>): void => repo.write(Object.fromEntries(Object.entries(files).map(([path, text]) => [at(path), text])));
  write({
    'journeys.config.yaml': 'ignore: ["journeys/drafts/**"]\n',
    'journeys/owners.yaml': OWNERS,
    'journeys/a.journey.yaml': cleanJourney('a'),
    'journeys/b.journey.yaml': cleanJourney('b'),
    'journeys/sub/c.journey.yaml': cleanJourney('c'),
    'journeys/sub.journey.yaml': cleanJourney('sub'),
    'journeys/drafts/d.journey.yaml': cleanJourney('d'),
    'journeys/e.journey.yaml': cleanJourney('e'),
  });
  commits.push(repo.commit('The journeys'));
  // Changed, removed, renamed into another folder, added with names git quotes or orders by their bytes.
  write({ 'journeys/a.journey.yaml': cleanJourney('a').replace('channel: email', 'channel: sms'), 'journeys/sub2/c.journey.yaml': cleanJourney('c') });
  repo.remove(at('journeys/b.journey.yaml'), at('journeys/sub/c.journey.yaml'));
  write({ 'journeys/café.journey.yaml': cleanJourney('cafe'), 'journeys/tab\there.journey.yaml': cleanJourney('tab'), 'journeys/z-é/f.journey.yaml': cleanJourney('f') });
  commits.push(repo.commit('Edits'));
  // A file becomes a folder of the same name; a link to a journey; the configuration moves to its other name.
  repo.remove(at('journeys/e.journey.yaml'), at('journeys.config.yaml'));
  write({ 'journeys/e.journey.yaml/inside.journey.yaml': cleanJourney('inside'), 'journeys.config.yml': 'ignore: ["journeys/sub2/**"]\n' });
  symlinkSync('a.journey.yaml', join(repo.root, at('journeys/link.journey.yaml')));
  commits.push(repo.commit('A folder, a link, the configuration renamed'));
  // Nothing under the repository changes: the same trees as the commit before.
  repo.write({ 'elsewhere.txt': 'not the journeys\n' });
  commits.push(repo.commit('Elsewhere'));
  // Back to a file; the configuration's first name is now a folder; the link is removed.
  repo.remove(at('journeys/e.journey.yaml'), at('journeys/link.journey.yaml'), at('journeys.config.yml'));
  write({ 'journeys/e.journey.yaml': cleanJourney('e'), 'journeys.config.yaml/inside.txt': 'a folder\n' });
  commits.push(repo.commit('A file again, a folder named as the configuration'));
  return { root: join(repo.root, 'cx'), commits };
}

/** Undoes countingGit's change of PATH after each test. */
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** git as the loader runs it, each call's subcommand written to a log first: the loader's processes, counted. */
function countingGit(): { readonly calls: () => string[] } {
  const folder = writeRepo({});
  const log = join(folder, 'calls.log');
  writeFileSync(log, '');
  const real = process.env.PATH!;
  mkdirSync(join(folder, 'bin'));
  const shim = join(folder, 'bin', 'git');
  // Options before the subcommand (--literal-pathspecs) are skipped: the first word without dashes is it.
  writeFileSync(shim, `#!/bin/sh\nfor word in "$@"; do case "$word" in -*) ;; *) echo "$word" >> '${log}'; break ;; esac; done\nPATH='${real}' exec git "$@"\n`);
  chmodSync(shim, 0o755);
  process.env.PATH = `${join(folder, 'bin')}${delimiter}${real}`;
  restore = () => {
    process.env.PATH = real;
  };
  return { calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('a loader told the commits it will load', () => {
  it('loads each of them as loadAtRevision does', () => {
    const { root, commits } = history();
    const load = commitLoader(root, commits);
    // Newest first, as well as oldest first: the listing of every commit is made at the first asked.
    for (const commit of [...commits].reverse()) {
      const alone = loadAtRevision(root, commit);
      const listed = load(commit);
      expect(listed.repo, commit).toEqual(alone.repo);
      expect(listed.parsed.map((parse) => parse.file.path), commit).toEqual(alone.parsed.map((parse) => parse.file.path));
    }
    // What the history made of each commit, to be sure it was the history meant.
    const files = (commit: string): string[] => loadAtRevision(root, commit).repo.files.map((file) => file.path);
    expect(files(commits[0]!)).toEqual(['journeys.config.yaml', 'journeys/a.journey.yaml', 'journeys/b.journey.yaml', 'journeys/e.journey.yaml', 'journeys/owners.yaml', 'journeys/sub.journey.yaml', 'journeys/sub/c.journey.yaml']);
    expect(files(commits[2]!)).toEqual([
      'journeys.config.yml',
      'journeys/a.journey.yaml',
      'journeys/café.journey.yaml',
      'journeys/drafts/d.journey.yaml',
      'journeys/e.journey.yaml/inside.journey.yaml',
      'journeys/link.journey.yaml',
      'journeys/owners.yaml',
      'journeys/sub.journey.yaml',
      'journeys/tab\there.journey.yaml',
      'journeys/z-é/f.journey.yaml',
    ]);
    expect(loadAtRevision(root, commits[4]!).repo.problems.map((problem) => problem.message)).toContainEqual(expect.stringContaining('not a regular file (a folder)'));
  });

  it('runs two git processes to list all of them, where it ran two for each, and one diff-tree', () => {
    const { root, commits } = history();
    const git = countingGit();
    const listing = (calls: string[]): number => calls.filter((call) => call === 'ls-tree' || call === 'diff-tree').length;
    const load = commitLoader(root, commits);
    for (const commit of commits) load(commit);
    const listed = listing(git.calls());
    const before = git.calls().length;
    const alone = commitLoader(root);
    for (const commit of commits) alone(commit);
    // Both list each link's target on its own, at each commit that has it.
    expect(listing(git.calls().slice(before)) - listed).toBe(2 * commits.length - 2);
    expect(git.calls().filter((call) => call === 'diff-tree')).toHaveLength(1);
  });
});
