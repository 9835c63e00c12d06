/**
 * A generated, deterministic repository of many journeys for the catalogue's tests:
 * five teams, three personas, six channels, two to six stages named from pools (so
 * that unrelated journeys share few names), and findings of every severity: every
 * seventh journey sends a touchpoint to a stage it does not have (an error), every
 * fifth was last reviewed long ago, and some touchpoints that matter miss their KPI
 * target (act first).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const CATALOGUE_TEAMS = ['team-crm', 'team-growth', 'team-service', 'team-billing', 'team-mobile'] as const;
export const CATALOGUE_PERSONAS = ['busy-parent', 'student', 'retiree'] as const;
const CHANNELS = ['email', 'sms', 'push', 'web', 'app', 'phone'] as const;
const STAGE_NAMES = [
  ['Discover', 'Awareness', 'Sign-up', 'Request'],
  ['Onboard', 'Welcome', 'Verify', 'Quote'],
  ['Activate', 'First use', 'Setup', 'Decide'],
  ['Use', 'Grow', 'Engage', 'Pay'],
  ['Renew', 'Retain', 'Upgrade', 'Support'],
  ['Leave', 'Win back', 'Close', 'Review'],
] as const;

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

/** The text of journey number `n` (from 0). */
export function catalogueJourney(n: number): string {
  const id = `journey-${String(n + 1).padStart(3, '0')}`;
  const stages = 2 + (n % 5);
  // Fewer touchpoints than stages in every eleventh journey: an empty stage (a warning).
  const touchpoints = n % 11 === 5 ? stages - 1 : stages + ((n * 3) % 4);
  const broken = n % 7 === 3;
  const lines = [
    `journey: ${id}`,
    'version: 1',
    `title: Journey ${String(n + 1).padStart(3, '0')} ${pick(['of a loan', 'of a card', 'of a move', 'of a claim', 'of a trip'], n)}`,
    `owner: ${pick(CATALOGUE_TEAMS, n)}`,
    `personas: [${pick(CATALOGUE_PERSONAS, n)}]`,
    `reviewed: ${n % 5 === 4 ? '2024-01-15' : '2026-10-01'}`,
    'stages:',
  ];
  for (let s = 0; s < stages; s += 1) lines.push(`  - id: s${s + 1}`, `    name: ${pick(STAGE_NAMES[s]!, n + s)}`);
  lines.push('touchpoints:');
  for (let t = 0; t < touchpoints; t += 1) {
    const stage = broken && t === touchpoints - 1 ? 'nowhere' : `s${(t % stages) + 1}`;
    lines.push(
      `  - id: step-${t + 1}`,
      `    stage: ${stage}`,
      `    channel: ${pick(CHANNELS, n + t)}`,
      `    owner: ${pick(CATALOGUE_TEAMS, n + t)}`,
      '    trigger: account.opened',
      `    after: ${t + 1}d`,
      '    at: "10:00"',
      `    importance: ${t === 0 ? 5 : 2}`,
      '    message:',
      `      intent: step-${t + 1}`,
      `      subject: Step ${t + 1} of ${id}`,
      '    kpis:',
      '      - { metric: open-rate, target: 0.5 }',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The metrics of the first touchpoint of every third journey: under its target, so it is to act on first. */
function metrics(count: number): string {
  const rows = ['journey,touchpoint,metric,period,value'];
  for (let n = 0; n < count; n += 3) rows.push(`journey-${String(n + 1).padStart(3, '0')},step-1,open-rate,2026-Q3,${(0.1 + (n % 30) / 100).toFixed(2)}`);
  return `${rows.join('\n')}\n`;
}

/** The files of a repository of `count` generated journeys (path -> text), for writeRepo. */
export function catalogueFiles(count = 150): Record<string, string> {
  const files: Record<string, string> = {
    'journeys.config.yaml': 'rules:\n  missing-kpi: off\n  duplicate-touchpoint: off\n',
    'journeys/owners.yaml': `owners:\n${CATALOGUE_TEAMS.map((id) => `  - id: ${id}\n    name: ${id.replace('team-', '').toUpperCase()} team\n`).join('')}`,
    'journeys/personas.yaml': `personas:\n${CATALOGUE_PERSONAS.map((id) => `  - id: ${id}\n    name: ${id.replace('-', ' ')}\n`).join('')}`,
    'journeys/metrics/2026.csv': metrics(count),
  };
  for (let n = 0; n < count; n += 1) files[`journeys/journey-${String(n + 1).padStart(3, '0')}.journey.yaml`] = catalogueJourney(n);
  return files;
}

/** Writes the repository of `count` generated journeys into `dir`. */
export function writeCatalogueRepo(dir: string, count = 150): string {
  for (const [path, text] of Object.entries(catalogueFiles(count))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
