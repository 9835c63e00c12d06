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
import type { JourneyView, StageView, TouchpointView } from './view.ts';

/**
 * Characters that mean nothing to Mermaid's grammars wherever labels appear: letters,
 * digits and a little ASCII punctuation; any other character beyond ASCII except
 * controls and invisible formatting (Mermaid's grammars are ASCII).
 */
const SAFE = /^(?:[A-Za-z0-9 .,'()\-/?!@+*=_]|(?![\p{C}])[^\p{ASCII}])$/u;
/** Mermaid's own placeholder for entity codes: never let user text contain it. */
const PLACEHOLDER = /^[ﬂ°¶]$/u;
/** Words that open a statement in Mermaid's `journey` grammar, when a task name starts with them. */
const KEYWORD = /^(journey|title|section|acc)/i;

/** Text as a Mermaid label: one line, at most `max` characters, every unsafe character encoded. */
export function mermaidText(text: string, max = Infinity): string {
  let chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length > max) chars = [...chars.slice(0, Math.max(1, max - 1)).join('').trimEnd(), '…'];
  let out = '';
  for (const [index, char] of chars.entries()) {
    const keyword = index === 0 && KEYWORD.test(chars.slice(0, 8).join(''));
    out += SAFE.test(char) && !PLACEHOLDER.test(char) && !keyword ? char : `#${char.codePointAt(0)};`;
  }
  return out;
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

export interface Diagram {
  /** A stable id for the figure on the page. */
  readonly id: string;
  /** Plain text (the page escapes it); the Mermaid text holds its encoded form. */
  readonly title: string;
  /** The figure's caption on the page, shorter than the title when the page says the rest. */
  readonly caption: string;
  readonly description: string;
  readonly source: string;
  /** The touchpoints the diagram shows, in its order: the table beside it lists them. */
  readonly touchpoints: readonly TouchpointView[];
}

/** Most tasks in one `journey` diagram: more renders too small to read. */
export const MAX_TASKS = 6;

const emotionWords = ['', 'very unhappy', 'unhappy', 'neutral', 'happy', 'delighted'];

export function emotionLabel(emotion: number | undefined): string {
  return emotion === undefined ? 'no emotion score' : `emotion ${emotion} of 5 (${emotionWords[emotion] ?? 'unknown'})`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts = Math.max(1, Math.ceil(items.length / size));
  const even = Math.ceil(items.length / parts);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += even) out.push(items.slice(i, i + even));
  return out;
}

/**
 * One Mermaid `journey` per stage (split into parts of at most `maxTasks`):
 * the stage as the section, each touchpoint a task scored by its emotion, its
 * channel as the actor. A touchpoint with no emotion score is drawn neutral (3)
 * and says so in its label.
 */
export function journeyDiagrams(journey: JourneyView, maxTasks = MAX_TASKS): Diagram[] {
  const diagrams: Diagram[] = [];
  const stages: { stage: Pick<StageView, 'id' | 'name' | 'anchor'>; touchpoints: TouchpointView[] }[] = journey.stages.map((stage) => ({
    stage,
    touchpoints: journey.touchpoints.filter((touchpoint) => touchpoint.stage?.id === stage.id),
  }));
  const known = new Set(journey.stages.map((stage) => stage.id));
  const orphans = journey.touchpoints.filter((touchpoint) => touchpoint.stage === undefined || !known.has(touchpoint.stage.id));
  if (orphans.length > 0) stages.push({ stage: { id: '', name: 'No known stage', anchor: 'stage-none' }, touchpoints: orphans });
  for (const { stage, touchpoints } of stages) {
    if (touchpoints.length === 0) continue;
    const parts = chunk(touchpoints, maxTasks);
    parts.forEach((part, index) => {
      const which = parts.length > 1 ? ` (part ${index + 1} of ${parts.length})` : '';
      const title = `${journey.title}: ${stage.name}${which}`;
      const description =
        `How the customer feels at each touchpoint of stage ${stage.name}${which}, from 1 (very unhappy) to 5 (delighted): ` +
        part.map((touchpoint) => `${touchpoint.id} on ${touchpoint.channel?.name ?? 'no channel'}, ${emotionLabel(touchpoint.emotion)}`).join('; ') +
        '.';
      const lines = ['journey', `  accTitle: ${mermaidText(title)}`, `  accDescr: ${mermaidText(description)}`, `  section ${mermaidText(stage.name, 60)}`];
      for (const touchpoint of part) {
        const label = touchpoint.emotion === undefined ? `${touchpoint.id} (no score)` : touchpoint.id;
        const actor = mermaidPlain(touchpoint.channel?.name ?? 'No channel', 40);
        lines.push(`    ${mermaidText(label, 48)}: ${touchpoint.emotion ?? 3}: ${actor}`);
      }
      diagrams.push({ id: `${stage.anchor}-map${parts.length > 1 ? `-${index + 1}` : ''}`, title, caption: `${stage.name}${which}`, description, source: `${lines.join('\n')}\n`, touchpoints: part });
    });
  }
  return diagrams;
}

/** Touchpoints in time order: by stage, then as written (a journey lists them in the order they happen). */
export function timeOrder(journey: JourneyView): TouchpointView[] {
  const rank = new Map(journey.stages.map((stage, index) => [stage.id, index]));
  return journey.touchpoints
    .map((touchpoint, index) => ({ touchpoint, index, stage: rank.get(touchpoint.stage?.id ?? '') ?? journey.stages.length }))
    .sort((a, b) => a.stage - b.stage || a.index - b.index)
    .map(({ touchpoint }) => touchpoint);
}

/** `account.opened +2h @10:00`: when a touchpoint fires, short enough for a node. */
export function shortTiming(touchpoint: TouchpointView): string {
  const parts = [touchpoint.trigger ?? 'no trigger'];
  if (touchpoint.after) parts.push(`+${touchpoint.after}`);
  if (touchpoint.at) parts.push(`at ${touchpoint.at}`);
  if (touchpoint.repeat) parts.push('(repeats)');
  return parts.join(' ');
}

/**
 * A flowchart of the touchpoints in time order, one lane (subgraph) per channel:
 * lanes side by side in order of first use, each a column of its touchpoints in
 * time order, numbered in the order of the whole journey. (Arrows between lanes
 * would make Mermaid's layout unreadable past a dozen touchpoints: the numbers
 * carry the order across lanes, and the table beside the diagram lists it.)
 * Node and lane ids are generated, never taken from user text.
 */
export function timelineFlowchart(journey: JourneyView): Diagram {
  const ordered = timeOrder(journey);
  const laneOf = new Map<string, number>();
  const lanes: { name: string; nodes: number[] }[] = [];
  ordered.forEach((touchpoint, index) => {
    const key = touchpoint.channel?.id ?? '';
    let lane = laneOf.get(key);
    if (lane === undefined) {
      lane = lanes.length;
      laneOf.set(key, lane);
      lanes.push({ name: touchpoint.channel?.name ?? 'No channel', nodes: [] });
    }
    lanes[lane]!.nodes.push(index);
  });
  const title = `${journey.title}: touchpoints in time order, by channel`;
  const description =
    `${ordered.length} touchpoints in ${lanes.length} channel lanes (${lanes.map((lane) => `${lane.name}: ${lane.nodes.length}`).join(', ')}). ` +
    `In order: ${ordered.map((touchpoint, index) => `${index + 1}. ${touchpoint.id} (${touchpoint.channel?.name ?? 'no channel'}, ${touchpoint.stage?.name ?? 'no stage'})`).join(', ')}.`;
  const lines = ['flowchart LR', `  accTitle: ${mermaidText(title)}`, `  accDescr: ${mermaidText(description)}`];
  lanes.forEach((lane, l) => {
    lines.push(`  subgraph lane${l}["${mermaidText(lane.name, 40)}"]`, '    direction TB');
    for (const index of lane.nodes) {
      const touchpoint = ordered[index]!;
      const detail = `${touchpoint.stage?.name ?? 'no stage'} · ${shortTiming(touchpoint)}`;
      lines.push(`    n${index}["${index + 1}. ${mermaidText(touchpoint.id, 48)}<br/><small>${mermaidText(detail, 64)}</small>"]`);
    }
    for (let k = 1; k < lane.nodes.length; k += 1) lines.push(`    n${lane.nodes[k - 1]} --> n${lane.nodes[k]}`);
    lines.push('  end');
  });
  // Invisible links keep the lanes in order of first use, left to right.
  for (let l = 1; l < lanes.length; l += 1) lines.push(`  lane${l - 1} ~~~ lane${l}`);
  const moments = ordered.flatMap((touchpoint, index) => (touchpoint.momentOfTruth ? [`n${index}`] : []));
  if (moments.length > 0) lines.push('  classDef moment stroke-width:3px', `  class ${moments.join(',')} moment`);
  return { id: 'timeline-flow', title, caption: 'Touchpoints in time order, one lane per channel', description, source: `${lines.join('\n')}\n`, touchpoints: ordered };
}
