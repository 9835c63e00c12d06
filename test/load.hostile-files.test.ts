/**
 * Files and folders a repository should not hold, and what the loader does with
 * them: links that loop, leave the repository or lead nowhere, FIFOs where files
 * are expected, folders nested without end, and files the tool cannot parse as
 * its own. Each run is the real command, killed if it outlives its time: it must
 * end, lint what it may, say what it skipped, and echo nothing it was not meant to read.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../src/load/discover.ts';
import { parseAll } from '../src/load/parse-all.ts';
import { readText } from '../src/load/read.ts';
import { BIN } from './helpers/cli.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

/** A command that hangs is killed after this long; every run here takes well under a second. */
const RUN_LIMIT_MS = 20_000;

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** `journeys ...args` in `cwd`, killed after RUN_LIMIT_MS, so that a hang fails the test instead of stalling the run. */
function journeys(args: readonly string[], cwd: string): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, JOURNEYS_PARALLEL: '0' };
    for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_OPTIONS', 'JOURNEYS_SITE_URL']) delete env[name];
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: RUN_LIMIT_MS, killSignal: 'SIGKILL' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started });
    });
  });
}

interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}
interface JsonOutput {
  readonly findings: JsonFinding[];
  readonly summary: { journeys: number; files: number; errors: number; ignored: number; skipped: number };
}

/** Lints as JSON and checks that the command ended by itself, without an internal error. */
async function lintJson(root: string): Promise<JsonOutput> {
  const run = await journeys(['lint', '.', '--format', 'json', '--today', TODAY], root);
  expect(run.signal, `ended by itself (stderr: ${run.stderr})`).toBeNull();
  expect(run.stderr).not.toMatch(/internal error/);
  expect([0, 1]).toContain(run.status);
  return JSON.parse(run.stdout) as JsonOutput;
}

const skippedAt = (output: JsonOutput, file: string): JsonFinding | undefined =>
  output.findings.find((finding) => finding.file === file && finding.rule === 'parse' && finding.severity === 'info');

/** A folder outside every test repository, removed at the end. */
const outside = mkdtempSync(join(tmpdir(), 'journeys-outside-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const repo = (files: Readonly<Record<string, string>> = {}): string =>
  writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney(), ...files });

describe('links in the journeys folder', () => {
  it('ends in seconds when two links lead back to the folder itself, reading each file once', async () => {
    const root = repo();
    symlinkSync('.', join(root, 'journeys/a'));
    symlinkSync('.', join(root, 'journeys/b'));
    const output = await lintJson(root);
    expect(output.summary).toMatchObject({ journeys: 1, files: 2, errors: 0, skipped: 2 });
    for (const link of ['journeys/a', 'journeys/b']) expect(skippedAt(output, link)?.message).toBe('Skipped: a link to a folder already read (journeys).');
    expect(output.findings.filter((finding) => finding.rule === 'unique-id')).toEqual([]);
  });

  it('reads a folder linked from inside the repository once, under its real path first', async () => {
    const root = repo({ 'journeys/v2/billing.journey.yaml': cleanJourney('billing'), 'common/promo.journey.yaml': cleanJourney('promo') });
    symlinkSync('v2', join(root, 'journeys/current'));
    symlinkSync('../common', join(root, 'journeys/common'));
    const output = await lintJson(root);
    expect(output.summary).toMatchObject({ journeys: 3, errors: 0, skipped: 1 });
    expect(skippedAt(output, 'journeys/current')?.message).toBe('Skipped: a link to a folder already read (journeys/v2).');
    expect(output.findings.some((finding) => finding.file === 'journeys/common/promo.journey.yaml' && finding.severity !== 'info')).toBe(false);
  });

  it('does not follow a link to /, and still lints the repository', async () => {
    const root = repo({ 'journeys/broken.journey.yaml': 'journey: broken\nstages: [\n' });
    symlinkSync('/', join(root, 'journeys/root'));
    const output = await lintJson(root);
    expect(skippedAt(output, 'journeys/root')?.message).toBe('Skipped: a link to a place outside the repository, which is never read.');
    expect(output.summary).toMatchObject({ journeys: 1, errors: 1 });
    expect(output.findings.find((finding) => finding.file === 'journeys/broken.journey.yaml')?.rule).toBe('parse');
  });

  it('neither lints nor publishes the journeys of a folder or file outside the repository reached by a link', async () => {
    mkdirSync(join(outside, 'elsewhere'), { recursive: true });
    writeFileSync(join(outside, 'elsewhere/stranger.journey.yaml'), cleanJourney('stranger'));
    const root = repo();
    symlinkSync(join(outside, 'elsewhere'), join(root, 'journeys/out'));
    symlinkSync(join(outside, 'elsewhere/stranger.journey.yaml'), join(root, 'journeys/stranger.journey.yaml'));
    const output = await lintJson(root);
    expect(output.summary).toMatchObject({ journeys: 1, files: 2, skipped: 2 });
    expect(skippedAt(output, 'journeys/out')?.message).toMatch(/outside the repository/);
    expect(skippedAt(output, 'journeys/stranger.journey.yaml')?.message).toMatch(/outside the repository/);
    expect(output.findings.some((finding) => /stranger/.test(finding.message) && !/Skipped/.test(finding.message))).toBe(false);
  });

  it('skips a link that leads nowhere and one that leads back to itself, with a finding each', async () => {
    const root = repo();
    symlinkSync('missing-folder', join(root, 'journeys/dangling'));
    symlinkSync('loop', join(root, 'journeys/loop'));
    const output = await lintJson(root);
    expect(skippedAt(output, 'journeys/dangling')?.message).toBe('Skipped: a link that leads nowhere (ENOENT).');
    expect(skippedAt(output, 'journeys/loop')?.message).toBe('Skipped: a link that leads back to itself (ELOOP).');
    expect(output.summary).toMatchObject({ journeys: 1, errors: 0 });
  });

  it('stops at folders nested deeper than the limit, with a finding', async () => {
    const deep = `journeys/${Array.from({ length: 34 }, () => 'd').join('/')}`;
    const root = repo({ [`${deep}/lost.journey.yaml`]: cleanJourney('lost') });
    const output = await lintJson(root);
    expect(output.summary.journeys).toBe(1);
    const finding = output.findings.find((f) => /nested deeper than 32 levels/.test(f.message));
    expect(finding).toMatchObject({ rule: 'parse', severity: 'info' });
    expect(finding!.file.split('/')).toHaveLength(34);
  });
});

describe('FIFOs where files are expected', () => {
  it('skips a FIFO as journeys.config.yaml and as a journey file, without waiting on either', async () => {
    const root = repo();
    execFileSync('mkfifo', [join(root, 'journeys.config.yaml'), join(root, 'journeys/pipe.journey.yaml')]);
    const output = await lintJson(root);
    expect(skippedAt(output, 'journeys.config.yaml')?.message).toBe('Skipped: not a regular file (a FIFO).');
    expect(skippedAt(output, 'journeys/pipe.journey.yaml')?.message).toBe('Skipped: not a regular file (a FIFO).');
    expect(output.summary).toMatchObject({ journeys: 1, errors: 0, skipped: 2 });
  });

  it('reads a FIFO swapped in after the listing as an unreadable file, at once', () => {
    const root = repo();
    execFileSync('mkfifo', [join(root, 'journeys/late.journey.yaml')]);
    const started = performance.now();
    const read = readText(root, 'journeys/late.journey.yaml');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(read).toMatchObject({ ok: false, message: 'The file was not read: it is not a regular file (a FIFO).' });
  });
});

describe('files read where the listing found them', () => {
  it('reads a linked file at its target, and not a link to an outside file swapped in after the listing', () => {
    const root = repo();
    writeFileSync(join(outside, 'swapped.journey.yaml'), cleanJourney('outside-secret'));
    mkdirSync(join(root, 'journeys/shared'));
    writeFileSync(join(root, 'journeys/shared/target.yaml'), cleanJourney('linked'));
    symlinkSync(join(root, 'journeys/shared/target.yaml'), join(root, 'journeys/linked.journey.yaml'));
    writeFileSync(join(root, 'journeys/late.journey.yaml'), cleanJourney('late'));
    const layout = discover(root);
    expect(layout.files.find((file) => file.path === 'journeys/linked.journey.yaml')?.real).toBe(join(realpathSync(root), 'journeys/shared/target.yaml'));
    rmSync(join(root, 'journeys/late.journey.yaml'));
    symlinkSync(join(outside, 'swapped.journey.yaml'), join(root, 'journeys/late.journey.yaml'));
    const { parsed } = parseAll(layout.root, layout.files, { parallel: false });
    const byPath = new Map(parsed.map((file) => [file.file.path, file]));
    expect((byPath.get('journeys/linked.journey.yaml')!.file.data as { journey: string }).journey).toBe('linked');
    const late = byPath.get('journeys/late.journey.yaml')!;
    expect(late.file.text).toBe('');
    expect(late.problems[0]!.message).toBe('The file could not be read: ELOOP.');
  });
});

describe('nothing of a file the tool cannot read as its own is echoed', () => {
  const SECRET = 'hunter2-TOPSECRET-7f3a';

  it('prints no line of an outside file reached by a linked configuration, in any format', async () => {
    const secretFile = join(outside, 'shadow');
    writeFileSync(secretFile, `root:$6$${SECRET}:19000:0:99999:7:::\ndaemon:*:${SECRET}:0:99999:7:::\n  bad: [${SECRET}\n`);
    const root = repo();
    symlinkSync(secretFile, join(root, 'journeys.config.yaml'));
    symlinkSync(secretFile, join(root, 'journeys/secret.journey.yaml'));
    for (const format of ['stylish', 'json', 'sarif', 'github', 'markdown']) {
      const run = await journeys(['lint', '.', '--format', format, '--today', TODAY], root);
      expect(run.signal).toBeNull();
      expect(run.status, `${format}: ${run.stderr}`).toBe(0);
      expect(run.stdout, format).not.toContain(SECRET);
      expect(run.stderr, format).not.toContain(SECRET);
      expect(run.stdout, format).toMatch(/journeys\.config\.yaml/);
    }
  });

  it('gives the position and reason of a YAML syntax error, not the text of the line', async () => {
    const root = repo({
      'journeys/bad.journey.yaml': `journey: bad\nversion: 1\ntitle: Bad\n  owner: ${SECRET}\n`,
      'journeys/story.journey.md': `---\njourney: story\ntitle: [${SECRET}\n---\n\nBody.\n`,
      'journeys/tagged.journey.yaml': `journey: tagged\ntitle: !<tag:${SECRET}> x\n`,
    });
    const output = await lintJson(root);
    const bad = output.findings.find((finding) => finding.file === 'journeys/bad.journey.yaml')!;
    expect(bad).toMatchObject({ rule: 'parse', severity: 'error', line: 4, column: 3 });
    expect(bad.message).toBe('YAML syntax error: this line is indented more than the one above it.');
    const story = output.findings.find((finding) => finding.file === 'journeys/story.journey.md')!;
    // At the bracket left open, not where the parser gave up.
    expect(story).toMatchObject({ rule: 'parse', line: 3, column: 8 });
    expect(story.message).toBe('YAML syntax error: a bracket is not closed: this [ or { needs its ] or }.');
    const tagged = output.findings.find((finding) => finding.file === 'journeys/tagged.journey.yaml')!;
    expect(tagged).toMatchObject({ rule: 'parse', line: 2 });
    expect(JSON.stringify(output)).not.toContain(SECRET);
  });

  it('gives the line and reason of a CSV syntax error in a metrics file, not the value at fault', async () => {
    const root = repo({ 'journeys/metrics/2026.csv': `journey,touchpoint,metric,period,value\nwelcome,welcome-email,open-rate,2026-09,0.4\nwelcome,x${SECRET}"y,open-rate,2026-09,0.4\n` });
    const output = await lintJson(root);
    const finding = output.findings.find((f) => f.file === 'journeys/metrics/2026.csv')!;
    expect(finding).toMatchObject({ line: 3 });
    expect(finding.message).toMatch(/^CSV syntax error: a quote inside a value/);
    expect(JSON.stringify(output)).not.toContain(SECRET);
  });
});

describe('ignore: in journeys.config.yaml', () => {
  const config = 'ignore:\n  - journeys/legacy/**\n  - "**/*.draft.journey.yaml"\n  - scratch/\n';
  const files = {
    'journeys.config.yaml': config,
    'journeys/legacy/old.journey.yaml': 'journey: old\nstages: [\n',
    'journeys/legacy/deeper/older.journey.yaml': 'not: [valid\n',
    'journeys/next.draft.journey.yaml': 'journey: next\n  broken: yes\n',
    'journeys/team/idea.draft.journey.yaml': 'also broken: [\n',
    'journeys/scratch/notes.journey.yaml': 'broken too: [\n',
  };

  it('skips the files it names: exit 0, and the count in the closing line', async () => {
    const root = repo(files);
    const run = await journeys(['lint', '.', '--today', TODAY], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('✔ No problems in 1 journey, 1 touchpoint in 3 files; 5 files skipped (ignore: in journeys.config.yaml).\n');
  });

  it('gives the count in the JSON summary, and 0 without any pattern', async () => {
    expect((await lintJson(repo(files))).summary).toMatchObject({ ignored: 5, skipped: 0, errors: 0 });
    expect((await lintJson(repo())).summary).toMatchObject({ ignored: 0, skipped: 0 });
  });

  it('says what is wrong with a pattern it cannot use', async () => {
    const root = repo({ 'journeys.config.yaml': 'ignore:\n  - "!journeys/keep.journey.yaml"\n  - 3\n' });
    const output = await lintJson(root);
    const problems = output.findings.filter((finding) => finding.file === 'journeys.config.yaml' && finding.rule === 'schema');
    expect(problems.map((finding) => finding.line).sort()).toEqual([2, 3]);
    expect(output.summary.journeys).toBe(1);
  });
});
