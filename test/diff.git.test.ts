/**
 * `journeys diff --base REV` and `journeys lint --base REV` in real temporary git
 * repositories: commits that add, remove, rename and edit journeys, read back
 * through the public API (loadAtRevision, check, simulate, diffJourneys) and
 * through the real command. The base is read from git's object store: the work
 * tree, its untracked files and .git/ must be left exactly as they were.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtInRules,
  check,
  COMMENT_MARKER,
  diffJourneys,
  lint,
  loadAtRevision,
  simulate,
  UsageError,
  type Finding,
  type JourneysDiff,
} from '../src/index.ts';
import { runJourneys, type CliResult } from './helpers/cli.ts';
import { ageWorkTree, gitRepo, snapshot, type GitRepo } from './helpers/git.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** For the tests that spawn the command many times: CI has two cores. */
const SLOW = { timeout: 90_000 };

const TEAMS = lines(
  'owners:',
  '  - id: team-crm',
  '    name: CRM',
  '  - id: team-onboarding',
  '    name: Onboarding',
  '  - id: team-billing',
  '    name: Billing',
);

/** A clean journey with one touchpoint, fired by `trigger`. */
function simpleJourney(id: string, title: string, trigger: string, touchpoint = `${id}-email`): string {
  return lines(
    `journey: ${id}`,
    'version: 1',
    `title: ${title}`,
    'owner: team-onboarding',
    'reviewed: 2026-10-01',
    'stages:',
    '  - id: start',
    'touchpoints:',
    `  - id: ${touchpoint}`,
    '    stage: start',
    '    channel: email',
    '    owner: team-crm',
    `    trigger: ${trigger}`,
    '    kpis: [{ metric: open-rate }]',
  );
}

const WELCOME_TEXT_BEFORE = 'Welcome! Activate your online space to follow your card.';
const WELCOME_TEXT_AFTER = 'Welcome aboard! Your online space is ready, activate it today.';

/** The welcome journey at the base: tip-push has no KPI (a missing-kpi info). */
const WELCOME_BASE = lines(
  'journey: welcome',
  'version: 1',
  'title: Welcome',
  'owner: team-onboarding',
  'reviewed: 2026-10-01',
  'stages:',
  '  - id: start',
  'touchpoints:',
  '  - id: welcome-email',
  '    stage: start',
  '    channel: email',
  '    owner: team-crm',
  '    trigger: account.opened',
  '    message:',
  `      text: ${WELCOME_TEXT_BEFORE}`,
  '    kpis: [{ metric: open-rate, target: 0.4 }]',
  '  - id: survey-email',
  '    stage: start',
  '    channel: email',
  '    owner: team-crm',
  '    trigger: account.opened',
  '    after: 3d',
  '    at: "10:00"',
  '    message:',
  '      text: How was your first week with us? Tell us in two minutes.',
  '    kpis: [{ metric: response-rate }]',
  '  - id: tip-push',
  '    stage: start',
  '    channel: push',
  '    owner: team-crm',
  '    trigger: card.activated',
  '    message:',
  '      text: Tip, pay contactless with your phone.',
);

/**
 * The welcome journey after the change: journey owner changed, version raised;
 * welcome-email's channel, owner and text changed; survey-email removed;
 * reminder-email added with an undeclared owner; tip-push measured at last.
 */
const WELCOME_HEAD = lines(
  'journey: welcome',
  'version: 2',
  'title: Welcome',
  'owner: team-crm',
  'reviewed: 2026-10-01',
  'stages:',
  '  - id: start',
  'touchpoints:',
  '  - id: welcome-email',
  '    stage: start',
  '    channel: sms',
  '    owner: team-onboarding',
  '    trigger: account.opened',
  '    message:',
  `      text: ${WELCOME_TEXT_AFTER}`,
  '    kpis: [{ metric: open-rate, target: 0.4 }]',
  '  - id: reminder-email', // 17
  '    stage: start',
  '    channel: email',
  '    owner: team-ghost', // 20
  '    trigger: account.opened',
  '    after: 1d',
  '    at: "10:00"',
  '    message:',
  '      text: Your online space is still waiting, activate it in one click.',
  '    kpis: [{ metric: activation-rate }]',
  '  - id: tip-push',
  '    stage: start',
  '    channel: push',
  '    owner: team-crm',
  '    trigger: card.activated',
  '    message:',
  '      text: Tip, pay contactless with your phone.',
  '    kpis: [{ metric: open-rate }]',
);

/** Day 0 is Monday 2 March 2026. */
const SCENARIO = lines(
  'scenario: new-customer',
  'start: 2026-03-02T00:00',
  'events:',
  '  - { at: 0d 10h, event: account.opened }',
  '  - { at: 5d 18h, event: card.activated }',
);

const BASE_FILES: Readonly<Record<string, string>> = {
  'journeys/owners.yaml': TEAMS,
  'journeys/welcome.journey.yaml': WELCOME_BASE,
  'journeys/billing.journey.yaml': simpleJourney('billing', 'Billing', 'invoice.issued'),
  'journeys/legacy.journey.yaml': simpleJourney('legacy', 'Legacy', 'legacy.happened'),
  'journeys/promo.journey.yaml': simpleJourney('promo', 'Promotion', 'campaign.started'),
  'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
};

/**
 * Two commits: the base above, then a change that adds "referral", removes
 * "billing", moves "legacy" to another file (same id), renames "promo" to
 * "promotion" in its file, and edits "welcome".
 */
function changedRepository(): GitRepo {
  const repo = gitRepo(BASE_FILES);
  repo.remove('journeys/billing.journey.yaml');
  mkdirSync(join(repo.root, 'journeys', 'archive'));
  repo.git('mv', 'journeys/legacy.journey.yaml', 'journeys/archive/legacy.journey.yaml');
  repo.write({
    'journeys/welcome.journey.yaml': WELCOME_HEAD,
    'journeys/promo.journey.yaml': simpleJourney('promo', 'Promotion', 'campaign.started').replace('journey: promo\n', 'journey: promotion\n'),
    'journeys/referral.journey.yaml': simpleJourney('referral', 'Referral', 'friend.invited'),
  });
  repo.commit('Change the journeys');
  return repo;
}

/** What `journeys diff` computes, through the public API: base from git, head from the work tree. */
function diffSince(path: string, revision: string): JourneysDiff {
  const base = loadAtRevision(path, revision);
  const head = check(path, { today: TODAY, base: base.repo });
  expect(head.configErrors).toEqual([]);
  const baseFindings = lint(base.repo, { rules: builtInRules, run: { today: TODAY } }).findings;
  return diffJourneys(
    { repo: base.repo, findings: baseFindings, timelines: simulate(base.repo) },
    { repo: head.repo, findings: head.findings, timelines: simulate(head.repo) },
  );
}

const diff = (cwd: string, ...args: string[]): Promise<CliResult> => runJourneys(['diff', '--today', TODAY, ...args], cwd);
const lintCli = (cwd: string, ...args: string[]): Promise<CliResult> => runJourneys(['lint', '--today', TODAY, ...args], cwd);

/** No line of the form "    at fn (file:line:col)". */
function expectNoStackTrace(result: CliResult): void {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain('internal error');
}

const ruleAndPlace = (finding: Finding): Pick<Finding, 'rule' | 'journey' | 'touchpoint'> => ({ rule: finding.rule, journey: finding.journey, touchpoint: finding.touchpoint });

/** The text of the `<details>` block whose summary starts with `summaryStart`. */
function detailsBlock(markdown: string, summaryStart: string): string {
  const start = markdown.indexOf(`<details><summary>${summaryStart}`);
  expect(start, `a <details> block "${summaryStart}"`).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf('</details>', start);
  expect(end).toBeGreaterThan(start);
  return markdown.slice(start, end);
}

describe('diffJourneys on a real git history (public API)', () => {
  it('lists journeys added, removed, moved to another file, and renamed in their file', () => {
    const repo = changedRepository();
    const result = diffSince(repo.root, 'HEAD~1');
    expect(result.notes).toEqual([]);
    expect(result.journeys.added).toEqual([{ id: 'referral', file: 'journeys/referral.journey.yaml', title: 'Referral', touchpoints: 1 }]);
    expect(result.journeys.removed).toEqual([{ id: 'billing', file: 'journeys/billing.journey.yaml', title: 'Billing', touchpoints: 1 }]);
    expect(result.journeys.renamed).toEqual(
      expect.arrayContaining([
        {
          from: { id: 'legacy', file: 'journeys/legacy.journey.yaml', title: 'Legacy', touchpoints: 1 },
          to: { id: 'legacy', file: 'journeys/archive/legacy.journey.yaml', title: 'Legacy', touchpoints: 1 },
        },
        {
          from: { id: 'promo', file: 'journeys/promo.journey.yaml', title: 'Promotion', touchpoints: 1 },
          to: { id: 'promotion', file: 'journeys/promo.journey.yaml', title: 'Promotion', touchpoints: 1 },
        },
      ]),
    );
    expect(result.journeys.renamed).toHaveLength(2);
    // A move alone changes nothing in the journey; a new id is a change of its "journey" field.
    expect(result.journeys.changed.map((change) => change.id).sort()).toEqual(['promotion', 'welcome']);
    expect(result.journeys.changed.find((change) => change.id === 'promotion')).toEqual({
      id: 'promotion',
      file: 'journeys/promo.journey.yaml',
      title: 'Promotion',
      fields: [{ field: 'journey', before: 'promo', after: 'promotion' }],
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('lists touchpoints added, removed and changed, with each changed field old and new, and the journey owner change', () => {
    const repo = changedRepository();
    const welcome = diffSince(repo.root, 'HEAD~1').journeys.changed.find((change) => change.id === 'welcome');
    expect(welcome).toBeDefined();
    expect(welcome!.file).toBe('journeys/welcome.journey.yaml');
    expect(welcome!.fields).toEqual(
      expect.arrayContaining([
        { field: 'owner', before: 'team-onboarding', after: 'team-crm' },
        { field: 'version', before: 1, after: 2 },
      ]),
    );
    expect(welcome!.fields).toHaveLength(2);
    expect(welcome!.added).toEqual([
      { id: 'reminder-email', stage: 'start', channel: 'email', owner: 'team-ghost', text: 'Your online space is still waiting, activate it in one click.' },
    ]);
    expect(welcome!.removed).toEqual([
      { id: 'survey-email', stage: 'start', channel: 'email', owner: 'team-crm', text: 'How was your first week with us? Tell us in two minutes.' },
    ]);
    const changed = new Map(welcome!.changed.map((touchpoint) => [touchpoint.id, touchpoint.fields]));
    expect([...changed.keys()].sort()).toEqual(['tip-push', 'welcome-email']);
    const byField = (fields: readonly { field: string }[]) => [...fields].sort((a, b) => (a.field < b.field ? -1 : 1));
    expect(byField(changed.get('welcome-email')!)).toEqual([
      { field: 'channel', before: 'email', after: 'sms' },
      { field: 'message.text', before: WELCOME_TEXT_BEFORE, after: WELCOME_TEXT_AFTER },
      { field: 'owner', before: 'team-crm', after: 'team-onboarding' },
    ]);
    expect(changed.get('tip-push')).toEqual([{ field: 'kpis', before: undefined, after: [{ metric: 'open-rate' }] }]);
  });

  it('lists the messages a scenario\'s customer now gets and no longer gets', () => {
    const repo = changedRepository();
    expect(diffSince(repo.root, 'HEAD~1').timelines).toEqual([
      {
        scenario: 'new-customer',
        // reminder-email: account.opened at day 0 10:00, after 1d, at 10:00.
        added: [{ time: 1 * 1440 + 600, when: 'Tue 3 Mar 2026 10:00', journey: 'welcome', touchpoint: 'reminder-email', channel: 'email' }],
        // survey-email: after 3d, at 10:00.
        removed: [{ time: 3 * 1440 + 600, when: 'Thu 5 Mar 2026 10:00', journey: 'welcome', touchpoint: 'survey-email', channel: 'email' }],
      },
    ]);
  });

  it('lists the findings the change introduces (an undeclared owner) and fixes (a missing KPI)', () => {
    const repo = changedRepository();
    const { findings } = diffSince(repo.root, 'HEAD~1');
    expect(findings.introduced.map(ruleAndPlace)).toEqual([{ rule: 'unknown-reference', journey: 'welcome', touchpoint: 'reminder-email' }]);
    expect(findings.introduced[0]).toMatchObject({ severity: 'error', file: 'journeys/welcome.journey.yaml', line: 20, message: expect.stringContaining('"team-ghost"') });
    expect(findings.fixed.map(ruleAndPlace)).toEqual([{ rule: 'missing-kpi', journey: 'welcome', touchpoint: 'tip-push' }]);
  });

  it('reads the base from git and the head from the work tree, uncommitted and untracked files included', () => {
    const repo = changedRepository();
    repo.write({ 'journeys/draft.journey.yaml': simpleJourney('draft', 'Draft', 'draft.started') });
    repo.write({ 'journeys/referral.journey.yaml': simpleJourney('referral', 'Referral', 'friend.invited').replace('title: Referral', 'title: Refer a friend') });
    const base = loadAtRevision(repo.root, 'HEAD');
    expect(base.commit).toBe(repo.rev('HEAD'));
    expect(base.repo.journeys.map((journey) => journey.id).sort()).toEqual(['legacy', 'promotion', 'referral', 'welcome']);
    expect(base.repo.journeys.find((journey) => journey.id === 'referral')!.title).toBe('Referral');
    const result = diffSince(repo.root, 'HEAD');
    expect(result.journeys.added.map((journey) => journey.id)).toEqual(['draft']);
    expect(result.journeys.changed).toEqual([expect.objectContaining({ id: 'referral', fields: [{ field: 'title', before: 'Referral', after: 'Refer a friend' }] })]);
    // Reading HEAD~1 gives the first commit's journeys, as a checkout would.
    expect(loadAtRevision(repo.root, 'HEAD~1').repo.journeys.map((journey) => journey.id).sort()).toEqual(['billing', 'legacy', 'promo', 'welcome']);
  });

  it('throws a UsageError for an unknown revision and for a folder outside git', () => {
    const repo = changedRepository();
    expect(() => loadAtRevision(repo.root, 'no-such-branch')).toThrow(UsageError);
    expect(() => loadAtRevision(repo.root, '--output=/tmp/x')).toThrow(UsageError);
    const outside = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': simpleJourney('welcome', 'Welcome', 'a.b') });
    // Only when the temporary folder itself is not inside some git work tree.
    if (!existsSync(join(dirname(outside), '.git'))) expect(() => loadAtRevision(outside, 'HEAD')).toThrow(/not in a git repository/);
  });

  it('compares a journey whose file did not exist at the base as added, and a repository whose journeys/ did not exist at all', () => {
    const repo = gitRepo({ 'README.md': '# Not journeys yet\n' });
    repo.write({ 'journeys/owners.yaml': TEAMS, 'journeys/referral.journey.yaml': simpleJourney('referral', 'Referral', 'friend.invited') });
    repo.commit('Start mapping journeys');
    const result = diffSince(repo.root, 'HEAD~1');
    expect(result.journeys.added.map((journey) => journey.id)).toEqual(['referral']);
    expect(result.journeys.removed).toEqual([]);
    expect(result.notes).toEqual([]);
  });

  it('reports no timeline change when a journey only changes its id', () => {
    const repo = gitRepo({
      'journeys/owners.yaml': TEAMS,
      'journeys/promo.journey.yaml': simpleJourney('promo', 'Promotion', 'account.opened'),
      'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
    });
    repo.write({ 'journeys/promo.journey.yaml': repo.read('journeys/promo.journey.yaml').replace('journey: promo\n', 'journey: promotion\n') });
    repo.commit('Rename the promo journey');
    const result = diffSince(repo.root, 'HEAD~1');
    expect(result.journeys.renamed).toHaveLength(1);
    expect(result.timelines).toEqual([]);
  });
});

describe('journeys diff --base (the command)', () => {
  it('prints a Markdown comment: the marker, the summary table first, the details folded', async () => {
    const repo = changedRepository();
    const result = await diff(repo.root, '--base', 'HEAD~1');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const md = result.stdout;
    expect(md.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(COMMENT_MARKER).toBe('<!-- journeys-diff -->');
    expect(md).toContain(`Compared with \`HEAD~1\` (${repo.rev('HEAD~1').slice(0, 7)}).`);

    const table = [
      '| Journeys | 1 added · 1 removed · 2 renamed · 2 changed |',
      // reminder-email and referral's touchpoint; survey-email and billing's; welcome-email and tip-push.
      '| Touchpoints | 2 added · 2 removed · 2 changed |',
      '| Customer timelines | 1 scenario change: 1 message more, 1 fewer |',
      '| Findings | 1 introduced (1 error) · 1 fixed |',
    ];
    const firstDetails = md.indexOf('<details>');
    expect(firstDetails).toBeGreaterThan(0);
    for (const row of table) {
      expect(md).toContain(`${row}\n`);
      expect(md.indexOf(row), row).toBeLessThan(firstDetails);
    }
    expect(md.indexOf('**Findings this change introduces**')).toBeLessThan(firstDetails);
    expect(md).toMatch(/- ❌ `unknown-reference` journeys\/welcome\.journey\.yaml:20 \(welcome › reminder-email\): Owner "team-ghost" is not declared/);

    expect(md).toContain('- ➕ Journey <b>Referral</b> added (journeys/referral.journey.yaml, 1 touchpoint)');
    expect(md).toContain('- ➖ Journey <b>Billing</b> removed (journeys/billing.journey.yaml, 1 touchpoint)');
    expect(md).toContain('- ✏️ Journey `legacy` (journeys/legacy.journey.yaml) is now `legacy` (journeys/archive/legacy.journey.yaml)');
    expect(md).toContain('- ✏️ Journey `promo` (journeys/promo.journey.yaml) is now `promotion` (journeys/promo.journey.yaml)');

    const welcome = detailsBlock(md, 'Journey <b>Welcome</b> (journeys/welcome.journey.yaml): touchpoints 1 added, 1 removed, 2 changed');
    expect(welcome).toContain('| touchpoint | field | change |');
    expect(welcome).toContain('| (journey) | `owner` | ~~team-onboarding~~ → **team-crm** |');
    expect(welcome).toContain('| (journey) | `version` | ~~1~~ → **2** |');
    expect(welcome).toContain('| ➕ reminder-email | added | email, start, team-ghost: “Your online space is still waiting, activate it in one click.” |');
    expect(welcome).toContain('| ➖ survey-email | removed | email, start, team-crm: “How was your first week with us? Tell us in two minutes.” |');
    // The text's changed words, struck and bold, in the words kept.
    expect(welcome).toContain(
      '| welcome-email | `message.text` | ~~Welcome! Activate your~~ **Welcome aboard! Your** online space ~~to follow your card.~~ **is ready, activate it today.** |',
    );
    expect(welcome).toContain('| welcome-email | `owner` | ~~team-crm~~ → **team-onboarding** |');
    expect(welcome).toContain('| welcome-email | `channel` | ~~email~~ → **sms** |');
    // A list in words, not JSON.
    expect(welcome).toContain('| tip-push | `kpis` | added **open-rate** |');
    expect(welcome).not.toContain('{"');

    const scenario = detailsBlock(md, 'Scenario <b>new-customer</b>: 1 message more, 1 fewer');
    expect(scenario).toContain('| Tue 3 Mar 2026 10:00 | ➕ now gets | email | reminder-email | welcome |');
    expect(scenario).toContain('| Thu 5 Mar 2026 10:00 | ➖ no longer gets | email | survey-email | welcome |');
    expect(scenario.indexOf('reminder-email')).toBeLessThan(scenario.indexOf('survey-email'));

    // Introduced, then fixed, before any journey's details.
    expect(md.indexOf('**Findings this change fixes**')).toBeGreaterThan(md.indexOf('**Findings this change introduces**'));
    expect(md.indexOf('**Findings this change fixes**')).toBeLessThan(md.indexOf('- ➕ Journey'));
    expect(md).toMatch(/- ✅ ℹ️ `missing-kpi` journeys\/welcome\.journey\.yaml:\d+ \(welcome › tip-push\)/);
  });

  it('prints the same comparison as JSON with --format json, the base revision and commit first', async () => {
    const repo = changedRepository();
    const result = await diff(repo.root, '--base', 'HEAD~1', '--format', 'json');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout) as JourneysDiff & { base: unknown };
    expect(Object.keys(output)).toEqual(['base', 'journeys', 'timelines', 'findings', 'notes']);
    expect(output.base).toEqual({ revision: 'HEAD~1', commit: repo.rev('HEAD~1') });
    // Exactly what the public API computes, as JSON.
    expect({ ...output, base: undefined }).toEqual(JSON.parse(JSON.stringify(diffSince(repo.root, 'HEAD~1'))));
    expect(Object.keys(output.journeys)).toEqual(['added', 'removed', 'renamed', 'changed']);
    const { findings } = output;
    expect(findings.introduced.map((finding) => finding.rule)).toEqual(['unknown-reference']);
    expect(findings.fixed.map((finding) => finding.rule)).toEqual(['missing-kpi']);
  });

  it('says so plainly when nothing changed', async () => {
    const repo = gitRepo(BASE_FILES);
    const result = await diff(repo.root, '--base', 'HEAD');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No journey, touchpoint, customer timeline or finding changes.');
    expect(result.stdout).not.toContain('<details>');
  });

  it('leaves the work tree, its uncommitted edits and untracked journeys, and .git/ exactly as they were; the diff includes them as head', SLOW, async () => {
    const repo = changedRepository();
    // An uncommitted edit and an untracked journey.
    repo.write({
      'journeys/referral.journey.yaml': simpleJourney('referral', 'Referral', 'friend.invited').replace('title: Referral', 'title: Refer a friend'),
      'journeys/draft.journey.yaml': simpleJourney('draft', 'Draft', 'draft.started'),
    });
    ageWorkTree(repo.root);
    const status = repo.git('status', '--porcelain', '--untracked-files=all');
    expect(status).toBe(' M journeys/referral.journey.yaml\n?? journeys/draft.journey.yaml\n');
    const before = snapshot(repo.root);

    const markdown = await diff(repo.root, '--base', 'HEAD~1');
    const json = await diff(repo.root, '--base', 'HEAD', '--format', 'json');
    const linted = await lintCli(repo.root, '--base', 'HEAD~1', '--format', 'json');

    expect(snapshot(repo.root)).toEqual(before);
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe(status);

    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toContain('| Journeys | 2 added · 1 removed · 2 renamed · 2 changed |');
    expect(markdown.stdout).toContain('- ➕ Journey <b>Draft</b> added (journeys/draft.journey.yaml, 1 touchpoint)');
    expect(markdown.stdout).toContain('- ➕ Journey <b>Refer a friend</b> added');
    expect(json.status).toBe(0);
    const since = JSON.parse(json.stdout) as JourneysDiff;
    expect(since.journeys.added.map((journey) => journey.id)).toEqual(['draft']);
    expect(since.journeys.changed).toEqual([expect.objectContaining({ id: 'referral', fields: [{ field: 'title', before: 'Referral', after: 'Refer a friend' }] })]);
    expect(linted.status).toBe(1); // the undeclared owner of reminder-email
    expect(linted.stderr).toBe('');
  });

  it('still compares, with a note naming the file, when the base revision of a branch has a broken YAML file', SLOW, async () => {
    const repo = gitRepo({
      ...BASE_FILES,
      'journeys/broken.journey.yaml': 'journey: broken\nversion: 1\ntitle: [Broken\nstages: {\n',
    });
    repo.git('checkout', '--quiet', '-b', 'fix-broken');
    repo.write({
      'journeys/broken.journey.yaml': simpleJourney('broken', 'Broken no more', 'account.opened'),
      'journeys/welcome.journey.yaml': WELCOME_HEAD,
    });
    repo.commit('Fix the broken journey');

    const result = await diff(repo.root, '--base', 'main');
    expectNoStackTrace(result);
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith(COMMENT_MARKER)).toBe(true);
    expect(result.stdout).toMatch(/> \*\*Note:\*\* journeys\/broken\.journey\.yaml could not be read at the base revision/);
    // Everything else is still compared.
    expect(result.stdout).toContain('- ➕ Journey <b>Broken no more</b> added (journeys/broken.journey.yaml, 1 touchpoint)');
    expect(result.stdout).toContain('Journey <b>Welcome</b> (journeys/welcome.journey.yaml): touchpoints 1 added, 1 removed, 2 changed');

    const json = await diff(repo.root, '--base', 'main', '--format', 'json');
    expect(json.status).toBe(0);
    const output = JSON.parse(json.stdout) as JourneysDiff;
    expect(output.notes).toHaveLength(1);
    expect(output.notes[0]).toContain('journeys/broken.journey.yaml');
    // The parse error at the base is fixed by the change.
    expect(output.findings.fixed.map((finding) => [finding.rule, finding.file])).toContainEqual(['parse', 'journeys/broken.journey.yaml']);
  });

  it('notes a file that the change breaks, and shows what it held as removed', async () => {
    const repo = gitRepo(BASE_FILES);
    repo.write({ 'journeys/billing.journey.yaml': 'journey: billing\n  version: [\n' });
    const result = await diff(repo.root, '--base', 'HEAD', '--format', 'json');
    expectNoStackTrace(result);
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as JourneysDiff;
    expect(output.notes).toEqual([expect.stringContaining('journeys/billing.journey.yaml cannot be read now')]);
    expect(output.journeys.removed.map((journey) => journey.id)).toEqual(['billing']);
    expect(output.findings.introduced.map((finding) => [finding.rule, finding.file])).toEqual([['parse', 'journeys/billing.journey.yaml']]);
  });

  it('exits 2 with a clear message and no stack trace for an unknown revision', SLOW, async () => {
    const repo = changedRepository();
    for (const command of [diff, lintCli]) {
      const result = await command(repo.root, '--base', 'no-such-branch');
      expectNoStackTrace(result);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('Unknown revision "no-such-branch"');
    }
    const missing = await diff(repo.root);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('needs --base');
  });

  it('exits 2 with a clear message when the folder is not in a git repository', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': simpleJourney('welcome', 'Welcome', 'a.b') });
    // Keep git from finding a repository above the temporary folder.
    const env = { GIT_CEILING_DIRECTORIES: dirname(root) };
    for (const args of [['diff', '--base', 'HEAD'], ['lint', '--base', 'HEAD']]) {
      const result = await runJourneys([...args, '--today', TODAY], root, env);
      expectNoStackTrace(result);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('is not in a git repository');
      expect(result.stderr).toContain(root);
    }
  });

  it('works when the journeys repository is a subfolder of the git repository, given on the command line', SLOW, async () => {
    const repo = gitRepo({
      'README.md': '# A monorepo\n',
      // Another journeys/ folder at the top, which must not be read.
      'journeys/owners.yaml': OWNERS,
      'journeys/other.journey.yaml': simpleJourney('other', 'Other', 'x.y'),
      'cx/journeys.config.yaml': 'rules:\n  missing-kpi: off\n',
      ...Object.fromEntries(Object.entries(BASE_FILES).map(([path, text]) => [`cx/${path}`, text.replace('    kpis: [{ metric: response-rate }]\n', '')])),
    });
    repo.write({ 'cx/journeys/welcome.journey.yaml': WELCOME_HEAD, 'journeys/other.journey.yaml': simpleJourney('other', 'Changed', 'x.y') });
    repo.commit('Change the welcome journey');

    const fromTop = await diff(repo.root, '--base', 'HEAD~1', 'cx', '--format', 'json');
    expect(fromTop.stderr).toBe('');
    expect(fromTop.status).toBe(0);
    const output = JSON.parse(fromTop.stdout) as JourneysDiff;
    expect(output.notes).toEqual([]);
    expect(output.journeys.added).toEqual([]);
    expect(output.journeys.removed).toEqual([]);
    expect(output.journeys.changed.map((change) => [change.id, change.file])).toEqual([['welcome', 'journeys/welcome.journey.yaml']]);
    // The base's journeys.config.yaml (in cx/) was read: missing-kpi is off on both sides, so
    // survey-email's missing KPI at the base is not "fixed" by its removal.
    expect(output.findings.fixed).toEqual([]);
    expect(output.findings.introduced.map(ruleAndPlace)).toEqual([{ rule: 'unknown-reference', journey: 'welcome', touchpoint: 'reminder-email' }]);
    expect(output.timelines).toHaveLength(1);

    // The same from inside the journeys folder, and with an absolute path from elsewhere.
    const fromInside = await diff(join(repo.root, 'cx', 'journeys'), '--base', 'HEAD~1', '.', '--format', 'json');
    expect(fromInside.status).toBe(0);
    expect(JSON.parse(fromInside.stdout)).toEqual(JSON.parse(fromTop.stdout));
    const fromElsewhere = await diff(tmpdir(), '--base', 'HEAD~1', join(repo.root, 'cx'), '--format', 'json');
    expect(fromElsewhere.status).toBe(0);
    expect(JSON.parse(fromElsewhere.stdout)).toEqual(JSON.parse(fromTop.stdout));

    const linted = await lintCli(repo.root, 'cx', '--base', 'HEAD~1', '--format', 'json');
    expect(linted.status).toBe(1);
    expect((JSON.parse(linted.stdout) as { findings: Finding[] }).findings.map((finding) => finding.file)).toEqual(['journeys/welcome.journey.yaml']);
  });

  it('works when the repository is reached through a symbolic link', async () => {
    const repo = changedRepository();
    const link = join(writeRepo({}), 'link');
    symlinkSync(repo.root, link, 'dir');
    const result = await diff(tmpdir(), '--base', 'HEAD~1', link, '--format', 'json');
    expectNoStackTrace(result);
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as JourneysDiff).journeys.added.map((journey) => journey.id)).toEqual(['referral']);
  });

  it('rejects a malformed --today like lint does', async () => {
    const repo = changedRepository();
    const result = await runJourneys(['diff', '--base', 'HEAD~1', '--today', 'garbage'], repo.root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--today');
  });
});

describe('version-not-bumped with journeys lint --base', () => {
  const WELCOME_V1 = simpleJourney('welcome', 'Welcome', 'account.opened');

  async function lintAgainstBase(change: (text: string) => string, ...args: string[]): Promise<{ result: CliResult; findings: Finding[] }> {
    const repo = gitRepo({ 'journeys/owners.yaml': TEAMS, 'journeys/welcome.journey.yaml': WELCOME_V1 });
    repo.write({ 'journeys/welcome.journey.yaml': change(WELCOME_V1) });
    repo.commit('Change the welcome journey');
    const result = await lintCli(repo.root, '--format', 'json', ...args);
    expect(result.stderr).toBe('');
    return { result, findings: (JSON.parse(result.stdout) as { findings: Finding[] }).findings };
  }
  const delay = (text: string): string => text.replace('    trigger: account.opened\n', '    trigger: account.opened\n    after: 2h\n');

  it('warns at the version: line when touchpoints changed and the version did not rise', async () => {
    const { result, findings } = await lintAgainstBase(delay, '--base', 'HEAD~1');
    expect(result.status).toBe(0);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'version-not-bumped',
        severity: 'warning',
        file: 'journeys/welcome.journey.yaml',
        line: 2,
        column: 10,
        journey: 'welcome',
        message: 'The touchpoints of journey "welcome" changed, but it is still version 1 (version 1 at the base): raise it to 2.',
      }),
    ]);
  });

  it('warns in the stylish output, and --max-warnings 0 makes it fail', async () => {
    const repo = gitRepo({ 'journeys/owners.yaml': TEAMS, 'journeys/welcome.journey.yaml': WELCOME_V1 });
    repo.write({ 'journeys/welcome.journey.yaml': `${WELCOME_V1}  - id: second\n    stage: start\n    channel: sms\n    owner: team-crm\n    kpis: [{ metric: ctr }]\n` });
    repo.commit('Add a touchpoint');
    const result = await lintCli(repo.root, '--base', 'HEAD~1');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\s+2:10\s+warning\s+The touchpoints of journey "welcome" changed.*version-not-bumped$/m);
    expect((await lintCli(repo.root, '--base', 'HEAD~1', '--max-warnings', '0')).status).toBe(1);
  });

  it('does not warn when the version was raised', async () => {
    const { result, findings } = await lintAgainstBase((text) => delay(text).replace('version: 1', 'version: 2'), '--base', 'HEAD~1');
    expect(result.status).toBe(0);
    expect(findings).toEqual([]);
  });

  it('does not warn when only the order or the style of the fields changed', async () => {
    const reordered = lines(
      'title: Welcome',
      'journey: welcome',
      'reviewed: 2026-10-01',
      'owner: team-onboarding',
      'version: 1',
      'stages: [{ id: start }]',
      'touchpoints:',
      '  - channel: email',
      '    kpis:',
      '      - metric: open-rate',
      '    owner: team-crm',
      '    trigger: account.opened',
      '    stage: start',
      '    id: welcome-email',
    );
    const { result, findings } = await lintAgainstBase(() => reordered, '--base', 'HEAD~1');
    expect(result.status).toBe(0);
    expect(findings).toEqual([]);
  });

  it('does not warn when only the journey itself changed (title, owner), not its touchpoints', async () => {
    const { findings } = await lintAgainstBase((text) => text.replace('title: Welcome', 'title: Hello').replace('owner: team-onboarding', 'owner: team-crm'), '--base', 'HEAD~1');
    expect(findings).toEqual([]);
  });

  it('does not run without --base', async () => {
    const { result, findings } = await lintAgainstBase(delay);
    expect(result.status).toBe(0);
    expect(findings).toEqual([]);
  });

  it('does not warn for a journey that is new since the base', async () => {
    const repo = gitRepo({ 'journeys/owners.yaml': TEAMS, 'journeys/welcome.journey.yaml': WELCOME_V1 });
    repo.write({ 'journeys/referral.journey.yaml': simpleJourney('referral', 'Referral', 'friend.invited') });
    const result = await lintCli(repo.root, '--base', 'HEAD', '--format', 'json');
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { findings: Finding[] }).findings).toEqual([]);
  });

  it('does not warn when only the narrative of a Markdown journey changed, and the diff shows the narrative', async () => {
    const story = (narrative: string, section: string): string =>
      lines(
        '---',
        'journey: story',
        'version: 3',
        'title: Story',
        'owner: team-onboarding',
        'reviewed: 2026-10-01',
        'stages:',
        '  - id: start',
        'touchpoints:',
        '  - id: story-email',
        '    stage: start',
        '    channel: email',
        '    owner: team-crm',
        '    kpis: [{ metric: open-rate }]',
        '---',
        '# The story',
        '',
        narrative,
        '',
        '### story-email',
        '',
        section,
      );
    const repo = gitRepo({ 'journeys/owners.yaml': TEAMS, 'journeys/story.journey.md': story('Why this journey exists.', 'The first e-mail.') });
    repo.write({ 'journeys/story.journey.md': story('Why this journey exists, and for whom.', 'The first e-mail, sent at once.') });
    repo.commit('Reword the story');
    const result = await lintCli(repo.root, '--base', 'HEAD~1', '--format', 'json');
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { findings: Finding[] }).findings).toEqual([]);

    const changes = diffSince(repo.root, 'HEAD~1');
    expect(changes.findings).toEqual({ introduced: [], fixed: [] });
    const [change] = changes.journeys.changed;
    expect(change?.fields.map((field) => field.field)).toEqual(['narrative']);
    expect(change?.changed).toEqual([{ id: 'story-email', fields: [expect.objectContaining({ field: 'narrative' })] }]);
  });

  it('leaves the work tree and .git/ untouched', async () => {
    const repo = gitRepo({ 'journeys/owners.yaml': TEAMS, 'journeys/welcome.journey.yaml': WELCOME_V1 });
    repo.write({ 'journeys/welcome.journey.yaml': delay(WELCOME_V1), 'journeys/new.journey.yaml': simpleJourney('new', 'New', 'x.y') });
    ageWorkTree(repo.root);
    const status = repo.git('status', '--porcelain', '--untracked-files=all');
    const before = snapshot(repo.root);
    const result = await lintCli(repo.root, '--base', 'HEAD', '--format', 'json');
    expect(snapshot(repo.root)).toEqual(before);
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe(status);
    expect((JSON.parse(result.stdout) as { findings: Finding[] }).findings.map((finding) => finding.rule)).toEqual(['version-not-bumped']);
  });
});
