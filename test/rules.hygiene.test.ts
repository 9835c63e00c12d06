import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../src/index.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const catalog = (() => {
  try {
    return readFileSync(new URL('../../shared/spec/RULES.md', import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
})();

describe('every rule', () => {
  it('has a unique id', () => {
    const ids = builtInRules.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(builtInRules.map((rule) => [rule.meta.id, rule] as const))('%s is documented and tested by its metadata', (id, rule) => {
    const { meta } = rule;
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(existsSync(new URL(`../src/rules/${id}.ts`, import.meta.url))).toBe(true);
    expect(meta.description.length).toBeGreaterThan(10);
    expect(meta.rationale.length).toBeGreaterThan(10);
    expect(meta.fix.length).toBeGreaterThan(10);
    expect(meta.examples.fail.length).toBeGreaterThan(0);
    expect(meta.examples.pass.length).toBeGreaterThan(0);
    for (const example of meta.examples.fail) expect(example.findings?.length ?? 0).toBeGreaterThan(0);
    expect(Boolean(meta.options)).toBe(Boolean(meta.defaults));
    for (const name of Object.keys(meta.defaults ?? {})) expect(Object.keys((meta.options?.properties ?? {}) as object)).toContain(name);
  });

  it.each(builtInRules.map((rule) => [rule.meta.id, rule] as const))('%s is in the README table', (id, rule) => {
    expect(readme).toContain(`| \`${id}\` | ${rule.meta.severity} | ${rule.meta.description} |`);
  });

  it.runIf(catalog !== undefined).each(builtInRules.map((rule) => [rule.meta.id, rule] as const))(
    '%s has the default severity of the catalogue',
    (id, rule) => {
      const row = catalog!.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row, `${id} is in RULES.md`).toBeDefined();
      expect(row!.split('|')[2]!.trim()).toBe(rule.meta.severity);
    },
  );
});
