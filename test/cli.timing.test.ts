import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../src/rules/index.ts';
import { runJourneys } from './helpers/cli.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const TABLE_HEAD = /^Rule +\| Time \(ms\) \| Relative\n:-+\|-+:\|-+:\n/;
const ROW = /^([a-z-]+) +\| +\d+\.\d{3} \| +\d+\.\d%$/gm;

describe('JOURNEYS_TIMING', () => {
  const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney('welcome', 'x-note: timed\n') });
  const lint = (env: Record<string, string> = {}) => runJourneys(['lint', '--today', TODAY, '--format', 'json'], root, env);

  it('prints the slowest ten rules on stderr after a lint, and the same output on stdout', async () => {
    const [plain, timed] = await Promise.all([lint(), lint({ JOURNEYS_TIMING: '1' })]);
    expect(timed.status).toBe(plain.status);
    expect(timed.stdout).toBe(plain.stdout);
    expect(plain.stderr).not.toMatch(TABLE_HEAD);
    expect(timed.stderr).toMatch(TABLE_HEAD);
    const rules = [...timed.stderr.matchAll(ROW)].map((match) => match[1]!);
    expect(rules).toHaveLength(10);
    const ids = new Set(builtInRules.map((rule) => rule.meta.id));
    for (const rule of rules) expect(ids.has(rule)).toBe(true);
  });

  it('prints every rule that ran with all, and as many as asked with a number', async () => {
    const [all, three] = await Promise.all([lint({ JOURNEYS_TIMING: 'all' }), lint({ JOURNEYS_TIMING: '3' })]);
    expect([...all.stderr.matchAll(ROW)].length).toBeGreaterThan(10);
    expect([...three.stderr.matchAll(ROW)]).toHaveLength(3);
  });

  it('prints nothing when it is 0 or empty', async () => {
    for (const value of ['0', '']) expect((await lint({ JOURNEYS_TIMING: value })).stderr).not.toMatch(/Time \(ms\)/);
  });
});

describe('the start of a command', () => {
  // Every command loads the engine's public API: the libraries of other work wait until they are used.
  it('loads no library a lint of journeys without metrics or a Markdown body does not use', () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney('welcome') });
    const main = pathToFileURL(join(import.meta.dirname, '..', 'src', 'cli', 'main.ts')).href;
    const script = join(root, 'probe.mts');
    writeFileSync(
      script,
      [
        `import { createRequire, registerHooks } from 'node:module';`,
        `const loaded = new Set();`,
        `const note = (where) => { const found = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(where); if (found) loaded.add(found[1].replace('\\\\', '/')); };`,
        `registerHooks({ load(url, context, next) { note(url); return next(url, context); }, resolve(specifier, context, next) { const resolved = next(specifier, context); note(resolved.url); return resolved; } });`,
        `const Module = createRequire(import.meta.url)('node:module');`,
        `const load = Module._load;`,
        `Module._load = function (request, parent, isMain) { try { note(Module._resolveFilename(request, parent)); } catch {} return load.apply(this, arguments); };`,
        `const { main } = await import(${JSON.stringify(main)});`,
        `const quiet = { write: () => true, isTTY: false };`,
        `const status = await main(['lint', ${JSON.stringify(root)}, '--today', '${TODAY}'], { cwd: ${JSON.stringify(root)}, env: {}, stdout: quiet, stderr: quiet, now: () => new Date() });`,
        `process.stdout.write(JSON.stringify({ status, loaded: [...loaded].sort() }));`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    const { status, loaded } = JSON.parse(run.stdout) as { status: number; loaded: string[] };
    expect(status).toBe(0);
    // The probe sees what the lint loads: the YAML parser it reads journeys with.
    expect(loaded).toContain('js-yaml');
    for (const library of ['yaml', 'csv-parse', 'exceljs', 'date-holidays', 'unified', 'remark-parse', 'astro', 'mermaid', 'pagefind']) expect(loaded).not.toContain(library);
  });
});
