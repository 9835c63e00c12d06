import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../site/lib/markdown.ts';
import { splitSections } from '../src/load/markdown.ts';
import { MAX_MARKDOWN_NESTING, MAX_MESSAGE_SUBJECT, MAX_MESSAGE_TEXT, MAX_NAME_LENGTH } from '../src/model/limits.ts';
import { firstTooDeep } from '../src/model/markdown-nesting.ts';
import { runJourneys, type CliResult } from './helpers/cli.ts';
import { OWNERS, TODAY, writeRepo } from './helpers/repo.ts';

interface JsonFinding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

/** A journey of touchpoints on one trigger, each written as `extra` says. */
function journey(touchpoints: readonly string[]): string {
  return ['journey: welcome', 'version: 1', 'title: Welcome', 'owner: team-crm', 'reviewed: 2026-10-01', 'stages:', '  - id: start', 'touchpoints:', ...touchpoints, ''].join('\n');
}

const touchpoint = (id: string, extra = ''): string =>
  `  - { id: ${id}, stage: start, channel: email, owner: team-crm, trigger: account.opened, kpis: [{ metric: open-rate, target: 0.4 }]${extra} }`;

/** The test's own time limit: the commands are timed by the assertions, on a machine that may be busy. */
const TIMEOUT = 60_000;

const SCENARIO = 'scenario: new-customer\nevents:\n  - { at: 0d 9h, event: account.opened }\n';

/** A command that went wrong in journeys itself rather than in the files. */
function expectNoCrash(result: CliResult): void {
  expect([0, 1, 2]).toContain(result.status);
  expect(result.stderr).not.toMatch(/internal error|bug in journeys/i);
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

async function timed(args: readonly string[], cwd: string): Promise<CliResult & { seconds: number }> {
  const start = performance.now();
  const result = await runJourneys(args, cwd);
  return { ...result, seconds: (performance.now() - start) / 1000 };
}

function findings(result: CliResult): JsonFinding[] {
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

describe('a repeat of millions of sends', () => {
  it.each([100_000_000, 1_000_000])('times: %i is simulated up to 1,000 sends, and lint says so at the line of "times"', async (times) => {
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': journey([touchpoint('welcome-email', `, repeat: { every: 1m, times: ${times} }`)]),
      'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
    });
    const lint = await timed(['lint', '--format', 'json', '--today', TODAY], root);
    expectNoCrash(lint);
    expect(lint.status).toBe(1);
    expect(lint.seconds).toBeLessThan(5);
    const limit = findings(lint).filter((finding) => finding.rule === 'limit-exceeded');
    expect(limit).toEqual([expect.objectContaining({ file: 'journeys/welcome.journey.yaml', line: 9 })]);
    expect(limit[0]!.message).toContain(`${times.toLocaleString('en')} more times`);
    expect(limit[0]!.message).toContain('only its first 1,000 sends are simulated');

    const text = await timed(['simulate', '--today', TODAY], root);
    expectNoCrash(text);
    expect(text.status).toBe(1);
    expect(text.seconds).toBeLessThan(5);
    expect(text.stdout).toContain('1,000 touchpoints reached');
    expect(text.stdout).toMatch(/^ {4}⚠ In scenario "new-customer", "welcome-email" would be sent more than 1,000 times.* limit-exceeded journeys\/welcome\.journey\.yaml:9$/m);
  }, TIMEOUT);
});

describe('a scenario past its limits', () => {
  it('simulates the first 10,000 of 100,000 events, in text and JSON, and says where it stopped', async () => {
    const events = Array.from({ length: 100_000 }, (_, i) => `  - { at: ${Math.floor(i / 1440)}d ${Math.floor((i % 1440) / 60)}h ${i % 60}m, event: account.opened }`);
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': journey([touchpoint('welcome-email')]),
      'journeys/scenarios/busy.scenario.yaml': ['scenario: busy', 'events:', ...events, ''].join('\n'),
    });
    const text = await timed(['simulate', '--today', TODAY], root);
    expectNoCrash(text);
    expect(text.status).toBe(1);
    expect(text.seconds).toBeLessThan(10);
    // The 10,001st event, on line 3 + 10,000, is the first one left out.
    expect(text.stdout).toMatch(/Scenario "busy" has 100,000 events, more than the 10,000 a scenario may simulate.* limit-exceeded journeys\/scenarios\/busy\.scenario\.yaml:10003$/m);
    expect(text.stdout).toContain('"welcome-email" would be sent more than 1,000 times');

    const json = await timed(['simulate', '--format', 'json', '--today', TODAY], root);
    expectNoCrash(json);
    expect(json.status).toBe(1);
    expect(json.seconds).toBeLessThan(10);
    const [busy] = (JSON.parse(json.stdout) as { scenarios: { sends: unknown[]; findings: JsonFinding[] }[] }).scenarios;
    expect(busy!.sends).toHaveLength(1_000);
    expect(busy!.findings.filter((finding) => finding.rule === 'limit-exceeded').map((finding) => finding.line).sort((a, b) => a - b)).toEqual([9, 10_003]);
  }, TIMEOUT);

  it('stops at 100,000 sends at the event that reaches them, and prints the timeline in text and JSON', async () => {
    // 120 touchpoints of 1,000 sends each on one event: 120,000 sends asked for.
    const many = Array.from({ length: 120 }, (_, i) => touchpoint(`tip-${i}`, ', repeat: { every: 1m, times: 999 }'));
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': journey(many),
      'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
    });
    const text = await timed(['simulate', '--today', TODAY], root);
    expectNoCrash(text);
    expect(text.status).toBe(1);
    expect(text.seconds).toBeLessThan(15);
    expect(text.stdout).toContain('100,000 touchpoints reached');
    expect(text.stdout).toMatch(/the customer would get more than 100,000 sends.* the simulation stops at "account\.opened" at day 0 09:00.* limit-exceeded journeys\/scenarios\/new-customer\.scenario\.yaml:3$/m);

    const json = await timed(['simulate', '--format', 'json', '--today', TODAY], root);
    expectNoCrash(json);
    expect(json.status).toBe(1);
    expect(json.seconds).toBeLessThan(15);
    const [scenario] = (JSON.parse(json.stdout) as { scenarios: { sends: unknown[] }[] }).scenarios;
    expect(scenario!.sends).toHaveLength(100_000);
  }, TIMEOUT);
});

describe('message texts past the schema maxLength', () => {
  it('are read up to that length: two 80,000-character texts lint in well under 2 s, and still conflict', async () => {
    const text = (amount: string): string => `Your premium of ${amount} is unpaid. ${'1'.repeat(40_000)} ${'2 € '.repeat(10_000)}`;
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': journey([
        touchpoint('unpaid-email', `, message: { intent: pay-premium, text: "${text('45,90 €')}" }`),
        touchpoint('unpaid-sms', `, message: { intent: pay-premium, text: "${text('49,90 €')}" }`),
      ]),
    });
    const lint = await timed(['lint', '--format', 'json', '--today', TODAY], root);
    expectNoCrash(lint);
    expect(lint.status).toBe(1);
    expect(lint.seconds).toBeLessThan(2);
    const found = findings(lint);
    expect(found.filter((finding) => finding.rule === 'schema').map((finding) => [finding.line, finding.message])).toEqual([
      [9, expect.stringContaining(`at most ${MAX_MESSAGE_TEXT.toLocaleString('en')} are allowed`)],
      [10, expect.stringContaining(`at most ${MAX_MESSAGE_TEXT.toLocaleString('en')} are allowed`)],
    ]);
    const conflict = found.find((finding) => finding.rule === 'conflicting-messages');
    expect(conflict?.message).toContain('the amount is "49,90 €" in one and "45,90 €" in the other');
  }, TIMEOUT);

  it('has the limits of the schema', () => {
    const schema = JSON.parse(readFileSync(new URL('../schema/journey.schema.json', import.meta.url), 'utf8')) as {
      $defs: { message: { properties: { text: { maxLength: number }; subject: { maxLength: number } } } };
    };
    expect(MAX_MESSAGE_TEXT).toBe(schema.$defs.message.properties.text.maxLength);
    expect(MAX_MESSAGE_SUBJECT).toBe(schema.$defs.message.properties.subject.maxLength);
  });
});

describe('a Markdown body nested 3,000 levels deep', () => {
  const deep = `${'> '.repeat(3_000)}Thank you.`;
  const body = ['---', 'journey: welcome', 'version: 1', 'title: Welcome', 'stages:', '  - id: start', 'touchpoints: []', '---', '', 'Intro.', '', deep, '', '```', 'code', '```', '', '### start', 'A section.', ''].join('\n');

  it('is a finding at its line, and the rest is linted', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.md': body });
    const lint = await timed(['lint', '--format', 'json', '--today', TODAY], root);
    expectNoCrash(lint);
    expect(lint.status).toBe(1);
    expect(lint.seconds).toBeLessThan(5);
    const found = findings(lint);
    expect(found.filter((finding) => finding.rule === 'limit-exceeded')).toEqual([
      expect.objectContaining({ file: 'journeys/welcome.journey.md', line: 12, message: expect.stringContaining('nests quotes or lists 3,000 levels deep') }),
    ]);
    // The section after it is still read: "start" is a stage, not a touchpoint, so the section names nothing.
    expect(found).toContainEqual(expect.objectContaining({ rule: 'unknown-reference', line: 18 }));
  }, TIMEOUT);

  it('is rendered by the site as escaped plain text, without throwing', () => {
    const html = renderMarkdown(`Intro <b>bold</b>\n\n${deep}`);
    expect(html).toContain(`more than ${MAX_MARKDOWN_NESTING} levels deep`);
    expect(html).toContain('<pre>Intro &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('&gt; &gt; Thank you.');
    // Emphasis nested deep is not seen by the line count, and is shown as written too.
    expect(renderMarkdown(`${'*'.repeat(3_000)}x${'*'.repeat(3_000)}`)).toContain('<pre>***');
    expect(renderMarkdown('> a quote\n\n- a\n  - list')).toContain('<blockquote>');
  });

  it('is split into sections without a syntax tree', () => {
    const start = performance.now();
    const sections = splitSections(`---\na: 1\n---\n${'- '.repeat(200_000)}x\n\n\`\`\`\ncode\n\`\`\`\n\n### start\nA section.\n`, 13);
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(sections.byHeading).toEqual([{ id: 'start', line: 10, narrative: { markdown: 'A section.', line: 11 } }]);
  });
});

describe('the nesting count', () => {
  it('counts quotes, list markers and indentation, and is never below the real nesting', () => {
    expect(firstTooDeep('> > > a', 2)).toEqual({ line: 1, depth: 3 });
    expect(firstTooDeep('- a\n  - b\n    - c', 2)).toEqual({ line: 3, depth: 3 });
    expect(firstTooDeep('1. a\n   1) b', 1)).toEqual({ line: 2, depth: 2 });
    expect(firstTooDeep('> - > * x', 3)).toEqual({ line: 1, depth: 4 });
  });

  it('does not count a thematic break, emphasis or text', () => {
    expect(firstTooDeep(`${'- '.repeat(50)}\n${'* '.repeat(50)}`, 2)).toBeUndefined();
    expect(firstTooDeep(`${'-'.repeat(100)}x and ${'>'.repeat(3)} quoted`, 3)).toBeUndefined();
    expect(firstTooDeep('a > b > c > d', 1)).toBeUndefined();
  });
});

describe('a name far past its maxLength', () => {
  it('is cut in the model, so that a timeline that repeats it on every send stays small', async () => {
    const long = `x${'y'.repeat(100_000)}`;
    const root = writeRepo({
      'journeys/owners.yaml': OWNERS,
      'journeys/welcome.journey.yaml': journey([touchpoint(long, ', repeat: { every: 1m, times: 999 }')]).replace('journey: welcome', `journey: ${long}`),
      'journeys/scenarios/new-customer.scenario.yaml': SCENARIO,
    });
    const lint = await timed(['lint', '--format', 'json', '--today', TODAY], root);
    expectNoCrash(lint);
    // The schema finding names the problem, at the node.
    expect(findings(lint)).toContainEqual(expect.objectContaining({ rule: 'schema', line: 1 }));
    const simulated = await timed(['simulate', '--format', 'json'], root);
    expectNoCrash(simulated);
    expect(simulated.stdout.length).toBeLessThan(2_000_000);
    expect(simulated.stdout).toContain(`${long.slice(0, MAX_NAME_LENGTH)}…`);
  }, TIMEOUT);
});
