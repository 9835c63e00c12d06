import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../src/index.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
/** The rule reference that ships with the package: its table is the catalogue of rules and default severities. */
const reference = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
/** The rows of its summary table, from the header to the first line that is not a row. */
const catalog = (() => {
  const lines = reference.split('\n');
  const header = lines.indexOf('| rule | default | catches |');
  const end = lines.findIndex((line, index) => index > header && !line.startsWith('|'));
  return header === -1 ? [] : lines.slice(header + 2, end === -1 ? undefined : end);
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

  it.each(builtInRules.map((rule) => [rule.meta.id, rule] as const))('%s has the default severity of the catalogue in docs/rules.md', (id, rule) => {
    const row = catalog.find((line) => line.startsWith(`| \`${id}\` |`));
    expect(row, `${id} is in docs/rules.md (run npm run docs)`).toBeDefined();
    expect(row!.split('|')[2]!.trim()).toBe(rule.meta.severity);
    expect(reference).toContain(`\n## ${id}\n\nDefault severity: **${rule.meta.severity}**.`);
  });

  it('the catalogue in docs/rules.md lists no rule that is not registered', () => {
    const listed = catalog.map((line) => /^\| `([a-z0-9-]+)` \|/.exec(line)?.[1]);
    expect(listed).toEqual(builtInRules.map((rule) => rule.meta.id));
  });
});
