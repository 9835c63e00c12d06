import { describe, expect, it } from 'vitest';
import { createLocator, keepEvents } from '../src/load/positions.ts';
import { parseYaml } from '../src/load/parse-yaml.ts';
import { eventType, nextNode, readNode } from '../src/load/yaml-events.ts';
import { EVENT_ID } from 'js-yaml';
import type { Path, SourceFile } from '../src/model/types.ts';

/** YAML in the shapes that place nodes in odd ways: anchors, tags, aliases and block scalars as keys, empty values and keys, flow and block styles, escapes. */
const TEXTS = [
  'a: &x {b: 1, c: [1, 2]}\nd: *x\ne: !!str 5\nf: |\n  hello\n  world\n\ng: >-\n  folded\n  text\nh:\ni: &y\nk: \'s\'\'t\'\nl: !!str &z val\n5: five\n"q": 1\n',
  'a: &q 1\n? |\n  block key\n: value\n*q : z\nw: !!map\n  n: 1\nv: !!seq\n- 1\n- &a2\n- ~\n',
  '---\nroot: [a, {b: c}, [d, e], ]\nempty: {}\nlist: []\nnested:\n  - - - deep\n    - x: \n      y: &anc\n  - *anc\n',
  '- 1\n- two\n- x: 1\n  "0": zero\n',
  '&r !!map\na: 1\n',
  'plain\n',
  '"top"\n',
  '{a: 1, b: [x, y], c: {d: e}}\n',
  'a:\n  - b\n  -\n  - c: \n      d:\n',
  '"": 1\nb: {"": 2, c: 3}\n',
  ': x\na: 1\n',
  'a:\n  : 1\n  b: 2\n',
  'escaped "\\u0000": 1\n"a\\0b": {c: 2}\n',
  '# yaml\njourney: j\ntouchpoints:\n  - id: t\n    owner:\n    kpis:\n      - { metric: nps, target: 40 }\n',
];

/** Every path of the data, and paths that lead nowhere or through scalars. */
function pathsOf(data: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(data)) data.forEach((item, index) => pathsOf(item, [...prefix, index], out));
  else if (data !== null && typeof data === 'object') for (const key of Object.keys(data)) pathsOf((data as Record<string, unknown>)[key], [...prefix, key], out);
  return out;
}
const ODD_PATHS: Path[] = [['nope'], ['a', 'nope', 3], [5], ['5'], [0], ['0'], [''], ['', 'x'], ['a', 'b', 'c', 'd'], ['nested', 0, 0, 0, 5], ['list', 0], ['a', 1, 'c', 'd'], ['a\u0000b', 'c'], ['touchpoints', 0, 'owner', 'x']];

describe('positions from the parse that gave the data', () => {
  it('are those of a second parse of the text, for every path, value and key', () => {
    for (const text of TEXTS) {
      const parsed = parseYaml(text, { keepEvents: true });
      if (!parsed.ok) throw new Error(`does not parse: ${text}`);
      const again: SourceFile = { path: 'f.yaml', kind: 'journey', text, yamlStart: 0, yamlEnd: text.length, data: parsed.data };
      const kept: SourceFile = { ...again };
      keepEvents(kept, parsed.events!);
      const [expected, actual] = [createLocator(again), createLocator(kept)];
      expect(actual.scalarRanges, text).toEqual(expected.scalarRanges);
      for (const path of [...pathsOf(parsed.data), ...ODD_PATHS]) {
        expect(actual.locate(path), `${text} at ${JSON.stringify(path)}`).toEqual(expected.locate(path));
        expect(actual.locate(path, true), `${text} at the key of ${JSON.stringify(path)}`).toEqual(expected.locate(path, true));
        expect(actual.range(path), `${text}: range of ${JSON.stringify(path)}`).toEqual(expected.range(path));
      }
    }
  });

  it('skip a node to the one after it as reading it would, whatever its kind', () => {
    for (const text of TEXTS) {
      const parsed = parseYaml(text, { keepEvents: true });
      if (!parsed.ok) throw new Error(`does not parse: ${text}`);
      const packed = parsed.events!;
      let nodes = 0;
      for (let at = 0; at < packed.length; ) {
        const type = eventType(packed, at);
        if (type !== EVENT_ID.SCALAR && type !== EVENT_ID.MAPPING && type !== EVENT_ID.SEQUENCE && type !== EVENT_ID.ALIAS) {
          at += 1;
          continue;
        }
        const node = readNode(packed, at);
        expect(nextNode(packed, at), `${text} at ${at}`).toBe(node.next);
        nodes += 1;
        at = node.children;
      }
      expect(nodes).toBeGreaterThan(0);
    }
  });

  it('are found in the front matter of a Markdown journey, in the coordinates of the whole file', () => {
    const text = '---\njourney: j\nowner: team-a\n---\n\n# J\n';
    const yamlStart = 4;
    const yamlEnd = text.indexOf('---\n', 4);
    const parsed = parseYaml(text.slice(yamlStart, yamlEnd), { keepEvents: true });
    if (!parsed.ok) throw new Error('does not parse');
    const file: SourceFile = { path: 'j.journey.md', kind: 'journey', text, yamlStart, yamlEnd, data: parsed.data };
    keepEvents(file, parsed.events!);
    expect(createLocator(file).locate(['owner'])).toEqual({ line: 3, column: 8, endLine: 3, endColumn: 14 });
    expect(createLocator(file).locate(['owner'], true)).toEqual({ line: 3, column: 1, endLine: 3, endColumn: 6 });
  });
});
