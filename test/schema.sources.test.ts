/**
 * The parts of the JSON schemas that have another source are written from it
 * (scripts/config-schema.ts, run by `npm run schema:compile`): the configuration's
 * `rules` section from the rules' metadata, the duration pattern from the parser.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedSchemas, rulesSection } from '../scripts/config-schema.ts';
import { builtInRules, type Rule } from '../src/index.ts';
import { DURATION_PATTERN } from '../src/model/duration.ts';
import { config as validateConfig } from '../src/load/schema-validators.js';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('the schemas', () => {
  it('are what npm run schema:compile writes from the rules and the duration grammar', () => {
    const generated = generatedSchemas();
    expect([...generated.keys()].sort()).toEqual(['schema/config.schema.json', 'schema/journey.schema.json', 'schema/scenario.schema.json']);
    for (const [path, text] of generated) expect(read(path), `${path} differs: run npm run schema:compile`).toBe(text);
    expect(read('schema/journey.schema.json')).toContain(JSON.stringify(DURATION_PATTERN));
  });

  it("describe each built-in rule's options in the configuration's rules section", () => {
    const { properties } = JSON.parse(read('schema/config.schema.json')).properties.rules as { properties: Record<string, unknown> };
    expect(Object.keys(properties)).toEqual(builtInRules.map((rule) => rule.meta.id));
    for (const rule of builtInRules) {
      for (const [name, value] of Object.entries(rule.meta.defaults ?? {})) {
        expect(validateConfig({ rules: { [rule.meta.id]: [rule.meta.severity, { [name]: value }] } }), `${rule.meta.id}.${name}`).toBe(true);
      }
      if (rule.meta.options) expect(validateConfig({ rules: { [rule.meta.id]: [rule.meta.severity, { 'no-such-option': 1 }] } }), rule.meta.id).toBe(false);
    }
    expect(validateConfig({ rules: { 'priority-gap': ['info', { 'min-importance': 9 }] } })).toBe(false);
    expect(validateConfig({ rules: { parse: 'off' } })).toBe(false);
  });

  it('follow a rule that gains an option', () => {
    const base = builtInRules.find((rule) => rule.meta.id === 'missing-kpi')!;
    const grown: Rule = { ...base, meta: { ...base.meta, options: { type: 'object', properties: { strict: { type: 'boolean' } }, additionalProperties: false }, defaults: { strict: true } } };
    const section = rulesSection([grown], {}) as { description: string; properties: Record<string, { else: { prefixItems: unknown[] } }> };
    expect(section.description).toContain('- missing-kpi (info): A touchpoint with no KPI. Options: "strict" (default true).');
    expect(section.properties['missing-kpi']!.else.prefixItems[1]).toMatchObject({ properties: { strict: { type: 'boolean', default: true } }, additionalProperties: false });
  });
});
