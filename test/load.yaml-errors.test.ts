/**
 * A YAML syntax error in plain words, at the place of the mistake, and in the stylish
 * output the lines that show it: the real command on real repositories.
 */
import { describe, expect, it } from 'vitest';
import { runJourneys } from './helpers/cli.ts';
import { OWNERS, TODAY, cleanJourney, writeRepo } from './helpers/repo.ts';

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

async function lintJson(root: string): Promise<JsonFinding[]> {
  const run = await runJourneys(['lint', '--today', TODAY, '--format', 'json'], root);
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
}

/** Each broken journey, the plain words it gets, and where (line:column). */
const CASES: Readonly<Record<string, { text: string; words: string; at: string }>> = {
  tab: { text: lines('journey: tab', 'stages:', '\t- id: start'), words: 'a tab cannot indent YAML; indent with spaces', at: '3:1' },
  'tab-inside': { text: lines('journey: tab-inside', 'stages:', '  - id: start', '  \tname: Start'), words: 'a tab cannot indent YAML; indent with spaces', at: '4:3' },
  deeper: { text: lines('journey: deeper', 'version: 1', 'title: Deeper', '  owner: team-crm'), words: 'this line is indented more than the one above it', at: '4:3' },
  twice: { text: lines('journey: twice', 'title: One', 'title: Two'), words: 'a key is written twice in the same mapping (here the second time): keep one', at: '3:1' },
  quote: { text: lines('journey: quote', 'title: "Welcome', 'version: 1'), words: 'a quote is not closed: this quote has no closing one', at: '2:8' },
  'single-quote': { text: lines('journey: single-quote', "title: 'Welcome", 'version: 1'), words: 'a quote is not closed: this quote has no closing one', at: '2:8' },
  bracket: { text: lines('journey: bracket', 'stages: [', '  { id: start }'), words: 'a bracket is not closed: this [ or { needs its ] or }', at: '2:9' },
  colon: { text: lines('journey: colon', 'title: Welcome: the first mail'), words: 'a value holds ": " (a colon and a space): put the value in quotes', at: '2:8' },
  'no-space': { text: lines('journey: no-space', 'title:Welcome', 'version'), words: 'a colon needs a space after it (key: value)', at: '2:7' },
  'at-sign': { text: lines('journey: at-sign', 'owner: @team-crm'), words: 'a value cannot start with @: put it in quotes', at: '2:8' },
  item: { text: lines('journey: item', '- id: start'), words: 'a list item where a key was expected: this line does not fit the lines above it', at: '2:1' },
};

describe('a YAML syntax error', () => {
  it('is said in plain words, at the place of the mistake, one line in JSON', async () => {
    const files: Record<string, string> = { 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() };
    for (const [name, { text }] of Object.entries(CASES)) files[`journeys/${name}.journey.yaml`] = text;
    const findings = await lintJson(writeRepo(files));
    for (const [name, { words, at }] of Object.entries(CASES)) {
      const found = findings.filter((finding) => finding.file === `journeys/${name}.journey.yaml`);
      expect(found, name).toHaveLength(1);
      expect(found[0], name).toMatchObject({ rule: 'parse', severity: 'error', message: `YAML syntax error: ${words}.` });
      expect(`${found[0]!.line}:${found[0]!.column}`, name).toBe(at);
      expect(found[0]!.message, name).not.toContain('\n');
    }
    expect(findings.filter((finding) => finding.file === 'journeys/welcome.journey.yaml')).toEqual([]);
  });

  it('in a Markdown journey, is placed in the file, below the front matter’s first line', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/story.journey.md': lines('---', 'journey: story', 'title: "Story', '---', '', 'Body.') });
    const [finding] = await lintJson(root);
    expect(finding).toMatchObject({ file: 'journeys/story.journey.md', line: 3, column: 8, message: 'YAML syntax error: a quote is not closed: this quote has no closing one.' });
  });

  it('shows, in the stylish output, the line before, the line and a caret under the column, tabs visible', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/tab.journey.yaml': CASES.tab!.text, 'journeys/quote.journey.yaml': CASES.quote!.text });
    const run = await runJourneys(['lint', '--today', TODAY], root);
    expect(run.status).toBe(1);
    const out = run.stdout.split('\n');
    const tab = out.findIndex((line) => line.includes('a tab cannot indent YAML'));
    expect(out.slice(tab + 1, tab + 4)).toEqual(['      2 | stages:', '    > 3 | \\t- id: start', '        | ^']);
    const quote = out.findIndex((line) => line.includes('a quote is not closed'));
    expect(out.slice(tab + 4, tab + 5)).toEqual(['']);
    expect(out.slice(quote + 1, quote + 4)).toEqual(['      1 | journey: quote', '    > 2 | title: "Welcome', '        |        ^']);
  });

  it('shows no more than a window of a very long line, and nothing that a terminal would act on', async () => {
    const long = `title: "${'x'.repeat(5_000)}\\q${'y'.repeat(5_000)}\u001b]52;c;aGk=\u0007"`;
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/long.journey.yaml': lines(`journey: long # \u202e${'z'.repeat(500)}`, long) });
    const run = await runJourneys(['lint', '--today', TODAY], root);
    expect(run.stdout).toContain('a backslash in double quotes');
    const frame = run.stdout.split('\n').filter((line) => /^ {4}[ >] +\d* \|/.test(line));
    expect(frame).toHaveLength(3);
    for (const line of frame) expect(line.length).toBeLessThanOrEqual(230);
    // The caret sits under the escape, in the window shown around it.
    const [, at, caret] = frame;
    expect(at![caret!.indexOf('^')]).toBe('q');
    expect(at).toMatch(/…x+\\qy+…$/);
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('is given no frame in JSON or SARIF, whose messages stay one line', async () => {
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/tab.journey.yaml': CASES.tab!.text });
    const sarif = await runJourneys(['lint', '--today', TODAY, '--format', 'sarif'], root);
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { message: { text: string } }[] }[] }).runs[0]!.results;
    expect(results.map((result) => result.message.text)).toEqual(['YAML syntax error: a tab cannot indent YAML; indent with spaces.']);
    expect(sarif.stdout).not.toContain('| ^');
  });
});
