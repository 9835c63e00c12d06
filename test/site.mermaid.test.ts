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
  journeyDiagram,
  kpiTrendChart,
  labelsOverlap,
  MAX_NAMED_POINTS,
  mermaidNumber,
  mermaidPlain,
  mermaidQuoted,
  mermaidText,
  quadrantChart,
  quadrantLayout,
  scenarioTimeline,
  scoreHistoryChart,
  unitCoordinate,
} from '../site/lib/mermaid.ts';
import type { JourneyView, KpiSeriesView, QuadrantPointView, ScenarioView, ScoreHistoryEntry, TimelineRow, TouchpointView } from '../site/lib/view.ts';
import { emptyScorecard } from './fixtures/site/helpers.ts';

const NO_COUNTS = { errors: 0, warnings: 0, infos: 0 };

interface TouchpointSpec {
  id: string;
  name?: string;
  owner?: string;
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
    name: spec.name ?? spec.id,
    anchor: `tp-${spec.id}`,
    owner: spec.owner === undefined ? undefined : { id: spec.owner.toLowerCase(), name: spec.owner },
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

describe('journeyDiagram', () => {
  const stages = [
    ['discover', 'Discover'],
    ['buy', 'Buy'],
    ['use', 'Use'],
  ] as const;

  it('draws the whole journey in one diagram: stages as sections, touchpoints as tasks scored by emotion with their channel symbol, owners as actors', () => {
    const j = journey('Buying a thing', stages, [
      { id: 'ad', name: 'Spring ad', stage: 'discover', channel: 'Ads', owner: 'Marketing', emotion: 3 },
      { id: 'landing-page', stage: 'discover', channel: 'Web', owner: 'Web team', emotion: 4 },
      { id: 'checkout', stage: 'buy', channel: 'Web', owner: 'Web team' },
      { id: 'lost', stage: 'nowhere', channel: 'Email' },
    ]);
    const diagram = journeyDiagram(j)!;
    const lines = diagram.source.split('\n');
    expect(lines.slice(0, 2)).toEqual(['journey', '  accTitle: Buying a thing#58; the journey map']);
    expect(lines[2]).toMatch(/^ {2}accDescr: How the customer feels at each touchpoint, stage by stage/);
    // The channel's symbol is the one of the site's channel map (ads ➚, web ◍, email ✉), the same on every page.
    expect(lines.slice(3)).toEqual([
      '  section Discover',
      '    ➚ Spring ad: 3: Marketing',
      '    ◍ landing-page: 4: Web team',
      '  section Buy',
      '    ◍ checkout (no score): 3: Web team',
      '  section No known stage',
      '    ✉ lost (no score): 3: No owner',
      '',
    ]);
    expect(diagram.touchpoints.map((tp) => tp.id)).toEqual(['ad', 'landing-page', 'checkout', 'lost']);
    expect(diagram.description).toContain('Discover: Spring ad (Ads, Marketing), emotion 3 of 5 (neutral)');
  });

  it('draws every touchpoint of a long journey once, in stage order, and nothing for a journey without touchpoints', () => {
    const specs = Array.from({ length: 40 }, (_, n) => ({ id: `step-${n + 1}`, stage: n < 25 ? 'buy' : n < 30 ? 'use' : 'discover', channel: `Channel ${n % 7}`, emotion: (n % 5) + 1 }));
    const diagram = journeyDiagram(journey('Long', stages, specs))!;
    expect(diagram.touchpoints).toHaveLength(40);
    expect(diagram.touchpoints.map((tp) => tp.id).slice(0, 3)).toEqual(['step-31', 'step-32', 'step-33']);
    expect(diagram.source.match(/^ {2}section /gm)).toHaveLength(3);
    expect(journeyDiagram(journey('Empty', stages, []))).toBeUndefined();
  });

  it('keeps every line well formed whatever the titles, stage names, owner names and names say', () => {
    for (const text of HOSTILE) {
      const j = journey(text, [['s', text]], [
        { id: 'journey-start', stage: 's', channel: text, owner: text, emotion: 2 },
        { id: 'x', name: text, stage: 's', channel: `${text}, other`, owner: `${text}, other`, emotion: 4 },
      ]);
      const lines = encoded(journeyDiagram(j)!.source).trimEnd().split('\n');
      expect(lines[0]).toBe('journey');
      expect(lines[1]).toMatch(/^ {2}accTitle: [^\n%]*$/);
      expect(lines[2]).toMatch(/^ {2}accDescr: [^\n%]*$/);
      expect(lines[3]).toMatch(/^ {2}section [^#:\n;%]+$/);
      for (const task of lines.slice(4)) {
        expect(task).toMatch(/^ {4}[^#:\n;%]+: [1-5]: (?:(?!%%)[^#:\n;,])+$/);
        expect(task.trimStart()).not.toMatch(/^(journey|title|section|acc)/i);
      }
    }
  });
});

function scenario(title: string, days: readonly { label: string; rows: readonly TimelineRow[] }[]): ScenarioView {
  return {
    slug: 's',
    id: 's',
    title,
    file: 'journeys/scenarios/s.scenario.yaml',
    events: 0,
    sends: 0,
    outbound: 0,
    breached: 0,
    days: days.map((day, n) => ({ day: n, label: day.label, outbound: 0, rows: day.rows })),
    findings: [],
    counts: NO_COUNTS,
  };
}

function send(clock: string, channel: { id: string; name: string }, touchpoint: string, extra: { journeyTitle?: string; repeat?: number; rules?: string[] } = {}): TimelineRow {
  return {
    kind: 'send',
    time: 0,
    clock,
    channel,
    outbound: true,
    journeySlug: 'j',
    journeyTitle: extra.journeyTitle ?? 'Welcome',
    touchpoint,
    anchor: `tp-${touchpoint}`,
    trigger: 'signed.up',
    repeat: extra.repeat ?? 0,
    breaches: (extra.rules ?? []).map((rule) => ({ rule, severity: 'warning' as const, message: rule })),
  };
}

describe('scenarioTimeline', () => {
  const email = { id: 'email', name: 'E-mail' };
  const sms = { id: 'sms', name: 'SMS' };

  it('reads top to bottom: a period per day, its moments under it, each with its time and channel symbol, breaches marked', () => {
    const s = scenario('Busy week', [
      {
        label: 'Mon 2 Mar 2026 (day 0)',
        rows: [
          { kind: 'event', time: 0, clock: '09:00', event: 'signed.up' },
          send('09:00', email, 'welcome-email'),
          send('10:00', sms, 'welcome-sms', { rules: ['contact-pressure'] }),
        ],
      },
      { label: 'Tue 3 Mar 2026 (day 1)', rows: [send('09:00', email, 'tips-email', { repeat: 1 })] },
      { label: 'Wed 4 Mar 2026 (day 2)', rows: [] },
    ]);
    const timeline = scenarioTimeline(s)!;
    const lines = timeline.source.trimEnd().split('\n');
    expect(lines[0]).toBe('timeline TD');
    expect(lines[1]).toBe('  accTitle: Busy week#58; what the customer lives, day by day');
    expect(lines[2]).toBe(
      '  accDescr: 4 moments of scenario Busy week, in time order. Mon 2 Mar 2026 (day 0)#58; 09#58;00, event signed.up#59; 09#58;00, E-mail#58; welcome-email of Welcome#59; ' +
        '10#58;00, SMS#58; welcome-sms of Welcome, breaching contact-pressure. Tue 3 Mar 2026 (day 1)#58; 09#58;00, E-mail#58; tips-email (repeat 1) of Welcome.',
    );
    // The symbols are those of the site's one channel map: e-mail ✉, SMS ✆.
    expect(lines.slice(3)).toEqual([
      '  Mon 2 Mar 2026 (day 0) : 09#58;00 ● signed.up : 09#58;00 ✉ welcome-email : 10#58;00 ✆ welcome-sms ⚠',
      '  Tue 3 Mar 2026 (day 1) : 09#58;00 ✉ tips-email (repeat 1)',
    ]);
    expect([timeline.rows, timeline.shown]).toEqual([4, 4]);
    expect(scenarioTimeline(scenario('Quiet', [{ label: 'day 0', rows: [] }]))).toBeUndefined();
  });

  it('draws at most so many moments, and says how many it drew', () => {
    const rows = Array.from({ length: 30 }, (_, n) => send(`${String(n % 24).padStart(2, '0')}:00`, email, `step-${n}`));
    const timeline = scenarioTimeline(scenario('Long', [{ label: 'day 0', rows: rows.slice(0, 20) }, { label: 'day 1', rows: rows.slice(20) }]), 25)!;
    expect([timeline.rows, timeline.shown]).toEqual([30, 25]);
    expect(timeline.source.split('\n').slice(3).join('\n').match(/step-/g)).toHaveLength(25);
    expect(timeline.description).toContain('(the first 25 drawn)');
  });

  it('keeps every line well formed whatever the scenario, journeys, channels, touchpoints and events say', () => {
    for (const text of HOSTILE) {
      const channel = { id: text, name: text };
      const s = scenario(text, [
        { label: text, rows: [{ kind: 'event', time: 0, clock: text, event: text }, send(text, channel, text, { journeyTitle: text, rules: [text] })] },
        { label: 'timeline LR', rows: [send('timeline TD', channel, 'end', { journeyTitle: 'title x' })] },
      ]);
      const lines = encoded(scenarioTimeline(s)!.source).trimEnd().split('\n');
      expect(lines[0]).toBe('timeline TD');
      expect(lines[1]).toMatch(/^ {2}accTitle: [^\n%]*$/);
      expect(lines[2]).toMatch(/^ {2}accDescr: [^\n%]*$/);
      expect(lines.length).toBe(5);
      for (const line of lines.slice(3)) {
        // A day and its moments: no colon, comment or directive of the user's, no keyword first.
        expect(line).toMatch(/^ {2}[^#:\n%]+(?: : [^#:\n%]+)+$/);
        expect(line.trimStart()).not.toMatch(/^(timeline|title|section|acc)/i);
      }
    }
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
