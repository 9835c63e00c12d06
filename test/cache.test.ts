/**
 * `journeys lint --cache`: where the cache goes, that a second run parses only what
 * changed (and everything again when the configuration or a shared file does), that
 * a damaged, truncated, foreign or unreadable cache is ignored with a note and
 * written anew, that a file which is not a cache is never overwritten, and that the
 * output is the same with and without the cache.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lintCommand } from '../src/cli/lint.ts';
import { check, type CheckResult } from '../src/index.ts';
import { UsageError } from '../src/load/discover.ts';
import { runJourneys } from './helpers/cli.ts';
import { findingsRepo } from './helpers/findings-repo.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, TODAY, writeRepo } from './helpers/repo.ts';

const MAGIC = 'journeys-lint-cache\n';

/** `journeys lint` in this process: exit status, stdout and stderr. */
function lint(root: string, ...args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = {
    cwd: root,
    env: {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    now: () => new Date('2026-11-01T12:00:00Z'),
  };
  const status = lintCommand([root, '--format', 'json', '--today', TODAY, ...args], io);
  return { status, stdout, stderr };
}

/** How many files a cached check parsed (the others came from the cache). */
function parsedFiles(root: string, location: string): number {
  let parsed = 0;
  check(root, { today: TODAY, parallel: false, cache: { location }, onFile: (_, total) => (parsed = total) });
  return parsed;
}

const repoFiles = (): Record<string, string> => findingsRepo();

describe('journeys lint --cache', () => {
  it('writes its cache under node_modules/.cache/journeys, or .cache/journeys (kept out of git) when there is no node_modules, and prints what an uncached run prints', async () => {
    const root = writeRepo(repoFiles());
    const plain = await runJourneys(['lint', '--format', 'json', '--today', TODAY], root);
    const first = await runJourneys(['lint', '--format', 'json', '--today', TODAY, '--cache'], root);
    const second = await runJourneys(['lint', '--format', 'json', '--today', TODAY, '--cache'], root);
    expect(plain.status).toBe(1);
    expect(plain.stdout).toMatch(/"missing-kpi"/);
    for (const run of [first, second]) expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 1, stdout: plain.stdout, stderr: '' });
    expect(readFileSync(join(root, '.cache/journeys/lint.cache'), 'latin1').startsWith(MAGIC)).toBe(true);
    expect(readFileSync(join(root, '.cache/journeys/.gitignore'), 'utf8')).toMatch(/^\*$/m);

    const withModules = writeRepo({ ...repoFiles(), 'node_modules/.keep': '' });
    expect(lint(withModules, '--cache').stdout).toBe(plain.stdout);
    expect(existsSync(join(withModules, 'node_modules/.cache/journeys/lint.cache'))).toBe(true);
    expect(existsSync(join(withModules, '.cache'))).toBe(false);
  });

  it('parses again only the files that changed, and every file when the configuration or a shared file changes', () => {
    const root = writeRepo(repoFiles());
    const location = join(root, 'cache/');
    const files = Object.keys(repoFiles()).length;
    expect(parsedFiles(root, location)).toBe(files);
    expect(parsedFiles(root, location)).toBe(0);
    writeFileSync(join(root, 'journeys/journey-07.journey.yaml'), `${readFileSync(join(root, 'journeys/journey-07.journey.yaml'), 'utf8')}# edited\n`);
    writeFileSync(join(root, 'journeys/new.journey.yaml'), cleanJourney('new'));
    expect(parsedFiles(root, location)).toBe(2);
    expect(parsedFiles(root, location)).toBe(0);
    writeFileSync(join(root, 'journeys/owners.yaml'), `${readFileSync(join(root, 'journeys/owners.yaml'), 'utf8')}  - id: team-new\n    name: New\n`);
    expect(parsedFiles(root, location)).toBe(files + 1);
    writeFileSync(join(root, 'journeys.config.yaml'), `${readFileSync(join(root, 'journeys.config.yaml'), 'utf8')}rules:\n  missing-kpi: off\n`);
    expect(parsedFiles(root, location)).toBe(files + 1);
    expect(parsedFiles(root, location)).toBe(0);
  });

  it('ignores a damaged, truncated or foreign cache with a note, and writes it anew', () => {
    const root = writeRepo(repoFiles());
    const file = join(root, 'lint.cache');
    const expected = lint(root).stdout;
    expect(lint(root, '--cache', '--cache-location', 'lint.cache')).toEqual({ status: 1, stdout: expected, stderr: '' });
    const good = readFileSync(file);

    const flipped = Buffer.from(good);
    flipped[flipped.length - 100] = flipped[flipped.length - 100]! ^ 0xff;
    const header = good.subarray(0, good.indexOf(10, MAGIC.length)).toString('latin1');
    const otherVersion = Buffer.concat([Buffer.from(header.replace(/"tool":"[^"]*"/, '"tool":"0.0.1"'), 'latin1'), good.subarray(header.length)]);
    const cases: [string, Buffer, RegExp][] = [
      ['a flipped byte', flipped, /lint cache .*lint\.cache is damaged \(truncated or corrupt\): it was ignored and is written anew\./],
      ['half of it', good.subarray(0, Math.floor(good.length / 2)), /is damaged/],
      ['its magic line only', Buffer.from(MAGIC.slice(0, 8)), /is damaged/],
      ['a header that is not JSON', Buffer.from(`${MAGIC}{"format":\n`), /is damaged/],
      ['another version', otherVersion, /was written by another version \(journeys 0\.0\.1 on Node v[\d.]+\): it was ignored and is written anew\./],
    ];
    for (const [what, bytes, note] of cases) {
      writeFileSync(file, bytes);
      const run = lint(root, '--cache', '--cache-location', 'lint.cache');
      expect({ what, status: run.status, stdout: run.stdout }).toEqual({ what, status: 1, stdout: expected });
      expect(run.stderr, what).toMatch(note);
      expect(readFileSync(file).equals(good), what).toBe(true);
      expect(lint(root, '--cache', '--cache-location', 'lint.cache').stderr, what).toBe('');
    }
  });

  it('never overwrites a file that is not a cache, and runs without one', () => {
    const root = writeRepo({ ...repoFiles(), 'notes.txt': 'My notes.\n' });
    const expected = lint(root).stdout;
    const run = lint(root, '--cache', '--cache-location', 'notes.txt');
    expect(run.stdout).toBe(expected);
    expect(run.stderr).toMatch(/notes\.txt is not a journeys lint cache: it was left as it is, and no cache was used/);
    expect(readFileSync(join(root, 'notes.txt'), 'utf8')).toBe('My notes.\n');
  });

  it('says when the cache cannot be read or written, and still lints', () => {
    const root = writeRepo({ ...repoFiles(), 'blocker.txt': 'a file where a folder would be\n' });
    const expected = lint(root).stdout;
    const run = lint(root, '--cache', '--cache-location', 'blocker.txt/cache');
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: expected });
    expect(run.stderr).toMatch(/the lint cache .*blocker\.txt\/cache could not be read \(ENOTDIR\): linting without it\./);
    expect(run.stderr).toMatch(/the lint cache could not be written to .*blocker\.txt\/cache \(E[A-Z]+\): the next run parses every file again\./);
  });

  it('writes only the chosen file, through a temporary file in its own folder, and replaces a link there rather than following it', () => {
    const root = writeRepo(repoFiles());
    const before = readdirSync(root).sort();
    const folder = join(root, 'caches');
    expect(lint(root, '--cache', '--cache-location', 'caches/').stderr).toBe('');
    expect(readdirSync(folder)).toEqual(['lint.cache']);
    expect(readdirSync(root).sort()).toEqual([...before, 'caches'].sort());

    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere', 'target.cache'), join(folder, 'linked.cache'));
    expect(lint(root, '--cache', '--cache-location', 'caches/linked.cache').stderr).toBe('');
    expect(lstatSync(join(folder, 'linked.cache')).isFile()).toBe(true);
    expect(readdirSync(join(root, 'elsewhere'))).toEqual([]);
    expect(readdirSync(folder).sort()).toEqual(['linked.cache', 'lint.cache']);
  });

  it("keeps each journey's model, not its data: the data is parsed again from the text only when read (--fix, a view)", () => {
    const files = { ...repoFiles(), 'journeys/typo.journey.yaml': cleanJourney('typo').replace('channel: email', 'channel: emial') };
    const root = writeRepo(files);
    const location = join(root, 'cache/');
    const plain = check(root, { today: TODAY, parallel: false });
    check(root, { today: TODAY, parallel: false, cache: { location } });
    const cached = check(root, { today: TODAY, parallel: false, cache: { location } });
    expect(cached.findings).toEqual(plain.findings);
    const kept = cached.repo.files.filter((file) => file.kind === 'journey' && Object.getOwnPropertyDescriptor(file, 'data')?.get !== undefined);
    expect(kept.length).toBe(cached.repo.journeys.length);
    // Read, the data is what a parse gives, and each journey's raw data is its file's.
    for (const journey of cached.repo.journeys) {
      expect(journey.raw).toEqual(plain.repo.journeys.find((other) => other.id === journey.id)!.raw);
      expect(journey.raw).toBe(cached.repo.files.find((file) => file.path === journey.file)!.data);
    }

    // A certain fix of a file the cache kept: the same correction as without the cache.
    const copy = writeRepo(files);
    expect(lint(copy, '--fix').status).toBe(lint(root, '--cache', '--cache-location', location, '--fix').status);
    expect(readFileSync(join(root, 'journeys/typo.journey.yaml'), 'utf8')).toMatch(/channel: email\n/);
    expect(readFileSync(join(root, 'journeys/typo.journey.yaml'), 'utf8')).toBe(readFileSync(join(copy, 'journeys/typo.journey.yaml'), 'utf8'));
  });

  describe('stamps', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** The files of a cached check whose text was not read (a getter reads it when asked for). */
    const unread = (result: CheckResult): string[] => result.repo.files.filter((file) => Object.getOwnPropertyDescriptor(file, 'text')?.get !== undefined).map((file) => file.path);

    it('reads a file only when its stamp changed, once its stamp is old enough to be trusted, and prints the same', () => {
      const root = writeRepo(repoFiles());
      const location = join(root, 'cache/');
      const expected = lint(root).stdout;
      const cachedCheck = (): CheckResult => check(root, { today: TODAY, parallel: false, cache: { location } });
      // Files written a moment ago are read each time: a write within the same clock tick would keep their stamp.
      cachedCheck();
      expect(unread(cachedCheck())).toEqual([]);
      // Ten seconds later (the clock is an input), the stamps are trusted: nothing is read, but what is asked for.
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10_000 });
      cachedCheck();
      const kept = cachedCheck();
      const files = kept.repo.files.map((file) => file.path);
      expect(unread(kept).length).toBeGreaterThan(files.length - 5);
      expect(lint(root, '--cache', '--cache-location', location)).toEqual({ status: 1, stdout: expected, stderr: '' });
      // Its text read when asked for is the file's.
      const file = kept.repo.files.find((one) => unread(kept).includes(one.path))!;
      expect(file.text).toBe(readFileSync(join(root, file.path), 'utf8'));

      // An edit is seen: the file is read, and the output is what an uncached run prints.
      const edited = 'journeys/journey-03.journey.yaml';
      writeFileSync(join(root, edited), readFileSync(join(root, edited), 'utf8').replace('owner: team-onboarding', 'owner: team-ghost'));
      const after = cachedCheck();
      expect(unread(after)).not.toContain(edited);
      expect(unread(after).length).toBe(unread(kept).length - 1);
      expect(lint(root, '--cache', '--cache-location', location).stdout).toBe(lint(root).stdout);
      expect(lint(root).stdout).not.toBe(expected);
    });

    it('stops with a message, not a stack, when a file kept by its stamp is found changed when its text is read', () => {
      const root = writeRepo(repoFiles());
      const location = join(root, 'cache/');
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10_000 });
      check(root, { today: TODAY, parallel: false, cache: { location } });
      const kept = check(root, { today: TODAY, parallel: false, cache: { location } });
      const file = kept.repo.files.find((one) => one.path === 'journeys/journey-05.journey.yaml')!;
      expect(unread(kept)).toContain(file.path);
      writeFileSync(join(root, file.path), `${readFileSync(join(root, file.path), 'utf8')}# edited since\n`);
      expect(() => file.text).toThrow(new UsageError('journeys/journey-05.journey.yaml changed while it was being linted: run the command again.'));
    });

    it("ignores a cache whose entry's hash is damaged, rather than trust the file's stamp with it", () => {
      const root = writeRepo(repoFiles());
      const file = join(root, 'lint.cache');
      const expected = lint(root).stdout;
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10_000 });
      lint(root, '--cache', '--cache-location', 'lint.cache');
      const good = readFileSync(file, 'latin1');
      const hash = /"journeys\/journey-02\.journey\.yaml","([0-9a-f]{64})","[^"]+"/.exec(good)![1]!;
      writeFileSync(file, good.replace(hash, `${hash.slice(0, 63)}${hash.endsWith('0') ? '1' : '0'}`), 'latin1');
      const run = lint(root, '--cache', '--cache-location', 'lint.cache');
      expect(run).toEqual({ status: 1, stdout: expected, stderr: expect.stringMatching(/is damaged \(truncated or corrupt\)/) });
    });
  });

  it('takes --cache-location only with --cache', () => {
    const root = writeRepo(repoFiles());
    expect(() => lint(root, '--cache-location', 'x')).toThrow(/--cache-location goes with --cache/);
  });

  it('lints the git revision of --base without the cache, with the same findings as without it', () => {
    const repo = gitRepo(repoFiles());
    repo.write({ 'journeys/journey-02.journey.yaml': readFileSync(join(repo.root, 'journeys/journey-02.journey.yaml'), 'utf8').replace('after: 3m', 'after: 2h') });
    const expected = lint(repo.root, '--base', 'HEAD');
    expect(expected.stdout).toMatch(/version-not-bumped/);
    for (let run = 0; run < 2; run += 1) expect(lint(repo.root, '--base', 'HEAD', '--cache')).toEqual(expected);
  });
});
