/**
 * Metrics files as real tools export them: `;` and tab separators with decimal commas
 * (Excel in French, with its byte-order mark), a comma-separated row whose decimal comma
 * was left unquoted (a finding, never a wrong value), a KPI of the journey as a whole
 * (an NPS), and periods that have not started yet as of the run's today.
 */
import { describe, expect, it } from 'vitest';
import { check, measureKpis, type Scorecards } from '../src/index.ts';
import { detectDelimiter, parseMetrics, parseValue } from '../src/load/metrics.ts';
import { runJourneys } from './helpers/cli.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const FILE = 'journeys/metrics/export.csv';
const NPS = 'kpis:\n  - { metric: nps, target: 40 }\n';

/** The series of each KPI, as metric and touchpoint (or the journey) with its periods and values. */
function seriesOf(root: string, today = TODAY): Record<string, [string, number][]> {
  const result = check(root, { today });
  expect(result.findings.filter((f) => f.rule === 'schema' || f.rule === 'unknown-reference')).toEqual([]);
  return Object.fromEntries(measureKpis(result.repo, today).all.map((kpi) => [`${kpi.touchpoint ?? '(journey)'} ${kpi.metric}`, kpi.series.map((m) => [m.period, m.value])]));
}

describe('separators', () => {
  it('are found in the header line: comma, semicolon or tab, quotes and BOM aside', () => {
    expect(detectDelimiter('journey,touchpoint,metric,period,value\n')).toBe(',');
    expect(detectDelimiter('\ufeffjourney;touchpoint;metric;period;value\r\n')).toBe(';');
    expect(detectDelimiter('\n"journey";"touch,point";metric;period;value')).toBe(';');
    expect(detectDelimiter('journey\ttouchpoint\tmetric\tperiod\tvalue')).toBe('\t');
    expect(detectDelimiter('')).toBe(',');
  });

  it('a `;` file from a French Excel, BOM and CRLF included, is read with its decimal commas', () => {
    const text = [
      '\ufeffJourney;Touchpoint;Metric;Period;Value',
      'welcome;welcome-email;open-rate;2026-Q2;0,38',
      'welcome;welcome-email;open-rate;2026-Q3;"41,5%"',
      'welcome;;nps;2026-Q3;1 234,5',
      'welcome;;nps;2026-Q4;1.234,25',
      '',
    ].join('\r\n');
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney('welcome', NPS), [FILE]: text });
    expect(seriesOf(root, '2026-12-31')).toEqual({
      'welcome-email open-rate': [
        ['2026-Q2', 0.38],
        ['2026-Q3', 0.415],
      ],
      '(journey) nps': [
        ['2026-Q3', 1234.5],
        ['2026-Q4', 1234.25],
      ],
    });
  });

  it('a tab-separated file is read with decimal commas too', () => {
    const text = ['journey\ttouchpoint\tmetric\tperiod\tvalue', 'welcome\twelcome-email\topen-rate\t2026-09\t0,44', 'welcome\twelcome-email\topen-rate\t2026-10\t0.46', ''].join('\n');
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney('welcome'), [FILE]: text });
    expect(seriesOf(root)).toEqual({
      'welcome-email open-rate': [
        ['2026-09', 0.44],
        ['2026-10', 0.46],
      ],
    });
  });

  it('read a comma as the decimal one only where the comma is not the separator', () => {
    expect(parseValue('1,234', true)).toBe(1.234);
    expect(parseValue('1,234')).toBe(1234);
    expect(parseValue('0.38', true)).toBe(0.38);
    expect(parseValue('1,2,3', true)).toBeUndefined();
    expect(parseValue('1.23,4', true)).toBeUndefined();
  });
});

describe('a comma-separated row with a field too many', () => {
  const text = [
    'journey,touchpoint,metric,period,value',
    'welcome,welcome-email,open-rate,2026-Q3,0.41',
    'welcome,welcome-email,open-rate,2026-Q4,4,4',
    'welcome,welcome-email,open-rate,2026-Q2,"0,39"',
    '',
  ].join('\n');

  it('is a finding at its line and the extra field, saying how many fields it has and how to fix it', () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney('welcome'), [FILE]: text });
    const result = check(root, { today: TODAY });
    expect(result.findings.filter((f) => f.file === FILE).map((f) => ({ rule: f.rule, line: f.line, column: f.column, message: f.message }))).toEqual([
      {
        rule: 'schema',
        line: 3,
        column: 43,
        message:
          'This row has 6 fields where the header has 5 columns: a value with a comma, such as a decimal comma (4,4), must be quoted ("4,4"), or the file separated with ";" instead of ",".',
      },
    ]);
    // Never read as 4: the quarter is not measured at all; the quoted decimal comma is read right.
    expect(measureKpis(result.repo, TODAY).all[0]!.series.map((m) => [m.period, m.value])).toEqual([
      ['2026-Q2', 0.39],
      ['2026-Q3', 0.41],
    ]);
  });

  it('is not a finding when the extra fields are empty, as a spreadsheet\'s trailing separators', () => {
    const { values, problems } = parseMetrics(FILE, 'journey;touchpoint;metric;period;value\nwelcome;welcome-email;open-rate;2026-Q3;0,41;;\n');
    expect(problems).toEqual([]);
    expect(values.map((v) => v.value)).toEqual([0.41]);
  });

  it('in a `;` file is a finding without the advice on commas', () => {
    const { values, problems } = parseMetrics(FILE, 'journey;touchpoint;metric;period;value\nwelcome;welcome-email;open-rate;2026-Q3;0,41;x\n');
    expect(values).toEqual([]);
    expect(problems).toEqual([{ message: 'This row has 6 fields where the header has 5 columns.', line: 2, column: 46 }]);
  });
});

describe('a journey-level KPI', () => {
  const files = {
    'journeys/owners.yaml': OWNERS,
    'journeys/welcome.journey.yaml': cleanJourney('welcome', NPS),
    [FILE]: ['journey,touchpoint,metric,period,value', 'welcome,,nps,2026-Q2,38', 'welcome,,nps,2026-Q3,42', 'welcome,welcome-email,open-rate,2026-Q3,0.41', ''].join('\n'),
  };

  it('is measured from the rows with no touchpoint and shown in `journeys score --format json`', async () => {
    const root = writeRepo(files);
    const { status, stdout, stderr } = await runJourneys(['score', '--today', TODAY, '--format', 'json'], root);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const cards = JSON.parse(stdout) as Scorecards;
    const nps = cards.kpis.find((kpi) => kpi.metric === 'nps');
    expect(nps).toMatchObject({ journey: 'welcome', metric: 'nps', target: 40, direction: 'higher', trend: 'improving', onTarget: true });
    expect(nps).not.toHaveProperty('touchpoint');
    expect(nps!.latest).toMatchObject({ period: '2026-Q3', value: 42, line: 3 });
    // The journey's and the company's KPI targets count it with the touchpoint's open rate.
    expect(cards.journeys[0]!.kpiTargets).toEqual({ withTarget: 2, measured: 2, onTarget: 2 });
    expect(cards.company.kpiTargets).toEqual({ withTarget: 2, measured: 2, onTarget: 2 });
    expect(cards.channels[0]!.kpiTargets).toEqual({ withTarget: 1, measured: 1, onTarget: 1 });
  });

  it('makes a row with no touchpoint for its metric no unknown reference; another metric still is one', () => {
    const root = writeRepo({ ...files, [FILE]: `${files[FILE]}welcome,,csat,2026-Q3,0.8\n` });
    const result = check(root, { today: TODAY });
    expect(result.findings.filter((f) => f.file === FILE).map((f) => [f.rule, f.line, f.message])).toEqual([
      ['unknown-reference', 5, 'Metric "csat" is not a KPI of journey "welcome" or any of its touchpoints: declare it under "kpis:" to track it.'],
    ]);
  });

  it('is refused by the schema when malformed, like a touchpoint\'s', () => {
    const root = writeRepo({ ...files, 'journeys/welcome.journey.yaml': cleanJourney('welcome', 'kpis:\n  - { target: 40 }\n') });
    const result = check(root, { today: TODAY });
    expect(result.findings.filter((f) => f.rule === 'schema').map((f) => [f.file, f.line])).toEqual([['journeys/welcome.journey.yaml', 16]]);
  });
});

describe('a period that starts after today', () => {
  const files = {
    'journeys/owners.yaml': OWNERS,
    'journeys/welcome.journey.yaml': cleanJourney('welcome', NPS),
    [FILE]: [
      'journey,touchpoint,metric,period,value',
      'welcome,welcome-email,open-rate,2026-Q3,0.41',
      'welcome,welcome-email,open-rate,2026-Q4,0.30',
      'welcome,,nps,2026-10,45',
      'welcome,,nps,2026-11-02,10',
      '',
    ].join('\n'),
  };

  it('is ignored in the latest value and the trend as of --today, and counted once its first day has come', async () => {
    const root = writeRepo(files);
    const latest = async (today: string): Promise<Record<string, unknown>> => {
      const { status, stdout } = await runJourneys(['score', '--today', today, '--format', 'json'], root);
      expect(status).toBe(0);
      const { kpis } = JSON.parse(stdout) as Scorecards;
      return Object.fromEntries(kpis.map((kpi) => [kpi.metric, [kpi.latest?.period, kpi.trend ?? null, kpi.onTarget]]));
    };
    expect(await latest('2026-09-30')).toEqual({ 'open-rate': ['2026-Q3', null, true], nps: [undefined, null, undefined] });
    expect(await latest('2026-10-01')).toEqual({ 'open-rate': ['2026-Q4', 'worsening', false], nps: ['2026-10', null, true] });
    expect(await latest(TODAY)).toEqual({ 'open-rate': ['2026-Q4', 'worsening', false], nps: ['2026-10', null, true] });
    expect(await latest('2026-11-02')).toEqual({ 'open-rate': ['2026-Q4', 'worsening', false], nps: ['2026-11-02', 'worsening', false] });
  });

  it('is ignored by priority-gap as of the run\'s today', () => {
    const root = writeRepo({
      ...files,
      'journeys/welcome.journey.yaml': cleanJourney('welcome', NPS).replace('    owner: team-crm', '    owner: team-crm\n    importance: 5'),
    });
    const gaps = (today: string): string[] => check(root, { today }).findings.filter((f) => f.rule === 'priority-gap').map((f) => f.message);
    expect(gaps('2026-09-30')).toEqual([]);
    expect(gaps('2026-10-01')).toEqual([expect.stringContaining('0.3')]);
  });
});
