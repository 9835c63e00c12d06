const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Whether text needs any change at all: most of a page's texts (names, ids, figures) need none, and are looked at once. */
const CHANGES = /[&<>"'\u0100-\uffff]/;

/**
 * Text made safe inside an element or a quoted attribute, for HTML the site writes as text
 * (set:html): escaped as Astro escapes an expression's text, then in one byte a character.
 */
export function escapeHtml(text: string): string {
  return CHANGES.test(text) ? oneByteHtml(text.replace(/[&<>"']/g, (character) => ESCAPES[character]!)) : text;
}

const WIDE = /[^\0-\xff]/u;
const EVERY_WIDE = /[^\0-\xff]/gu;

/** Whether any character of `text` is above U+00FF. */
export function hasWideCharacters(text: string): boolean {
  return WIDE.test(text);
}

/**
 * HTML with its characters above U+00FF written as character references (`—` as
 * `&#8212;`), which a browser reads as the same text, in a string V8 keeps in one byte a
 * character. V8 keeps a string in two bytes a character as soon as one of them is above
 * U+00FF, and Astro joins a page from its pieces: one such piece, and the whole page is
 * copied into memory twice its size before it is written as UTF-8 (astro.config.mjs,
 * pagesInOneByte, does the same to what Astro escapes). For text and attribute values
 * only: a reference means nothing inside a script or a style.
 */
export function oneByteHtml(html: string): string {
  if (!hasWideCharacters(html)) return html;
  // The replacement is still in two bytes a character, like the string it was made from: Latin-1 bytes and back make it one.
  return Buffer.from(
    html.replace(EVERY_WIDE, (character) => `&#${character.codePointAt(0)!};`),
    'latin1',
  ).toString('latin1');
}
