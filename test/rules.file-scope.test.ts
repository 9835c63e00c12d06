/**
 * A rule of `file` scope (meta.scope) finds on each file, run on that file alone, what it
 * finds on it run on the whole repository: the promise that lets `lint --cache` keep its
 * findings for the files that did not change. Checked on every example of those rules
 * and on a generated repository where they all have findings.
 */
import { describe, expect, it } from 'vitest';
import { checkRepository } from '../src/engine/check.ts';
import { perFilePart } from '../src/model/rule.ts';
import { builtInRules, loadRepository, type FileFindings, type Finding, type Rule } from '../src/index.ts';
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
  const keptIds = rules ? ids : new Set([...fileScoped, ...fileParts].map((rule) => rule.meta.id));
  const whole = ours(checkRepository(root, repo, { today, ...(rules ? { rules } : {}) }).findings);
  const byFile: Finding[] = [];
  for (const file of repo.files) {
    const { kept, made } = onlyOn(file.path);
    const result = checkRepository(root, loadRepository(root).repo, { today, fileFindings: kept, ...(rules ? { rules } : {}) });
    byFile.push(...ours(result.findings));
    expect(made).toHaveLength(1);
    // What a run keeps for a file is what the rules of file scope and the per-file parts found there.
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
