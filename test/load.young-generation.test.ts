import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OWNERS, writeRepo } from './helpers/repo.ts';

/** A journey of `count` touchpoints: what 1,000 of them allocate makes V8 grow a young generation left free to. */
function journey(id: string, count: number): string {
  const lines = [`journey: ${id}`, 'version: 1', `title: Journey ${id}`, 'owner: team-crm', 'stages:', '  - id: start', 'touchpoints:'];
  for (let n = 0; n < count; n += 1) {
    lines.push(`  - id: step-${n}`, '    stage: start', '    channel: email', '    owner: team-crm', `    after: ${n}d`, '    message:', `      text: Message number ${n} of ${id}, a sentence of some length.`);
  }
  return `${lines.join('\n')}\n`;
}

const MB = 1024 * 1024;

/**
 * Runs, in a process of its own (V8's settings are the process's), a load of a repository
 * of 600 journeys with the young generation bounded or not, then keeps allocating: says the
 * young generation's size at the start, after the load, and after the allocations.
 */
function sizes(bounded: boolean | 'by another copy', { cached = false }: { readonly cached?: boolean } = {}): { start: number; loaded: number; after: number } {
  const files: Record<string, string> = { 'journeys/owners.yaml': OWNERS };
  for (let n = 0; n < 600; n += 1) files[`journeys/j-${n}.journey.yaml`] = journey(`j-${n}`, 30);
  const root = writeRepo(files);
  const load = `loadRepository(${JSON.stringify(root)}, { parallel: false${cached ? ', cache: {}, onFile: () => { parsedFiles += 1; }' : ''} })`;
  if (cached) {
    // The cache written by another process: the probe's load restores every file from it, parsing none.
    const module = JSON.stringify(pathToFileURL(join(import.meta.dirname, '..', 'src', 'load', 'repository.ts')).href);
    const write = spawnSync(process.execPath, ['--input-type=module', '-e', `import { loadRepository } from ${module}; let parsedFiles = 0; ${load}.saveCache();`], { encoding: 'utf8' });
    if (write.status !== 0) throw new Error(write.stderr);
  }
  const src = (path: string): string => pathToFileURL(join(import.meta.dirname, '..', 'src', path)).href;
  const script = join(root, 'probe.mts');
  writeFileSync(
    script,
    [
      `import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';`,
      // Another copy of the module (another URL), as Vite runs one for site code that imports the engine by name.
      `import { boundYoungGeneration } from ${JSON.stringify(`${src('load/young-generation.ts')}${bounded === 'by another copy' ? '?copy' : ''}`)};`,
      `import { loadRepository } from ${JSON.stringify(src('load/repository.ts'))};`,
      `const young = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;`,
      `${bounded ? `boundYoungGeneration(${8 * MB});` : `setFlagsFromString('--semi-space-growth-factor=1');`}`,
      `const start = young();`,
      `let parsedFiles = 0;`,
      `const kept = [${load}];`,
      `if (parsedFiles > 0) throw new Error(parsedFiles + ' files were parsed, not restored from the cache');`,
      `const loaded = young();`,
      `for (let n = 0; n < 2e6; n += 1) kept.push({ n, text: 'kept ' + n });`,
      `process.stdout.write(JSON.stringify({ start, loaded, after: young(), journeys: kept[0].repo.journeys.length }));`,
    ].join('\n'),
  );
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const result = JSON.parse(run.stdout) as { start: number; loaded: number; after: number; journeys: number };
  expect(result.journeys).toBe(600);
  return result;
}

describe('the young generation of the command line', () => {
  it('grows while many files are parsed, up to its bound, and no further after', () => {
    const { start, loaded, after } = sizes(true);
    expect(loaded).toBeGreaterThan(start);
    expect(loaded).toBeLessThanOrEqual(8 * MB);
    expect(after).toBe(loaded);
  });

  it('grows while many files are restored from the lint cache, past the bound of a parse up to its own (twice that)', () => {
    const { loaded, after } = sizes(true, { cached: true });
    expect(loaded).toBeGreaterThan(8 * MB);
    expect(loaded).toBeLessThanOrEqual(16 * MB);
    expect(after).toBe(loaded);
  });

  it('grows to the bound that another copy of the engine set (Vite runs one for site code)', () => {
    const { start, loaded, after } = sizes('by another copy');
    expect(loaded).toBeGreaterThan(start);
    expect(loaded).toBeLessThanOrEqual(8 * MB);
    expect(after).toBe(loaded);
  });

  it('stays at its first size when it is kept so without a bound', () => {
    const { start, loaded, after } = sizes(false);
    expect(loaded).toBe(start);
    expect(after).toBe(start);
  });
});

describe('the parse worker', () => {
  it('is one for the process, whichever copy of the engine asks for it', () => {
    const src = pathToFileURL(join(import.meta.dirname, '..', 'src', 'load', 'parse-worker-thread.ts')).href;
    const script = join(writeRepo({}), 'probe.mts');
    writeFileSync(
      script,
      [
        `const cli = await import(${JSON.stringify(src)});`,
        `const site = await import(${JSON.stringify(`${src}?copy`)});`,
        `const first = cli.parseWorker();`,
        `process.stdout.write(JSON.stringify({ copies: cli !== site, started: first !== undefined, same: site.parseWorker() === first }));`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, JOURNEYS_PARALLEL: '' } });
    if (run.status !== 0) throw new Error(run.stderr);
    expect(JSON.parse(run.stdout)).toEqual({ copies: true, started: true, same: true });
  });
});
