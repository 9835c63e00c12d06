/**
 * A rule's options in journeys.config.yaml are checked by the configuration's schema,
 * compiled ahead (src/load/schema-validators.js): the JSON Schema compiler is loaded only
 * to say what is wrong with options that are not valid, and says it as before.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../src/index.ts';
import { cleanJourney, OWNERS, writeRepo } from './helpers/repo.ts';

/** Checks the repository in a process of its own; says the configuration's errors and whether ajv's compiler was loaded. */
function checkedAlone(config: string): { errors: string[]; compilerLoaded: boolean } {
  const root = writeRepo({ 'journeys.config.yaml': config, 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() });
  const api = pathToFileURL(join(import.meta.dirname, '..', 'src', 'index.ts')).href;
  const script = [
    `import { createRequire } from 'node:module';`,
    `import { check } from ${JSON.stringify(api)};`,
    `const result = check(${JSON.stringify(root)}, { today: '2026-06-01' });`,
    `const loaded = Object.keys(createRequire(import.meta.url).cache).some((path) => path.replaceAll('\\\\', '/').endsWith('/ajv/dist/ajv.js'));`,
    `process.stdout.write(JSON.stringify({ errors: result.configErrors.map((error) => error.message), compilerLoaded: loaded }));`,
  ].join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { errors: string[]; compilerLoaded: boolean };
}

describe('rule options in the configuration', () => {
  it('are checked without compiling a schema when they are valid: every option of every rule at its default', () => {
    const lines = ['rules:'];
    for (const rule of builtInRules) if (rule.meta.defaults && Object.keys(rule.meta.defaults).length > 0) lines.push(`  ${rule.meta.id}: [${rule.meta.severity}, ${JSON.stringify(rule.meta.defaults)}]`);
    expect(lines.length).toBeGreaterThan(3);
    expect(checkedAlone(`${lines.join('\n')}\n`)).toEqual({ errors: [], compilerLoaded: false });
  });

  it('that are not valid are said as before, option by option', () => {
    const { errors, compilerLoaded } = checkedAlone('rules:\n  stale-journey: [warning, { max-age: 5, maxage: 3 }]\n  empty-stage: [error, { strict: true }]\n');
    expect(compilerLoaded).toBe(true);
    expect(errors).toEqual([
      'Rule "empty-stage" takes no options.',
      'Rule "stale-journey", its options: must NOT have additional properties "maxage" (did you mean "max-age"?).',
      'Rule "stale-journey", option "max-age": must be string.',
    ]);
  });
});
