import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/load/parse-yaml.ts';

const JOURNEY = `journey: welcome
version: 1
title: Welcome
stages:
  - id: start
touchpoints:
  - id: first-mail
    stage: start
    channel: email
    after: 1d
    message: { subject: Hello, text: "Welcome aboard" }
  - channel: sms
    id: reminder
    stage: start
    kpis: [{ metric: open-rate, target: 0.4 }]
    __proto__: { polluted: true }
    constructor: kept as a field
`;

/** The text of `value` with its keys in their order and its objects' prototypes named. */
function shape(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? { prototype: Object.getPrototypeOf(item) === Object.prototype ? 'Object' : String(Object.getPrototypeOf(item)), entries: Object.entries(item) }
      : item,
  );
}

describe('parseYaml mappings', () => {
  it('are the data js-yaml loads: the same keys in the same order, the same values, plain objects', () => {
    const parsed = parseYaml(JOURNEY);
    expect(parsed.ok).toBe(true);
    const data = (parsed as { data: unknown }).data;
    expect(shape(data)).toBe(shape(load(JOURNEY)));
    expect(data).toEqual(load(JOURNEY));
    // A key named __proto__ is a field like any other, never the object's prototype.
    const second = (data as { touchpoints: Record<string, unknown>[] }).touchpoints[1]!;
    expect(Object.hasOwn(second, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(second)).toBe(Object.prototype);
  });

  it('are objects in V8 dictionary mode, which share one shape whatever their fields', () => {
    // V8's own probe, in a process of its own: the flag that allows it is the process's.
    const module = pathToFileURL(join(import.meta.dirname, '..', 'src', 'load', 'parse-yaml.ts')).href;
    const script = [
      `import { parseYaml } from ${JSON.stringify(module)};`,
      `const { data } = parseYaml(${JSON.stringify(JOURNEY)});`,
      `const objects = [data, ...data.touchpoints, data.touchpoints[0].message, data.stages[0]];`,
      `console.log(JSON.stringify(objects.map((object) => %HasFastProperties(object))));`,
    ].join('\n');
    const printed = execFileSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(printed)).toEqual([false, false, false, false, false]);
  });
});
