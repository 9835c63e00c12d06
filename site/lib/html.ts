/**
 * HTML that the site writes as text, for the parts of a page repeated per touchpoint or
 * KPI (a journey's board and tables, the catalogue's rows, the review's tables): Astro
 * renders each expression of a template through its own pipeline, and a journey's 30
 * touchpoints have about 40 each; its runtime took 2.7 s of the main thread on the pages
 * of 1,000 journeys, 1.3 s once these are text. Written with `html`, each value is escaped
 * as Astro escapes an expression (its text, its attributes: `attr`), and the page is the
 * same, byte for byte; a page shows it with `<Fragment set:html={...} />`.
 */
import { escapeHtml, oneByteHtml } from './escape.ts';

/** A piece of HTML, made by `html`, `attr` or `trusted`: written as it is inside another. */
export class Html {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

/** What `html` takes in a hole: text (escaped), HTML, a list of either, or nothing (false, null, undefined: written as nothing, as Astro does). */
export type Hole = Html | string | number | boolean | null | undefined | readonly Hole[];

function write(hole: Hole): string {
  if (hole instanceof Html) return hole.text;
  if (typeof hole === 'string') return escapeHtml(hole);
  if (typeof hole === 'number') return escapeHtml(String(hole));
  if (Array.isArray(hole)) {
    let out = '';
    for (const item of hole as readonly Hole[]) out += write(item);
    return out;
  }
  // true is written as Astro writes it, false, null and undefined as nothing.
  return hole === true ? 'true' : '';
}

/** A piece of HTML from a template: its holes escaped, unless they are HTML themselves. */
export function html(strings: TemplateStringsArray, ...holes: Hole[]): Html {
  let out = strings[0]!;
  for (let index = 0; index < holes.length; index += 1) out += write(holes[index]!) + strings[index + 1]!;
  return new Html(out);
}

const ATTRIBUTE = /[&"]/g;
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;' };
const ATTRIBUTE_CHANGES = /[&"\u0100-\uffff]/;
const NOTHING = new Html('');

/**
 * An attribute, ` name="value"`, as Astro writes `name={value}`: nothing for null or
 * undefined, the bare name for an empty value, the value with `&` and `"` escaped.
 */
export function attr(name: string, value: string | number | boolean | null | undefined): Html {
  if (value === null || value === undefined) return NOTHING;
  const string = typeof value === 'string' ? value : String(value);
  if (string === '') return new Html(` ${name}`);
  return new Html(` ${name}="${ATTRIBUTE_CHANGES.test(string) ? oneByteHtml(string.replace(ATTRIBUTE, (character) => ATTRIBUTE_ESCAPES[character]!)) : string}"`);
}

/** Each attribute of a record (`<span {...attributes} />` in a template). */
export function attrs(values: Readonly<Record<string, string | number | boolean | null | undefined>>): Html {
  let out = '';
  for (const [name, value] of Object.entries(values)) out += attr(name, value).text;
  return new Html(out);
}

/** HTML made elsewhere and already safe (the site's marks, sanitized Markdown), written as it is. */
export function trusted(markup: string): Html {
  return new Html(markup);
}
