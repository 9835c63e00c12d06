/**
 * docs/contact-policy.md writes a bank's policy as whole files: they must lint clean, as
 * the page says, and each change of its "What it catches" table must give its finding.
 */
import { readFileSync } from 'node:fs';
import type { Code, Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { runJourneys } from './helpers/cli.ts';
import { writeRepo } from './helpers/repo.ts';

const PAGE = readFileSync(new URL('../docs/contact-policy.md', import.meta.url), 'utf8');
const TODAY = '2026-05-01';

function codeBlocks(node: Nodes, out: Code[] = []): Code[] {
  if (node.type === 'code') out.push(node);
  if ('children' in node) for (const child of node.children) codeBlocks(child, out);
  return out;
}

/** The files of the page, by the path each block names on its first line. */
function pageFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const block of codeBlocks(unified().use(remarkParse).parse(PAGE) as Root).filter((code) => code.lang === 'yaml')) {
    const [first, ...rest] = block.value.split('\n');
    const path = /^# (\S+)$/.exec(first!)?.[1];
    expect(path, `a block of the page does not start with "# <path>": ${first}`).toBeDefined();
    files[path!] = `${rest.join('\n')}\n`;
  }
  return files;
}

interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly file: string;
  readonly message: string;
}

async function lint(files: Record<string, string>): Promise<Finding[]> {
  const root = writeRepo(files);
  const result = await runJourneys(['lint', '--format', 'json', '--today', TODAY], root);
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
}

/** `text` with `from` replaced, failing when the page no longer holds `from`. */
function edit(text: string | undefined, from: string, to: string): string {
  expect(text, 'the file to change').toBeDefined();
  expect(text).toContain(from);
  return text!.replace(from, to);
}

const SCENARIO = 'journeys/scenarios/retail-salary-week.scenario.yaml';
const OFFER = 'journeys/premium-offer.journey.yaml';

/** Each row of the page's table, as a change to the files. */
const CHANGES: Record<string, (files: Record<string, string>) => Record<string, string>> = {
  'quiet-hours (holiday)': (files) => ({ ...files, [SCENARIO]: edit(files[SCENARIO], 'start: 2026-05-04', 'start: 2026-05-05') }),
  'quiet-hours (lunch)': (files) => ({ ...files, [OFFER]: edit(files[OFFER], 'at: "11:00"', 'at: "13:30"') }),
  'marketing-without-consent': (files) => ({
    ...files,
    [SCENARIO]: edit(files[SCENARIO], '  - { at: 0d 9h, event: salary.received }', '  - { at: 0d 9h, event: salary.received }\n  - { at: 0d 12h, event: consent.withdrawn, channel: phone }'),
  }),
  'contact-pressure': (files) => ({ ...files, [OFFER]: edit(files[OFFER], 'after: 3d', 'after: 1d') }),
  'conflicting-messages': (files) => {
    const retail = files['journeys/fees-retail.journey.yaml']!;
    const second = edit(edit(edit(retail, 'journey: fees-retail', 'journey: fees-retail-reminder'), 'id: retail-fee-notice', 'id: retail-fee-reminder'), '2,50 EUR', '3,50 EUR');
    return { ...files, 'journeys/fees-retail-reminder.journey.yaml': second };
  },
};

describe("the contact policy guide's bank", () => {
  it('lints with nothing to report', async () => {
    const findings = await lint(pageFiles());
    expect(findings.map((finding) => `${finding.rule} ${finding.file}: ${finding.message}`)).toEqual([]);
  }, 30_000);

  it('lists in its table each change the test makes', () => {
    const table = PAGE.slice(PAGE.indexOf('## What it catches'));
    const rules = [...table.matchAll(/\| `([a-z-]+)` \|$/gm)].map((match) => match[1]);
    expect(rules.sort()).toEqual(Object.keys(CHANGES).map((name) => name.split(' ')[0]).sort());
  });

  for (const [name, change] of Object.entries(CHANGES)) {
    it(`gives ${name} for its change`, async () => {
      const findings = await lint(change(pageFiles()));
      const rule = name.split(' ')[0]!;
      expect(findings.map((finding) => finding.rule)).toContain(rule);
      // The change is written right: the files still read and refer to what exists.
      expect(findings.filter((finding) => ['parse', 'schema', 'unknown-reference', 'unknown-event'].includes(finding.rule))).toEqual([]);
    }, 30_000);
  }
});
