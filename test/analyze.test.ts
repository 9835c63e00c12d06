import { describe, expect, it } from 'vitest';
import { extractFigures } from '../src/analyze/figures.ts';
import { ctaTarget } from '../src/analyze/links.ts';
import { dice, firstSimilar, normalizeText, shingles } from '../src/analyze/similarity.ts';

const values = (text: string) => extractFigures(text).map((figure) => `${figure.kind}=${figure.value}`);

describe('figures', () => {
  it('reads one amount in its French and English forms', () => {
    for (const text of ['45,90 €', '€45.90', '45.90 EUR', '45,90 euros', '€ 45.90']) expect(values(`Pay ${text} today`)).toEqual(['amount=45.90 EUR']);
  });

  it('reads thousands separators and tells currencies apart', () => {
    expect(values('1 234,56 € or $1,234.56')).toEqual(['amount=1234.56 EUR', 'amount=1234.56 USD']);
  });

  it('reads one date in its forms, day first for numbers', () => {
    for (const text of ['12/03', '12 mars', 'March 12', '12 March', '2026-03-12', 'Mar. 12th', '12/03/2026']) {
      expect(values(`due ${text}`)).toEqual(['date=03-12']);
    }
  });

  it('reads percentages and counts with their unit, in English and French', () => {
    expect(values('Save 10 % on 3 payments within 15 days')).toEqual(['percentage=10', 'count:payment=3', 'count:day=15']);
    expect(values('sous 15 jours')).toEqual(['count:day=15']);
  });

  it('does not count the digits of an amount or a date again', () => {
    expect(values('45,90 € before 12/03')).toEqual(['amount=45.90 EUR', 'date=03-12']);
  });

  it('ignores impossible dates', () => {
    expect(values('on 45/13')).toEqual([]);
  });
});

describe('call-to-action targets', () => {
  it('keeps host and path, drops query, fragment, www and trailing slash', () => {
    expect(ctaTarget('https://www.client.insurer.example/pay/?utm_source=sms#top')).toBe('client.insurer.example/pay');
    expect(ctaTarget('https://pay.insurer.example/premium')).toBe('pay.insurer.example/premium');
    expect(ctaTarget('/activate')).toBe('/activate');
    expect(ctaTarget(undefined)).toBeUndefined();
  });
});

describe('similarity', () => {
  it('normalises case, accents, punctuation, spacing and numbers', () => {
    expect(normalizeText('  Votre colis   est EXPÉDIÉ ! (2 articles)')).toBe('votre colis est expedie 0 articles');
  });

  it('scores near-identical wording high and different news low', () => {
    const a = shingles(normalizeText('Good news: your parcel is on its way!'));
    expect(dice(a, shingles(normalizeText('Good news — your parcel is ON ITS WAY.')))).toBe(1);
    expect(dice(a, shingles(normalizeText('Good news, your parcel is on the way')))).toBeGreaterThan(0.8);
    expect(dice(a, shingles(normalizeText('Rate the seller of your last order')))).toBeLessThan(0.4);
  });

  it('finds the first earlier match of each item, pair by pair in small groups', () => {
    const sets = ['your parcel is on its way', 'rate your seller', 'your parcel is on its way!'].map((t) => shingles(normalizeText(t)));
    expect(firstSimilar(sets, 0.8).map((match) => match?.of)).toEqual([undefined, undefined, 0]);
  });

  it('finds duplicates among many distinct messages through LSH, with linear candidates', () => {
    // Words made of letters only, since normalisation sets every number to 0.
    const word = (n: number): string => [...n.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('');
    const texts = Array.from({ length: 400 }, (_, i) => `Message ${word(i * 7919 + 17)} about ${word(i * 104729 + 3)} for ${word(i * 15485863 + 11)}`);
    texts.push(`${texts[100]!.toUpperCase()}!`);
    const matches = firstSimilar(
      texts.map((t) => shingles(normalizeText(t))),
      0.95,
    );
    expect(matches.at(-1)?.of).toBe(100);
    expect(matches.slice(0, -1).filter(Boolean)).toEqual([]);
  });
});
