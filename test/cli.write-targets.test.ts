/**
 * The two commands that write into the repository, `journeys new` and `journeys lint
 * --baseline-write`, on targets that are not what they expect: a file where a folder
 * should be, a folder where a file should be, a link that leads nowhere or elsewhere,
 * a FIFO. Each gives a clear error with exit 2, never an internal error; nothing is
 * written through a link, and no file that was there is changed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runJourneys, type CliResult } from './helpers/cli.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const JOURNEY = 'journeys/my-journey.journey.yaml';

function expectRefused(result: CliResult, fragment: string | RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stderr).not.toMatch(/internal error|This is a bug|^\s+at /m);
  expect(result.stderr).toMatch(fragment);
}

describe('journeys new', () => {
  it('refuses a title with a line break or a control character, and writes nothing', async () => {
    for (const title of ['Welcome\nowner: team-evil', 'Welcome\r', 'Tab\there', 'Bell\u0007', 'Over\u202eride', 'Line\u2028sep']) {
      const root = writeRepo({});
      const result = await runJourneys(['new', 'my-journey', '--title', title], root);
      expectRefused(result, /--title holds a line break or a control character/);
      expect(existsSync(join(root, 'journeys'))).toBe(false);
    }
  });

  it('writes a title that YAML would read otherwise as that very title, on one line', async () => {
    for (const title of ['Onboarding: step #1 - "quoted" & [bracketed]', '- starts like a list', 'yes', '@mention', `${'long '.repeat(30)}end`]) {
      const root = writeRepo({ 'journeys/owners.yaml': OWNERS });
      expect((await runJourneys(['new', 'my-journey', `--title=${title}`], root)).status).toBe(0);
      const text = readFileSync(join(root, JOURNEY), 'utf8');
      expect((parse(text) as { title: string }).title).toBe(title);
      expect(text.split('\n').filter((line) => line.startsWith('title:'))).toHaveLength(1);
      // Linted as of the day it was written (new puts the clock's date in "reviewed").
      const reviewed = /^reviewed: (\d{4}-\d{2}-\d{2})$/m.exec(text)![1]!;
      const lint = await runJourneys(['lint', '--today', reviewed, '--format', 'json'], root);
      expect(JSON.parse(lint.stdout).findings).toEqual([]);
    }
  });

  it('refuses a journeys/ that is a file, and leaves it as it was', async () => {
    const root = writeRepo({ journeys: 'not a folder\n' });
    expectRefused(await runJourneys(['new', 'my-journey'], root), /journeys is not a folder/);
    expect(readFileSync(join(root, 'journeys'), 'utf8')).toBe('not a folder\n');
  });

  it('refuses a repository folder (-C) that is a file', async () => {
    const root = writeRepo({ 'a-file': 'x\n' });
    expectRefused(await runJourneys(['new', 'my-journey', '-C', 'a-file'], root), /not a folder/);
  });

  it('refuses a target that is a dangling link, and creates nothing where it points', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS });
    const outside = join(writeRepo({}), 'created-through-the-link.yaml');
    symlinkSync(outside, join(root, JOURNEY));
    expectRefused(await runJourneys(['new', 'my-journey'], root), /my-journey\.journey\.yaml already exists/);
    expect(existsSync(outside)).toBe(false);
    expect(readlinkSync(join(root, JOURNEY))).toBe(outside);
  });

  it('never writes owners.yaml through a dangling link', async () => {
    const root = writeRepo({});
    mkdirSync(join(root, 'journeys'));
    const outside = join(writeRepo({}), 'owners-outside.yaml');
    symlinkSync(outside, join(root, 'journeys/owners.yaml'));
    const result = await runJourneys(['new', 'my-journey'], root);
    expect(result.status).toBe(0);
    expect(existsSync(outside)).toBe(false);
    expect(readFileSync(join(root, JOURNEY), 'utf8')).toMatch(/^owner: my-team$/m);
  });

  it('does not wait on an owners.yaml that is a FIFO', async () => {
    const root = writeRepo({});
    mkdirSync(join(root, 'journeys'));
    execFileSync('mkfifo', [join(root, 'journeys/owners.yaml')]);
    const result = await runJourneys(['new', 'my-journey'], root);
    expect(result.status).toBe(0);
    expect(lstatSync(join(root, 'journeys/owners.yaml')).isFIFO()).toBe(true);
  }, 20_000);

  it('takes only an id from owners.yaml into the skeleton', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': 'owners:\n  - id: "team\\n::error::x"\n  - id: team-crm\n' });
    expect((await runJourneys(['new', 'my-journey'], root)).status).toBe(0);
    expect(readFileSync(join(root, JOURNEY), 'utf8')).toMatch(/^owner: team-crm$/m);
  });
});

describe('journeys lint --baseline-write', () => {
  const repo = (): string => writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney('welcome', '  - id: ownerless\n    stage: start\n    channel: email\n') });
  const write = (root: string): Promise<CliResult> => runJourneys(['lint', '--today', TODAY, '--baseline-write'], root);

  it('refuses a journeys.baseline.json that is a folder, and leaves it as it was', async () => {
    const root = repo();
    mkdirSync(join(root, 'journeys.baseline.json'));
    writeFileSync(join(root, 'journeys.baseline.json/keep.txt'), 'keep\n');
    expectRefused(await write(root), /journeys\.baseline\.json is a folder: nothing was written/);
    expect(readFileSync(join(root, 'journeys.baseline.json/keep.txt'), 'utf8')).toBe('keep\n');
  });

  it('never writes through a link, dangling or not', async () => {
    const root = repo();
    const elsewhere = writeRepo({ 'theirs.json': '{"theirs":true}\n' });
    symlinkSync(join(elsewhere, 'missing.json'), join(root, 'journeys.baseline.json'));
    expectRefused(await write(root), /journeys\.baseline\.json is a link: nothing was written/);
    expect(existsSync(join(elsewhere, 'missing.json'))).toBe(false);

    const other = repo();
    symlinkSync(join(elsewhere, 'theirs.json'), join(other, 'journeys.baseline.json'));
    expectRefused(await write(other), /is a link/);
    expect(readFileSync(join(elsewhere, 'theirs.json'), 'utf8')).toBe('{"theirs":true}\n');
  });

  it('replaces its own baseline file', async () => {
    const root = repo();
    expect((await write(root)).status).toBe(0);
    const first = readFileSync(join(root, 'journeys.baseline.json'), 'utf8');
    expect(JSON.parse(first).findings.length).toBeGreaterThan(0);
    writeFileSync(join(root, 'journeys.baseline.json'), '{ "version": 1, "findings": [] }\n');
    expect((await write(root)).status).toBe(0);
    expect(readFileSync(join(root, 'journeys.baseline.json'), 'utf8')).toBe(first);
  });

  it('reads a baseline only from a regular file: a link or a FIFO is refused without waiting', async () => {
    const root = repo();
    execFileSync('mkfifo', [join(root, 'journeys.baseline.json')]);
    expectRefused(await runJourneys(['lint', '--today', TODAY], root), /journeys\.baseline\.json is not a regular file/);
    const linked = repo();
    symlinkSync(join(writeRepo({ 'b.json': '{ "version": 1, "findings": [] }' }), 'b.json'), join(linked, 'journeys.baseline.json'));
    expectRefused(await runJourneys(['lint', '--today', TODAY], linked), /journeys\.baseline\.json is a link/);
    expect((await runJourneys(['lint', '--today', TODAY, '--no-baseline'], linked)).status).toBe(1);
  }, 20_000);
});
