import { describe, expect, it } from 'vitest';
import { builtInRules, check, loadRepository, type Rule, type RuleExample } from '../src/index.ts';
import { TODAY, writeRepo } from './helpers/repo.ts';

/** Lints an example with every rule (the example's options on its own rule) and keeps that rule's findings. */
function run(rule: Rule, example: RuleExample) {
  const files: Record<string, string> = { ...example.files };
  if (example.options) {
    const config = `rules:\n  ${rule.meta.id}: [${rule.meta.severity}, ${JSON.stringify(example.options)}]\n`;
    files['journeys.config.yaml'] = `${files['journeys.config.yaml'] ?? ''}${config}`;
  }
  const root = writeRepo(files);
  const base = example.base ? loadRepository(writeRepo(example.base)).repo : undefined;
  const result = check(root, { today: example.context?.today ?? TODAY, base });
  expect(result.configErrors).toEqual([]);
  return result.findings.filter((finding) => finding.rule === rule.meta.id);
}

describe.each(builtInRules.map((rule) => [rule.meta.id, rule] as const))('%s', (_id, rule) => {
  it.each(rule.meta.examples.fail.map((example, index) => [example.title ?? `failing example ${index + 1}`, example] as const))(
    'reports: %s',
    (_title, example) => {
      const findings = run(rule, example);
      const firstFile = Object.keys(example.files)[0];
      expect(findings.map((f) => ({ file: f.file, line: f.line, column: f.column }))).toEqual(
        (example.findings ?? []).map((f) => ({ file: f.file ?? firstFile, line: f.line, column: f.column })),
      );
      (example.findings ?? []).forEach((expected, index) => {
        if (expected.message) expect(findings[index]!.message).toContain(expected.message);
        expect(findings[index]!.severity).toBe(rule.meta.severity);
      });
    },
  );
  it.each(rule.meta.examples.pass.map((example, index) => [example.title ?? `passing example ${index + 1}`, example] as const))(
    'accepts: %s',
    (_title, example) => {
      expect(run(rule, example)).toEqual([]);
    },
  );
});
