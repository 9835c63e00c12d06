/**
 * The user's path, as a user takes it: this repository packed with `npm pack`, the
 * tarball installed into a fresh folder by the README's own install block (install
 * scripts not approved by hand), `journeys init`, then every command that
 * `journeys --help` lists, on every Node major that package.json's `engines` names.
 *
 * Node binaries other than the one running the tests come from the npm registry
 * (node-<platform>-<arch>), kept in node_modules/.cache between runs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFile } from '../src/load/cache.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PKG = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; engines: { node: string } };
const CACHE = join(REPO, 'node_modules', '.cache', 'journeys-e2e');

// ---------------------------------------------------------------- Node versions

/** The majors a `>=X.Y.Z` range names, up to the latest: the even (long-term) ones and the latest. */
function majorsNamed(range: string, latest: number): number[] {
  const match = /^>=\s*(\d+)\.\d+\.\d+$/.exec(range.trim());
  if (!match) throw new Error(`engines.node "${range}" is not a ">=x.y.z" range: teach this test to read it.`);
  const first = Number(match[1]);
  const majors: number[] = [];
  for (let major = first; major <= latest; major += 1) if (major % 2 === 0 || major === latest) majors.push(major);
  return majors;
}

function npm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
}

/** The folder holding a `node` binary of this major: the running one, or one from the registry. */
function nodeBinFolder(major: number): string {
  if (Number(process.versions.node.split('.')[0]) === major) return dirname(process.execPath);
  const dir = join(CACHE, `node-${major}`);
  const pkg = `node-${process.platform}-${process.arch}`;
  const bin = join(dir, 'node_modules', pkg, 'bin');
  if (!existsSync(join(bin, 'node'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
    npm(['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `${pkg}@${major}`], dir);
  }
  return bin;
}

// ---------------------------------------------------------------- running

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}, 120_000);

/**
 * The environment of a user whose PATH finds this Node first: the machine's own (its
 * certificates, proxies, home), without what npm and vitest add for the test run.
 */
function userEnv(nodeBin: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|NODE_OPTIONS$|NODE$|INIT_CWD$|FORCE_COLOR$|TEST$)/i.test(name)) continue;
    env[name] = value;
  }
  // Without the npm-run folders (node_modules/.bin of this repository) that the test runner's PATH holds.
  const path = (process.env.PATH ?? '').split(delimiter).filter((part) => !part.includes('node_modules') && !part.includes('node-gyp-bin'));
  return { ...env, PATH: [nodeBin, ...path].join(delimiter), CI: 'true', NO_COLOR: '1' };
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 300_000): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
  });
}

/** A shell line of the README run as written, the package name swapped for the tarball. */
function readmeLine(line: string, tarball: string): readonly string[] {
  const words = line.trim().split(/\s+/);
  return words.map((word) => (word === PKG.name ? tarball : word));
}

/** The lines of the README's install block: the first `sh` block under "## Install". */
function installBlock(): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Install'));
  if (!section) throw new Error('README.md has no "## Install" section');
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('The Install section of README.md has no sh block');
  return block[1]!
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

/** The commands `journeys --help` lists. */
function listedCommands(help: string): string[] {
  const section = help.split(/^Commands:\n/m)[1] ?? '';
  return section
    .split('\n\n')[0]!
    .split('\n')
    .map((line) => /^\s+([a-z-]+)\s/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

async function waitForPage(url: string, ms: number): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const response = await fetch(url);
      return { status: response.status, body: await response.text() };
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

// ---------------------------------------------------------------- the path

let tarball: string;
const LATEST = Number(npm(['view', `node-${process.platform}-${process.arch}`, 'version'], REPO).trim().split('.')[0]);
const MAJORS = majorsNamed(PKG.engines.node, LATEST);

beforeAll(() => {
  const packs = mkdtempSync(join(tmpdir(), 'journeys-pack-'));
  made.push(packs);
  // prepack compiles lib/, exactly as a publish would.
  const name = npm(['pack', '--pack-destination', packs, '--silent'], REPO).trim().split('\n').pop()!;
  tarball = join(packs, name);
}, 300_000);

describe('the package, installed in a repository of its own', () => {
  it('names every Node major it supports in engines, the README saying the same', () => {
    expect(MAJORS.length).toBeGreaterThanOrEqual(2);
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const floor = /^>=\s*(\d+\.\d+)/.exec(PKG.engines.node)![1]!;
    expect(readme).toContain(`Node.js ${floor}`);
  });

  it('publishes what users need and nothing of the tool’s own development', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(listing).toContain('package/lib/cli/main.js');
    expect(listing).toContain('package/lib/index.d.ts');
    expect(listing).toContain('package/schema/journey.schema.json');
    expect(listing.some((file) => file.startsWith('package/site/pages/'))).toBe(true);
    for (const prefix of ['package/test/', 'package/scripts/', 'package/journeys/', 'package/src/', 'package/.github/', 'package/node_modules/']) {
      expect(listing.filter((file) => file.startsWith(prefix))).toEqual([]);
    }
  });

  for (const major of MAJORS) {
    it(`works on Node ${major}: install, init, then every command of journeys --help`, async () => {
      const nodeBin = nodeBinFolder(major);
      const env = userEnv(nodeBin);
      const user = mkdtempSync(join(tmpdir(), `journeys-user-${major}-`));
      made.push(user);
      const version = await run(join(nodeBin, 'node'), ['--version'], user, env);
      expect(version.stdout.trim()).toMatch(new RegExp(`^v${major}\\.`));
      execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: user });

      // The README's install block, as written.
      for (const line of installBlock()) {
        const [command, ...args] = readmeLine(line, tarball);
        const result = await run(command!, args, user, env);
        expect(result.status, `${line}\n${result.stdout}\n${result.stderr}`).toBe(0);
        expect(result.stderr).not.toMatch(/EBADENGINE/);
      }
      const journeys = (args: readonly string[], timeout?: number): Promise<Run> => run('npx', ['--no-install', 'journeys', ...args], user, env, timeout);
      const files = readdirSync(join(user, 'journeys'));
      const journeyFile = files.find((file) => file.endsWith('.journey.yaml'))!;
      expect(journeyFile).toBeDefined();

      const help = await journeys(['--help']);
      expect(help.status).toBe(0);
      const commands = listedCommands(help.stdout);
      const checked = new Set<string>(['init']);

      // lint: clean, then a touchpoint's owner removed is found at its line.
      checked.add('lint');
      const clean = await journeys(['lint']);
      expect(clean.status, clean.stdout + clean.stderr).toBe(0);
      execFileSync('git', ['add', '-A'], { cwd: user });
      execFileSync('git', ['-c', 'user.name=CX team', '-c', 'user.email=cx@bank.example', 'commit', '-qm', 'Journeys set up'], { cwd: user });
      const path = join(user, 'journeys', journeyFile);
      const lines = readFileSync(path, 'utf8').split('\n');
      const firstTouchpoint = lines.findIndex((line) => /^\s*touchpoints:/.test(line));
      const ownerLine = lines.findIndex((line, index) => index > firstTouchpoint && /^\s+owner:/.test(line));
      const touchpointLine = lines.slice(0, ownerLine).findLastIndex((line) => /^\s+- id:/.test(line));
      expect(ownerLine).toBeGreaterThan(firstTouchpoint);
      writeFileSync(path, lines.filter((_, index) => index !== ownerLine).join('\n'));
      const broken = await journeys(['lint', '--format', 'json']);
      expect(broken.status).toBe(1);
      const findings = (JSON.parse(broken.stdout) as { findings: { rule: string; file: string; line: number }[] }).findings;
      expect(findings).toContainEqual(expect.objectContaining({ rule: 'missing-owner', file: `journeys/${journeyFile}`, line: touchpointLine + 1 }));
      // The cache, keyed by the installed package's version, gives the same findings from its second run.
      const cached = [await journeys(['lint', '--format', 'json', '--cache']), await journeys(['lint', '--format', 'json', '--cache'])];
      expect(cached.map((run) => run.stdout)).toEqual([broken.stdout, broken.stdout]);
      expect(cached.map((run) => run.stderr)).toEqual(['', '']);
      expect(existsSync(cacheFile(user, undefined).file)).toBe(true);

      checked.add('diff');
      const diff = await journeys(['diff', '--base', 'HEAD']);
      expect(diff.status, diff.stderr).toBe(0);
      expect(diff.stdout).toContain('missing-owner');
      writeFileSync(path, lines.join('\n'));

      checked.add('simulate');
      const simulated = await journeys(['simulate']);
      expect(simulated.status, simulated.stdout + simulated.stderr).toBe(0);
      expect(simulated.stdout).toMatch(/Scenario \S+/);

      checked.add('score');
      const score = await journeys(['score']);
      expect(score.status, score.stderr).toBe(0);
      expect(score.stdout).toMatch(/Company/);

      checked.add('explain');
      const explained = await journeys(['explain', 'missing-owner']);
      expect(explained.status).toBe(0);
      expect(explained.stdout).toContain('missing-owner');

      checked.add('new');
      const written = await journeys(['new', 'card-renewal']);
      expect(written.status, written.stderr).toBe(0);
      const schema = /\$schema=(\S+)/.exec(readFileSync(join(user, 'journeys', 'card-renewal.journey.yaml'), 'utf8'));
      if (schema) expect(existsSync(resolve(user, 'journeys', schema[1]!)), `$schema=${schema[1]} resolves`).toBe(true);
      expect((await journeys(['lint'])).status).toBe(0);

      checked.add('import');
      const team = /- id: (\S+)/.exec(readFileSync(join(user, 'journeys', 'owners.yaml'), 'utf8'))![1]!;
      writeFileSync(join(user, 'inventaire.csv'), `Étape;Point de contact;Canal;Responsable;Délai;KPI;Cible\nAccueil;E-mail de bienvenue;E-mail;${team};J+2;open-rate;0,45\n`);
      const imported = await journeys(['import', 'inventaire.csv', '--journey', 'welcome-inventory']);
      expect(imported.status, imported.stdout + imported.stderr).toBe(0);
      expect(readFileSync(join(user, 'journeys', 'welcome-inventory.journey.yaml'), 'utf8')).toContain('after: 2d');
      const linted = await journeys(['lint']);
      expect(linted.status, linted.stdout).toBe(0);

      checked.add('export');
      const exported = await journeys(['export', '--format', 'xlsx', '-o', 'review.xlsx']);
      expect(exported.status, exported.stderr).toBe(0);
      expect(readFileSync(join(user, 'review.xlsx')).subarray(0, 2).toString()).toBe('PK');

      checked.add('codeowners');
      const ownersPath = join(user, 'journeys', 'owners.yaml');
      writeFileSync(ownersPath, readFileSync(ownersPath, 'utf8').replace(/^( +)- id: (\S+)\n/gm, '$1- id: $2\n$1  github: "@acme/$2"\n'));
      const codeowners = await journeys(['codeowners']);
      expect(codeowners.status, codeowners.stdout + codeowners.stderr).toBe(0);
      expect(readFileSync(join(user, '.github', 'CODEOWNERS'), 'utf8')).toMatch(new RegExp(`^/journeys/${journeyFile.replace(/\./g, '\\.')} @acme/`, 'm'));
      expect((await journeys(['codeowners', '--check'])).status).toBe(0);
      expect((await journeys(['lint'])).status).toBe(0);

      checked.add('build');
      const built = await journeys(['build'], 240_000);
      expect(built.status, built.stdout + built.stderr).toBe(0);
      const journeyId = journeyFile.replace(/\.journey\.yaml$/, '');
      const page = readFileSync(join(user, 'dist', 'journeys', journeyId, 'index.html'), 'utf8');
      expect(page).toContain('data-mermaid');
      expect(existsSync(join(user, 'dist', 'pagefind'))).toBe(true);
      // Mermaid as its package ships it, copied into the site (astro.config.mjs, mermaidAsShipped).
      const mermaidModule = `_mermaid/${(JSON.parse(readFileSync(join(user, 'node_modules', 'mermaid', 'package.json'), 'utf8')) as { version: string }).version}/mermaid.esm.min.mjs`;
      expect(readFileSync(join(user, 'dist', mermaidModule), 'utf8')).toMatch(/^import/);
      // What Astro generates for a build (.astro/: types, content modules) is in the build's own work
      // folder, removed with it: two builds at once from one installation share none of it.
      const generated = join(user, 'node_modules', 'journeys-as-code', '.astro');
      expect(existsSync(generated) ? readdirSync(generated) : []).toEqual([]);

      checked.add('dev');
      const port = 43_000 + major;
      const dev: ChildProcess = spawn('npx', ['--no-install', 'journeys', 'dev', '--port', String(port)], { cwd: user, env, stdio: 'ignore', detached: true });
      try {
        const served = await waitForPage(`http://127.0.0.1:${port}/journeys/${journeyId}/`, 90_000);
        expect(served.status).toBe(200);
        const mermaid = await waitForPage(`http://127.0.0.1:${port}/${mermaidModule}`, 30_000);
        expect({ status: mermaid.status, start: mermaid.body.slice(0, 6) }).toEqual({ status: 200, start: 'import' });
      } finally {
        process.kill(-dev.pid!, 'SIGTERM');
      }

      expect(commands.filter((name) => !checked.has(name)), 'commands of journeys --help that this test does not run').toEqual([]);
    }, 900_000);
  }
});
