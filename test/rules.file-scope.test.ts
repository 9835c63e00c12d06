/**
 * A rule of `file` scope (meta.scope) finds on each file, run on that file alone, what it
 * finds on it run on the whole repository: the promise that lets `lint --cache` keep its
 * findings for the files that did not change. Checked on every example of those rules
 * and on a generated repository where they all have findings. What is kept holds on any
 * date: the rules that read it (meta.usesToday) run on every file each time, and one that
 * reads it without saying so fails.
 */
import { describe, expect, it } from 'vitest';
import { checkRepository } from '../src/engine/check.ts';
import { defineRule, keptAcrossDates, perFilePart } from '../src/model/rule.ts';
import { builtInRules, check, loadRepository, type FileFindings, type Finding, type Rule } from '../src/index.ts';
import { findingsRepo } from './helpers/findings-repo.ts';
import { TODAY, writeRepo } from './helpers/repo.ts';

const fileScoped = builtInRules.filter((rule) => rule.meta.scope === 'file');
/** The per-file parts of the other rules (checkFiles), each as a rule of file scope of its own. */
const fileParts: Rule[] = builtInRules
  .filter((rule) => perFilePart(rule) === 'checkFiles')
  .map((rule) => ({ meta: { ...rule.meta, scope: 'file' }, check: (context) => rule.checkFiles!(context) }));

/** Kept findings for every file but `fresh` (none kept: the rules find nothing there), and what the run keeps for `fresh`. */
function onlyOn(fresh: string): { kept: FileFindings; made: Finding[][] } {
  const made: Finding[][] = [];
  return {
    kept: {
      get: (file) => (file === fresh ? undefined : []),
      set: (file, findings) => {
        expect(file).toBe(fresh);
        made.push([...findings]);
      },
    },
    made,
  };
}

/** The file-scoped rules' findings on the whole repository, and file by file with each file alone (`rules` alone when given). */
function wholeAndByFile(files: Record<string, string>, today: string, rules?: readonly Rule[]): { whole: Finding[]; byFile: Finding[] } {
  const root = writeRepo(files);
  const { repo } = loadRepository(root);
  const ids = new Set((rules ?? fileScoped).map((rule) => rule.meta.id));
  const ours = (findings: readonly Finding[]): Finding[] => findings.filter((finding) => ids.has(finding.rule));
  const keptIds = new Set((rules ?? [...fileScoped, ...fileParts]).filter(keptAcrossDates).map((rule) => rule.meta.id));
  const whole = ours(checkRepository(root, repo, { today, ...(rules ? { rules } : {}) }).findings);
  const byFile: Finding[] = [];
  for (const file of repo.files) {
    const { kept, made } = onlyOn(file.path);
    const result = checkRepository(root, loadRepository(root).repo, { today, fileFindings: kept, ...(rules ? { rules } : {}) });
    // The rules that read the date run on every file each time: of those, what this run found on this file.
    byFile.push(...ours(result.findings).filter((finding) => keptIds.has(finding.rule) || finding.file === file.path));
    expect(made).toHaveLength(1);
    // What a run keeps for a file is what the rules of file scope and the per-file parts that do not read the date found there.
    expect(made[0]!.filter((finding) => !keptIds.has(finding.rule))).toEqual([]);
  }
  const order = (a: Finding, b: Finding): number => JSON.stringify(a).localeCompare(JSON.stringify(b));
  return { whole: whole.sort(order), byFile: byFile.sort(order) };
}

describe('rules of file scope', () => {
  it('are the rules that read one file alone', () => {
    expect(fileScoped.map((rule) => rule.meta.id).sort()).toEqual(
      ['empty-stage', 'low-value-touchpoint', 'missing-kpi', 'missing-owner', 'priority-gap', 'schema', 'stale-journey', 'unmeasured-moment-of-truth'],
    );
  });

  it.each(fileScoped.flatMap((rule: Rule) => [...rule.meta.examples.fail, ...rule.meta.examples.pass].map((example, index) => [`${rule.meta.id} example ${index + 1}`, example] as const)))(
    'find file by file what they find on the whole repository: %s',
    (_name, example) => {
      const { whole, byFile } = wholeAndByFile({ ...example.files }, example.context?.today ?? TODAY);
      expect(byFile).toEqual(whole);
    },
  );

  it('find file by file what they find on a repository with findings in most files', () => {
    const { whole, byFile } = wholeAndByFile(findingsRepo(), TODAY);
    expect(new Set(whole.map((finding) => finding.rule)).size).toBeGreaterThanOrEqual(4);
    expect(byFile).toEqual(whole);
  });
});

describe('the per-file parts of the other rules (checkFiles)', () => {
  it('are those of the rules that check each journey on its own besides comparing files', () => {
    expect(fileParts.map((rule) => rule.meta.id).sort()).toEqual(['unique-id', 'unknown-reference']);
  });

  it.each(fileParts.flatMap((rule: Rule) => [...rule.meta.examples.fail, ...rule.meta.examples.pass].map((example, index) => [`${rule.meta.id} example ${index + 1}`, example] as const)))(
    'find file by file what they find on the whole repository: %s',
    (_name, example) => {
      const { whole, byFile } = wholeAndByFile({ ...example.files }, example.context?.today ?? TODAY, fileParts);
      expect(byFile).toEqual(whole);
    },
  );

  it('run in a cached run on the files whose findings are not kept, and only there', () => {
    const example = builtInRules.find((rule) => rule.meta.id === 'unknown-reference')!.meta.examples.fail[0]!;
    const welcome = example.files['journeys/welcome.journey.yaml']!;
    const root = writeRepo({ ...example.files, 'journeys/again.journey.yaml': welcome.replace('journey: welcome', 'journey: again') });
    const made = new Map<string, readonly Finding[]>();
    // Nothing kept for again.journey.yaml; for every other file, nothing found before.
    const kept: FileFindings = { get: (file) => (file === 'journeys/again.journey.yaml' ? undefined : []), set: (file, findings) => made.set(file, findings) };
    const { findings } = checkRepository(root, loadRepository(root).repo, { today: TODAY, fileFindings: kept });
    const unknown = findings.filter((finding) => finding.rule === 'unknown-reference');
    expect(unknown.length).toBeGreaterThan(0);
    expect(new Set(unknown.map((finding) => finding.file))).toEqual(new Set(['journeys/again.journey.yaml']));
    expect([...made.keys()]).toEqual(['journeys/again.journey.yaml']);
    expect(made.get('journeys/again.journey.yaml')).toEqual(expect.arrayContaining(unknown));
  });

  it('find file by file what they find on a repository with findings in most files', () => {
    const { whole, byFile } = wholeAndByFile(findingsRepo(), TODAY, fileParts);
    expect(whole.length).toBeGreaterThan(0);
    expect(byFile).toEqual(whole);
  });
});

describe('the date', () => {
  it('is said by the rules of file scope that read it, and by no per-file part', () => {
    expect(builtInRules.filter((rule) => rule.meta.usesToday === true).map((rule) => rule.meta.id).sort()).toEqual(['priority-gap', 'stale-journey']);
    expect(builtInRules.filter((rule) => rule.meta.usesToday === true && perFilePart(rule) !== 'check')).toEqual([]);
  });

  it('is read by no per-file part of a rule that does not say so: an internal finding names the rule, and the other rules run', () => {
    const dated = defineRule({
      meta: { id: 'reviewed-this-year', severity: 'warning', scope: 'file', description: 'A journey reviewed this year.', rationale: '-', fix: '-', messages: { old: 'Reviewed before {{year}}.' }, examples: { fail: [], pass: [] } },
      check({ repo, run, report }) {
        for (const journey of repo.journeys) if (!journey.reviewed?.startsWith(run.today.slice(0, 4))) report({ at: journey.ref, messageId: 'old', data: { year: run.today.slice(0, 4) } });
      },
    });
    const root = writeRepo(findingsRepo());
    const { findings } = check(root, { today: TODAY, rules: [...builtInRules, dated] });
    const internal = findings.filter((finding) => finding.rule === 'internal');
    expect(internal).toHaveLength(1);
    expect(internal[0]!.message).toContain('reviewed-this-year');
    expect(internal[0]!.message).toContain('usesToday');
    expect(findings.some((finding) => finding.rule === 'missing-owner')).toBe(true);
    // Said, it runs, on every file each time.
    const said = { ...dated, meta: { ...dated.meta, usesToday: true } };
    const run = check(root, { today: TODAY, rules: [...builtInRules, said] }).findings;
    expect(run.filter((finding) => finding.rule === 'internal')).toEqual([]);
    expect(run.some((finding) => finding.rule === 'reviewed-this-year')).toBe(true);
  });

  it('keeps what a cached run found for another date: the rules that read it run on every file, the others on none that did not change', () => {
    const seen: string[] = [];
    // A rule of file scope that says which files it was given, and reads no date.
    const counting = defineRule({
      meta: { id: 'counting', severity: 'info', scope: 'file', description: 'Counts.', rationale: '-', fix: '-', messages: {}, examples: { fail: [], pass: [] } },
      check({ repo }) {
        for (const journey of repo.journeys) seen.push(journey.file);
      },
    });
    const files = findingsRepo();
    const root = writeRepo({ ...files, 'journeys/welcome.journey.yaml': 'journey: welcome\ntitle: Welcome\nowner: team-crm\nreviewed: 2026-10-01\nstages:\n  - id: start\ntouchpoints: []\n' });
    const lint = (today: string): readonly Finding[] => check(root, { today, cache: {}, rules: [...builtInRules, counting] }).findings;
    const first = lint(TODAY);
    expect(seen.length).toBeGreaterThan(1);
    seen.length = 0;
    // Half a year later, nothing edited: the journey reviewed on 2026-10-01 is stale, and nothing was checked again but by the rules that read the date.
    const later = lint('2027-06-01');
    expect(seen).toEqual([]);
    const stale = (findings: readonly Finding[]): string[] => findings.filter((finding) => finding.rule === 'stale-journey').map((finding) => finding.file);
    expect(stale(first)).not.toContain('journeys/welcome.journey.yaml');
    expect(stale(later)).toContain('journeys/welcome.journey.yaml');
    // The same findings as a run without the cache on that date.
    expect(later).toEqual(check(root, { today: '2027-06-01', rules: [...builtInRules, counting] }).findings);
  });
});
