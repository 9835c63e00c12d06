/**
 * Findings have an identity (rule, message id, stable subjects), not only a wording:
 * baselines, SARIF fingerprints and the pull-request diff follow it, so that rewording
 * a message, moving lines or renaming a journey neither opens nor closes anything.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyBaseline, BASELINE_FILE, builtInRules, check, createBaseline, findingIdentity, type Finding } from '../src/index.ts';
import { FINGERPRINT_KEY, fingerprints } from '../src/format/sarif.ts';
import { runJourneys, type CliResult } from './helpers/cli.ts';
import { findingsRepo, journeySpec, journeyText, JOURNEYS, SHIPPING_TEXT } from './helpers/findings-repo.ts';
import { gitRepo } from './helpers/git.ts';
import { TODAY, writeRepo } from './helpers/repo.ts';

const SLOW = { timeout: 90_000 };

const lint = (cwd: string, ...args: string[]): Promise<CliResult> => runJourneys(['lint', '--today', TODAY, ...args], cwd);
const lintJson = async (cwd: string, ...args: string[]): Promise<{ result: CliResult; findings: Finding[]; summary: Record<string, number> }> => {
  const result = await lint(cwd, '--format', 'json', ...args);
  const output = JSON.parse(result.stdout) as { findings: Finding[]; summary: Record<string, number> };
  return { result, ...output };
};

describe('rewording messages', () => {
  const saved = builtInRules.map((rule) => rule.meta.messages);
  afterEach(() => {
    builtInRules.forEach((rule, index) => Object.assign(rule.meta, { messages: saved[index] }));
  });

  it('changes every message and no baseline entry nor SARIF fingerprint', () => {
    const root = writeRepo(findingsRepo());
    const before = check(root, { today: TODAY }).findings;
    // Most rules have something to say about the generated repository.
    expect(new Set(before.map((finding) => finding.rule)).size).toBeGreaterThanOrEqual(10);
    const baseline = createBaseline(before);

    for (const rule of builtInRules) {
      const reworded = Object.fromEntries(Object.entries(rule.meta.messages).map(([id, template]) => [id, `Reworded (${id}): ${template.toUpperCase()} Really.`]));
      Object.assign(rule.meta, { messages: reworded });
    }
    const after = check(root, { today: TODAY }).findings;
    expect(after).toHaveLength(before.length);
    after.forEach((finding, index) => {
      expect(finding.message).toMatch(/^Reworded \(/);
      expect(finding.message).not.toBe(before[index]!.message);
    });

    const strip = (entries: ReturnType<typeof createBaseline>['findings']) => entries.map(({ message: _message, ...entry }) => entry);
    expect(strip(createBaseline(after).findings)).toEqual(strip(baseline.findings));
    expect(fingerprints(after, builtInRules)).toEqual(fingerprints(before, builtInRules));
    expect(applyBaseline(after, baseline)).toMatchObject({ findings: [], hidden: before.length, stale: [] });
  });
});

describe('identity of a finding', () => {
  it('is the rule, the message id and the subjects its rule names, never counts, similarities or lines', () => {
    const root = writeRepo(findingsRepo());
    const findings = check(root, { today: TODAY }).findings;
    const pressure = findings.find((finding) => finding.rule === 'contact-pressure')!;
    expect(pressure.messageId).toBe('over-limit');
    expect(pressure.data).toMatchObject({ scenario: 'new-customer', count: `${JOURNEYS} outbound messages` });
    expect(JSON.parse(findingIdentity(pressure))).toEqual([
      'contact-pressure',
      'over-limit',
      { scenario: 'new-customer', limit: '3 per 1d on email', journey: 'journey-04', touchpoint: 'welcome-4', at: 'day 0 09:05' },
    ]);
    const duplicate = findings.find((finding) => finding.rule === 'duplicate-touchpoint')!;
    expect(duplicate.data).toMatchObject({ similarity: '1.00' });
    expect(JSON.parse(findingIdentity(duplicate))).toEqual(['duplicate-touchpoint', 'duplicate', { touchpoints: ['journey-05/shipping-5', 'journey-10/shipping-10'] }]);
    // The message is rendered from the template and the data, which holds every subject the rule names.
    const special = new Set(['journey', 'touchpoint', 'scenario', 'touchpoints']);
    for (const finding of findings) {
      expect(finding.message).not.toContain('{{');
      const rule = builtInRules.find((r) => r.meta.id === finding.rule)!;
      expect(Object.keys(rule.meta.messages)).toContain(finding.messageId);
      for (const name of rule.meta.identity ?? []) if (!special.has(name)) expect(Object.keys(finding.data ?? {}), `${finding.rule}: ${name}`).toContain(name);
    }
  });
});

describe('baselines keyed on identity', () => {
  it('reads a version 1 baseline, keeps hiding its findings, reports stale entries, and --baseline-prune removes them without adding any', SLOW, async () => {
    const files = findingsRepo();
    const repo = gitRepo(files);
    const { findings } = await lintJson(repo.root, '--no-baseline');
    // The baseline the previous version wrote: one entry per rule, place and message.
    const entries = new Map<string, { rule: string; file: string; journey?: string; touchpoint?: string; message: string; count: number }>();
    for (const finding of findings) {
      if (finding.rule === 'parse' || finding.rule === 'schema') continue;
      const key = [finding.rule, finding.journey ?? finding.file, finding.touchpoint ?? '', finding.message].join('\u0000');
      const entry = entries.get(key);
      entries.set(key, { rule: finding.rule, file: finding.file, journey: finding.journey, touchpoint: finding.touchpoint, message: finding.message, count: (entry?.count ?? 0) + 1 });
    }
    const v1 = { version: 1, findings: [...entries.values()] };
    writeFileSync(join(repo.root, BASELINE_FILE), `${JSON.stringify(v1, null, 2)}\n`);

    const adopted = await lintJson(repo.root);
    expect(adopted.result.status).toBe(0);
    expect(adopted.findings).toEqual([]);
    expect(adopted.result.stderr).toBe(`journeys: ${findings.length} findings recorded in ${BASELINE_FILE} not shown (--no-baseline shows them).\n`);
    expect(adopted.summary.staleBaseline).toBeUndefined();

    // Fix one finding: its entry is stale, said on stderr and counted in the summary.
    const spec = journeySpec(1);
    const owned = { ...spec, touchpoints: spec.touchpoints.map((t) => (t.id === 'ownerless-1' ? { ...t, fields: [...t.fields, 'owner: team-crm'] } : t)) };
    repo.write({ 'journeys/journey-01.journey.yaml': journeyText(owned) });
    const fixed = await lintJson(repo.root);
    expect(fixed.result.status).toBe(0);
    expect(fixed.findings).toEqual([]);
    expect(fixed.summary.staleBaseline).toBe(1);
    expect(fixed.result.stderr).toContain(`journeys: ${BASELINE_FILE} records 1 "missing-owner" finding at journey-01 / ownerless-1 that no longer occurs: Touchpoint "ownerless-1" has no owner`);
    expect(fixed.result.stderr).toContain('--baseline-prune');
    expect((await lint(repo.root)).stdout).toContain('1 baseline entry matching nothing (--baseline-prune)');

    const pruned = await lint(repo.root, '--baseline-prune');
    expect(pruned.status).toBe(0);
    expect(pruned.stdout).toBe(`Pruned ${BASELINE_FILE}: 1 stale finding removed, ${findings.length - 1} findings still recorded.\n`);
    const written = JSON.parse(readFileSync(join(repo.root, BASELINE_FILE), 'utf8')) as { version: number; findings: { identity: string; count: number }[] };
    expect(written.version).toBe(2);
    expect(written.findings.reduce((sum, entry) => sum + entry.count, 0)).toBe(findings.length - 1);
    expect(written.findings.every((entry) => typeof entry.identity === 'string')).toBe(true);
    // Pruning again removes nothing and adds nothing.
    expect((await lint(repo.root, '--baseline-prune')).stdout).toContain('0 stale findings removed');
    expect(JSON.parse(readFileSync(join(repo.root, BASELINE_FILE), 'utf8'))).toEqual(written);

    // Broken again, the finding is new: no stale entry hides it.
    repo.write({ 'journeys/journey-01.journey.yaml': journeyText(spec) });
    const broken = await lintJson(repo.root);
    expect(broken.result.status).toBe(1);
    expect(broken.findings.map((finding) => [finding.rule, finding.touchpoint])).toEqual([['missing-owner', 'ownerless-1']]);
    expect(broken.result.stderr).not.toContain('no longer occur');
  });

  it('--baseline-prune needs a baseline and refuses to go with --baseline-write', async () => {
    const root = writeRepo(findingsRepo());
    const none = await lint(root, '--baseline-prune');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(`There is no ${BASELINE_FILE} to prune`);
    const both = await lint(root, '--baseline-prune', '--baseline-write');
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('do not go together');
  });
});

describe('SARIF fingerprints', () => {
  it('stay the same when lines move: comments and blank lines above, touchpoints reordered', SLOW, async () => {
    const specs = Array.from({ length: JOURNEYS }, (_, i) => journeySpec(i + 1));
    const moved = specs.map((spec) => ({ ...spec, touchpoints: [...spec.touchpoints].reverse() }));
    const files = findingsRepo(moved);
    for (const spec of moved) files[`journeys/${spec.id}.journey.yaml`] = journeyText(spec, new Map([[0, ['', '# Moved down by this comment.', '']]]));
    type Result = { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] };
    const results = async (root: string): Promise<Result[]> => {
      const output = await lint(root, '--format', 'sarif');
      return (JSON.parse(output.stdout) as { runs: { results: Result[] }[] }).runs[0]!.results;
    };
    const before = await results(writeRepo(findingsRepo(specs)));
    const after = await results(writeRepo(files));
    expect(after).toHaveLength(before.length);
    const lines = (all: Result[]): number[] => all.map((result) => result.locations[0]!.physicalLocation.region.startLine);
    expect(lines(after)).not.toEqual(lines(before));
    const prints = (all: Result[]): string[] => all.map((result) => `${result.ruleId} ${result.partialFingerprints[FINGERPRINT_KEY]!}`).sort();
    expect(new Set(prints(before)).size).toBe(before.length);
    expect(prints(after)).toEqual(prints(before));
  });
});

describe('journeys diff --base', () => {
  it('keeps the identity of a renamed journey\'s findings, its own and those that name it', SLOW, async () => {
    const repo = gitRepo(findingsRepo());
    // journey-05 becomes journey-05-renamed in the same file: the diff pairs them.
    const spec = journeySpec(5);
    repo.write({ 'journeys/journey-05.journey.yaml': journeyText({ ...spec, header: ['journey: journey-05-renamed', ...spec.header.slice(1)] }) });
    const result = await runJourneys(['diff', '--base', 'HEAD', '--today', TODAY, '--format', 'json'], repo.root);
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as { journeys: { renamed: { from: { id: string }; to: { id: string } }[] }; findings: { introduced: Finding[]; fixed: Finding[] } };
    expect(output.journeys.renamed.map(({ from, to }) => [from.id, to.id])).toEqual([['journey-05', 'journey-05-renamed']]);
    // Its missing owner, and the duplicate shipping text it shares with journey-10, are the same findings.
    expect(output.findings).toEqual({ introduced: [], fixed: [] });

    // Rewording the duplicate a little changes the similarity, not the finding.
    const reworded = { ...spec, touchpoints: spec.touchpoints.map((t) => (t.id === 'shipping-5' ? { ...t, fields: t.fields.map((f) => f.replace(SHIPPING_TEXT, SHIPPING_TEXT.replace('Good news', 'Great news'))) } : t)) };
    repo.write({ 'journeys/journey-05.journey.yaml': journeyText(reworded) });
    const again = JSON.parse((await runJourneys(['diff', '--base', 'HEAD', '--today', TODAY, '--format', 'json'], repo.root)).stdout) as typeof output;
    // Only what the change itself brings: the journey's touchpoints changed without a new version.
    expect(again.findings.fixed).toEqual([]);
    expect(again.findings.introduced.map((finding) => finding.rule)).toEqual(['version-not-bumped']);
  });
});
