/**
 * The quarterly review's data: every KPI as of each quarter with its last two periods,
 * change, met or missed and trend, charts whose axis starts at zero or says it does not,
 * the journeys changed since the last review (from their git history), and the CSV
 * (RFC 4180 quoting, formulas defused).
 */
import { describe, expect, it } from 'vitest';
import { buildModel, check, csvCell, reviewChart, reviewCsv, reviewPages, reviewView, simulate, translator, type JourneyView } from '../src/index.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const SECOND = ['  - id: reminder-sms', '    stage: start', '    channel: sms', '    owner: team-onboarding', '    kpis:', '      - { metric: nps, target: 10 }', ''].join('\n');
const METRICS = [
  'journey,touchpoint,metric,period,value',
  'welcome,welcome-email,open-rate,2026-Q1,0.30',
  'welcome,welcome-email,open-rate,2026-Q2,0.42',
  'welcome,welcome-email,open-rate,2026-Q3,0.38',
  'welcome,reminder-sms,nps,2026-Q2,-12',
  'welcome,reminder-sms,nps,2026-Q3,15',
  'welcome,reminder-sms,nps,2027-Q1,40',
  '',
].join('\n');

function journeysOf(metrics = METRICS, config = 'timezone: UTC\n'): readonly JourneyView[] {
  const root = writeRepo({
    'journeys/owners.yaml': OWNERS,
    'journeys/welcome.journey.yaml': cleanJourney('welcome', SECOND),
    'journeys/metrics/kpis.csv': metrics,
    'journeys.config.yaml': config,
  });
  const result = check(root, { today: TODAY });
  return buildModel({ result, timelines: simulate(result.repo), markdown: (text) => text, tool: 'test' }).journeys;
}

describe('reviewView', () => {
  const journeys = journeysOf();
  const review = reviewView({ journeys, today: TODAY });

  it('has a page per quarter measured up to today, the latest last, a future period left out', () => {
    expect(review.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(review.pages.map((page) => [page.slug, page.latest, page.from, page.to])).toEqual([
      ['2026-q1', false, '2026-01-01', '2026-03-31'],
      ['2026-q2', false, '2026-04-01', '2026-06-30'],
      ['2026-q3', true, '2026-07-01', '2026-09-30'],
    ]);
  });

  it('gives each KPI its target, last two periods, change, status and trend as of the quarter', () => {
    const [q1, q2, q3] = review.pages;
    const email = (page: typeof q1) => page!.rows.find((row) => row.touchpoint === 'welcome-email')!;
    expect(email(q3)).toMatchObject({
      journeySlug: 'welcome',
      touchpointName: 'Welcome email',
      team: { id: 'team-crm', name: 'CRM' },
      metric: 'open-rate',
      targetText: '0.4',
      previous: { period: '2026-Q2', text: '0.42' },
      latest: { period: '2026-Q3', text: '0.38' },
      change: { text: '−0.04' },
      status: 'missed',
      trend: 'worsening',
    });
    expect(email(q2)).toMatchObject({ latest: { period: '2026-Q2' }, previous: { period: '2026-Q1' }, change: { text: '+0.12' }, status: 'met', trend: 'improving' });
    expect(email(q1).previous).toBeUndefined();
    expect(email(q1).chart).toBeUndefined();
    const sms = q3!.rows.find((row) => row.touchpoint === 'reminder-sms')!;
    expect(sms).toMatchObject({ team: { id: 'team-onboarding' }, latest: { text: '15' }, change: { text: '+27' }, status: 'met' });
    expect(q1!.rows.find((row) => row.touchpoint === 'reminder-sms')!.status).toBe('unmeasured');
    expect(q3!.counts).toEqual({ kpis: 2, measured: 2, met: 1, missed: 1, improving: 1, worsening: 1 });
    expect(q3!.teams.map((team) => team.id)).toEqual(['team-crm', 'team-onboarding']);
  });

  it('draws the trend from zero when no value is below it, and says where the axis starts when one is', () => {
    const q3 = review.pages[2]!;
    const email = q3.rows.find((row) => row.touchpoint === 'welcome-email')!.chart!;
    expect(email.axis).toMatchObject({ min: 0, fromZero: true, minText: '0' });
    expect(email.points.map((point) => point.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(email.label).toBe('open-rate from 0.3 in 2026-Q1 to 0.38 in 2026-Q3, target 0.4; axis from 0');
    // The axis's bottom is the box's bottom (36 - 4), the top its top (4): the target 0.42 is the highest.
    expect(Math.max(...email.points.map((point) => point.y))).toBeLessThan(32);
    const nps = q3.rows.find((row) => row.touchpoint === 'reminder-sms')!.chart!;
    expect(nps.axis).toMatchObject({ min: -12, fromZero: false, minText: '-12' });
    expect(nps.axis.zeroY).toBeGreaterThan(4);
    expect(nps.label).toContain('the axis starts at -12, not zero');
    expect(reviewChart([{ period: 'a', value: 5, text: '5' }, { period: 'b', value: 5, text: '5' }], undefined, 'x')!.axis).toMatchObject({ min: 0, max: 5 });
  });

  it('with nothing measured, has one page that says so and lists every KPI unmeasured', () => {
    const empty = reviewView({ journeys: journeysOf('journey,touchpoint,metric,period,value\n'), today: TODAY });
    expect(empty.quarters).toEqual([]);
    expect(empty.pages).toHaveLength(1);
    expect(empty.pages[0]).toMatchObject({ slug: 'latest', latest: true, counts: { kpis: 2, measured: 0 } });
    expect(empty.pages[0]!.rows.every((row) => row.status === 'unmeasured')).toBe(true);
  });

  it('lists the journeys changed since the quarter began, or since the review tag, from their history', () => {
    const base = journeys[0]!;
    const entry = (date: string, version: number, subject: string) => ({ hash: `${version}`.repeat(40).slice(0, 40), short: `${version}`.repeat(7), author: 'Ada', date, subject, version, file: base.file });
    const withHistory: JourneyView = { ...base, history: [entry('2026-08-02T10:00:00+02:00', 4, 'Shorter SMS'), entry('2026-07-03T09:00:00Z', 3, 'New reminder'), entry('2026-05-01T09:00:00Z', 2, 'Q2 edit')] };
    const since = reviewView({ journeys: [withHistory], today: TODAY });
    expect(since.pages[2]!.changes).toEqual({
      since: '2026-07-01',
      journeys: [{ journeySlug: 'welcome', journeyTitle: 'Welcome', commits: 2, last: { short: '4444444', date: '2026-08-02T10:00:00+02:00', subject: 'Shorter SMS', author: 'Ada', version: 4 }, versionBefore: 2 }],
    });
    // An earlier quarter's page: the changes during that quarter only.
    expect(since.pages[1]!.changes.journeys.map((change) => change.commits)).toEqual([1]);
    const tagged = reviewView({ journeys: [withHistory], today: TODAY, reviewTag: { name: 'review-2026-q2', date: '2026-07-15T12:00:00Z' } });
    expect(tagged.pages[2]!.changes).toMatchObject({ since: '2026-07-15T12:00:00Z', tag: 'review-2026-q2', journeys: [{ commits: 1, versionBefore: 3 }] });
    expect(tagged.pages[1]!.changes.tag).toBeUndefined();
  });
});

describe('the review in pages', () => {
  it('cuts a quarter into pages of whole journeys of at most so many KPIs, a larger journey on a page of its own', () => {
    const journeys = [
      { slug: 'a', title: 'A', kpis: 120 },
      { slug: 'b', title: 'B', kpis: 90 },
      { slug: 'c', title: 'C', kpis: 30 },
      { slug: 'd', title: 'D', kpis: 500 },
      { slug: 'e', title: 'E', kpis: 10 },
    ];
    const quarter = { ...reviewView({ journeys: journeysOf(), today: TODAY }).pages[2]!, journeys };
    const pages = reviewPages(quarter, 200);
    expect(pages.map((page) => page.items.map((journey) => journey.slug))).toEqual([['a'], ['b', 'c'], ['d'], ['e']]);
    expect(pages.map(({ number, count, from, to, total }) => [number, count, from, to, total])).toEqual([
      [1, 4, 1, 120, 750],
      [2, 4, 121, 240, 750],
      [3, 4, 241, 740, 750],
      [4, 4, 741, 750, 750],
    ]);
    // A review of one page, and one with no KPI at all.
    expect(reviewPages(quarter, 1_000).map((page) => page.items.length)).toEqual([5]);
    expect(reviewPages({ ...quarter, journeys: [] })).toEqual([{ number: 1, count: 1, from: 0, to: 0, total: 0, items: [] }]);
    expect(() => reviewPages(quarter, 0)).toThrow(RangeError);
  });
});

describe('the review as CSV', () => {
  it('writes a header and a line per KPI, CRLF, numbers as written', () => {
    const review = reviewView({ journeys: journeysOf(), today: TODAY });
    const lines = reviewCsv(review.pages[2]!).split('\r\n');
    expect(lines[0]).toBe('journey,journey title,touchpoint,touchpoint name,team,metric,direction,target,previous period,previous,latest period,latest,change,status,trend');
    expect(lines[1]).toBe('welcome,Welcome,welcome-email,Welcome email,CRM,open-rate,higher,0.4,2026-Q2,0.42,2026-Q3,0.38,-0.04,missed,worsening');
    expect(lines[2]).toBe('welcome,Welcome,reminder-sms,Reminder sms,Onboarding,nps,higher,10,2026-Q2,-12,2026-Q3,15,27,met,improving');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('names its columns and words in the site\'s language, ids, periods and numbers as written', () => {
    const review = reviewView({ journeys: journeysOf(), today: TODAY, words: translator('fr') });
    const lines = reviewCsv(review.pages[2]!, translator('fr')).split('\r\n');
    expect(lines[0]).toBe('parcours,titre du parcours,point de contact,nom du point de contact,équipe,mesure,sens,cible,période précédente,précédente,dernière période,dernière,évolution,statut,tendance');
    expect(lines[1]).toBe('welcome,Welcome,welcome-email,Welcome email,CRM,open-rate,plus haut,0.4,2026-Q2,0.42,2026-Q3,0.38,-0.04,manquée,en recul');
    expect(lines[2]).toBe('welcome,Welcome,reminder-sms,Reminder sms,Onboarding,nps,plus haut,10,2026-Q2,-12,2026-Q3,15,27,atteinte,en progrès');
    // The pseudo-locale marks every word of the site's own, the user's text left as it is.
    const pseudo = reviewCsv(review.pages[2]!, translator('qps')).split('\r\n');
    expect(pseudo[0]!.split(',')).toEqual(expect.arrayContaining(['⟦journey⟧', '⟦status⟧']));
    expect(pseudo[1]).toMatch(/^welcome,Welcome,welcome-email,Welcome email,CRM,open-rate,⟦higher⟧,.*,⟦missed⟧,⟦worsening⟧$/);
  });

  it('quotes as RFC 4180 says and defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell('-12')).toBe('-12');
    expect(csvCell(0.1 + 0.2)).toBe('0.3');
    expect(csvCell(undefined)).toBe('');
  });
});
