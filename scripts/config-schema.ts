/**
 * The parts of schema/*.json that have another source, written from it so that the two
 * cannot drift: the `rules` section of the configuration schema from each built-in rule's
 * metadata (description, default severity, options schema and defaults), and the
 * duration and delay patterns of every schema from the parser's grammar (src/model/duration.ts).
 *
 * `npm run schema:compile` runs it (with `--write`) before compiling the validators; a
 * test fails when a schema on disk differs from what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DELAY_PATTERN, DURATION_PATTERN } from '../src/model/duration.ts';
import type { Rule } from '../src/model/rule.ts';
import { builtInRules } from '../src/rules/index.ts';

type Json = Record<string, unknown>;

/** The schemas that define a duration, and the name of its definition in `$defs`. */
export const DURATION_DEFS: Readonly<Record<string, string>> = { config: 'duration', journey: 'duration', scenario: 'elapsed' };

const schemaFile = (kind: string): URL => new URL(`../schema/${kind}.schema.json`, import.meta.url);

const UNSUPPRESSIBLE = ' It cannot be turned off, and no disable comment or baseline hides its findings.';

/** Its options schema, each option with its default, as the configuration schema shows it. */
function optionsSchema(rule: Rule): Json {
  const { options = {}, defaults = {} } = rule.meta;
  const properties = Object.fromEntries(
    Object.entries((options.properties as Record<string, Json> | undefined) ?? {}).map(([name, schema]) => [
      name,
      Object.hasOwn(defaults, name) ? { ...schema, default: defaults[name], examples: [defaults[name]] } : schema,
    ]),
  );
  return { description: `The options of ${rule.meta.id}.`, ...options, properties };
}

/** The schema of one rule's setting: a severity, or [severity, { options }] with its own options. */
function ruleSetting(rule: Rule): Json {
  const { meta } = rule;
  const description = `${meta.description} Default severity: ${meta.severity}.${meta.unsuppressible === true ? UNSUPPRESSIBLE : ''}`;
  const setting: Json = meta.options
    ? {
        description,
        if: { not: { type: 'array' } },
        then: { $ref: '#/$defs/severity' },
        else: {
          description: `The severity and the options of ${meta.id}: [severity, { options }].`,
          type: 'array',
          prefixItems: [{ $ref: '#/$defs/severity' }, optionsSchema(rule)],
          items: false,
          minItems: 2,
        },
      }
    : { description, $ref: '#/$defs/ruleSetting' };
  if (meta.unsuppressible === true) setting.not = { anyOf: [{ enum: ['off', 0] }, { type: 'array', contains: { enum: ['off', 0] } }] };
  const other = meta.unsuppressible === true ? (meta.severity === 'error' ? 'warning' : 'error') : 'off';
  setting.examples = meta.options && meta.defaults ? [meta.severity, [meta.severity, meta.defaults]] : [meta.severity, other];
  return setting;
}

/** The one-line summary of a rule in the section's description. */
function summaryLine(rule: Rule): string {
  const { id, severity, description, defaults = {} } = rule.meta;
  const options = Object.entries(defaults).map(([name, value]) => `"${name}" (default ${JSON.stringify(value)})`);
  return `- ${id} (${severity}): ${description}${options.length > 0 ? ` Options: ${options.join(', ')}.` : ''}`;
}

/** The `rules` section of the configuration schema, from the rules' metadata. */
export function rulesSection(rules: readonly Rule[], current: Json): Json {
  return {
    ...current,
    description: [
      'How each rule is applied, by rule id. The value is a severity (error, warning, info or off), or a list of two items [severity, { options }]. Known rules, with their default severity:',
      ...rules.map(summaryLine),
    ].join('\n'),
    properties: Object.fromEntries(rules.map((rule) => [rule.meta.id, ruleSetting(rule)])),
  };
}

/** The text each schema file should have: the file as it is, with its generated parts rewritten. */
export function generatedSchemas(rules: readonly Rule[] = builtInRules): Map<string, string> {
  const result = new Map<string, string>();
  for (const [kind, name] of Object.entries(DURATION_DEFS)) {
    const schema = JSON.parse(readFileSync(schemaFile(kind), 'utf8')) as Json & { $defs: Record<string, Json>; properties: Json };
    schema.$defs[name] = { ...schema.$defs[name], pattern: DURATION_PATTERN };
    if (kind === 'journey') schema.$defs.delay = { ...schema.$defs.delay, pattern: DELAY_PATTERN };
    if (kind === 'config') schema.properties.rules = rulesSection(rules, schema.properties.rules as Json);
    result.set(`schema/${kind}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  let stale = 0;
  for (const [path, text] of generatedSchemas()) {
    const url = new URL(`../${path}`, import.meta.url);
    if (readFileSync(url, 'utf8') === text) continue;
    stale += 1;
    if (write) writeFileSync(url, text);
    process.stdout.write(`${write ? 'Wrote' : 'Out of date:'} ${path}\n`);
  }
  if (stale > 0 && !write) process.exitCode = 1;
}
