import { describe, expect, it } from 'vitest';
import { cell } from '../src/diff/markdown.ts';
import { wordDiffMarkdown } from '../src/diff/words.ts';

describe('a value in the pull-request comment', () => {
  it('cannot open HTML, end a table cell, start code or a link, or break the line', () => {
    expect(cell('<b>a|b</b> `x` [l](u)\nnext')).toBe('&lt;b&gt;a&#124;b&lt;/b&gt; &#96;x&#96; &#91;l](u)<br>next');
  });

  it('mentions nobody: an @name in a journey does not notify a GitHub user or team', () => {
    expect(cell('Write to @support or @acme/crm')).toBe('Write to @\u200bsupport or @\u200bacme/crm');
    expect(cell('an address: help@acme.example')).toBe('an address: help@\u200bacme.example');
  });

  it('is cut at its limit, and shows other values as JSON', () => {
    expect(cell('abcdef', 4)).toBe('abc…');
    expect(cell({ every: '3d', times: 2 })).toBe('{"every":"3d","times":2}');
    expect(cell(undefined)).toBe('');
  });
});

describe('a text changed, word by word', () => {
  it('strikes the removed words and bolds the added ones, the rest as written', () => {
    expect(wordDiffMarkdown('Your fee is 10 EUR per month.', 'Your fee is 5 EUR per month.')).toBe('Your fee is ~~10~~ **5** EUR per month.');
    expect(wordDiffMarkdown('a b c', 'a c')).toBe('a ~~b~~ c');
  });

  it('escapes the emphasis the user wrote, so that only the changes are marked, and stays HTML-safe', () => {
    expect(wordDiffMarkdown('Pay *now* <b>', 'Pay ~later~ <b>')).toBe('Pay ~~\\*now\\*~~ **\\~later\\~** &lt;b&gt;');
  });
});
