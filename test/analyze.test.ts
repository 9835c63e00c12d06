import { describe, expect, it } from 'vitest';
import { extractFigures, figureDifferences, figureName } from '../src/analyze/figures.ts';
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

describe('roles of figures', () => {
  const roles = (text: string) => extractFigures(text).map((figure) => `${figure.value}${figure.role ? ` ${figure.role}` : ''}`);

  it('reads a period and a nature from the words around an amount, in English and French', () => {
    expect(roles('Your annual fee is 842,40 €, that is 70,20 € per month.')).toEqual(['842.40 EUR yearly fee', '70.20 EUR monthly']);
    expect(roles('Frais de tenue de compte : 2,50 € par mois, soit 30,00 €/an au total.')).toEqual(['2.50 EUR monthly fee', '30.00 EUR yearly total']);
    expect(roles('Cotisation annuelle : 824,40 € (mensuelle : 70,20 €).')).toEqual(['824.40 EUR yearly fee', '70.20 EUR monthly']);
    expect(roles('We have not received your premium of 45,90 €.')).toEqual(['45.90 EUR']);
  });

  it('tells a due date, a debit date and a start date, and rates from discounts', () => {
    expect(roles('Pay before 12/03; it will be debited on 15 mars. From 2026-04-01, 10 % off.')).toEqual(['03-12 due', '03-15 debit', '04-01 start', '10 discount']);
    expect(roles('Taux annuel de 3,5 % à régler au plus tard le 12 mars')).toEqual(['3.5 rate', '03-12 due']);
  });

  it('names figures by kind and role', () => {
    expect(['yearly', 'monthly fee', 'total', undefined].map((role) => figureName('amount', role))).toEqual(['the yearly amount', 'the monthly fee', 'the total', 'the amount']);
    expect([figureName('date', 'due'), figureName('date'), figureName('percentage', 'rate'), figureName('count:day')]).toEqual(['the due date', 'the date', 'the rate', 'the number of days']);
  });
});

describe('figure differences', () => {
  const differ = (a: string, b: string) => figureDifferences(extractFigures(a), extractFigures(b)).map((d) => `${figureName(d.kind, d.role)}: ${d.a.map((f) => f.value).join(', ')} vs ${d.b.map((f) => f.value).join(', ')}`);

  it('finds a changed figure beside an unchanged one of the same kind', () => {
    expect(differ('824,40 € per year, 70,20 € per month', '842,40 € par an, 70,20 € par mois')).toEqual(['the yearly amount: 824.40 EUR vs 842.40 EUR']);
    expect(differ('70,20 € per month, 824,40 € per year', '842.40 EUR yearly and 70.20 EUR monthly')).toEqual(['the yearly amount: 824.40 EUR vs 842.40 EUR']);
  });

  it('pairs figures without a role in order, and an amount that agrees with one of any consistent role', () => {
    expect(differ('45,90 € then 12 €', '45,90 € then 15 €')).toEqual(['the amount: 12.00 EUR vs 15.00 EUR']);
    expect(differ('842,40 €', '842,40 € per year and 70,20 € per month')).toEqual([]);
    expect(differ('45,90 € due 12/03', '€45.90 by March 12')).toEqual([]);
  });

  it('does not compare figures whose roles contradict, but keeps a disagreement a role cannot explain', () => {
    expect(differ('842,40 € per year', '70,20 € per month')).toEqual([]);
    expect(differ('Pay it before 12/03', 'Your payment of 15/03')).toEqual(['the date: 03-12 vs 03-15']);
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
