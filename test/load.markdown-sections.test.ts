/**
 * The sections of a Markdown journey's body: the quick reading of plain bodies
 * must give exactly what remark's syntax tree gives, whenever it answers at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownSections, plainSections, splitSections } from '../src/load/markdown.ts';

/** Runs per property; raise it (PROPERTY_RUNS=20000) to search harder. */
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 1500);

/** Words for headings and prose: plain ones, and ones that hold Markdown syntax. */
const WORDS = ['welcome-email', 'card', 'Déclaration', 'step 2', 'a.b', "l'offre", '(SMS)', 'x?', '50%', 'a@b', 'Q&A', '&', '& more', '&copy;', '&#65;', '&x', '#tag', 'foo #', '*em*', '_u_', '`code`', 'a\\_b', '&amp;', '<b>', '[link](x)', '![i](y)', '~~s~~', '\t', '\u00a0', ''];

/** Headings at the start of a line, of any depth (7 is none), with plain or Markdown text. */
const HEADING_LINE = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom('', ' ', '\t', '  '), fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }), fc.constantFrom('', '', ' ', ' #', ' ###', '#'))
  .map(([depth, gap, words, close]) => `${'#'.repeat(depth)}${gap}${words.join(' ')}${close}`);
/** Lines that look like headings but are not at the top level, or not headings at all. */
const NEAR_HEADING_LINE = fc
  .tuple(fc.constantFrom(' ', '  ', '   ', '    ', '\t', '- ', '* ', '1. ', '> ', '>', '  - ', '\\', 'x'), fc.integer({ min: 1, max: 3 }), fc.constantFrom(...WORDS))
  .map(([prefix, depth, word]) => `${prefix}${'#'.repeat(depth)} ${word}`);
/** Other lines a body holds: prose, lists, quotes, code, breaks, definitions. */
const OTHER_LINE = fc.constantFrom('', '', '', '   ', 'Some prose about the step.', 'More text, *emphasis* and `code`.', '- Channel: app', '1. first', '> quoted', '    indented code', '\tindented by a tab', '* * *', '***', '___', '- - -', '[ref]: /url "title', '"', 'a line ending in two spaces  ');
/** Lines that may change where the headings are: the quick reading must leave those to remark. */
const TRAP_LINE = fc.constantFrom('```', '~~~', '``` js', '  ```', '<div>', '<!-- note', '-->', '</div>', '<br>', '===', '---', '  ---', 'text\u2028### hidden', 'a\u2029b');

/** Bodies mostly of lines the quick reading accepts, with now and then a trap. */
const BODY = fc
  .tuple(
    fc.array(fc.oneof({ arbitrary: HEADING_LINE, weight: 4 }, { arbitrary: NEAR_HEADING_LINE, weight: 3 }, { arbitrary: OTHER_LINE, weight: 4 }, { arbitrary: TRAP_LINE, weight: 1 }), { maxLength: 16 }),
    fc.constantFrom('\n', '\n', '\n', '\r\n'),
  )
  .map(([lines, eol]) => lines.join(eol));

/** Plain bodies only: prose, lists, quotes and headings with plain text. */
const PLAIN_LINE = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.array(fc.constantFrom('welcome-email', 'card', 'Déclaration', 'step 2', "l'offre"), { maxLength: 2 })).map(([depth, words]) => `${'#'.repeat(depth)} ${words.join(' ')}`),
  fc.constantFrom('', 'Some prose about the step.', 'More text, *emphasis* and `code`.', '- Channel: app', '1. first', '> quoted', '    indented code'),
);
const PLAIN_BODY = fc.array(PLAIN_LINE, { maxLength: 24 }).map((lines) => lines.join('\n'));

describe('sections of a Markdown body', () => {
  it('read without a syntax tree are those of the syntax tree, whenever the quick reading answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(BODY, fc.integer({ min: 0, max: 40 }), (body, lineOffset) => {
        const quick = plainSections(body, lineOffset);
        if (quick === undefined) return;
        answered += 1;
        expect(quick).toEqual(markdownSections(body, lineOffset));
      }),
      { numRuns: NUM_RUNS },
    );
    // The property means something only if the quick reading answers for a good share of the bodies.
    expect(answered).toBeGreaterThan(NUM_RUNS / 10);
  });

  it('are read without a syntax tree for plain bodies of prose, lists, quotes and headings', () => {
    fc.assert(
      fc.property(PLAIN_BODY, (body) => {
        const quick = plainSections(body, 3);
        expect(quick).toBeDefined();
        expect(quick).toEqual(markdownSections(body, 3));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('are left to the syntax tree when a fence, HTML or a setext heading could change them', () => {
    expect(plainSections('### a\n\n```\n### b\n```\n', 0)).toBeUndefined();
    expect(plainSections('### a\n<div>\n### b\n</div>\n', 0)).toBeUndefined();
    expect(plainSections('### a\nTitle\n---\ntext\n', 0)).toBeUndefined();
    expect(plainSections('### `a`\n', 0)).toBeUndefined();
    // The syntax tree then decides: the fenced "### b" is no heading.
    expect(markdownSections('### a\n\n```\n### b\n```\n', 0).map((section) => section.id)).toEqual(['a']);
  });

  it('run from a level-3 heading to the next heading of level 3 or above, with the lines of the file', () => {
    const text = '---\njourney: x\n---\n# Title\n\nIntro.\n\n## Stage\n\n### welcome-email\n\nSent at once.\n\n- Channel: email\n\n#### Detail\n\nStill part of it.\n\n### reminder\nLater.\n## Next stage\n';
    expect(splitSections(text, text.indexOf('# Title'))).toEqual({
      body: { markdown: text.slice(text.indexOf('# Title')).trim(), line: 4 },
      byHeading: [
        { id: 'welcome-email', line: 10, narrative: { markdown: 'Sent at once.\n\n- Channel: email\n\n#### Detail\n\nStill part of it.', line: 11 } },
        { id: 'reminder', line: 20, narrative: { markdown: 'Later.', line: 21 } },
      ],
    });
  });
});
