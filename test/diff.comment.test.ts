/**
 * The pull-request comment of `journeys diff --base` on real git histories: its size spent
 * on the findings first, field changes in words, a journey moved and renamed paired, and
 * `file:line` linked to the commit when the repository's address is configured.
 */
import { describe, expect, it } from 'vitest';
import { runJourneys, type CliResult } from './helpers/cli.ts';
import { gitRepo } from './helpers/git.ts';
import { TODAY } from './helpers/repo.ts';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const TEAMS = lines('owners:', '  - id: team-crm', '    name: CRM', '  - id: team-onboarding', '    name: Onboarding');

/** A clean journey with one touchpoint, fired by `trigger`. */
function journey(id: string, trigger: string, options: { title?: string; text?: string; owner?: string; target?: number } = {}): string {
  return lines(
    `journey: ${id}`,
    'version: 1',
    `title: ${options.title ?? `Journey ${id}`}`,
    'owner: team-onboarding',
    'reviewed: 2026-10-01',
    'stages:',
    '  - id: start',
    'touchpoints:',
    `  - id: ${id}-email`,
    '    stage: start',
    '    channel: email',
    `    owner: ${options.owner ?? 'team-crm'}`,
    `    trigger: ${trigger}`,
    ...(options.text !== undefined ? ['    message:', `      text: ${options.text}`] : []),
    `    kpis: [{ metric: open-rate, target: ${options.target ?? 0.4} }]`,
  );
}

const SCENARIO = lines('scenario: new-customer', 'start: 2026-03-02T00:00', 'events:', '  - { at: 0d 10h, event: account.opened }');

const diff = (cwd: string, ...args: string[]): Promise<CliResult> => runJourneys(['diff', '--today', TODAY, ...args], cwd);

describe('the diff comment', () => {
  it('spends its size on the findings introduced, then fixed, then per-journey details, counting what it leaves out', { timeout: 60_000 }, async () => {
    const words = (seed: string): string => Array.from({ length: 40 }, (_, index) => `${seed}${index}`).join(' ');
    const files: Record<string, string> = { 'journeys/owners.yaml': TEAMS };
    for (let index = 1; index <= 91; index += 1) {
      const id = `j${String(index).padStart(3, '0')}`;
      files[`journeys/${id}.journey.yaml`] = journey(id, `event.${id}`, { text: words('before') });
    }
    // A finding to fix: j001's touchpoint has an owner nobody declared.
    files['journeys/j001.journey.yaml'] = journey('j001', 'event.j001', { text: words('before'), owner: 'team-old' });
    const repo = gitRepo(files);
    for (let index = 1; index <= 91; index += 1) {
      const id = `j${String(index).padStart(3, '0')}`;
      // Every text rewritten (91 journey tables), and the last journey's owner undeclared: the one new error.
      repo.write({ [`journeys/${id}.journey.yaml`]: journey(id, `event.${id}`, { text: words('after'), owner: id === 'j091' ? 'team-ghost' : 'team-crm' }) });
    }
    repo.commit('Rewrite every message');
    const result = await diff(repo.root, '--base', 'HEAD~1');
    expect(result.status).toBe(0);
    const md = result.stdout;
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain('| Journeys | 0 added · 0 removed · 0 renamed · 91 changed |');
    // The new error and the fixed one, in full, before any journey's table.
    const introduced = md.indexOf('**Findings this change introduces**');
    const fixed = md.indexOf('**Findings this change fixes**');
    const firstTable = md.indexOf('<details><summary>Journey');
    expect(introduced).toBeGreaterThan(0);
    expect(fixed).toBeGreaterThan(introduced);
    expect(firstTable).toBeGreaterThan(fixed);
    expect(md).toMatch(/- ❌ `unknown-reference` journeys\/j091\.journey\.yaml:12 \(j091 › j091-email\): Owner "team-ghost" is not declared/);
    expect(md).toMatch(/- ✅ ❌ `unknown-reference` journeys\/j001\.journey\.yaml:12 \(j001 › j001-email\): Owner "team-old" is not declared/);
    // Not every table fits: those left out are counted.
    const tables = md.split('<details><summary>Journey').length - 1;
    expect(tables).toBeGreaterThan(10);
    expect(tables).toBeLessThan(91);
    expect(md).toContain(`_${91 - tables} more journey or scenario details not shown: the comment would be too long. Run \`journeys diff --base HEAD~1\` for all of it._`);
  });

  it('pairs a journey moved to another file under a new id: one renamed journey, not one removed and one added, and no message more or fewer', async () => {
    const repo = gitRepo({
      'journeys/owners.yaml': TEAMS,
      'journeys/promo.journey.yaml': journey('promo', 'account.opened'),
      'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
    });
    repo.remove('journeys/promo.journey.yaml');
    // Same content under a new id, in a new file.
    repo.write({ 'journeys/campaigns/promotion.journey.yaml': journey('promo', 'account.opened').replace('journey: promo\n', 'journey: promotion\n') });
    repo.commit('Move the promotion');
    const md = (await diff(repo.root, '--base', 'HEAD~1')).stdout;
    // Changed: its id, and nothing else.
    expect(md).toContain('| Journeys | 0 added · 0 removed · 1 renamed · 1 changed |');
    expect(md).toContain('| (journey) | `journey` | ~~promo~~ → **promotion** |');
    expect(md).toContain('| Customer timelines | unchanged |');
    expect(md).toContain('- ✏️ Journey `promo` (journeys/promo.journey.yaml) is now `promotion` (journeys/campaigns/promotion.journey.yaml)');
    // Its findings are the same findings: none introduced, none fixed.
    expect(md).toContain('| Findings | 0 introduced · 0 fixed |');
  });

  it('pairs a journey moved and renamed whose title changed too, by its touchpoints', async () => {
    const repo = gitRepo({
      'journeys/owners.yaml': TEAMS,
      'journeys/promo.journey.yaml': journey('promo', 'account.opened'),
      'journeys/other.journey.yaml': journey('other', 'other.happened'),
      'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
    });
    repo.remove('journeys/promo.journey.yaml');
    repo.write({ 'journeys/campaigns/spring.journey.yaml': journey('spring', 'account.opened', { title: 'Spring offer' }).replace(/spring-email/g, 'promo-email') });
    repo.commit('Move and retitle the promotion');
    const md = (await diff(repo.root, '--base', 'HEAD~1')).stdout;
    expect(md).toContain('| Journeys | 0 added · 0 removed · 1 renamed · 1 changed |');
    expect(md).toContain('| Customer timelines | unchanged |');
    expect(md).toContain('| (journey) | `title` | ~~Journey promo~~ **Spring offer** |');
  });

  it('describes stage and KPI changes in words, not JSON', async () => {
    const repo = gitRepo({ 'journeys/owners.yaml': TEAMS, 'journeys/welcome.journey.yaml': journey('welcome', 'account.opened') });
    repo.write({
      'journeys/welcome.journey.yaml': journey('welcome', 'account.opened', { target: 0.5 })
        .replace('version: 1', 'version: 2')
        .replace('  - id: start\n', '  - id: start\n  - id: activation\n    title: Activation\n'),
    });
    repo.commit('Raise the target, add a stage');
    const md = (await diff(repo.root, '--base', 'HEAD~1')).stdout;
    expect(md).toContain('| (journey) | `stages` | added **activation (title Activation)** |');
    expect(md).toContain('| welcome-email | `kpis` | open-rate: target ~~0.4~~ → **0.5** |');
    expect(md).not.toMatch(/\{"|&#91;\{/);
  });

  it('links file:line to the head commit (introduced) and the base commit (fixed) when repository.url is configured, from the top of git', async () => {
    const config = lines('repository:', '  url: https://github.com/acme/journeys');
    const repo = gitRepo({
      'cx/journeys.config.yaml': config,
      'cx/journeys/owners.yaml': TEAMS,
      'cx/journeys/welcome.journey.yaml': journey('welcome', 'account.opened', { owner: 'team-old' }),
    });
    repo.write({ 'cx/journeys/welcome.journey.yaml': journey('welcome', 'account.opened', { owner: 'team-ghost' }) });
    const head = repo.commit('Hand the welcome email to another team');
    const base = repo.rev('HEAD~1');
    const md = (await diff(repo.root, 'cx', '--base', 'HEAD~1')).stdout;
    expect(md).toContain(`- ❌ \`unknown-reference\` [journeys/welcome.journey.yaml:12](https://github.com/acme/journeys/blob/${head}/cx/journeys/welcome.journey.yaml#L12) (welcome › welcome-email): Owner "team-ghost"`);
    expect(md).toContain(`- ✅ ❌ \`unknown-reference\` [journeys/welcome.journey.yaml:12](https://github.com/acme/journeys/blob/${base}/cx/journeys/welcome.journey.yaml#L12) (welcome › welcome-email): Owner "team-old"`);

    // Without the repository's address, no link.
    repo.write({ 'cx/journeys.config.yaml': '' });
    const plain = (await diff(repo.root, 'cx', '--base', 'HEAD~1')).stdout;
    expect(plain).toContain('- ❌ `unknown-reference` journeys/welcome.journey.yaml:12 (welcome › welcome-email)');
    expect(plain).not.toContain('](https://');
  });
});
