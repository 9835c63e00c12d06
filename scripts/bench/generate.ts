/**
 * A synthetic journeys repository for the benchmark: deterministic (seeded), big
 * (1,100 journeys, about 13 MB), written in the mixed styles people use (block
 * and flow collections, comments, folded text, quoted times) and mostly clean,
 * with a few realistic problems in about 3% of the journeys.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Buffer } from 'node:buffer';
import { Random } from './random.ts';
import {
  CHANNEL_WORD,
  CHANNELS_BY_ROLE,
  DECLARED_CHANNELS,
  DETAILS,
  DOMAINS,
  FAMILY_SEGMENTS,
  INTENTS_BY_ROLE,
  KINDS,
  KPIS_BY_CHANNEL,
  NARRATIVE,
  OUTBOUND,
  PERSONAS,
  SEGMENTS,
  SENTENCES_BY_ROLE,
  SUBJECTS_BY_ROLE,
  TEAMS,
  TOOLS_BY_CHANNEL,
  TOPICS_BY_ROLE,
  type Domain,
  type Role,
} from './vocabulary.ts';

export interface CorpusOptions {
  readonly seed: string;
  /** Journeys of exactly `touchpoints` touchpoints. */
  readonly regular: number;
  readonly touchpoints: number;
  /** More journeys of 10 to 40 touchpoints, half of them Markdown. */
  readonly extra: number;
  readonly scenarios: number;
  /** Share of journeys with a few problems. */
  readonly problemRate: number;
  /** Problems given to every journey besides, so that every journey file has findings (the bench's findings variant). */
  readonly everyJourney?: readonly Problem[];
}

export const DEFAULT_CORPUS: CorpusOptions = { seed: 'journeys-bench-1', regular: 1000, touchpoints: 30, extra: 100, scenarios: 100, problemRate: 0.03 };

export type Problem = 'unknown-owner' | 'no-kpis' | 'empty-stage' | 'missing-owner' | 'unknown-channel';

export interface GeneratedFile {
  /** Repository-relative path with forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface GeneratedJourney extends GeneratedFile {
  readonly index: number;
  readonly id: string;
  readonly markdown: boolean;
  readonly touchpoints: number;
  readonly problems: readonly Problem[];
  /** Distinct triggers, in the order of the touchpoints. */
  readonly triggers: readonly string[];
}

export interface GeneratedScenario extends GeneratedFile {
  /** The journey whose triggers the scenario mostly follows. */
  readonly journey: number;
}

export interface Corpus {
  readonly options: CorpusOptions;
  /** owners.yaml, channels.yaml, personas.yaml and journeys.config.yaml. */
  readonly shared: readonly GeneratedFile[];
  readonly journeys: readonly GeneratedJourney[];
  readonly scenarios: readonly GeneratedScenario[];
}

export interface CorpusStats {
  readonly files: number;
  readonly bytes: number;
  readonly journeys: number;
  readonly markdownJourneys: number;
  readonly touchpoints: number;
  readonly scenarios: number;
  readonly problemJourneys: number;
}

// ---------------------------------------------------------------------------
// YAML text helpers

const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** A string as a YAML scalar: plain when that is safe, double-quoted otherwise. */
function scalar(value: string): string {
  if (/^[A-Za-z][^\n:#"]*$/.test(value) && !/\s$/.test(value) && !RESERVED.test(value)) return value;
  return JSON.stringify(value);
}

/** Words wrapped to lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** `key: value` for a text, as a folded block when it is long and `folded` is asked. */
function textField(indent: string, key: string, value: string, folded: boolean): string[] {
  if (!folded || value.length < 70) return [`${indent}${key}: ${scalar(value)}`];
  return [`${indent}${key}: >`, ...wrap(value, 76 - indent.length).map((line) => `${indent}  ${line}`)];
}

const fill = (template: string, domain: Domain): string => template.replaceAll('{product}', domain.product);

function sectionComment(name: string): string {
  const head = `  # --- ${name} `;
  return head + '-'.repeat(Math.max(3, 64 - head.length));
}

function fixed(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

const DAY_MS = 86_400_000;
/** A date `days` after `base` (both UTC), as YYYY-MM-DD: fixed dates, never the clock. */
function isoDate(base: number, days: number): string {
  return new Date(base + days * DAY_MS).toISOString().slice(0, 10);
}
/** The oldest review date written: 2026-05-10, within 180 days of the benchmark's 2026-11-01. */
const REVIEWED_FROM = Date.UTC(2026, 4, 10);
const SCENARIO_FROM = Date.UTC(2026, 0, 5);

const DELAYS = ['15m', '30m', '1h', '2h', '4h', '1d', '2d', '3d', '1w', '2d 4h', '5d', '10d', '2w'];
const TIMES = ['08:30', '09:00', '10:00', '11:30', '14:00', '16:00', '18:00', '19:30'];
const PERSONALIZATION = ['none', 'low', 'medium', 'medium', 'high'];

// ---------------------------------------------------------------------------
// Journeys

interface JourneyShape {
  readonly index: number;
  readonly touchpoints: number;
  readonly markdown: boolean;
  readonly problems: readonly Problem[];
  /** In the segment-family corpus: the segment this member of family `index` is for. */
  readonly family?: FamilyMember;
}

interface FamilyMember {
  readonly segment: string;
  readonly segmentName: string;
  /** The fee the segment pays, said in every message of the journey. */
  readonly fee: string;
}

/** A touchpoint once its place, channel and trigger are chosen; its lines come next. */
interface Skeleton {
  readonly id: string;
  readonly stage: string;
  readonly stageName: string;
  readonly role: Role;
  readonly channel: string;
  readonly owner: string;
  /** Index of the trigger in the kind's events. */
  event?: number;
  readonly kpis: boolean;
  readonly suppressNoKpis: boolean;
  /** Written without its owner line (missing-owner). */
  readonly noOwner?: true;
  /** The channel as written, when it is misspelt (unknown-channel). */
  readonly writtenChannel?: string;
}

interface Planned extends Skeleton {
  readonly trigger?: string;
  readonly lines: readonly string[];
  readonly sentences: readonly string[];
}

/** A plausible typo of a team id, or a team nobody declared. */
function unknownOwner(rng: Random, owner: string): string {
  if (rng.chance(0.3)) return rng.pick(['team-marketing-ops', 'team-cx', 'team-sales-support', 'team-web']);
  const at = rng.int(5, owner.length - 2);
  const letter = rng.pick(['a', 'e', 'n', 'r', 's', 't']);
  const typo = owner.slice(0, at) + letter + owner.slice(at + 1);
  return typo === owner ? `${owner}s` : typo;
}

/** Channels that the configured quiet hours cover: their sends are scheduled with `at` most of the time. */
const INTERRUPTIVE = new Set(['sms', 'push', 'phone', 'whatsapp']);
const SHORT_DELAYS = ['15m', '30m', '1h', '1d', '2d', '3d'];

/** A channel as a hurried writer spells it: its last two letters swapped (email -> emali), or an s added (app -> apps). */
function misspeltChannel(channel: string): string {
  const swapped = `${channel.slice(0, -2)}${channel.at(-1) ?? ''}${channel.at(-2) ?? ''}`;
  return swapped === channel ? `${channel}s` : swapped;
}

const humanize = (id: string): string => id.replaceAll('-', ' ');

interface Context {
  readonly domain: Domain;
  readonly eventPrefix: string;
  readonly events: readonly string[];
  /** The event that marks the customer as converted in this journey, if any. */
  readonly conversion?: string;
  /** Sentences already used by messages, by channel and trigger. */
  readonly said: Map<string, Set<string>>;
  /** A sentence every message ends with (the segment's fee), drawing nothing at random. */
  readonly closing?: string;
}

function touchpointLines(rng: Random, context: Context, tp: Skeleton): Planned {
  const { domain } = context;
  const { role, channel } = tp;
  const trigger = tp.event === undefined ? undefined : `${context.eventPrefix}${context.events[tp.event]!}`;
  const outbound = OUTBOUND.has(channel);
  const lines = [`  - id: ${tp.id}`, `    stage: ${tp.stage}`, `    channel: ${tp.writtenChannel ?? channel}`, ...(tp.noOwner ? [] : [`    owner: ${tp.owner}`])];
  if (tp.suppressNoKpis) lines.unshift('  # journeys-disable-next-line missing-kpi -- measured by the quarterly relationship survey, not per contact');
  if (rng.chance(0.65) || role === 'acquisition' || role === 'conversion') lines.push(`    role: ${role}`);
  if (trigger) lines.push(`    trigger: ${trigger}`);
  const interruptive = INTERRUPTIVE.has(channel);
  if (interruptive) {
    if (rng.chance(0.5)) lines.push(`    after: ${rng.pick(SHORT_DELAYS)}`);
    if (rng.chance(0.7)) lines.push(`    at: "${rng.pick(TIMES.slice(0, -1))}"`);
  } else {
    if (rng.chance(outbound ? 0.5 : 0.2)) lines.push(`    after: ${rng.pick(DELAYS)}`);
    if (outbound && rng.chance(0.3)) lines.push(`    at: "${rng.pick(TIMES)}"`);
  }
  if (outbound && rng.chance(0.06)) lines.push(`    repeat: { every: ${rng.pick(['2d', '3d', '1w'])}, times: ${rng.int(1, 2)} }`);
  // Acquisition stops once the customer converts, as it should; other touchpoints rarely have an end.
  if (role === 'acquisition' && context.conversion && trigger !== undefined) lines.push(`    until: ${context.conversion}`);
  // Writers do not say the same thing twice on one channel and trigger: draw again if it was said.
  const said = context.said.get(`${channel} ${trigger ?? ''}`) ?? new Set<string>();
  context.said.set(`${channel} ${trigger ?? ''}`, said);
  let sentences: string[] = [];
  for (let attempt = 0; attempt < 6; attempt += 1) {
    sentences = [fill(rng.pick(SENTENCES_BY_ROLE[role]), domain), ...(rng.chance(0.2) ? [rng.pick(DETAILS)] : [])];
    if (sentences.every((sentence) => !said.has(sentence))) break;
  }
  if (context.closing !== undefined) sentences.push(context.closing);
  if (rng.chance(outbound ? 0.6 : 0.08)) {
    const intent = rng.pick(INTENTS_BY_ROLE[role]);
    lines.push('    message:', `      intent: ${intent}`);
    if ((channel === 'email' || channel === 'mail' || rng.chance(0.2)) && rng.chance(0.8)) lines.push(`      subject: ${scalar(fill(rng.pick(SUBJECTS_BY_ROLE[role]), domain))}`);
    lines.push(...textField('      ', 'text', sentences.join(' '), rng.chance(0.5)));
    for (const sentence of sentences) said.add(sentence);
    // One link per intent and company, so that messages with one intent always agree.
    if (rng.chance(0.6)) lines.push(`      cta: https://www.${domain.host}/${intent}`);
  }
  let personalization: string | undefined = rng.chance(0.5) ? rng.pick(PERSONALIZATION) : undefined;
  if (rng.chance(0.45)) {
    const tools = rng.sample(TOOLS_BY_CHANNEL[channel] ?? ['crm'], rng.chance(0.3) ? 2 : 1);
    if (rng.chance(0.8)) lines.push(`    tools: [${tools.join(', ')}]`);
    else lines.push('    tools:', ...tools.map((tool) => `      - ${tool}`));
  }
  const automated = rng.chance(0.6) ? outbound || rng.chance(0.6) : undefined;
  const importance = rng.chance(0.7) ? rng.int(1, 5) : undefined;
  // Low importance, automated and generic is a low-value-touchpoint finding: keep the clean corpus clean.
  if (importance !== undefined && importance <= 2 && automated === true && (personalization ?? 'none') === 'none') personalization = 'low';
  if (personalization !== undefined) lines.push(`    personalization: ${personalization}`);
  if (automated !== undefined) lines.push(`    automated: ${automated}`);
  const momentOfTruth = rng.chance(0.15);
  if (momentOfTruth || rng.chance(0.1)) lines.push(`    moment_of_truth: ${momentOfTruth}`);
  if (importance !== undefined) lines.push(`    importance: ${importance}${momentOfTruth && rng.chance(0.3) ? '   # a moment that decides the relationship' : ''}`);
  if (rng.chance(0.4)) lines.push(`    emotion: ${rng.int(1, 5)}`);
  if (rng.chance(0.4)) {
    const cost = outbound ? (channel === 'phone' ? rng.int(200, 900) / 100 : channel === 'mail' ? rng.int(60, 150) / 100 : rng.int(1, 12) / 100) : rng.int(0, 400) / 100;
    lines.push(`    cost: ${fixed(cost, 2)}`);
  }
  if (tp.kpis) {
    const pool = KPIS_BY_CHANNEL[channel] ?? [['csat', 3.5, 4.8, 1] as const];
    const chosen = rng.sample(pool, rng.chance(0.15) ? 2 : 1);
    const items = chosen.map(([metric, low, high, decimals]) => ({ metric, target: fixed(low + rng.next() * (high - low), decimals) }));
    if (rng.chance(0.6)) lines.push('    kpis:', ...items.map(({ metric, target }) => `      - { metric: ${metric}, target: ${target} }`));
    else lines.push('    kpis:', ...items.flatMap(({ metric, target }) => [`      - metric: ${metric}`, `        target: ${target}`]));
  }
  return { ...tp, trigger, lines, sentences };
}

function journeyFile(rng: Random, shape: JourneyShape): GeneratedJourney {
  const { index } = shape;
  const domain = DOMAINS[index % DOMAINS.length]!;
  const kind = KINDS[Math.floor(index / DOMAINS.length) % KINDS.length]!;
  const combos = DOMAINS.length * KINDS.length;
  const segment = SEGMENTS[Math.floor(index / combos) % SEGMENTS.length]!;
  const round = Math.floor(index / (combos * SEGMENTS.length));
  const { family } = shape;
  // A family's members share their business line and events, and differ by segment only.
  const line = family ? `line-${Math.floor(index / combos) + 1}` : `${segment}${round > 0 ? `-${round + 1}` : ''}`;
  const id = family ? `${domain.id}-${kind.id}-${line}-${family.segment}` : `${domain.id}-${kind.id}-${line}`;
  const title = `${fill(kind.title, domain)} (${family ? family.segmentName.toLowerCase() : humanize(segment)})`;
  const owner = rng.pick(domain.teams);
  // Events are namespaced by business line, as on a real event bus: a scenario
  // then fires the journeys of one line, not every journey of the same kind.
  const eventPrefix = `${domain.id}.${line}.`;

  // Every stage gets at least one touchpoint; the rest are spread at random, in stage order.
  const stages = kind.stages;
  const counts = stages.map(() => 1);
  for (let i = stages.length; i < shape.touchpoints; i += 1) counts[rng.int(0, stages.length - 1)]! += 1;

  const problems = new Set(shape.problems);
  const badOwnerAt = problems.has('unknown-owner') ? rng.int(0, shape.touchpoints - 1) : -1;
  const noKpisAt = problems.has('no-kpis') ? rng.int(0, shape.touchpoints - 1) : -1;
  const suppressNoKpis = noKpisAt >= 0 && rng.chance(0.35);
  // Drawn only when asked, so that the other journeys (and the default corpus) stay as they were.
  const noOwnerAt = problems.has('missing-owner') ? rng.int(0, shape.touchpoints - 1) : -1;
  const badChannelAt = problems.has('unknown-channel') ? rng.int(0, shape.touchpoints - 1) : -1;

  // First pass: place, channel, owner and trigger of every touchpoint.
  const used = new Set<string>();
  const skeletons: Skeleton[] = [];
  let n = 0;
  stages.forEach(([stageId, stageName, stageRole], stageIndex) => {
    for (let k = 0; k < counts[stageIndex]!; k += 1, n += 1) {
      const role: Role = rng.chance(0.75) ? stageRole : rng.pick<Role>(['information', 'support', 'feedback', stageRole, 'usage']);
      const channel = rng.pick(CHANNELS_BY_ROLE[role]);
      const base = `${rng.pick(TOPICS_BY_ROLE[role])}-${CHANNEL_WORD[channel] ?? channel}`;
      let tpId = base;
      for (let suffix = 2; used.has(tpId); suffix += 1) tpId = `${base}-${suffix}`;
      used.add(tpId);
      const tpOwner = n === badOwnerAt ? unknownOwner(rng, owner) : rng.chance(0.7) ? owner : rng.chance(0.6) ? rng.pick(domain.teams) : rng.pick(TEAMS)[0];
      const position = (stageIndex + (k + 0.5) / counts[stageIndex]!) / stages.length;
      const events = kind.events;
      const at = Math.min(events.length - 1, Math.max(0, Math.round(position * (events.length - 1)) + rng.int(-1, 1)));
      skeletons.push({
        id: tpId,
        stage: stageId,
        stageName,
        role,
        channel,
        owner: tpOwner,
        event: rng.chance(0.92) ? at : undefined,
        kpis: n !== noKpisAt,
        suppressNoKpis: n === noKpisAt && suppressNoKpis,
        ...(n === noOwnerAt ? { noOwner: true } : {}),
        ...(n === badChannelAt ? { writtenChannel: misspeltChannel(channel) } : {}),
      });
    }
  });
  // The customer converts at the earliest trigger of a conversion touchpoint; acquisition happens before.
  const conversions = skeletons.flatMap((tp) => (tp.role === 'conversion' && tp.event !== undefined ? [tp.event] : []));
  const conversion = conversions.length > 0 ? Math.min(...conversions) : undefined;
  for (const tp of skeletons) {
    if (tp.role === 'acquisition' && tp.event !== undefined && conversion !== undefined && tp.event >= conversion) tp.event = conversion > 0 ? rng.int(0, conversion - 1) : undefined;
  }
  // Second pass: the fields of each touchpoint.
  const context: Context = {
    domain,
    eventPrefix,
    events: kind.events,
    conversion: conversion === undefined ? undefined : `${eventPrefix}${kind.events[conversion]!}`,
    said: new Map(),
    ...(family ? { closing: `Your monthly fee is ${family.fee} EUR.` } : {}),
  };
  const planned = skeletons.map((tp) => touchpointLines(rng, context, tp));

  const stageList = stages.map(([stageId, name]) => ({ id: stageId, name }));
  if (problems.has('empty-stage')) {
    const extra = rng.pick([
      { id: 'advocacy', name: 'Advocacy' },
      { id: 'loyalty', name: 'Loyalty' },
      { id: 'offboarding', name: 'Offboarding' },
    ]);
    stageList.splice(rng.int(1, stageList.length), 0, extra);
  }

  const out: string[] = [];
  if (!shape.markdown) out.push('# yaml-language-server: $schema=../schema/journey.schema.json');
  out.push(`journey: ${id}`, `version: ${rng.int(1, 12)}`, `title: ${scalar(title)}`, `owner: ${owner}`);
  const personas = rng.sample(PERSONAS, rng.int(1, 3)).map(([personaId]) => personaId);
  out.push(`personas: [${family ? family.segment : personas.join(', ')}]`);
  out.push(`reviewed: ${isoDate(REVIEWED_FROM, rng.int(0, 173))}`);
  out.push(...textField('', 'description', `${fill(kind.description, domain)} ${domain.name}, ${family ? family.segmentName.toLowerCase() : `${humanize(segment)} customers`}.`, true));
  if (rng.chance(0.15)) out.push(`x-wiki: https://wiki.company.example/cx/${id}`);
  out.push('stages:');
  for (const stage of stageList) {
    out.push(`  - id: ${stage.id}`, `    name: ${scalar(stage.name)}`);
    if (rng.chance(0.2)) out.push(...textField('    ', 'description', `What the customer goes through during ${stage.name.toLowerCase()}. ${rng.pick(NARRATIVE)}`, true));
  }
  out.push('touchpoints:');
  let lastStage = '';
  for (const tp of planned) {
    if (tp.stage !== lastStage) {
      if (lastStage) out.push('');
      out.push(sectionComment(tp.stageName));
      lastStage = tp.stage;
    } else if (rng.chance(0.5)) out.push('');
    out.push(...tp.lines);
  }
  const yaml = `${out.join('\n')}\n`;

  const triggers = [...new Set(planned.flatMap((tp) => (tp.trigger ? [tp.trigger] : [])))];
  const common = { index, id, markdown: shape.markdown, touchpoints: planned.length, problems: [...problems], triggers };
  if (!shape.markdown) return { ...common, path: `journeys/${id}.journey.yaml`, text: yaml };

  const body: string[] = [`# ${title}`, '', `${fill(kind.description, domain)} ${rng.sample(NARRATIVE, 2).join(' ')}`, ''];
  lastStage = '';
  for (const tp of planned) {
    if (tp.stage !== lastStage) {
      body.push(`## ${tp.stageName}`, '');
      lastStage = tp.stage;
    }
    if (!rng.chance(0.85)) continue;
    body.push(`### ${tp.id}`, '', [...tp.sentences, rng.pick(NARRATIVE)].join(' '), '');
    if (rng.chance(0.2)) body.push(`- Channel: ${tp.channel}`, `- Role: ${tp.role}`, '');
  }
  return { ...common, path: `journeys/${id}.journey.md`, text: `---\n${yaml}---\n\n${body.join('\n')}` };
}

// ---------------------------------------------------------------------------
// Declarations, configuration, scenarios

function sharedFiles(personaList: readonly (readonly [id: string, name: string])[] = PERSONAS): GeneratedFile[] {
  const owners = ['# Teams that may own journeys and touchpoints. Reference them by id.', 'owners:'];
  for (const [id, name, contact] of TEAMS) owners.push(`  - id: ${id}`, `    name: ${scalar(name)}`, `    contact: ${scalar(contact)}`);
  const channels = ['# Channels beyond the built-in ones.', 'channels:'];
  for (const [id, name, outbound] of DECLARED_CHANNELS) channels.push(`  - id: ${id}`, `    name: ${scalar(name)}`, `    outbound: ${outbound}`);
  const personas = ['# The customer segments that journeys and scenarios name.', 'personas:'];
  for (const [id, name] of personaList) personas.push(`  - id: ${id}`, `    name: ${scalar(name)}`);
  const config = [
    '# yaml-language-server: $schema=./schema/config.schema.json',
    'rules:',
    '  stale-journey: [warning, { max-age: 180d }]',
    '  low-value-touchpoint: [info, { max-importance: 2 }]',
    'policy:',
    '  max-messages:                                  # sliding windows',
    '    - { per: 7d, max: 7 }                        # every outbound channel together',
    '    - { per: 1d, max: 2, channels: [sms, push, whatsapp] }',
    '  quiet-hours: { from: "21:00", to: "08:00", channels: [sms, push, phone, whatsapp] }',
    '  conflict-window: 48h',
  ];
  return [
    { path: 'journeys/owners.yaml', text: `${owners.join('\n')}\n` },
    { path: 'journeys/channels.yaml', text: `${channels.join('\n')}\n` },
    { path: 'journeys/personas.yaml', text: `${personas.join('\n')}\n` },
    { path: 'journeys.config.yaml', text: `${config.join('\n')}\n` },
  ];
}

function elapsed(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return `${days}d${hours ? ` ${hours}h` : ''}${rest ? ` ${rest}m` : ''}`;
}

function scenarioFile(rng: Random, index: number, journeys: readonly GeneratedJourney[], personas: readonly string[] = PERSONAS.map(([id]) => id)): GeneratedScenario {
  const primary = (index * 11 + 3) % journeys.length;
  const main = journeys[primary]!;
  // A second journey of the same business line (same company and segment, another kind): one customer, two stories.
  const block = primary - (primary % (DOMAINS.length * KINDS.length)) + (primary % DOMAINS.length);
  const sibling = block + DOMAINS.length * ((Math.floor(primary / DOMAINS.length) + rng.int(1, KINDS.length - 1)) % KINDS.length);
  const other = journeys[sibling < journeys.length ? sibling : primary]!;
  const count = rng.int(8, 20);
  const events: string[] = [];
  let cursor = 0;
  while (events.length < count) {
    if (other !== main && other.triggers.length > 0 && rng.chance(0.15)) events.push(rng.pick(other.triggers));
    else if (main.triggers.length > 0) {
      // Through the journey in order; past its end, the later events happen again (a second reminder, a new ticket).
      const late = main.triggers.slice(Math.floor(main.triggers.length / 2));
      events.push(cursor < main.triggers.length ? main.triggers[cursor]! : rng.pick(late));
      cursor += rng.chance(0.85) ? 1 : 0;
    } else events.push('customer.contacted');
  }
  const id = `${main.id}-story-${index + 1}`;
  const lines = [
    `# A customer of ${main.id}${other !== main ? ` and ${other.id}` : ''}: ${count} events.`,
    `scenario: ${id}`,
    `persona: ${rng.pick(personas)}`,
    `start: ${isoDate(SCENARIO_FROM, rng.int(0, 300))}T00:00`,
  ];
  if (rng.chance(0.5)) lines.push(...textField('', 'description', `${rng.pick(NARRATIVE)} The story follows the journey ${main.id} over a few weeks.`, true));
  lines.push('events:');
  // Events happen in the daytime, from a few minutes to a few days apart.
  let day = 0;
  let minute = rng.int(8 * 60, 12 * 60);
  for (const event of events) {
    const at = day * 1440 + minute;
    if (rng.chance(0.15)) lines.push(`  - at: ${elapsed(at)}`, `    event: ${event}`, `    note: ${scalar(rng.pick(NARRATIVE))}`);
    else lines.push(`  - { at: ${elapsed(at)}, event: ${event} }`);
    if (rng.chance(0.2) && minute < 17 * 60) minute += rng.int(5, 120);
    else {
      day += rng.int(1, 6);
      minute = rng.int(8 * 60, 19 * 60);
    }
  }
  return { path: `journeys/scenarios/${id}.scenario.yaml`, text: `${lines.join('\n')}\n`, journey: primary };
}

// ---------------------------------------------------------------------------

/** The whole corpus in memory. `onProgress` is called every 100 journeys. */
export function generateCorpus(options: CorpusOptions = DEFAULT_CORPUS, onProgress?: (done: number, total: number, bytes: number) => void): Corpus {
  const root = new Random(options.seed);
  const total = options.regular + options.extra;
  // The problem journeys: a fixed count, spread over the whole corpus.
  const problemCount = Math.round(total * options.problemRate);
  const problemAt = new Set(root.fork('problems').sample([...Array(total).keys()], problemCount));
  const journeys: GeneratedJourney[] = [];
  let bytes = 0;
  for (let index = 0; index < total; index += 1) {
    const rng = root.fork(`journey-${index}`);
    const extra = index >= options.regular;
    const touchpoints = extra ? rng.int(10, 40) : options.touchpoints;
    // Markdown for pairs 0-1, 4-5, 8-9... of the extra journeys: half of them, and half of those in the half corpus.
    const markdown = extra && Math.floor((index - options.regular) / 2) % 2 === 0;
    const problems: Problem[] = [];
    if (problemAt.has(index)) {
      const pr = rng.fork('problems');
      problems.push(...pr.sample<Problem>(['unknown-owner', 'no-kpis', 'empty-stage'], pr.int(1, 3)));
    }
    problems.push(...(options.everyJourney ?? []));
    const journey = journeyFile(rng, { index, touchpoints, markdown, problems });
    journeys.push(journey);
    bytes += Buffer.byteLength(journey.text);
    if ((index + 1) % 100 === 0 || index + 1 === total) onProgress?.(index + 1, total, bytes);
  }
  const scenarios: GeneratedScenario[] = [];
  for (let index = 0; index < options.scenarios; index += 1) scenarios.push(scenarioFile(root.fork(`scenario-${index}`), index, journeys));
  return { options, shared: sharedFiles(), journeys, scenarios };
}

/** The company's standard monthly fee, by business domain, that each segment pays a share of. */
const feeFor = (family: number, share: number): string => ((2 + (family % DOMAINS.length % 4) * 0.75) * share).toFixed(2);

/**
 * The segment-family corpus: as many journeys as `generateCorpus` makes with the same options,
 * in families of five, one per segment of personas.yaml (`personas: [<segment>]`), as a bank
 * runs the same journey for each segment with its own fees. A family's members have the same
 * touchpoints and triggers; their messages differ by the fee they state. Scenarios follow a
 * family's events, as a customer of one segment. A journey's `index` is its family's.
 */
export function generateFamilyCorpus(options: CorpusOptions = DEFAULT_CORPUS, onProgress?: (done: number, total: number, bytes: number) => void): Corpus {
  const root = new Random(`${options.seed}/families`);
  const size = FAMILY_SEGMENTS.length;
  const total = options.regular + options.extra;
  const parts = [
    { count: options.regular, extra: false },
    { count: options.extra, extra: true },
  ];
  const families = parts.reduce((sum, part) => sum + Math.ceil(part.count / size), 0);
  const problemAt = new Set(root.fork('problems').sample([...Array(families).keys()], Math.round(families * options.problemRate)));
  const journeys: GeneratedJourney[] = [];
  const firsts: GeneratedJourney[] = [];
  let bytes = 0;
  let family = 0;
  for (const part of parts) {
    for (let first = 0; first < part.count; first += size, family += 1) {
      const rng = root.fork(`family-${family}`);
      const touchpoints = part.extra ? rng.int(10, 40) : options.touchpoints;
      // Markdown for every other family of the extra ones: half of them, as in the plain corpus.
      const markdown = part.extra && (first / size) % 2 === 0;
      const problems: Problem[] = [];
      if (problemAt.has(family)) {
        const pr = rng.fork('problems');
        problems.push(...pr.sample<Problem>(['unknown-owner', 'no-kpis', 'empty-stage'], pr.int(1, 3)));
      }
      for (let member = 0; member < Math.min(size, part.count - first); member += 1) {
        const [segment, segmentName, share] = FAMILY_SEGMENTS[member]!;
        // The same draws for every member: one journey, written once per segment.
        const journey = journeyFile(rng.fork('journey'), { index: family, touchpoints, markdown, problems, family: { segment, segmentName, fee: feeFor(family, share) } });
        journeys.push(journey);
        if (member === 0) firsts.push(journey);
        bytes += Buffer.byteLength(journey.text);
        if (journeys.length % 100 === 0 || journeys.length === total) onProgress?.(journeys.length, total, bytes);
      }
    }
  }
  const segments = FAMILY_SEGMENTS.map(([id]) => id);
  const scenarios: GeneratedScenario[] = [];
  for (let index = 0; index < options.scenarios; index += 1) scenarios.push(scenarioFile(root.fork(`scenario-${index}`), index, firsts, segments));
  return { options, shared: sharedFiles(FAMILY_SEGMENTS.map(([id, name]) => [id, name] as const)), journeys, scenarios };
}

/** Writes the shared files and the selected journeys and scenarios under `dir`. */
export function writeRepository(dir: string, corpus: Corpus, select: (journeyIndex: number) => boolean = () => true): CorpusStats {
  const journeys = corpus.journeys.filter((journey) => select(journey.index));
  const scenarios = corpus.scenarios.filter((scenario) => select(scenario.journey));
  const files = [...corpus.shared, ...journeys, ...scenarios];
  const dirs = new Set(files.map((file) => dirname(join(dir, file.path))));
  for (const folder of dirs) mkdirSync(folder, { recursive: true });
  let bytes = 0;
  for (const file of files) {
    writeFileSync(join(dir, file.path), file.text);
    bytes += Buffer.byteLength(file.text);
  }
  return {
    files: files.length,
    bytes,
    journeys: journeys.length,
    markdownJourneys: journeys.filter((journey) => journey.markdown).length,
    touchpoints: journeys.reduce((sum, journey) => sum + journey.touchpoints, 0),
    scenarios: scenarios.length,
    problemJourneys: journeys.filter((journey) => journey.problems.length > 0).length,
  };
}
