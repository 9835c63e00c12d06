/**
 * `journeys lint --format markdown`: a pull-request comment with the totals, counts by
 * rule and every finding in a collapsed table, with user text escaped for Markdown
 * tables and HTML, and within GitHub's size limit for a comment.
 */
import { describe, expect, it } from 'vitest';
import { check, type CheckResult } from '../src/index.ts';
import { escapeCell, markdown, MAX_COMMENT_LENGTH } from '../src/format/markdown.ts';
import { runJourneys } from './helpers/cli.ts';
import { gitRepo } from './helpers/git.ts';
import { cleanJourney, OWNERS, TODAY, writeRepo } from './helpers/repo.ts';
import { FLAWED, HOSTILE, ownerless } from './fixtures/format/repos.ts';

function lint(files: Readonly<Record<string, string>>): CheckResult {
  const result = check(writeRepo(files), { today: TODAY });
  expect(result.configErrors).toEqual([]);
  return result;
}

const format = (result: CheckResult, siteUrl?: string): string => markdown(result.findings, result.summary, { siteUrl });

/** The cells of a table row, split on the pipes that separate cells (`\|` and `&#124;` are not separators). */
function cells(row: string): string[] {
  expect(row.startsWith('| ') && row.endsWith(' |'), row).toBe(true);
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((cell) => cell.trim());
}

/** The rows of the details table, after its header and separator. */
function detailRows(text: string): string[] {
  const lines = text.split('\n');
  const header = lines.indexOf('| Severity | Place | Journey | Touchpoint | Message | Rule |');
  expect(header).toBeGreaterThan(lines.indexOf('<details>'));
  const rows: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

describe('markdown', () => {
  it('heads with the totals, counts by rule, and lists every finding in a collapsed table', () => {
    const result = lint(FLAWED);
    const text = format(result);
    const lines = text.split('\n');
    expect(lines[0]).toBe('### journeys: 3 errors, 0 warnings, 1 info');
    expect(text).toContain('In 1 journey, 3 touchpoints in 2 files.');

    const ruleTable = lines.slice(lines.indexOf('| Rule | Severity | Count |') + 2, lines.indexOf('<details>') - 1);
    expect(ruleTable.map(cells)).toEqual([
      ['<code>missing-owner</code>', '🔴 error', '1'],
      ['<code>unique-id</code>', '🔴 error', '1'],
      ['<code>unknown-reference</code>', '🔴 error', '1'],
      ['<code>missing-kpi</code>', '🔵 info', '1'],
    ]);

    // <details> with its <summary>, a blank line before the table (or GitHub does not render it), and its end.
    const details = lines.indexOf('<details>');
    expect(lines[details + 1]).toBe('<summary>4 findings</summary>');
    expect(lines[details + 2]).toBe('');
    expect(lines.indexOf('</details>')).toBeGreaterThan(details);
    const rows = detailRows(text).map(cells);
    expect(rows).toHaveLength(4);
    // Errors first (in file order), then the info.
    expect(rows.map((row) => row[0])).toEqual(['🔴 error', '🔴 error', '🔴 error', '🔵 info']);
    expect(rows[1]).toEqual([
      '🔴 error',
      'journeys/welcome.journey.yaml:17',
      'welcome',
      'welcome-email',
      'Owner "team-growth" is not declared in journeys/owners.yaml.',
      '<code>unknown-reference</code>',
    ]);
    expect(text.length).toBeLessThan(MAX_COMMENT_LENGTH);
  });

  it('links each rule to its page when the site address is known', () => {
    const text = format(lint(FLAWED), 'https://acme.example/journeys');
    expect(text).toContain('| [<code>missing-owner</code>](https://acme.example/journeys/rules/missing-owner/) | 🔴 error | 1 |');
    expect(detailRows(text)[3]).toContain('[<code>missing-kpi</code>](https://acme.example/journeys/rules/missing-kpi/)');
    // A relative address would resolve inside the pull request: no link then.
    expect(format(lint(FLAWED), '/journeys/')).not.toContain('](');
  });

  it('escapes user text for tables and HTML: pipes, tags, ampersands, backticks, newlines, mentions', () => {
    expect(escapeCell('a | b <script>alert(1)</script> & `c`\r\nd @everyone')).toBe(
      'a &#124; b &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#96;c&#96;<br>d @\u200beveryone',
    );
    expect(escapeCell('*bold* _it_ [link](x) ~x~ #1 \\')).toBe('\\*bold\\* \\_it\\_ \\[link\\](x) \\~x\\~ \\#1 \\\\');

    const result = lint(HOSTILE);
    const text = format(result);
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('@everyone');
    // Every row has exactly its six cells: no pipe or newline of the user's split or ended one.
    const rows = detailRows(text);
    expect(rows).toHaveLength(result.findings.length);
    for (const row of rows) expect(cells(row)).toHaveLength(6);
    const kpi = cells(rows.find((row) => row.includes('missing-kpi'))!);
    expect(kpi[1]).toBe('journeys/x,y:z%.journey.yaml:9');
    expect(kpi[3]).toBe('t,1:%<br>&lt;script&gt;alert(1)&lt;/script&gt;&#124;&#96;x&#96;');
    expect(kpi[4]).toContain('Touchpoint "t,1:%<br>&lt;script&gt;');
  });

  it(`stays under GitHub's limit for a comment, cutting the findings table with a line on how many are left out`, () => {
    const result = lint({ 'journeys/owners.yaml': OWNERS, 'journeys/ownerless.journey.yaml': ownerless(400) });
    expect(result.findings).toHaveLength(400);
    const text = format(result, 'https://acme.example/');
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(MAX_COMMENT_LENGTH).toBeLessThan(65_536);
    const rows = detailRows(text);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThan(400);
    expect(text).toContain(`…and ${(400 - rows.length).toLocaleString('en')} more findings, left out`);
    // The counts by rule are whole, and the collapsed block is closed.
    expect(text).toContain('| [<code>missing-owner</code>](https://acme.example/rules/missing-owner/) | 🔴 error | 400 |');
    expect(text.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('says "No problems" in one short line when there are none', () => {
    const text = format(lint({ 'journeys/owners.yaml': OWNERS, 'journeys/welcome.journey.yaml': cleanJourney() }));
    expect(text).toContain('No problems in 1 journey, 1 touchpoint in 2 files.');
    expect(text).not.toContain('<details>');
    expect(text).not.toContain('|');
  });

  it('is what `journeys lint --format markdown` prints', async () => {
    const root = writeRepo(FLAWED);
    const cli = await runJourneys(['lint', root, '--format', 'markdown', '--today', TODAY], root);
    expect(cli.status).toBe(1);
    const result = check(root, { today: TODAY });
    expect(cli.stdout).toBe(markdown(result.findings, result.summary));
  });
});

describe('markdown, the change first', () => {
  it('with --base, lists the findings the change introduces first, in an open table of their own, even when the comment cuts the rest', async () => {
    // 30 files of 15 errors: more rows than a comment holds, the change's one error in the last file.
    const files: Record<string, string> = { 'journeys/owners.yaml': OWNERS };
    for (let index = 1; index <= 30; index += 1) files[`journeys/j${String(index).padStart(2, '0')}.journey.yaml`] = ownerless(15, `j${index}`);
    const repo = gitRepo(files);
    const late = ['  - id: late-notice', '    stage: start', '    channel: email', '    owner: team-ghost', '    kpis: [{ metric: open-rate, target: 0.4 }]', ''].join('\n');
    repo.write({ 'journeys/j30.journey.yaml': `${repo.read('journeys/j30.journey.yaml')}${late}` });
    repo.commit('Add a late notice');
    const cli = await runJourneys(['lint', '--format', 'markdown', '--base', 'HEAD~1', '--today', TODAY], repo.root);
    expect(cli.status).toBe(1);
    const text = cli.stdout;
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(text).toContain('In 30 journeys, 451 touchpoints in 31 files. This change introduces 2 of them.');
    const lines = text.split('\n');
    const fresh = lines.indexOf('<summary>2 findings introduced by this change</summary>');
    expect(lines[fresh - 1]).toBe('<details open>');
    const others = lines.indexOf('<summary>450 other findings, there before this change</summary>');
    expect(others).toBeGreaterThan(fresh);
    // The change's error, then its warning, before any older finding.
    const rows = lines.slice(fresh, others).filter((line) => line.startsWith('| 🔴') || line.startsWith('| 🟡'));
    expect(rows.map((row) => cells(row)[5])).toEqual(['<code>unknown-reference</code>', '<code>version-not-bumped</code>']);
    expect(cells(rows[0]!)[1]).toMatch(/^journeys\/j30\.journey\.yaml:\d+$/);
    // The older ones are cut, and counted.
    expect(text).toMatch(/…and \d+ more findings, left out to keep this comment within GitHub's size limit/);
  });

  it('without --base, lists errors before warnings and infos, whatever their files', async () => {
    const noKpi = cleanJourney('aaa').replace('    kpis:\n      - { metric: open-rate, target: 0.4 }\n', '');
    const root = writeRepo({ 'journeys/owners.yaml': OWNERS, 'journeys/aaa.journey.yaml': noKpi, 'journeys/zzz.journey.yaml': cleanJourney('zzz').replace('owner: team-crm', 'owner: team-ghost') });
    const cli = await runJourneys(['lint', '--format', 'markdown', '--today', TODAY], root);
    expect(detailRows(cli.stdout).map((row) => cells(row).slice(0, 2))).toEqual([
      ['🔴 error', 'journeys/zzz.journey.yaml:12'],
      ['🔵 info', 'journeys/aaa.journey.yaml:9'],
    ]);
    expect(cli.stdout).not.toContain('introduced by this change');
  });
});
