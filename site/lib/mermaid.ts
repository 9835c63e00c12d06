/**
 * Mermaid text for a journey's diagrams, from its view data. Pure functions, tested
 * on their own and parsed by Mermaid itself in the browser tests.
 *
 * User text (titles, stage and channel names, message subjects) never reaches
 * Mermaid as written: every character outside a small safe set becomes a Mermaid
 * entity code (`#58;` for a colon), which Mermaid turns back into the character
 * only after parsing, so no title can end a statement, open a comment or a
 * directive, close a label, or inject markup.
 */
import { channelStyle, HIGH_IMPORTANCE, PERFORMANCE_CAP, translator, type Translator } from 'journeys-as-code';
import type { JourneyView, KpiSeriesView, QuadrantPointView, QuadrantView, ScenarioView, ScoreHistoryEntry, TimelineRow, TouchpointView } from './view.ts';

/**
 * The ASCII characters that mean nothing to Mermaid's grammars wherever labels appear:
 * letters, digits and a little punctuation. Any character beyond ASCII means nothing
 * either (Mermaid's grammars are ASCII), but for controls and invisible formatting.
 */
const SAFE_ASCII = String.raw`A-Za-z0-9 .,'()\-/?!@+*=_`;
/** A whole label of safe ASCII characters. */
const ALL_SAFE = new RegExp(`^[${SAFE_ASCII}]*$`);
/** The characters of Mermaid's own placeholder for entity codes: never let user text contain them. */
const PLACEHOLDER_CHARACTERS = 'ﬂ°¶';
const PLACEHOLDER = new RegExp(`^[${PLACEHOLDER_CHARACTERS}]$`, 'u');
/** Each character of a label that is encoded: ASCII that is not safe, controls and formatting, and the placeholder. */
const UNSAFE = new RegExp(String.raw`[^${SAFE_ASCII}\P{ASCII}]|\p{C}|[${PLACEHOLDER_CHARACTERS}]`, 'gu');
/** Words that open a statement in Mermaid's `journey` and `timeline` grammars, when a label starts with them. */
const KEYWORD = /^(journey|timeline|title|section|acc)/i;

/** Text as a Mermaid label: one line, at most `max` characters, every unsafe character encoded. */
export function mermaidText(text: string, max = Infinity): string {
  let line = text.replace(/\s+/g, ' ').trim();
  // Most labels are plain ASCII words: nothing to encode, and no need to look at each character.
  if (line.length <= max && ALL_SAFE.test(line) && !KEYWORD.test(line)) return line;
  if (line.length > max) {
    const chars = [...line];
    if (chars.length > max) line = `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
  }
  const out = line.replace(UNSAFE, (char) => `#${char.codePointAt(0)};`);
  // A label that starts with a keyword of the grammar would open a statement: its first letter is encoded.
  return KEYWORD.test(line) ? `#${line.codePointAt(0)};${out.slice(1)}` : out;
}

/** Look-alikes, common to the usual system fonts, of the characters that end an actor's name. */
const LOOKALIKE: Readonly<Record<string, string>> = { ':': '\u2236', ';': '\u037e', ',': '\u201a', '#': '\u266f' };

/**
 * Text for the actors of a `journey` diagram, whose legend Mermaid wraps itself,
 * which would split an entity code: the few characters that end an actor's name
 * (`:`, `;`, `,`, `#`) become look-alikes (`∶`, `;`, `‚`, `♯`), and `%%` (a
 * comment or directive) is split. Nothing else in an actor's name means anything
 * to Mermaid.
 */
export function mermaidPlain(text: string, max = Infinity): string {
  let chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length > max) chars = [...chars.slice(0, Math.max(1, max - 1)).join('').trimEnd(), '…'];
  let out = '';
  for (const char of chars) {
    if (PLACEHOLDER.test(char)) out += '·';
    else if (Object.hasOwn(LOOKALIKE, char)) out += LOOKALIKE[char];
    else if (/\p{C}/u.test(char)) out += ' ';
    else out += char === '%' && out.endsWith('%') ? ' %' : char;
  }
  return out;
}

/** A Mermaid text and what the page says about it. */
export interface MermaidBlock {
  /** A stable id for the figure on the page. */
  readonly id: string;
  /** Plain text (the page escapes it); the Mermaid text holds its encoded form. */
  readonly title: string;
  /** The figure's caption on the page, shorter than the title when the page says the rest. */
  readonly caption: string;
  readonly description: string;
  readonly source: string;
}

export interface Diagram extends MermaidBlock {
  /** The touchpoints the diagram shows, in its order: the table beside it lists them. */
  readonly touchpoints: readonly TouchpointView[];
}

export function emotionLabel(emotion: number | undefined, words: Translator = translator()): string {
  return emotion === undefined ? words.t('emotion.none') : words.t('emotion', emotion);
}

/**
 * The whole journey as one Mermaid `journey`: each stage a section, in the journey's
 * order (touchpoints of no known stage last), each touchpoint a task named by its name
 * and its channel's symbol, scored by its emotion, its owner as the actor. A touchpoint
 * with no emotion score is drawn neutral (3) and says so in its label. Undefined for a
 * journey with no touchpoint.
 */
export function journeyDiagram(journey: JourneyView, words: Translator = translator()): Diagram | undefined {
  const { t } = words;
  const known = new Set(journey.stages.map((stage) => stage.id));
  const sections: { name: string; touchpoints: TouchpointView[] }[] = journey.stages.map((stage) => ({
    name: stage.name,
    touchpoints: journey.touchpoints.filter((touchpoint) => touchpoint.stage?.id === stage.id),
  }));
  const orphans = journey.touchpoints.filter((touchpoint) => touchpoint.stage === undefined || !known.has(touchpoint.stage.id));
  sections.push({ name: t('stage.unknown'), touchpoints: orphans });
  const drawn = sections.filter((section) => section.touchpoints.length > 0);
  if (drawn.length === 0) return undefined;
  const title = t('map.title', journey.title);
  const description =
    t('map.description') +
    drawn
      .map(({ name, touchpoints }) => `${name}: ${touchpoints.map((touchpoint) => `${touchpoint.name} (${touchpoint.channel?.name ?? t('map.noChannel')}, ${touchpoint.owner?.name ?? t('board.noOwner')}), ${emotionLabel(touchpoint.emotion, words)}`).join('; ')}`)
      .join('. ') +
    '.';
  const lines = ['journey', `  accTitle: ${mermaidText(title)}`, `  accDescr: ${mermaidText(description)}`];
  for (const { name, touchpoints } of drawn) {
    lines.push(`  section ${mermaidText(name, 60)}`);
    for (const touchpoint of touchpoints) {
      const label = `${channelStyle(touchpoint.channel?.id).glyph} ${touchpoint.name}${touchpoint.emotion === undefined ? ` (${t('map.noScore')})` : ''}`;
      const actor = mermaidPlain(touchpoint.owner?.name ?? t('map.noOwner'), 40);
      lines.push(`    ${mermaidText(label, 48)}: ${touchpoint.emotion ?? 3}: ${actor}`);
    }
  }
  return { id: 'journey-map', title, caption: t('map.caption'), description, source: `${lines.join('\n')}\n`, touchpoints: drawn.flatMap((section) => section.touchpoints) };
}

/** Most rows of a scenario's timeline: past them, the list below the diagram says the rest. */
export const MAX_TIMELINE_ROWS = 120;

/** One moment of a scenario's timeline: its time, the channel's symbol and what, short; and the same in words. */
function timelineRow(row: TimelineRow, words: Translator): { event: string; said: string } {
  const { t } = words;
  if (row.kind === 'event') return { event: `${row.clock} ● ${row.event}`, said: `${row.clock}, ${t('timeline.said.event', row.event)}` };
  const breaches = row.breaches.map((breach) => breach.rule);
  const repeat = row.repeat > 0 ? ` (${t('timeline.said.repeat', words.number(row.repeat))})` : '';
  return {
    event: `${row.clock} ${channelStyle(row.channel.id).glyph} ${row.touchpoint}${repeat}${breaches.length > 0 ? ' ⚠' : ''}`,
    said: `${row.clock}, ${row.channel.name}: ${t('timeline.said.send', `${row.touchpoint}${repeat}`, row.journeyTitle)}${breaches.length > 0 ? t('timeline.said.breaching', breaches) : ''}`,
  };
}

/**
 * A scenario as a vertical Mermaid `timeline`: each day with something in it a period,
 * its moments the events under it: the time, then the story's event (●) or the
 * touchpoint reached with its channel's symbol, ⚠ when it breaches the contact
 * policy. Labels are cut to one line each (Mermaid's vertical timeline lets taller
 * ones run into the next day, and so it does its sections: there are none); the list
 * beside it and the description say them whole. Read top to bottom, it fits a phone.
 * Undefined when nothing happens.
 */
export function scenarioTimeline(scenario: ScenarioView, maxRows = MAX_TIMELINE_ROWS, words: Translator = translator()): (MermaidBlock & { rows: number; shown: number }) | undefined {
  const { t } = words;
  const rows = scenario.days.reduce((sum, day) => sum + day.rows.length, 0);
  if (rows === 0) return undefined;
  const title = t('timeline.title', scenario.title);
  let shown = 0;
  const body: string[] = [];
  const said: string[] = [];
  for (const day of scenario.days) {
    const moments = day.rows.slice(0, maxRows - shown).map((row) => timelineRow(row, words));
    if (moments.length === 0) continue;
    body.push(`  ${mermaidText(day.label, 24)} : ${moments.map(({ event }) => mermaidText(event, 34)).join(' : ')}`);
    said.push(`${day.label}: ${moments.map((moment) => moment.said).join('; ')}`);
    shown += moments.length;
  }
  const description =
    `${t('timeline.description', words.plural(rows, 'moment'), scenario.title)}${shown < rows ? ` (${t('timeline.firstDrawn', words.number(shown))})` : ''}. ` + said.join('. ') + '.';
  const lines = ['timeline TD', `  accTitle: ${mermaidText(title)}`, `  accDescr: ${mermaidText(description)}`, ...body];
  return { id: 'scenario-timeline', title, caption: t('timeline.caption'), description, source: `${lines.join('\n')}\n`, rows, shown };
}

/**
 * Text as a Mermaid double-quoted string, quotes included: mermaidText's encoding
 * (which encodes the quote itself), never empty. For quadrantChart point names and
 * xychart labels, whose unquoted forms accept only a few characters.
 */
export function mermaidQuoted(text: string, max = Infinity): string {
  const inner = mermaidText(text, max);
  return `"${inner === '' ? '#8203;' : inner}"`;
}

/** Made once: toLocaleString with options would build a formatter on every call. */
const NUMBER = new Intl.NumberFormat('en', { useGrouping: false, maximumFractionDigits: 6 });

/**
 * A number as Mermaid's xychart reads it: plain decimal digits (no exponent),
 * at most six decimals, `-` for a negative value.
 */
export function mermaidNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const text = NUMBER.format(value);
  return text === '-0' ? '0' : text;
}

/** A coordinate of a quadrantChart point, which Mermaid reads only as `0`, `1` or `0.` and digits. */
export function unitCoordinate(value: number): string {
  const clamped = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  const text = clamped.toFixed(3);
  return text === '1.000' ? '1' : text === '0.000' ? '0' : text;
}

/**
 * Where a point is drawn: the engine's 0..1 drawn in 0.07..0.93, so that points at the
 * edges (importance 5, twice the target) stay clear of the quadrant names and the
 * frame. The middle stays the middle: the quadrants' borders do not move.
 */
export function drawnCoordinate(value: number): number {
  return 0.5 + (Math.min(1, Math.max(0, value)) - 0.5) * 0.86;
}

/** Width of a character of a point's label, and height of the label, as shares of the chart (13px text on a 560 × 440 chart). */
const LABEL_CHAR = 7.5 / 560;
const LABEL_HEIGHT = 17 / 440;

/**
 * Whether two points' labels, drawn centred under them, would overlap (or run past
 * the chart's side), by an estimate of their width: then the chart numbers its points.
 */
export function labelsOverlap(points: readonly { readonly x: number; readonly y: number; readonly label: string }[]): boolean {
  const boxes = points.map(({ x, y, label }) => {
    const half = (Math.min([...label].length, 40) * LABEL_CHAR) / 2;
    return { left: x - half, right: x + half, y };
  });
  if (boxes.some((box) => box.left < -0.04 || box.right > 1.04)) return true;
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (Math.abs(a.y - b.y) < LABEL_HEIGHT && a.left < b.right && b.left < a.right) return true;
    }
  }
  return false;
}

/** Point colours by quadrant: legible on the light and the dark theme. */
const QUADRANT_COLOURS: Readonly<Record<number, string>> = { 1: '#1f9d5a', 2: '#e5484d', 3: '#8792a2', 4: '#d08a1e' };

/** More points than this on one chart are labelled with their number in the table beside it, not their id. */
export const MAX_NAMED_POINTS = 12;

/** Space kept on each side of the middle lines, so that no point sits on a quadrant's border. */
const MIDDLE_GAP = 0.03;
/** Height of a row of points that had to make room for each other, in drawn units. */
const ROW = 0.045;

/**
 * Where each point of the matrix is drawn, 0..1 on both axes (the quadrants' borders at
 * 0.5): in the half of its quadrant as the engine placed it (importance high from
 * HIGH_IMPORTANCE, performance high on target), never on a border; within the half, by
 * importance (one band per level, so that importance 3 is not drawn on the middle line)
 * and by performance (linear up to PERFORMANCE_CAP); then inside the frame
 * (drawnCoordinate). Points that would cover each other move along their band by `gap`
 * (right, or left when the half ends), or to a row just below or above it.
 */
export function quadrantLayout(points: readonly QuadrantPointView[], quadrants: readonly QuadrantView[], gap: number): { x: number; y: number }[] {
  const info = new Map(quadrants.map((quadrant) => [quadrant.id, quadrant]));
  const clamp = (value: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, value));
  const base = points.map((point) => {
    const quadrant = info.get(point.quadrant);
    const highImportance = quadrant ? quadrant.importance === 'high' : point.importance >= HIGH_IMPORTANCE;
    const highPerformance = quadrant ? quadrant.performance === 'high' : point.performance >= 1;
    const levels = highImportance ? 6 - HIGH_IMPORTANCE : HIGH_IMPORTANCE - 1;
    const level = highImportance ? clamp(point.importance, HIGH_IMPORTANCE, 5) - HIGH_IMPORTANCE : clamp(point.importance, 1, HIGH_IMPORTANCE - 1) - 1;
    const y = (highImportance ? 0.5 : 0) + ((level + 0.5) / Math.max(1, levels)) * 0.5;
    const half = 0.5 - MIDDLE_GAP;
    const x = highPerformance
      ? 0.5 + MIDDLE_GAP + (clamp(point.performance, 1, PERFORMANCE_CAP) - 1) / (PERFORMANCE_CAP - 1) * half
      : clamp(point.performance, 0, 1) * half;
    return {
      x: drawnCoordinate(x),
      y: drawnCoordinate(y),
      band: `${point.quadrant}\u0000${y}`,
      limit: drawnCoordinate(highPerformance ? 1 : half),
      start: drawnCoordinate(highPerformance ? 0.5 + MIDDLE_GAP : 0),
      floor: drawnCoordinate(highImportance ? 0.5 + MIDDLE_GAP : 0),
      ceiling: drawnCoordinate(highImportance ? 1 : half),
    };
  });
  const drawn = base.map(({ x, y }) => ({ x, y }));
  const bands = new Map<string, number[]>();
  base.forEach((point, index) => {
    let list = bands.get(point.band);
    if (!list) bands.set(point.band, (list = []));
    list.push(index);
  });
  for (const members of bands.values()) {
    const first = base[members[0]!]!;
    // Rows of the band: its own, then one below, one above, two below, ... inside its half.
    const offsets = [0];
    for (let k = 1; k < 12; k += 1) offsets.push(k % 2 === 1 ? -Math.ceil(k / 2) : k / 2);
    const rows = offsets.map((offset) => first.y + offset * ROW).filter((y) => y >= first.floor && y <= first.ceiling);
    const taken = rows.map(() => ({ min: Infinity, max: -Infinity }));
    for (const index of [...members].sort((a, b) => base[a]!.x - base[b]!.x || a - b)) {
      const point = base[index]!;
      // To the right of a row's points, else to their left, in the first row with room.
      let placed: { row: number; x: number } | undefined;
      for (let row = 0; row < taken.length && !placed; row += 1) {
        const { min, max } = taken[row]!;
        const right = Math.max(point.x, max + gap);
        const left = Math.min(point.x, min - gap);
        if (right <= point.limit) placed = { row, x: right };
        else if (left >= point.start) placed = { row, x: left };
      }
      // Every row full: at the end of the band's own row.
      placed ??= { row: 0, x: point.limit };
      const row = taken[placed.row];
      if (row) {
        row.min = Math.min(row.min, placed.x);
        row.max = Math.max(row.max, placed.x);
      }
      drawn[index] = { x: placed.x, y: rows[placed.row] ?? point.y };
    }
  }
  return drawn;
}

/**
 * The importance/performance matrix as a Mermaid `quadrantChart`: each placed
 * touchpoint in the quadrant the engine gives it, by importance (up) and performance
 * against its target (right), as quadrantLayout draws them, coloured by quadrant; the
 * quadrants named as the engine names them, "Act first" top left. With more than MAX_NAMED_POINTS points, points of
 * several journeys, or labels that would overlap, each point is labelled by its number
 * in the table beside the chart.
 */
export function quadrantChart(options: { id: string; title: string; caption: string; points: readonly QuadrantPointView[]; quadrants: readonly QuadrantView[]; qualified?: boolean; words?: Translator }): MermaidBlock & { numbered: boolean } {
  const { id, title, caption, points, quadrants, qualified = false, words = translator() } = options;
  const { t } = words;
  const quadrantName = (quadrant: QuadrantView): string => t(`quadrant.${quadrant.id as 'act-first'}`);
  const nameOf = (point: QuadrantPointView): string => (qualified ? `${point.journey}/${point.touchpoint}` : point.touchpoint);
  // Qualified names (journey/touchpoint) are too long to label points, and names that
  // would overlap cannot be read: then the points are numbered, and the table names them.
  const named = !qualified && points.length <= MAX_NAMED_POINTS;
  // Room for a number's label between points, or for a name's when names may be shown.
  const numberGap = (String(points.length).length * LABEL_CHAR + 0.012);
  let drawn = quadrantLayout(points, quadrants, numberGap);
  let numbered = !named || labelsOverlap(drawn.map((at, index) => ({ ...at, label: nameOf(points[index]!) })));
  if (named && numbered) {
    // Names might fit once the points make room for them.
    const spread = quadrantLayout(points, quadrants, Math.max(...points.map((point) => Math.min(40, [...nameOf(point)].length))) * LABEL_CHAR + 0.012);
    if (!labelsOverlap(spread.map((at, index) => ({ ...at, label: nameOf(points[index]!) })))) {
      drawn = spread;
      numbered = false;
    }
  }
  // "Act first" first in the description: it is what a reader needs to know.
  const byQuadrant = [...quadrants]
    .sort((a, b) => Number(b.id === 'act-first') - Number(a.id === 'act-first'))
    .map((quadrant) => ({ quadrant, points: points.filter((point) => point.quadrant === quadrant.id) }));
  const description =
    `${t('quadrant.description', words.plural(points.length, 'touchpoint'))} ` +
    byQuadrant.map(({ quadrant, points: inside }) => `${quadrantName(quadrant)} (${t(`quadrant.importance.${quadrant.importance}`)}, ${quadrant.performance === 'high' ? t('quadrant.onTarget') : t('quadrant.belowTarget')})${t('colon')}${inside.length === 0 ? t('none') : inside.map(nameOf).join(', ')}`).join('; ') +
    '.';
  const lines = [
    'quadrantChart',
    `  accTitle: ${mermaidText(title)}`,
    `  accDescr: ${mermaidText(description)}`,
    `  x-axis ${mermaidText(t('quadrant.axis.below'), 30)} --> ${mermaidText(t('quadrant.axis.beyond'), 30)}`,
    `  y-axis ${mermaidText(t('quadrant.axis.less'), 30)} --> ${mermaidText(t('quadrant.axis.more'), 30)}`,
  ];
  for (const quadrant of [...quadrants].sort((a, b) => a.mermaid - b.mermaid)) lines.push(`  quadrant-${quadrant.mermaid} ${mermaidText(quadrantName(quadrant), 30)}`);
  for (const quadrant of quadrants) lines.push(`  classDef q${quadrant.mermaid} color: ${QUADRANT_COLOURS[quadrant.mermaid] ?? '#8792a2'}, radius: ${quadrant.mermaid === 2 ? 7 : 5}`);
  const mermaidOf = new Map(quadrants.map((quadrant) => [quadrant.id, quadrant.mermaid]));
  points.forEach((point, index) => {
    const label = numbered ? String(index + 1) : nameOf(point);
    const klass = mermaidOf.get(point.quadrant);
    const at = drawn[index]!;
    lines.push(`  ${mermaidQuoted(label, 40)}${klass !== undefined ? `:::q${klass}` : ''}: [${unitCoordinate(at.x)}, ${unitCoordinate(at.y)}]`);
  });
  return { id, title, caption, description, source: `${lines.join('\n')}\n`, numbered };
}

/** A y-axis range around the values, with some room, from 0 when they are all positive and near it. */
function axisRange(values: readonly number[], floor?: number, ceiling?: number): [number, number] {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.2 : Math.abs(hi) * 0.1 || 1;
  lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
  hi += pad;
  if (floor !== undefined) lo = Math.max(floor, lo);
  if (ceiling !== undefined) hi = Math.min(ceiling, hi);
  return [lo, hi];
}

const round = (value: number): number => Number(value.toPrecision(3));

/** What a KPI is about, in words: `welcome-email: open-rate`, or the journey's for a journey-level series. */
export function kpiLabel(kpi: Pick<KpiSeriesView, 'touchpoint' | 'metric'>, words: Translator = translator()): string {
  return `${kpi.touchpoint ?? words.t('kpis.wholeJourney')}: ${kpi.metric}`;
}

/**
 * A KPI's measured values over its periods as a Mermaid `xychart`: one line of the
 * values and, when the KPI has a target, a second line at the target.
 */
export function kpiTrendChart(kpi: KpiSeriesView, options: { id: string; journeyTitle: string; words?: Translator }): MermaidBlock {
  const { words = translator() } = options;
  const { t } = words;
  const label = kpiLabel(kpi, words);
  const title = t('kpiChart.title', options.journeyTitle, label);
  const values = kpi.series.map((measure) => measure.value);
  const [lo, hi] = axisRange(kpi.target !== undefined ? [...values, kpi.target] : values);
  const better = kpi.direction === 'higher' ? t('kpis.higherBetter') : t('kpis.lowerBetter');
  const description =
    t('kpiChart.of', kpi.metric, better, kpi.touchpoint ?? t('kpiChart.wholeJourney')) +
    kpi.series.map((measure) => t('kpiChart.in', measure.text, measure.period)).join(', ') +
    (kpi.target !== undefined ? `${t('kpiChart.target', kpi.targetText ?? '')}${kpi.onTarget === undefined ? '' : `, ${kpi.onTarget ? t('kpis.met') : t('kpis.missed')}`}` : t('kpiChart.noTarget')) +
    (kpi.trend ? `; ${t(`trend.word.${kpi.trend}`)}` : '') +
    '.';
  const lines = [
    'xychart',
    `  accTitle: ${mermaidText(title)}`,
    `  accDescr: ${mermaidText(description)}`,
    `  x-axis [${kpi.series.map((measure) => mermaidQuoted(measure.period, 16)).join(', ')}]`,
    `  y-axis ${mermaidQuoted(kpi.metric, 40)} ${mermaidNumber(round(lo))} --> ${mermaidNumber(round(hi))}`,
    `  line ${mermaidQuoted(t('kpiChart.measured'), 30)} [${values.map(mermaidNumber).join(', ')}]`,
  ];
  if (kpi.target !== undefined) lines.push(`  line ${mermaidQuoted(`${t('kpiChart.targetLine')} ${kpi.targetText ?? mermaidNumber(kpi.target)}`, 30)} [${values.map(() => mermaidNumber(kpi.target!)).join(', ')}]`);
  return { id: options.id, title, caption: label, description, source: `${lines.join('\n')}\n` };
}

/**
 * A score (0..100) at each of the last commits as a Mermaid `xychart` line, commits
 * by their short hash, oldest first; commits where the scope had no grade are left out.
 */
export function scoreHistoryChart(entries: readonly ScoreHistoryEntry[], options: { id: string; title: string; caption: string; words?: Translator }): MermaidBlock | undefined {
  const { words = translator() } = options;
  const { t } = words;
  const graded = entries.filter((entry): entry is ScoreHistoryEntry & { score: number } => entry.score !== undefined);
  if (graded.length < 2) return undefined;
  const description =
    t('historyChart.description', words.number(graded.length)) +
    graded.map((entry) => `${entry.short} (${entry.date.slice(0, 10)}) ${words.number(entry.score, 1)}, ${t('historyChart.grade', entry.letter ?? t('none'))}`).join('; ') +
    '.';
  const lines = [
    'xychart',
    `  accTitle: ${mermaidText(options.title)}`,
    `  accDescr: ${mermaidText(description)}`,
    `  x-axis [${graded.map((entry) => mermaidQuoted(entry.short, 12)).join(', ')}]`,
    `  y-axis ${mermaidQuoted(t('col.score'), 30)} 0 --> 100`,
    `  line [${graded.map((entry) => mermaidNumber(entry.score)).join(', ')}]`,
  ];
  return { id: options.id, title: options.title, caption: options.caption, description, source: `${lines.join('\n')}\n` };
}
