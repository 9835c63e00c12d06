import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SCHEMA_KINDS, validatorsSource, VALIDATORS_FILE } from '../scripts/compile-schemas.ts';
import * as validators from '../src/load/schema-validators.js';
import { validate } from '../src/load/validate.ts';

describe('the compiled schema validators', () => {
  it('are up to date with schema/ (run `npm run schema:compile` after editing a schema)', () => {
    expect(readFileSync(VALIDATORS_FILE, 'utf8') === validatorsSource()).toBe(true);
  });

  it('exist for every kind of YAML file', () => {
    expect(Object.keys(validators).sort()).toEqual([...SCHEMA_KINDS].sort());
  });

  it('judge as the schemas do when compiled at run time', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    const schema = JSON.parse(readFileSync(new URL('../schema/journey.schema.json', import.meta.url), 'utf8')) as object;
    const runtime = ajv.compile(schema);
    const samples: unknown[] = [
      { journey: 'a', version: 1, title: 'A', stages: [{ id: 's' }] },
      { journey: 'Not An Id', version: 0, title: '', stages: 'none', extra: true },
      { journey: 'a', version: 1, title: 'A', stages: [{ id: 's' }], touchpoints: [{ id: 't', stage: 's', channel: 'email', after: 'soon', at: '25:00' }] },
      [],
      // Lengths count characters, not UTF-16 units (withLengthShortcuts): 200 emoji are a title of 200, 201 one too long.
      { journey: 'a', version: 1, title: '🙂'.repeat(200), stages: [{ id: 's', name: '' }] },
      { journey: 'a', version: 1, title: '🙂'.repeat(201), stages: [{ id: 's', name: '🙂' }] },
      { journey: 'a', version: 1, title: `${'a'.repeat(199)}🙂`, stages: [{ id: 's' }] },
    ];
    for (const sample of samples) {
      const expected = runtime(sample);
      expect(validators.journey(sample)).toBe(expected);
      const strip = (errors: typeof runtime.errors) => (errors ?? []).map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message }));
      expect(strip(validators.journey.errors)).toEqual(strip(runtime.errors));
    }
  });

  it('carry the data and schema that the messages are written from', () => {
    expect(validate('journey', { journey: 'a', version: 1, title: 'A', stages: [{ id: 's' }], tittle: 'x' })).toEqual([
      { path: ['tittle'], key: true, message: 'Unknown field "tittle" in this journey (did you mean "title"?). Custom fields start with "x-".' },
    ]);
  });
});
