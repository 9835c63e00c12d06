/**
 * conflicting-messages compares figures one by one, by kind and by their role in the
 * sentence (a yearly or monthly amount, a fee, a due date...): a changed figure is a
 * conflict even when another figure of its kind, which did not change, stands beside it.
 */
import { describe, expect, it } from 'vitest';
import { check, findingIdentity, type Finding } from '../src/index.ts';
import { TODAY, writeRepo } from './helpers/repo.ts';

/** An e-mail and a letter of one intent on one trigger, saying `email` and `letter`. */
function notice(email: string, letter: string): string {
  return [
    'journey: account-fees',
    'version: 1',
    'title: Account fees',
    'stages:',
    '  - id: fees',
    'touchpoints:',
    '  - id: fee-email',
    '    stage: fees',
    '    channel: email',
    '    trigger: fees.yearly-notice',
    '    message:',
    '      intent: announce-account-fees',
    `      text: "${email}"`,
    '  - id: fee-letter',
    '    stage: fees',
    '    channel: mail',
    '    trigger: fees.yearly-notice',
    '    message:',
    '      intent: announce-account-fees',
    `      text: "${letter}"`,
    '',
  ].join('\n');
}

function conflicts(email: string, letter: string): Finding[] {
  const result = check(writeRepo({ 'journeys/account-fees.journey.yaml': notice(email, letter) }), { today: TODAY });
  expect(result.configErrors).toEqual([]);
  return result.findings.filter((finding) => finding.rule === 'conflicting-messages');
}

describe('conflicting-messages, figure by figure', () => {
  it('reports a changed yearly amount though the monthly amount beside it stayed, in English and in French', () => {
    const english = conflicts('Your insurance costs 842.40 EUR per year, that is 70.20 EUR per month.', 'Your insurance: 824.40 EUR a year, 70.20 EUR a month.');
    expect(english).toHaveLength(1);
    expect(english[0]!.message).toContain('but disagree: the yearly amount is "824.40 EUR" in one and "842.40 EUR" in the other.');

    const french = conflicts('Votre assurance coûte 842,40 € par an, soit 70,20 € par mois.', 'Cotisation annuelle : 824,40 € (mensuelle : 70,20 €).');
    expect(french).toHaveLength(1);
    expect(french[0]!.message).toContain('the yearly amount is "824,40 €" in one and "842,40 €" in the other');
  });

  it('reports a changed monthly fee whatever the order of the figures, and names it', () => {
    const found = conflicts('Account fee: 2,50 € per month, debited on 5 January.', 'From 5 January, a fee of 3,50 € a month.');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('the monthly fee is "3,50 €" in one and "2,50 €" in the other');
    expect(found[0]!.message).not.toContain('date');
  });

  it('tells a due date from another date', () => {
    const found = conflicts('Your card arrives on 3 March. Activate it before 20 March to keep your rate.', 'Activate your card by March 25; it arrives on March 3.');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('the due date is "March 25" in one and "20 March" in the other');
  });

  it('compares figures without a role in order, and lets one message say more than the other', () => {
    const changed = conflicts('Premium 45,90 € and fees 5 € are unpaid; call us about 120 €.', 'Premium 45,90 € and fees 5 € are unpaid; call us about 150 €.');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.message).toContain('the amount is "150 €" in one and "120 €" in the other');
    expect(conflicts('Pay 45,90 € now, or 3 payments of 15,30 €.', 'Pay 45,90 € now.')).toEqual([]);
  });

  it('does not report a yearly amount in one message and the monthly amount in the other', () => {
    expect(conflicts('Your insurance costs 842.40 EUR per year.', 'Your insurance costs 70.20 EUR per month.')).toEqual([]);
    expect(conflicts('Your fee: 842,40 € par an.', 'Your fee: 842.40 EUR per year.')).toEqual([]);
  });

  it('keeps a finding identified by its two touchpoints, whatever figure differs', () => {
    const [yearly] = conflicts('842.40 EUR per year, 70.20 EUR per month.', '824.40 EUR per year, 70.20 EUR per month.');
    const [monthly] = conflicts('842.40 EUR per year, 70.20 EUR per month.', '842.40 EUR per year, 72.20 EUR per month.');
    expect(findingIdentity(yearly!)).toBe(findingIdentity(monthly!));
    expect(JSON.parse(findingIdentity(yearly!))).toEqual(['conflicting-messages', 'same-trigger', { touchpoints: ['account-fees/fee-email', 'account-fees/fee-letter'] }]);
  });
});
