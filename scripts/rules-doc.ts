/**
 * The rule reference (docs/rules.md), written from the rules' metadata alone, so
 * that it says what `journeys explain` and the site say, and the parts of README.md
 * that list rules. Pure: `npm run docs` writes them, and a test compares the files with
 * a fresh rendering.
 */
import { keptAcrossDates, perFilePart, type Rule, type RuleExample } from '../src/model/rule.ts';
import { identityIntro, messageIdentities } from '../src/engine/identity-text.ts';

export const RULES_DOC = new URL('../docs/rules.md', import.meta.url);

/** The line of the summary table for a rule; also what the README's table holds. */
export function ruleRow(rule: Rule): string {
  return `| \`${rule.meta.id}\` | ${rule.meta.severity} | ${rule.meta.description} |`;
}

/**
 * README.md with its parts written from the rules' metadata: the rule table, and the list of
 * the rules whose findings `lint --cache` keeps (those of `file` scope, and the rules with a
 * per-file part, `checkFiles`, but for those that read the date, `usesToday`, which run on
 * every file each time), each between its markers. A README without the markers keeps its text.
 */
export function withRuleParts(readme: string, rules: readonly Rule[]): string {
  const table = ['<!-- rules:start -->', '| rule | default | catches |', '|---|---|---|', ...rules.map(ruleRow), '<!-- rules:end -->'].join('\n');
  const names = (some: readonly Rule[]): string => {
    const ids = some.map((rule) => `\`${rule.meta.id}\``);
    return [ids.slice(0, -1).join(', '), ids.at(-1)].filter(Boolean).join(' and ');
  };
  const kept = rules.filter(keptAcrossDates);
  const fileRules = names(kept.filter((rule) => perFilePart(rule) === 'check'));
  const withParts = kept.filter((rule) => perFilePart(rule) === 'checkFiles');
  const parts = withParts.length === 0 ? '' : `, and what ${names(withParts)} ${withParts.length === 1 ? 'finds' : 'find'} in each journey on its own`;
  const dated = rules.filter((rule) => perFilePart(rule) !== undefined && !keptAcrossDates(rule));
  const datedPart = dated.length === 0 ? '' : `; ${names(dated)}, which read the date, run on every file each time`;
  const list = `<!-- file-rules:start -->${fileRules}${parts}${datedPart}<!-- file-rules:end -->`;
  return readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, table).replace(/<!-- file-rules:start -->[\s\S]*?<!-- file-rules:end -->/, list);
}

/** A fence longer than any run of backticks in the text, so that no example can close it early. */
function fenced(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function languageOf(file: string): string {
  if (file.endsWith('.md')) return 'markdown';
  if (file.endsWith('.csv')) return 'csv';
  return 'yaml';
}

/** Text in a table cell: a pipe would end the cell, a line break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function typeOf(schema: Readonly<Record<string, unknown>>): string {
  const parts = [String(schema.type ?? 'any')];
  if (schema.minimum !== undefined && schema.maximum !== undefined) parts.push(`${String(schema.minimum)} to ${String(schema.maximum)}`);
  else if (schema.minimum !== undefined) parts.push(`at least ${String(schema.minimum)}`);
  else if (schema.maximum !== undefined) parts.push(`at most ${String(schema.maximum)}`);
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.map(String).join(', ')}`);
  if (schema.pattern !== undefined) parts.push('a duration');
  return parts.join(', ');
}

function optionsTable(rule: Rule): string[] {
  const properties = (rule.meta.options?.properties ?? {}) as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  const names = Object.keys(properties);
  if (names.length === 0) return ['Options: none.'];
  const lines = ['| option | type | default | meaning |', '|---|---|---|---|'];
  for (const name of names) {
    const schema = properties[name]!;
    const fallback = rule.meta.defaults?.[name];
    const shown = fallback === undefined ? '(none)' : `\`${JSON.stringify(fallback).replace(/^"|"$/g, '')}\``;
    lines.push(`| \`${name}\` | ${typeOf(schema)} | ${shown} | ${cell(String(schema.description ?? ''))} |`);
  }
  const [first] = names;
  const value = JSON.stringify(rule.meta.defaults?.[first!] ?? null).replace(/^"|"$/g, '');
  lines.push('', 'In `journeys.config.yaml`:', '', fenced(`rules:\n  ${rule.meta.id}: [${rule.meta.severity}, { ${first}: ${value} }]`, 'yaml'));
  return lines;
}

const code = (text: string): string => `\`${text}\``;

/** Each message of the rule and what identifies its findings across edits (engine/identity.ts). */
function identityTable(rule: Rule): string[] {
  return [
    '### Identity',
    '',
    ...identityIntro(code),
    '',
    '| message id | message | identified by |',
    '|---|---|---|',
    ...messageIdentities(rule, code).map(({ id, template, identifiedBy }) => `| \`${id}\` | ${cell(template)} | ${identifiedBy} |`),
  ];
}

/** A file of an example: its path, then its text (an empty file is said, not shown). */
function fileText(file: string, content: string): string[] {
  return content === '' ? [`\`${file}\`: an empty file.`, ''] : [`\`${file}\``, '', fenced(content, languageOf(file)), ''];
}

function exampleText(rule: Rule, example: RuleExample, failing: boolean): string[] {
  const lines = [`#### ${failing ? 'Reported' : 'Not reported'}${example.title ? `: ${example.title}` : ''}`, ''];
  const notes: string[] = [];
  if (example.options) notes.push(`the options \`${JSON.stringify(example.options)}\``);
  if (example.context?.today) notes.push(`the date ${example.context.today} as today`);
  if (notes.length > 0) lines.push(`With ${notes.join(' and ')}.`, '');
  if (example.base) {
    lines.push('At the base revision:', '');
    for (const [file, content] of Object.entries(example.base)) lines.push(...fileText(file, content));
    lines.push('Now:', '');
  }
  for (const [file, content] of Object.entries(example.files)) lines.push(...fileText(file, content));
  if (failing) {
    const first = Object.keys(example.files)[0] ?? '';
    lines.push(`Findings of \`${rule.meta.id}\`:`, '');
    for (const finding of example.findings ?? []) {
      const message = finding.message ? `: “${finding.message}…”` : '';
      lines.push(`- \`${finding.file ?? first}:${finding.line}:${finding.column}\`${message}`);
    }
    lines.push('');
  }
  return lines;
}

function ruleSection(rule: Rule): string[] {
  const { meta } = rule;
  const when: string[] = [];
  if (meta.requires === 'base') when.push('It runs only when comparing with a base revision (`journeys lint --base <rev>`, and `journeys diff`).');
  if (meta.phase === 'suppressions') when.push('It runs after the other rules, on the disable comments; its own findings cannot be suppressed.');
  if (meta.unsuppressible) when.push('Its findings cannot be disabled by a comment nor hidden by a baseline.');
  return [
    `## ${meta.id}`,
    '',
    `Default severity: **${meta.severity}**.${when.length > 0 ? ` ${when.join(' ')}` : ''}`,
    '',
    meta.description,
    '',
    `**Why it matters.** ${meta.rationale}`,
    '',
    `**How to fix it.** ${meta.fix}`,
    '',
    ...optionsTable(rule),
    '',
    ...identityTable(rule),
    '',
    '### Examples',
    '',
    ...meta.examples.fail.flatMap((example) => exampleText(rule, example, true)),
    ...meta.examples.pass.flatMap((example) => exampleText(rule, example, false)),
  ];
}

/** The whole of docs/rules.md for these rules, in their order. */
export function renderRulesDoc(rules: readonly Rule[]): string {
  const lines = [
    '<!-- Generated from the rules\' metadata (src/rules/*.ts) by `npm run docs`: do not edit. -->',
    '',
    '# Rules',
    '',
    'Every rule of `journeys lint`, with its default severity, what it catches, why it',
    'matters, how to fix a finding, its options and its examples. The examples are also',
    'the rules\' tests: each "Reported" example produces exactly the findings listed',
    '(file, line and column, and a part of the message), and each "Not reported" example',
    'none. `journeys explain <rule>` prints the same documentation in a terminal.',
    '',
    'Severities and options are set in `journeys.config.yaml` (see',
    '[the configuration](format.md#journeysconfigyaml)); a finding can be accepted with a',
    'disable comment that gives a reason (see [suppressions](format.md#suppressing-a-finding)).',
    '',
    '| rule | default | catches |',
    '|---|---|---|',
    ...rules.map(ruleRow),
    '',
    ...rules.flatMap(ruleSection),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
