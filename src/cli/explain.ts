import { builtInRules, type Rule, type RuleExample, didYouMean, identityIntro, messageIdentities } from '../index.ts';
import { parse } from './args.ts';
import { CommandError, EXIT, type Io } from './io.ts';

export const usage = `Usage: journeys explain [rule]

Print a rule's documentation: what it catches, why it matters, its options, its
messages and what identifies its findings, and examples. With no rule, list every rule.`;

function indent(text: string, by = '    '): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

function example(ex: RuleExample, failing: boolean): string {
  const lines: string[] = [];
  if (ex.title) lines.push(`  ${ex.title}:`);
  if (ex.options) lines.push(`  with options ${JSON.stringify(ex.options)}`);
  for (const [file, content] of Object.entries(ex.files)) lines.push(`  ${file}`, indent(content || '(empty file)'), '');
  if (failing) for (const f of ex.findings ?? []) lines.push(`  -> ${f.file ?? Object.keys(ex.files)[0]}:${f.line}:${f.column}${f.message ? `  ${f.message}…` : ''}`);
  return lines.join('\n');
}

/** The documentation of one rule as plain text, from its metadata. */
export function explainRule(rule: Rule): string {
  const { meta } = rule;
  const parts = [`${meta.id} (default: ${meta.severity})`, '', meta.description, '', `Why: ${meta.rationale}`, '', `Fix: ${meta.fix}`];
  const properties = (meta.options?.properties ?? {}) as Record<string, { description?: string }>;
  if (Object.keys(properties).length > 0) {
    parts.push('', 'Options (in journeys.config.yaml):');
    for (const [name, schema] of Object.entries(properties)) {
      parts.push(`  ${name}: ${schema.description ?? ''} Default: ${JSON.stringify(meta.defaults?.[name])}.`);
    }
    const [first] = Object.keys(properties);
    parts.push('', '  rules:', `    ${meta.id}: [${meta.severity}, { ${first}: ${JSON.stringify(meta.defaults?.[first!])} }]`);
  }
  parts.push('', 'Messages, and what identifies a finding:', ...identityIntro().map((line) => `  ${line}`));
  for (const { id, template, identifiedBy } of messageIdentities(rule)) parts.push('', `  ${id}: ${template}`, `    identified by ${identifiedBy}`);
  parts.push('', 'Failing:', ...meta.examples.fail.map((ex) => example(ex, true)));
  parts.push('', 'Passing:', ...meta.examples.pass.map((ex) => example(ex, false)));
  return `${parts.join('\n')}\n`;
}

export function explainCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse('explain', args, { help: { type: 'boolean', short: 'h' } }, 1);
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const [id] = positionals;
  if (id === undefined) {
    const width = Math.max(...builtInRules.map((rule) => rule.meta.id.length));
    const lines = builtInRules.map((rule) => `  ${rule.meta.id.padEnd(width)}  ${rule.meta.severity.padEnd(7)}  ${rule.meta.description}`);
    io.stdout.write(`Rules (journeys explain <rule> for one):\n${lines.join('\n')}\n`);
    return EXIT.ok;
  }
  const rule = builtInRules.find((candidate) => candidate.meta.id === id);
  if (!rule) throw new CommandError(`Unknown rule "${id}"${didYouMean(id, builtInRules.map((r) => r.meta.id))}. Run "journeys explain" for the list.`);
  io.stdout.write(explainRule(rule));
  return EXIT.ok;
}
