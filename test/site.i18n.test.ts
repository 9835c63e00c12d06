/**
 * The site in each language of journeys.config.yaml (`locale:`): the acme fixture built
 * in English, in French and in the pseudo-locale qps, each in a process of its own. The
 * French site says its own words in French, with French dates and numbers; the pseudo
 * site shows no word of the site's own outside the ⟦…⟧ markers, the user's text aside
 * (what the pages mark data-user: titles, names, messages, findings).
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHTML } from 'entities';
import { configFrom } from '../src/load/config.ts';
import { translator } from '../src/index.ts';
import { copyAcme, expectContains, runJourneys, tempDir, TODAY, type Run } from './fixtures/site/helpers.ts';

const LOCALES = ['en', 'fr', 'qps'] as const;
type Built = { out: string; run: Run };

let dir: { path: string; remove: () => void };
const builds = new Map<string, Built>();

beforeAll(async () => {
  dir = tempDir('journeys-site-i18n-');
  await Promise.all(
    LOCALES.map(async (locale) => {
      const repo = copyAcme(join(dir.path, locale));
      appendFileSync(join(repo, 'journeys.config.yaml'), `\nlocale: ${locale}\n`);
      const run = await runJourneys(['build', 'repo', '--out', 'site', '--today', TODAY], join(dir.path, locale));
      builds.set(locale, { out: join(dir.path, locale, 'site'), run });
    }),
  );
}, 300_000);

afterAll(() => dir?.remove());

const page = (locale: string, path: string): string => readFileSync(join(builds.get(locale)!.out, path, 'index.html'), 'utf8');

const decode = decodeHTML;

/** The page's text, tags removed, spaces collapsed. */
const text = (html: string): string =>
  decode(
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  ).replace(/\s+/g, ' ');

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'path', 'circle', 'line', 'rect']);
/** Elements whose content is not the site's words: code, scripts, the Mermaid text. */
const SKIPPED = new Set(['script', 'style', 'code', 'pre', 'template']);
const READ_ATTRIBUTES = ['aria-label', 'title', 'alt', 'placeholder', 'content'];

/**
 * What a reader sees or hears of the page, the user's text left out: text nodes and the
 * attributes read aloud or shown (and the filters' status messages), outside elements
 * marked data-user or translate="no", code and scripts; then, from what is left (a page
 * title, a description, a label that names a journey), every text of the page's
 * data-user elements. A small tokenizer: Astro writes well-formed HTML.
 */
function siteWords(html: string): string[] {
  const out: string[] = [];
  const user: string[] = [];
  const tags = /<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->|<!doctype[^>]*>/gi;
  let skipping: { name: string; depth: number; user: boolean } | undefined;
  let last = 0;
  for (const match of html.matchAll(tags)) {
    const between = decode(html.slice(last, match.index));
    if (!skipping) out.push(between);
    else if (skipping.user) user.push(between);
    last = match.index + match[0].length;
    const [, closing, rawName, attributes = ''] = match;
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    const selfClosing = attributes.trimEnd().endsWith('/') || VOID.has(name);
    if (skipping) {
      if (name === skipping.name && !selfClosing) skipping.depth += closing ? -1 : 1;
      if (skipping.depth === 0) skipping = undefined;
      continue;
    }
    if (closing) continue;
    const mine = /\sdata-user(?:[\s=/]|$)/.test(attributes) || /\stranslate="no"/.test(attributes);
    const source = /class="diagram-source"/.test(attributes);
    if ((mine || source || SKIPPED.has(name)) && !selfClosing) {
      skipping = { name, depth: 1, user: mine };
      continue;
    }
    if (mine) continue;
    for (const attribute of READ_ATTRIBUTES) {
      const value = new RegExp(`\\s${attribute}="([^"]*)"`).exec(attributes)?.[1];
      // A meta's content is read only for the description.
      if (value === undefined || (attribute === 'content' && !/name="description"/.test(attributes))) continue;
      out.push(decode(value));
    }
    for (const value of attributes.matchAll(/\sdata-msg-[\w-]+="([^"]*)"/g)) out.push(decode(value[1]!));
  }
  const known = [...new Set(user.map((text) => text.trim()).filter((text) => text.length >= 3))].sort((a, b) => b.length - a.length);
  return out.map((text) => known.reduce((left, part) => left.split(part).join(' '), text));
}

/**
 * The words of `text` outside ⟦…⟧ (markers nest: a count inside a sentence). Identifiers
 * are the user's: a word with a hyphen, a dot, a slash or a digit in it (an id, an event,
 * a file), and a single letter (a grade, the d of 2d).
 */
function unmarked(text: string): string[] {
  let depth = 0;
  let outside = '';
  for (const char of text) {
    if (char === '⟦') depth += 1;
    else if (char === '⟧') depth = Math.max(0, depth - 1);
    else if (depth === 0) outside += char;
    else outside += ' ';
  }
  return outside
    .split(/\s+/)
    .map((chunk) => chunk.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, ''))
    .filter((chunk) => !/[\d]|\p{L}[-./_@:]\S/u.test(chunk))
    .flatMap((chunk) => [...chunk.matchAll(/\p{L}{2,}/gu)].map((match) => match[0]));
}

function htmlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html') && !entry.parentPath.includes(`${root}/pagefind`))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the site in the language of journeys.config.yaml', () => {
  it('builds in every language', () => {
    for (const locale of LOCALES) {
      const { run } = builds.get(locale)!;
      expect(run.stderr, locale).not.toMatch(/error/i);
      expect(run.status, `${locale}: ${run.stderr}`).toBe(0);
    }
  });

  it('says which language each page is in', () => {
    expect(page('en', '')).toMatch(/<html lang="en">/);
    expect(page('fr', '')).toMatch(/<html lang="fr">/);
    expect(page('fr', 'journeys/flawed')).toMatch(/<html lang="fr">/);
    expect(page('qps', '')).toMatch(/<html lang="en-x-qps">/);
  });

  it('keeps English by default, with English dates and numbers', () => {
    const home = text(page('en', ''));
    expectContains(home, 'Open findings');
    expectContains(home, 'Findings as of 1 Nov 2026');
    expectContains(home, 'Company scorecard : 51.5 of 100');
  });

  it('speaks French: menus, headings, labels, buttons, with French dates and numbers', () => {
    const home = text(page('fr', ''));
    for (const words of ['Parcours Bulletin Revue Clients Canaux Équipes Scénarios Règles Constats Recherche', 'Parcours clients', 'Constats ouverts', 'Thème de couleurs Auto Clair Sombre', 'Constats au 1 nov. 2026']) {
      expectContains(home, words, 'home');
    }
    // The decimal comma, and a narrow no-break space between thousands.
    expectContains(home, 'Bulletin de l’entreprise : 51,5 sur 100', 'home');
    expect(translator('fr').number(1234.5)).toBe('1\u202f234,5');
    // A measured value, as the metrics file gave it, in French figures.
    expectContains(home, 'open-rate 0,31 , cible 0,4', 'home');
    expect(translator('fr').date('2026-11-30')).toBe('30 nov. 2026');
    expect(decode(page('fr', ''))).toMatch(/placeholder="Rechercher…"/);

    const journey = text(page('fr', 'journeys/flawed'));
    for (const words of ['Le parcours en un coup d’œil', 'Points de contact', 'Carte du parcours', 'Déclencheur et moment', 'Comment la note est calculée']) {
      expectContains(journey, words, 'journey');
    }
    // A message built by the engine: the touchpoint's timing, its event as written.
    expect(journey).toMatch(/\d+[wdhm] après [a-z]+\.[a-z]+/);
    // The diagrams' own words, which Mermaid draws and reads out.
    expect(page('fr', 'journeys/flawed')).toContain('accTitle: Flawed welcome #58; la carte du parcours');
    expect(page('fr', 'journeys/long-haul')).toContain('x-axis Sous la cible --&gt; Au-delà de la cible');
    expectContains(text(page('fr', 'findings')), 'Constats par règle', 'findings');
    // A moment of a scenario, dated from its start.
    expectContains(text(page('fr', 'findings')), 'busy-week , lun. 2 mars 2026 10:00', 'findings');
    expectContains(text(page('fr', 'scorecard')), 'Pression de contact maximale', 'scorecard');
    // The review's CSV: its header and words in French, its figures as written.
    const csv = readFileSync(join(builds.get('fr')!.out, 'review.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('parcours,titre du parcours,point de contact,nom du point de contact,équipe,mesure,sens,cible,période précédente,précédente,dernière période,dernière,évolution,statut,tendance');
    expect(csv.slice(1, -1).every((line) => /,(plus haut|plus bas),/.test(line) && /,(atteinte|manquée|pas de cible|non mesurée),/.test(line))).toBe(true);
    expect(readFileSync(join(builds.get('en')!.out, 'review.csv'), 'utf8')).toMatch(/^journey,journey title,touchpoint,/);
  });

  it('shows no word of its own outside the pseudo-locale markers', () => {
    const { out } = builds.get('qps')!;
    const files = htmlFiles(out);
    expect(files.length).toBeGreaterThan(20);
    const leaks = new Map<string, Set<string>>();
    for (const file of files) {
      const found = siteWords(readFileSync(file, 'utf8')).flatMap(unmarked);
      if (found.length > 0) leaks.set(file.slice(out.length), new Set(found));
    }
    expect(Object.fromEntries([...leaks].map(([file, words]) => [file, [...words].slice(0, 20).join(' ')]))).toEqual({});
    // The scan reads the markers where they are: the pseudo site has them on every page.
    expect(decode(page('qps', ''))).toContain('⟦Open findings⟧');
  });
});

describe('the translator', () => {
  it('formats a count or a date as Intl does, each time the same (it keeps the ones it made)', () => {
    for (const locale of ['en', 'fr'] as const) {
      const words = translator(locale);
      const numbers = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 });
      for (const value of [0, -0, 1, 7, 999, 1000, 1234, -3, 2.5, 0.125]) for (let again = 0; again < 2; again++) expect(words.number(value), `${locale} ${value}`).toBe(numbers.format(value));
      expect(words.number(7, 1)).toBe(locale === 'fr' ? '7,0' : '7.0');
      for (let again = 0; again < 2; again++) {
        expect(words.date('2026-11-30')).toBe(locale === 'fr' ? '30 nov. 2026' : '30 Nov 2026');
        expect(words.date('not a date')).toBe('not a date');
      }
    }
  });
});

describe('locale in journeys.config.yaml', () => {
  it('takes en, fr or qps, and notes anything else', () => {
    expect(configFrom('journeys.config.yaml', { locale: 'fr' }).locale).toBe('fr');
    expect(configFrom('journeys.config.yaml', {}).locale).toBeUndefined();
    const wrong = configFrom('journeys.config.yaml', { locale: 'fre' });
    expect(wrong.locale).toBeUndefined();
    expect(wrong.mistakes).toEqual([{ path: ['locale'], message: expect.stringMatching(/^locale is the language of the site, en or fr .*not "fre"/) as unknown }]);
  });
});
