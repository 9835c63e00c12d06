/**
 * A generated repository of a few dozen journeys whose findings come from most rules,
 * built from blocks (one per touchpoint) so that tests can edit its layout: reorder
 * touchpoints, add blank lines and comments, move keys, add an email, reword a text.
 */
import { OWNERS } from './repo.ts';

export interface TouchpointBlock {
  readonly id: string;
  /** `key: value` lines after `- id:`, in order. */
  readonly fields: readonly string[];
}

export interface JourneySpec {
  readonly id: string;
  readonly header: readonly string[];
  readonly stages: readonly string[];
  readonly touchpoints: readonly TouchpointBlock[];
}

export const SHIPPING_TEXT = 'Good news: your parcel is on its way, track it in the app!';

export const CONFIG = [
  'policy:',
  '  max-messages:',
  '    - { per: 1d, max: 3, channels: [email] }',
  '  quiet-hours: { from: "21:00", to: "08:00", channels: [sms] }',
  '',
].join('\n');

export const SCENARIO = [
  'scenario: new-customer',
  'events:',
  '  - { at: 0d 9h, event: account.opened }',
  '  - { at: 1d 10h, event: order.shipped }',
  '',
].join('\n');

/** Journey number `i`: which touchpoints it has decides which rules find something in it. */
export function journeySpec(i: number): JourneySpec {
  const id = `journey-${String(i).padStart(2, '0')}`;
  const touchpoints: TouchpointBlock[] = [
    // Contact pressure: every journey emails at 9:00 plus i minutes, so sends never tie.
    { id: `welcome-${i}`, fields: ['stage: start', 'channel: email', 'owner: team-crm', 'trigger: account.opened', `after: ${i + 1}m`, 'kpis: [{ metric: open-rate }]'] },
    // missing-owner and missing-kpi.
    { id: `ownerless-${i}`, fields: ['stage: start', 'channel: web'] },
  ];
  if (i % 4 === 0) touchpoints.push({ id: `ghost-${i}`, fields: ['stage: start', 'channel: e-mail', 'owner: team-ghost', 'kpis: [{ metric: reads }]'] });
  if (i % 5 === 0) {
    touchpoints.push({
      id: `shipping-${i}`,
      fields: ['stage: start', 'channel: push', 'owner: team-crm', 'trigger: order.shipped', 'kpis: [{ metric: opens }]', 'message:', `  text: "${SHIPPING_TEXT}"`],
    });
  }
  if (i % 6 === 0) touchpoints.push({ id: `late-sms-${i}`, fields: ['stage: start', 'channel: sms', 'owner: team-crm', 'trigger: account.opened', 'after: 13h', 'kpis: [{ metric: clicks }]'] });
  if (i % 7 === 0) touchpoints.push({ id: `filler-${i}`, fields: ['stage: start', 'channel: web', 'owner: team-crm', 'importance: 1', 'automated: true', 'kpis: [{ metric: views }]'] });
  if (i % 8 === 0) touchpoints.push({ id: `truth-${i}`, fields: ['stage: start', 'channel: phone', 'owner: team-crm', 'moment_of_truth: true'] });
  if (i % 9 === 0) touchpoints.push({ id: `ownerless-${i}`, fields: ['stage: start', 'channel: web', 'owner: team-crm', 'kpis: [{ metric: visits }]'] });
  return {
    id,
    header: [`journey: ${id}`, 'version: 1', `title: Journey ${i}`, 'owner: team-onboarding', `reviewed: ${i % 3 === 0 ? '2025-01-01' : '2026-10-01'}`],
    stages: ['start', ...(i % 10 === 0 ? ['forgotten'] : [])],
    touchpoints,
  };
}

/** The text of a journey file; `gap` lines (blank or comments) go after the header line of that index. */
export function journeyText(spec: JourneySpec, gaps: ReadonlyMap<number, readonly string[]> = new Map()): string {
  const lines: string[] = [];
  spec.header.forEach((line, index) => lines.push(line, ...(gaps.get(index) ?? [])));
  lines.push('stages:', ...spec.stages.map((stage) => `  - id: ${stage}`), 'touchpoints:');
  for (const touchpoint of spec.touchpoints) lines.push(`  - id: ${touchpoint.id}`, ...touchpoint.fields.map((field) => `    ${field}`));
  return `${lines.join('\n')}\n`;
}

export const JOURNEYS = 30;

/** The generated repository's files. */
export function findingsRepo(specs: readonly JourneySpec[] = Array.from({ length: JOURNEYS }, (_, i) => journeySpec(i + 1))): Record<string, string> {
  return {
    'journeys/owners.yaml': OWNERS,
    'journeys.config.yaml': CONFIG,
    'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
    ...Object.fromEntries(specs.map((spec) => [`journeys/${spec.id}.journey.yaml`, journeyText(spec)])),
  };
}
