import { describe, expect, it } from 'vitest';
import { createLocator } from '../src/load/positions.ts';
import type { SourceFile } from '../src/model/types.ts';

function locator(text: string, yamlStart = 0, yamlEnd = text.length) {
  const file: SourceFile = { path: 'f.yaml', kind: 'journey', text, yamlStart, yamlEnd, data: undefined };
  return createLocator(file);
}

const TEXT = [
  '# a comment',
  'journey: welcome',
  'title: "Quoted title"',
  'stages:',
  '  - id: start',
  'touchpoints:',
  '  - id: welcome-email',
  '    message:',
  '      text: |',
  '        Hello',
  '        there',
  '    tools: [crm, &x mail, *x]',
  '',
].join('\n');

describe('positions', () => {
  const at = locator(TEXT);

  it('finds values, keys and mappings', () => {
    expect(at.locate(['journey'])).toMatchObject({ line: 2, column: 10, endLine: 2, endColumn: 17 });
    expect(at.locate(['journey'], true)).toMatchObject({ line: 2, column: 1 });
    expect(at.locate([])).toMatchObject({ line: 2, column: 1 });
  });

  it('puts a list item mapping at its first key, the line of "- id:"', () => {
    expect(at.locate(['touchpoints', 0])).toMatchObject({ line: 7, column: 5 });
    expect(at.locate(['stages', 0, 'id'])).toMatchObject({ line: 5, column: 9 });
  });

  it('includes the quotes of a quoted scalar', () => {
    expect(at.locate(['title'])).toMatchObject({ line: 3, column: 8, endColumn: 22 });
  });

  it('puts a block scalar at its first line of text', () => {
    expect(at.locate(['touchpoints', 0, 'message', 'text'])).toMatchObject({ line: 10, column: 9 });
  });

  it('finds flow items, anchors and aliases', () => {
    expect(at.locate(['touchpoints', 0, 'tools', 1])).toMatchObject({ line: 12, column: 18 });
    expect(at.locate(['touchpoints', 0, 'tools', 2])).toMatchObject({ line: 12, column: 27 });
  });

  it('falls back to the deepest existing ancestor for a missing node', () => {
    expect(at.locate(['touchpoints', 0, 'owner'])).toMatchObject({ line: 7, column: 5 });
    expect(at.locate(['touchpoints', 0, 'owner'], true)).toMatchObject({ line: 7, column: 5 });
    expect(at.locate(['nothing', 3])).toMatchObject({ line: 2, column: 1 });
  });

  it('reports lines of the whole file for front matter', () => {
    const md = '---\njourney: welcome\ntitle: T\n---\n# Body\n';
    const front = locator(md, 4, md.indexOf('---', 4));
    expect(front.locate(['title'])).toMatchObject({ line: 3, column: 8 });
  });

  it('never throws on text that is not YAML', () => {
    expect(locator('a: [\n  b: }').locate(['a'])).toMatchObject({ line: 1, column: 1 });
  });
});
