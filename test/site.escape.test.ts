/**
 * The HTML the site writes itself (site/lib/escape.ts): escaped, and with every
 * character above U+00FF as a character reference, in a string V8 keeps in one byte a
 * character (the pages' build copies a page with any other into twice the memory).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { escapeHtml, oneByteHtml } from '../site/lib/escape.ts';
import { attr, attrs, html, trusted } from '../site/lib/html.ts';

const ESCAPE_MODULE = fileURLToPath(new URL('../site/lib/escape.ts', import.meta.url));

/** How V8 holds each string that `expression` (JavaScript, with `oneByteHtml` in scope) makes: "one" or "two" bytes a character. */
function representations(expressions: readonly string[]): string[] {
  const script = [
    `import { oneByteHtml } from ${JSON.stringify(ESCAPE_MODULE)};`,
    "const print = new Function('s', '%DebugPrint(s)');",
    ...expressions.map((expression) => `print(${expression});`),
  ].join('\n');
  const printed = execFileSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
  // `u"…"` is a string in two bytes a character, `"…"` in one (`#` marks an internalized string).
  return [...printed.matchAll(/^DebugPrint: \S+ \[String\]: (u?)[#"]/gm)].map((match) => (match[1] === 'u' ? 'two' : 'one'));
}

describe('escapeHtml and oneByteHtml', () => {
  it('escape markup, and write characters above U+00FF as references that read as the same text', () => {
    const text = 'Fees < 5 € — “Łódź” & Zürich, 🎉 in "quotes"';
    const html = escapeHtml(text);
    expect(html).toBe('Fees &lt; 5 &#8364; &#8212; &#8220;&#321;ód&#378;&#8221; &amp; Zürich, &#127881; in &quot;quotes&quot;');
    expect(html).not.toMatch(/[^\0-\xff]/u);
    expect(decodeHTML(html)).toBe(text);
    expect(oneByteHtml('<b>Crème brûlée</b>')).toBe('<b>Crème brûlée</b>');
  });

  it('give a string V8 keeps in one byte a character, where a replacement alone keeps two', () => {
    const long = "'A row per channel — a card per touchpoint … and the words of a whole sentence after them'";
    expect(
      representations([
        `${long}.replace(/[^\\0-\\xff]/gu, (c) => '&#' + c.codePointAt(0) + ';')`,
        `oneByteHtml(${long})`,
        `oneByteHtml('plain text, unchanged')`,
      ]),
    ).toEqual(['two', 'one', 'one']);
  });
});

describe('html and attr (site/lib/html.ts)', () => {
  const values = ['plain', 'Fees < 5 & "quoted" \'single\' >', '', 'a&amp;b', '<script>alert(1)</script>', 'x" onmouseover="alert(1)', 0, 42, 1.5];

  it('escape text and attributes as Astro escapes an expression', async () => {
    const { escapeHTML } = await import('astro/runtime/server/escape.js');
    const { addAttribute } = await import('astro/runtime/server/render/util.js');
    for (const value of values) {
      expect(html`<p>${value}</p>`.text, String(value)).toBe(`<p>${escapeHTML(String(value))}</p>`);
      expect(attr('title', value).text, String(value)).toBe(String(addAttribute(value, 'title')));
    }
    expect(attr('title', undefined).text).toBe(String(addAttribute(undefined, 'title')));
    expect(attr('title', null).text).toBe('');
  });

  it('write HTML holes as they are, lists one after the other, and nothing for false, null and undefined', () => {
    const items = ['<a>', 'b'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${false}${null}${undefined}${0}`.text).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>0');
    expect(html`<td>${trusted('<span class="empty">&mdash;</span>')}</td>`.text).toBe('<td><span class="empty">&mdash;</span></td>');
    expect(attrs({ class: 'mark', 'data-id': 'a"b', hidden: undefined }).text).toBe(' class="mark" data-id="a&quot;b"');
  });

  it('write characters above U+00FF as references, in text and attributes alike', () => {
    const made = html`<p${attr('title', '“Łódź” — 🎉')}>${'“Łódź” — 🎉'}</p>`.text;
    expect(made).not.toMatch(/[^\0-\xff]/u);
    expect(decodeHTML(made)).toBe('<p title="“Łódź” — 🎉">“Łódź” — 🎉</p>');
  });
});
