/**
 * What `journeys dev` keeps from one snapshot to the next: the parses of the files that
 * did not change, the file-scoped rules' findings on them, and the views of the journeys
 * whose inputs did not change. After each edit the model must be the one a fresh process
 * makes from the same files, including when the edit changes what another, unchanged
 * journey shows (its findings, its team's name, its id shared, the site's language, its
 * KPIs' measures).
 */
import { describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteSnapshot, snapshotParses, snapshotReuse } from '../src/views/snapshot.ts';
import { renderMarkdown } from '../site/lib/markdown.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';
import type { SiteModel } from '../src/views/model.ts';

const options = { markdown: renderMarkdown, today: TODAY, keepParses: true, noGit: true };

/** The snapshot a fresh process makes: the modules loaded anew, with nothing kept from an earlier snapshot. */
async function freshSnapshot(root: string, today = TODAY): Promise<SiteModel> {
  vi.resetModules();
  const fresh: { siteSnapshot: typeof siteSnapshot } = await import('../src/views/snapshot.ts');
  return fresh.siteSnapshot(root, { ...options, today });
}

/** A journey whose one touchpoint fires on `trigger` and says `text`; a's is of importance 4, for priority-gap. */
function journey(id: string, trigger: string, text: string, owner = 'team-crm', stage = 'Start'): string {
  return [
    `journey: ${id}`,
    'version: 1',
    `title: Journey ${id}`,
    'owner: team-onboarding',
    'reviewed: 2026-10-01',
    'stages:',
    `  - { id: start, name: ${stage} }`,
    'touchpoints:',
    '  - id: welcome-email',
    '    stage: start',
    '    channel: email',
    `    owner: ${owner}`,
    `    trigger: ${trigger}`,
    '    message:',
    `      text: ${text}`,
    ...(id === 'a' ? ['    importance: 4'] : []),
    '    kpis:',
    '      - { metric: open-rate, target: 0.4 }',
    '',
  ].join('\n');
}

const CONFIG = 'repository: { url: https://github.com/acme/journeys, branch: main }\n';
// a's touchpoint measured; b measured as a whole on its touchpoint's metric (its first journey's series).
const METRICS = 'journey,touchpoint,metric,period,value\na,welcome-email,open-rate,2026-Q2,0.31\nb,,open-rate,2026-Q2,0.5\n';

describe('journeys dev after an edit', () => {
  it('keeps what did not change, and makes the model a fresh process makes', async () => {
    const root = writeRepo({
      'journeys.config.yaml': CONFIG,
      'journeys/owners.yaml': OWNERS,
      // "acount.opened" is named once, one letter from b's "account.opened": an unknown-event warning on a.
      'journeys/a.journey.yaml': journey('a', 'acount.opened', 'Welcome to the bank.'),
      'journeys/b.journey.yaml': journey('b', 'account.opened', 'Your account is open.'),
      'journeys/c.journey.yaml': journey('c', 'card.sent', 'Your card is on its way.', 'team-onboarding'),
      'journeys/metrics/q2.csv': METRICS,
    });
    const write = (path: string, text: string): void => writeFileSync(join(root, path), text);
    const view = (model: SiteModel, slug: string) => model.journeys.find((candidate) => candidate.slug === slug)!;

    const first = siteSnapshot(root, options);
    // Measured below its target at the last period: a priority-gap note (a file-scoped rule, which reads the metrics).
    expect(view(first, 'a').findings.map((finding) => finding.rule)).toEqual(['unknown-event', 'priority-gap']);
    expect(snapshotReuse(root)).toEqual({ findings: { kept: 0, checked: 6 }, views: { made: 3, reused: 0 } });

    // An edit of c's message: c alone is parsed, checked by the file-scoped rules and made again.
    write('journeys/c.journey.yaml', journey('c', 'card.sent', 'Your new card is on its way.', 'team-onboarding'));
    const second = siteSnapshot(root, options);
    expect(snapshotParses(root)).toEqual({ parsed: 1, reused: 5 });
    expect(snapshotReuse(root)).toEqual({ findings: { kept: 5, checked: 1 }, views: { made: 1, reused: 2 } });
    expect(view(second, 'c').touchpoints[0]!.message!.text).toBe('Your new card is on its way.');
    expect(second).toEqual(await freshSnapshot(root));

    // b no longer names "account.opened": a's warning goes, though a did not change.
    write('journeys/b.journey.yaml', journey('b', 'account.closed', 'Your account is open.'));
    const third = siteSnapshot(root, options);
    expect(snapshotReuse(root)).toEqual({ findings: { kept: 5, checked: 1 }, views: { made: 2, reused: 1 } });
    expect(view(third, 'a').findings.map((finding) => finding.rule)).toEqual(['priority-gap']);
    expect(view(third, 'a').touchpoints[0]!.counts).toEqual({ errors: 0, warnings: 0, infos: 1 });
    expect(third).toEqual(await freshSnapshot(root));

    // c takes b's id: b's page keeps its slug, c's becomes b-2, and b's scorecard counts c's touchpoint.
    write('journeys/c.journey.yaml', journey('b', 'card.sent', 'Your new card is on its way.', 'team-onboarding'));
    const fourth = siteSnapshot(root, options);
    expect(fourth.journeys.map((candidate) => candidate.slug)).toEqual(['a', 'b', 'b-2']);
    expect(view(fourth, 'b').scorecard.touchpoints).toBe(2);
    expect(fourth).toEqual(await freshSnapshot(root));

    // A new file before b takes b's id, and its slug: b, unchanged, is now b-2 on its page and on the channel's.
    write('journeys/a2.journey.yaml', journey('b', 'card.lost', 'We are sorry about your card.'));
    const moved = siteSnapshot(root, options);
    expect(moved.journeys.map((candidate) => candidate.file)).toEqual(['journeys/a.journey.yaml', 'journeys/a2.journey.yaml', 'journeys/b.journey.yaml', 'journeys/c.journey.yaml']);
    expect(moved.journeys.map((candidate) => candidate.slug)).toEqual(['a', 'b', 'b-2', 'b-3']);
    expect(moved.channels.find((channel) => channel.id === 'email')!.touchpoints.map((row) => row.journeySlug)).toEqual(['a', 'b', 'b-2', 'b-3']);
    expect(moved.journeys.map((candidate) => candidate.kpis.filter((kpi) => kpi.touchpoint === undefined).length)).toEqual([0, 1, 0, 0]);
    expect(moved).toEqual(await freshSnapshot(root));

    // a's stage is renamed: a new stage column comes first on the channel's page, the others' rows move after it.
    write('journeys/a.journey.yaml', journey('a', 'acount.opened', 'Welcome to the bank.', 'team-crm', 'Begin'));
    const renamed = siteSnapshot(root, options);
    expect(renamed.channels.find((channel) => channel.id === 'email')!.touchpoints.map((row) => `${row.stageColumn.name} ${row.stageColumn.order}`)).toEqual(['Begin 0', 'Start 1', 'Start 1', 'Start 1']);
    expect(renamed).toEqual(await freshSnapshot(root));

    // A team's new name shows on every touchpoint it owns: the file-scoped findings and every view are made again.
    write('journeys/owners.yaml', OWNERS.replace('name: CRM', 'name: Customer relations'));
    const fifth = siteSnapshot(root, options);
    expect(snapshotReuse(root)).toEqual({ findings: { kept: 0, checked: 7 }, views: { made: 4, reused: 0 } });
    expect(view(fifth, 'a').touchpoints[0]!.owner!.name).toBe('Customer relations');
    expect(fifth).toEqual(await freshSnapshot(root));

    // A new measure of a's KPI, on target: its series shows it, and the priority-gap note goes.
    write('journeys/metrics/q2.csv', `${METRICS}a,welcome-email,open-rate,2026-Q3,0.52\n`);
    const sixth = siteSnapshot(root, options);
    expect(snapshotReuse(root)!.findings).toEqual({ kept: 0, checked: 7 });
    expect(view(sixth, 'a').kpis[0]!.series.map((measure) => measure.value)).toEqual([0.31, 0.52]);
    expect(view(sixth, 'a').findings).toEqual([]);
    expect(sixth).toEqual(await freshSnapshot(root));

    // An earlier measure, which changes no finding: the series still shows it.
    write('journeys/metrics/q2.csv', `${METRICS}a,welcome-email,open-rate,2026-Q3,0.52\na,welcome-email,open-rate,2026-Q1,0.2\n`);
    const measured = siteSnapshot(root, options);
    expect(view(measured, 'a').kpis[0]!.series.map((measure) => measure.value)).toEqual([0.2, 0.31, 0.52]);
    expect(measured).toEqual(await freshSnapshot(root));

    // A measure of a period to come counts from the day it starts: the next day's snapshot shows it.
    write('journeys/metrics/q2.csv', `${METRICS}a,welcome-email,open-rate,2026-Q3,0.52\na,welcome-email,open-rate,2026-Q1,0.2\na,welcome-email,open-rate,2027-Q1,0.6\n`);
    expect(view(siteSnapshot(root, options), 'a').kpis[0]!.series).toHaveLength(3);
    const later = siteSnapshot(root, { ...options, today: '2027-01-15' });
    expect(view(later, 'a').kpis[0]!.series).toHaveLength(4);
    expect(later).toEqual(await freshSnapshot(root, '2027-01-15'));

    // The site in French: every view is made again in it.
    write('journeys.config.yaml', `${CONFIG}locale: fr\n`);
    const seventh = siteSnapshot(root, options);
    expect(seventh.site.locale).toBe('fr');
    expect(snapshotReuse(root)!.views).toEqual({ made: 4, reused: 0 });
    expect(seventh).toEqual(await freshSnapshot(root));

    // c now sends b's message on b's event: a duplicate of b's unchanged touchpoint, then no more once reworded.
    write('journeys/c.journey.yaml', journey('c', 'account.closed', 'Your account is open.', 'team-onboarding'));
    const duplicated = siteSnapshot(root, options);
    expect(view(duplicated, 'c').findings.map((finding) => finding.rule)).toContain('duplicate-touchpoint');
    expect(duplicated).toEqual(await freshSnapshot(root));
    write('journeys/c.journey.yaml', journey('c', 'account.closed', 'Your card will follow in a week.', 'team-onboarding'));
    const reworded = siteSnapshot(root, options);
    expect(view(reworded, 'c').findings.map((finding) => finding.rule)).not.toContain('duplicate-touchpoint');
    expect(reworded).toEqual(await freshSnapshot(root));
  });
});
