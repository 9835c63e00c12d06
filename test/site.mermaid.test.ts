/**
 * The Mermaid text the site generates: user text can never change the diagram's
 * structure (it is encoded, and comes back whole), long journeys are split into
 * legible diagrams, and every touchpoint appears exactly once. Mermaid itself
 * parses these texts in test/site.browser.test.ts.
 */
import fc from 'fast-check';
import { QUADRANTS } from '../src/index.ts';
import { describe, expect, it } from 'vitest';
import {
  drawnCoordinate,
  journeyDiagrams,
  kpiTrendChart,
  labelsOverlap,
  MAX_NAMED_POINTS,
  MAX_TASKS,
  mermaidNumber,
  mermaidPlain,
  mermaidQuoted,
  mermaidText,
  quadrantChart,
  quadrantLayout,
  scoreHistoryChart,
  shortTiming,
  timelineFlowchart,
  timeOrder,
  unitCoordinate,
} from '../site/lib/mermaid.ts';
import type { JourneyView, KpiSeriesView, QuadrantPointView, ScoreHistoryEntry, TouchpointView } from '../site/lib/view.ts';
import { emptyScorecard } from './fixtures/site/helpers.ts';

const NO_COUNTS = { errors: 0, warnings: 0, infos: 0 };

interface TouchpointSpec {
  id: string;
  stage?: string;
  channel?: string;
  emotion?: number;
  subject?: string;
  trigger?: string;
  after?: string;
  at?: string;
  moment?: boolean;
}

function touchpoint(spec: TouchpointSpec, stages: Map<string, string>): TouchpointView {
  return {
    id: spec.id,
    name: spec.id,
    anchor: `tp-${spec.id}`,
    stage: spec.stage === undefined ? undefined : { id: spec.stage, name: stages.get(spec.stage) ?? spec.stage, slug: `stage-${spec.stage}` },
    channel: spec.channel === undefined ? undefined : { id: spec.channel.toLowerCase(), name: spec.channel, slug: spec.channel.toLowerCase() },
    trigger: spec.trigger ?? 'event.happened',
    after: spec.after,
    afterMinutes: 0,
    at: spec.at,
    timing: 'on event.happened',
    message: spec.subject === undefined ? undefined : { subject: spec.subject },
    tools: [],
    momentOfTruth: spec.moment ?? false,
    emotion: spec.emotion,
    kpis: [],
    counts: NO_COUNTS,
  };
}

function journey(title: string, stageList: readonly (readonly [string, string])[], specs: readonly TouchpointSpec[]): JourneyView {
  const stages = new Map(stageList);
  return {
    slug: 'j',
    id: 'j',
    title,
    personas: [],
    file: 'journeys/j.journey.yaml',
    format: 'yaml',
    stages: stageList.map(([id, name]) => ({ id, name, anchor: `stage-${id}`, touchpoints: specs.filter((spec) => spec.stage === id).length })),
    touchpoints: specs.map((spec) => touchpoint(spec, stages)),
    channels: [],
    findings: [],
    counts: NO_COUNTS,
    health: 'healthy',
    history: [],
    momentsOfTruth: 0,
    scorecard: emptyScorecard(),
    kpis: [],
    scoreHistory: [],
    board: { columns: [], lanes: [], cards: [], curve: { points: [], path: '' } },
  };
}

/** What Mermaid's own pre-processing does before parsing: entity codes become inert placeholders. */
const encoded = (text: string): string => text.replace(/#\w+;/g, 'E');
/** What Mermaid does after drawing: entity codes become the characters. */
const decoded = (text: string): string => text.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));

const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  'a: b; c',
  '"]; n0 --> n1; click n0 call alert(1); %%',
  '%%{init: {"securityLevel": "loose"}}%%',
  'end',
  'title x: y',
  'section z',
  'journey',
  'accTitle: owned',
  'line one\nline two\r\nline three',
  '`markdown` **bold** $$x^2$$',
  '#quot; &lt; &amp; #35;',
  '{braces} [brackets] (parens) <angles> |pipes|',
  'ﬂ°°58¶ß',
  'emoji 🎉 and accents: Crème brûlée, Straße',
];

describe('mermaidText', () => {
  it('keeps plain words, and encodes every character that means something to Mermaid', () => {
    expect(mermaidText('Welcome email (2nd)')).toBe('Welcome email (2nd)');
    expect(mermaidText('a: b; c')).toBe('a#58; b#59; c');
    expect(mermaidText('<b>"x"</b>')).toBe('#60;b#62;#34;x#34;#60;/b#62;');
    expect(mermaidText('100% %%')).toBe('100#37; #37;#37;');
    expect(mermaidText('#quot;')).toBe('#35;quot#59;');
  });

  it('puts everything on one line and cuts long text', () => {
    expect(mermaidText('one\ntwo\r\n  three\t four')).toBe('one two three four');
    expect(decoded(mermaidText('abcdefghijklmnop', 8))).toBe('abcdefg…');
  });

  it('neutralises a label that starts with a statement keyword', () => {
    for (const word of ['journey', 'title x', 'section y', 'accTitle', 'accDescr', 'Journey map']) {
      const text = mermaidText(word);
      expect(text.startsWith('#')).toBe(true);
      expect(decoded(text)).toBe(word);
    }
    expect(mermaidText('my journey')).toBe('my journey');
  });

  it("never lets text contain Mermaid's own entity placeholder", () => {
    expect(mermaidText('ﬂ°°58¶ß')).not.toMatch(/[ﬂ°¶]/u);
  });

  it('round-trips any text, and leaves nothing Mermaid would read as syntax', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const out = mermaidText(text);
        expect(encoded(out)).toMatch(/^(?:[A-Za-z0-9 .,'()\-/?!@+*=_]|(?![\p{C}ﬂ°¶])[^\p{ASCII}])*$/u);
        expect(decoded(out)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
    );
  });
});

describe('mermaidPlain', () => {
  it('turns the characters that end an actor into look-alikes, and splits %%', () => {
    expect(mermaidPlain('Fax: "#1", {x}; 100%%{init}')).toBe('Fax\u2236 "\u266f1"\u201a {x}\u037e 100% %{init}');
    expect(mermaidPlain('Broker & partner portal')).toBe('Broker & partner portal');
  });

  it('leaves nothing that ends an actor, opens a comment or directive, or looks like an entity placeholder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const out = mermaidPlain(text);
        expect(out).not.toMatch(/[\n\r#,:;ﬂ¶]|%%|\p{Cc}/u);
      }),
    );
  });
});

describe('journeyDiagrams', () => {
  const stages = [
    ['discover', 'Discover'],
    ['buy', 'Buy'],
    ['use', 'Use'],
  ] as const;

  it('draws one journey per stage: the stage as the section, touchpoints as tasks scored by emotion, channels as actors', () => {
    const j = journey('Buying a thing', stages, [
      { id: 'ad', stage: 'discover', channel: 'Advertising', emotion: 3 },
      { id: 'landing-page', stage: 'discover', channel: 'Website', emotion: 4 },
      { id: 'checkout', stage: 'buy', channel: 'Website' },
    ]);
    const diagrams = journeyDiagrams(j);
    expect(diagrams.map((diagram) => diagram.caption)).toEqual(['Discover', 'Buy']);
    const lines = diagrams[0]!.source.split('\n');
    expect(lines.slice(0, 2)).toEqual(['journey', '  accTitle: Buying a thing#58; Discover']);
    expect(lines[2]).toMatch(/^ {2}accDescr: How the customer feels at each touchpoint of stage Discover/);
    expect(lines.slice(3)).toEqual(['  section Discover', '    ad: 3: Advertising', '    landing-page: 4: Website', '']);
    expect(diagrams[1]!.source).toContain('    checkout (no score): 3: Website\n');
    expect(diagrams[0]!.description).toContain('ad on Advertising, emotion 3 of 5 (neutral)');
  });

  it(`splits a long journey so that no diagram has more than ${MAX_TASKS} tasks, and shows every touchpoint once`, () => {
    const specs = Array.from({ length: 40 }, (_, n) => ({ id: `step-${n + 1}`, stage: n < 25 ? 'buy' : n < 30 ? 'use' : 'discover', channel: `Channel ${n % 7}`, emotion: (n % 5) + 1 }));
    const diagrams = journeyDiagrams(journey('Long', stages, specs));
    for (const diagram of diagrams) expect(diagram.touchpoints.length).toBeLessThanOrEqual(MAX_TASKS);
    expect(diagrams.flatMap((diagram) => diagram.touchpoints.map((tp) => tp.id)).sort()).toEqual(specs.map((spec) => spec.id).sort());
    // In stage order, the 25 of "buy" in 5 even parts.
    expect(diagrams.map((diagram) => diagram.caption)).toEqual([
      'Discover (part 1 of 2)',
      'Discover (part 2 of 2)',
      'Buy (part 1 of 5)',
      'Buy (part 2 of 5)',
      'Buy (part 3 of 5)',
      'Buy (part 4 of 5)',
      'Buy (part 5 of 5)',
      'Use',
    ]);
    expect(new Set(diagrams.map((diagram) => diagram.id)).size).toBe(diagrams.length);
  });

  it('gathers touchpoints of no known stage in a diagram of their own', () => {
    const diagrams = journeyDiagrams(journey('J', stages, [{ id: 'lost', stage: 'nowhere', channel: 'E-mail', emotion: 2 }]));
    expect(diagrams.map((diagram) => diagram.caption)).toEqual(['No known stage']);
  });

  it('keeps every line well formed whatever the titles, stage names, channel names and ids say', () => {
    for (const text of HOSTILE) {
      const j = journey(text, [['s', text]], [
        { id: 'journey-start', stage: 's', channel: text, emotion: 2 },
        { id: text, stage: 's', channel: `${text}, other`, emotion: 4 },
      ]);
      for (const diagram of journeyDiagrams(j)) {
        const lines = encoded(diagram.source).trimEnd().split('\n');
        expect(lines[0]).toBe('journey');
        expect(lines[1]).toMatch(/^ {2}accTitle: [^\n%]*$/);
        expect(lines[2]).toMatch(/^ {2}accDescr: [^\n%]*$/);
        expect(lines[3]).toMatch(/^ {2}section [^#:\n;%]+$/);
        for (const task of lines.slice(4)) {
          expect(task).toMatch(/^ {4}[^#:\n;%]+: [1-5]: (?:(?!%%)[^#:\n;,])+$/);
          expect(task.trimStart()).not.toMatch(/^(journey|title|section|acc)/i);
        }
      }
    }
  });
});

describe('timelineFlowchart', () => {
  const stages = [
    ['a', 'Alpha'],
    ['b', 'Beta'],
  ] as const;

  it('orders touchpoints by stage, then as written', () => {
    const j = journey('J', stages, [
      { id: 'late', stage: 'b' },
      { id: 'early', stage: 'a' },
      { id: 'second', stage: 'a' },
      { id: 'orphan', stage: 'zzz' },
    ]);
    expect(timeOrder(j).map((tp) => tp.id)).toEqual(['early', 'second', 'late', 'orphan']);
  });

  it('draws one lane per channel, each touchpoint numbered in the order of the whole journey', () => {
    const j = journey('J', stages, [
      { id: 'welcome', stage: 'a', channel: 'E-mail', trigger: 'signed.up', after: '2h', at: '10:00', subject: 'Hello', moment: true },
      { id: 'nudge', stage: 'a', channel: 'SMS' },
      { id: 'follow-up', stage: 'b', channel: 'E-mail' },
    ]);
    const flow = timelineFlowchart(j);
    const lines = flow.source.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines).toContain('  subgraph lane0["E-mail"]');
    expect(lines).toContain('  subgraph lane1["SMS"]');
    expect(lines.filter((line) => line.startsWith('  subgraph'))).toHaveLength(2);
    expect(lines).toContain('    n0["1. welcome<br/><small>Alpha · signed.up +2h at 10#58;00</small>"]');
    expect(lines).toContain('    n0 --> n2');
    expect(lines).toContain('  lane0 ~~~ lane1');
    expect(lines).toContain('  class n0 moment');
    expect(flow.touchpoints.map((tp) => tp.id)).toEqual(['welcome', 'nudge', 'follow-up']);
    expect(flow.description).toContain('3 touchpoints in 2 channel lanes (E-mail: 2, SMS: 1)');
  });

  it('keeps labels inside their quotes whatever the text, with generated ids only', () => {
    for (const text of HOSTILE) {
      const j = journey(text, [['s', text]], [
        { id: text, stage: 's', channel: text, subject: text, trigger: text },
        { id: 'end', stage: 's', channel: 'end', subject: 'end' },
      ]);
      const lines = encoded(timelineFlowchart(j).source).trimEnd().split('\n');
      for (const line of lines.slice(3)) {
        expect(line).toMatch(
          /^( {2}subgraph lane\d+\["[^"\n]*"\]| {4}direction TB| {4}n\d+\["[^"\n]*"\]| {4}n\d+ --> n\d+| {2}end| {2}lane\d+ ~~~ lane\d+| {2}classDef moment stroke-width:3px| {2}class [n\d,]+ moment)$/,
        );
      }
    }
  });

  it('says when a touchpoint fires in a few words', () => {
    const [tp] = journey('J', [['a', 'A']], [{ id: 'x', stage: 'a', trigger: 'card.shipped', after: '1d', at: '09:30' }]).touchpoints;
    expect(shortTiming(tp!)).toBe('card.shipped +1d at 09:30');
  });
});

describe('mermaidQuoted', () => {
  it('makes a double-quoted string that no text can close, break or empty', () => {
    expect(mermaidQuoted('welcome-email')).toBe('"welcome-email"');
    expect(mermaidQuoted('a "b" c')).toBe('"a #34;b#34; c"');
    expect(mermaidQuoted('')).toBe('"#8203;"');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const out = mermaidQuoted(text, 40);
        expect(out).toMatch(/^"[^"\n\r]+"$/u);
        expect(encoded(out)).not.toMatch(/%|[[\]:;{}<>`]/u);
      }),
    );
  });
});

describe('numbers for Mermaid charts', () => {
  it('writes plain decimals, never an exponent', () => {
    expect(mermaidNumber(0.30000000000000004)).toBe('0.3');
    expect(mermaidNumber(1e-7)).toBe('0');
    expect(mermaidNumber(2e21)).toBe('2000000000000000000000');
    expect(mermaidNumber(-1.5)).toBe('-1.5');
    expect(mermaidNumber(-0)).toBe('0');
    expect(mermaidNumber(Number.NaN)).toBe('0');
  });

  it('writes coordinates as quadrantChart reads them: 0, 1, or 0 and decimals', () => {
    expect([0, 1, 0.5, 0.12345, -2, 7, Number.NaN].map(unitCoordinate)).toEqual(['0', '1', '0.500', '0.123', '0', '1', '0']);
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(unitCoordinate(value)).toMatch(/^(1|0(\.\d+)?)$/);
      }),
    );
  });

  it('draws points inside the frame without moving the middle', () => {
    expect(drawnCoordinate(0.5)).toBe(0.5);
    expect(drawnCoordinate(0)).toBeCloseTo(0.07);
    expect(drawnCoordinate(1)).toBeCloseTo(0.93);
    expect(drawnCoordinate(0.75)).toBeGreaterThan(0.5);
    expect(drawnCoordinate(0.4999)).toBeLessThan(0.5);
  });
});

function point(touchpoint: string, quadrant: string, x: number, y: number, journey = 'j'): QuadrantPointView {
  const info = QUADRANTS.find((candidate) => candidate.id === quadrant)!;
  return {
    journey,
    journeySlug: journey,
    journeyTitle: journey,
    touchpoint,
    anchor: `tp-${touchpoint}`,
    importance: 1 + y * 4,
    metric: 'open-rate',
    value: '0.3',
    target: '0.4',
    period: '2026-Q3',
    direction: 'higher',
    performance: x * 2,
    x,
    y,
    quadrant,
    quadrantName: info.name,
  };
}

describe('quadrantChart', () => {
  const quadrants = QUADRANTS.map((quadrant) => ({ ...quadrant }));

  it('names the four quadrants, "Act first" top left, and places each touchpoint coloured by its quadrant', () => {
    const chart = quadrantChart({ id: 'q', title: 'J: importance and performance', caption: 'c', points: [point('act-now', 'act-first', 0.3, 1), point('fine', 'keep-it-up', 0.6, 0.75)], quadrants });
    const lines = chart.source.trimEnd().split('\n');
    expect(lines[0]).toBe('quadrantChart');
    expect(lines[1]).toBe('  accTitle: J#58; importance and performance');
    expect(lines[2]).toMatch(/^ {2}accDescr: 2 touchpoints placed by importance .*on target or beyond\)\. Act first \(high importance, below target\)#58; act-now#59; Keep it up \(high importance, on or beyond target\)#58; fine#59; Low priority/);
    expect(lines).toContain('  x-axis Below target --> Beyond target');
    expect(lines).toContain('  y-axis Less important --> More important');
    expect(lines).toContain('  quadrant-1 Keep it up');
    expect(lines).toContain('  quadrant-2 Act first');
    expect(lines).toContain('  quadrant-3 Low priority');
    expect(lines).toContain('  quadrant-4 Possible overkill');
    expect(lines.at(-2)).toBe('  "act-now":::q2: [0.313, 0.823]');
    expect(lines.at(-1)).toBe('  "fine":::q1: [0.607, 0.608]');
    expect(chart.numbered).toBe(false);
  });

  it('numbers the points when there are many or they come from several journeys, as the table beside it does', () => {
    const many = Array.from({ length: MAX_NAMED_POINTS + 1 }, (_, n) => point(`tp-${n}`, 'low-priority', 0.1, 0.25));
    const chart = quadrantChart({ id: 'q', title: 't', caption: 'c', points: many, quadrants });
    expect(chart.numbered).toBe(true);
    // Thirteen touchpoints of one importance and performance: side by side, none covering another.
    const at = [...chart.source.matchAll(/^ {2}"(\d+)":::q3: \[([\d.]+), ([\d.]+)\]$/gm)].map((match) => [Number(match[2]), Number(match[3])] as const);
    expect(at).toHaveLength(13);
    expect(new Set(at.map(([x, y]) => `${x},${y}`)).size).toBe(13);
    for (const [x, y] of at) {
      expect(x).toBeLessThan(0.5);
      expect(y).toBeLessThan(0.5);
    }
    const two = quadrantChart({ id: 'q', title: 't', caption: 'c', points: [point('x', 'keep-it-up', 0.5, 1, 'welcome')], quadrants, qualified: true });
    expect(two.numbered).toBe(true);
    expect(two.source).toMatch(/^ {2}"1":::q1: \[0\.\d+, 0\.\d+\]$/m);
    expect(two.description).toContain('Keep it up (high importance, on or beyond target): welcome/x;');
  });

  it('numbers the points when their names would overlap, or run past the side of the chart', () => {
    expect(labelsOverlap([{ x: 0.4, y: 0.9, label: 'discover-step-4' }, { x: 0.5, y: 0.9, label: 'renew-step-4' }])).toBe(true);
    expect(labelsOverlap([{ x: 0.4, y: 0.9, label: 'discover-step-4' }, { x: 0.5, y: 0.6, label: 'renew-step-4' }])).toBe(false);
    expect(labelsOverlap([{ x: 0.2, y: 0.9, label: 'a' }, { x: 0.8, y: 0.9, label: 'b' }])).toBe(false);
    expect(labelsOverlap([{ x: 0.93, y: 0.5, label: 'a-very-long-touchpoint-name-indeed' }])).toBe(true);
    const crowded = quadrantChart({ id: 'q', title: 't', caption: 'c', points: [point('discover-step-4', 'act-first', 0.38, 1), point('renew-step-4', 'keep-it-up', 0.5, 1)], quadrants });
    expect(crowded.numbered).toBe(true);
    expect(crowded.source).toContain('  "1":::q2: ');
  });

  it('draws each point inside its quadrant, never on a border, by importance and performance, and keeps crowds apart', () => {
    const arbitrary = fc.record({
      quadrant: fc.constantFrom(...QUADRANTS),
      importance: fc.integer({ min: 1, max: 5 }),
      performance: fc.double({ min: 0, max: 2, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(arbitrary, { maxLength: 60 }), (specs) => {
        const points = specs.map(({ quadrant, importance, performance }, n) => ({ ...point(`p${n}`, quadrant.id, performance / 2, (importance - 1) / 4), importance, performance }));
        const drawn = quadrantLayout(points, quadrants, 0.03);
        drawn.forEach(({ x, y }, n) => {
          const quadrant = specs[n]!.quadrant;
          expect(x).toBeGreaterThanOrEqual(0.07);
          expect(x).toBeLessThanOrEqual(0.93);
          expect(y).toBeGreaterThanOrEqual(0.07);
          expect(y).toBeLessThanOrEqual(0.93);
          expect(x > 0.5).toBe(quadrant.performance === 'high');
          expect(y > 0.5).toBe(quadrant.importance === 'high');
          expect(Math.abs(x - 0.5)).toBeGreaterThan(0.02);
          expect(Math.abs(y - 0.5)).toBeGreaterThan(0.02);
        });
      }),
    );
    // Importance 3 is low (below the middle), 4 high; more important is higher; better is further right.
    const [three, four, five] = quadrantLayout([point('a', 'low-priority', 0.3, 0.5), point('b', 'act-first', 0.3, 0.75), point('c', 'act-first', 0.3, 1)], quadrants, 0.03);
    expect(three!.y).toBeLessThan(0.5);
    expect(four!.y).toBeGreaterThan(0.5);
    expect(five!.y).toBeGreaterThan(four!.y);
    const [worse, better] = quadrantLayout([point('a', 'keep-it-up', 0.55, 1), point('b', 'keep-it-up', 0.9, 1)], quadrants, 0.03);
    expect(better!.x).toBeGreaterThan(worse!.x);
  });

  it('keeps every point on one well-formed line whatever the touchpoint and journey say', () => {
    for (const text of HOSTILE) {
      const chart = quadrantChart({ id: 'q', title: text, caption: text, points: [point(text, 'act-first', 0.2, 1, text), point(`${text}2`, 'possible-overkill', 0.9, 0)], quadrants, qualified: true });
      const lines = encoded(chart.source).trimEnd().split('\n');
      expect(lines[1]).toMatch(/^ {2}accTitle: [^\n%]*$/);
      expect(lines[2]).toMatch(/^ {2}accDescr: [^\n%]*$/);
      for (const line of lines.slice(-2)) expect(line).toMatch(/^ {2}"[^"%\n]+":::q[1-4]: \[(1|0(\.\d+)?), (1|0(\.\d+)?)\]$/);
    }
  });
});

const kpi = (values: readonly number[], target?: number, touchpoint = 'welcome-email'): KpiSeriesView => ({
  touchpoint,
  anchor: `tp-${touchpoint}`,
  metric: 'open-rate',
  target,
  targetText: target === undefined ? undefined : String(target),
  direction: 'higher',
  series: values.map((value, n) => ({ period: `2026-Q${n + 1}`, value, text: String(value), file: 'journeys/metrics/m.csv', line: n + 2 })),
  trend: values.length > 1 ? 'improving' : undefined,
  onTarget: target === undefined ? undefined : values.at(-1)! >= target,
});

describe('kpiTrendChart', () => {
  it('draws the measured values by period and the target as a second line', () => {
    const chart = kpiTrendChart(kpi([0.38, 0.44, 0.52], 0.4), { id: 'k', journeyTitle: 'Welcome' });
    expect(chart.caption).toBe('welcome-email: open-rate');
    expect(chart.source.trimEnd().split('\n')).toEqual([
      'xychart',
      '  accTitle: Welcome#58; welcome-email#58; open-rate, by period',
      '  accDescr: open-rate (higher is better) of welcome-email#58; 0.38 in 2026-Q1, 0.44 in 2026-Q2, 0.52 in 2026-Q3#59; target 0.4, met#59; improving.',
      '  x-axis ["2026-Q1", "2026-Q2", "2026-Q3"]',
      '  y-axis "open-rate" 0.352 --> 0.548',
      '  line "Measured" [0.38, 0.44, 0.52]',
      '  line "Target 0.4" [0.4, 0.4, 0.4]',
    ]);
  });

  it('has no target line without a target, and a range around a flat series', () => {
    const chart = kpiTrendChart({ ...kpi([5, 5]), touchpoint: undefined, anchor: undefined }, { id: 'k', journeyTitle: 'J' });
    expect(chart.caption).toBe('whole journey: open-rate');
    expect(chart.source).toContain('  y-axis "open-rate" 4.5 --> 5.5');
    expect(chart.source).not.toContain('Target');
    expect(chart.source).toContain('; no target');
  });

  it('keeps hostile journey titles, metrics and periods inside their quotes', () => {
    for (const text of HOSTILE) {
      const series = { ...kpi([1, -2.5, 3e-7]), metric: text, touchpoint: text, series: kpi([1, -2.5, 3e-7]).series.map((measure) => ({ ...measure, period: text })) };
      const lines = encoded(kpiTrendChart(series, { id: 'k', journeyTitle: text }).source).trimEnd().split('\n');
      expect(lines[1]).toMatch(/^ {2}accTitle: [^\n%]*$/);
      expect(lines[2]).toMatch(/^ {2}accDescr: [^\n%]*$/);
      expect(lines[3]).toMatch(/^ {2}x-axis \[(?:"[^"%\n]+"(?:, )?){3}\]$/);
      expect(lines[4]).toMatch(/^ {2}y-axis "[^"%\n]+" -?[\d.]+ --> -?[\d.]+$/);
      expect(lines[5]).toBe('  line "Measured" [1, -2.5, 0]');
    }
  });
});

describe('scoreHistoryChart', () => {
  const entry = (short: string, score?: number): ScoreHistoryEntry => ({ commit: short.padEnd(40, '0'), short, date: '2026-03-01T10:00:00+01:00', subject: 'x', touchpoints: score === undefined ? 0 : 4, score, letter: score === undefined ? undefined : 'C' });

  it('draws the score from 0 to 100 at each graded commit, oldest first', () => {
    const chart = scoreHistoryChart([entry('aaaaaaa', 60), entry('bbbbbbb'), entry('ccccccc', 72.5)], { id: 'h', title: 'J: score', caption: 'c' })!;
    expect(chart.source.trimEnd().split('\n')).toEqual([
      'xychart',
      '  accTitle: J#58; score',
      '  accDescr: The score from 0 to 100 at each of the last 2 commits, oldest first#58; aaaaaaa (2026-03-01) 60.0, grade C#59; ccccccc (2026-03-01) 72.5, grade C.',
      '  x-axis ["aaaaaaa", "ccccccc"]',
      '  y-axis "Score" 0 --> 100',
      '  line [60, 72.5]',
    ]);
  });

  it('draws nothing with fewer than two graded commits', () => {
    expect(scoreHistoryChart([], { id: 'h', title: 't', caption: 'c' })).toBeUndefined();
    expect(scoreHistoryChart([entry('aaaaaaa', 60), entry('bbbbbbb')], { id: 'h', title: 't', caption: 'c' })).toBeUndefined();
  });
});
