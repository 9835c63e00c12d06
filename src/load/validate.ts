import type { ErrorObject, ValidateFunction } from 'ajv';
import * as validators from './schema-validators.js';
import { DELAY_PATTERN, DURATION_PATTERN, TIME_OF_DAY_PATTERN } from '../model/duration.ts';
import { ID_PATTERN } from '../model/ids.ts';
import { didYouMean } from '../model/suggest.ts';
import { describeValue, formatCount, plural, quote } from '../model/text.ts';
import { standardSpelling } from '../model/time-spellings.ts';
import type { Path, SourceKind } from '../model/types.ts';

/** One schema problem, at a path of the validated data. */
export interface SchemaProblem {
  readonly path: Path;
  readonly message: string;
  /** The problem is the key itself (an unknown field), not its value. */
  readonly key?: boolean;
  /** YAML text to write instead of the value, when it is certain to mean what was meant (`2 days` as `2d`). */
  readonly fix?: string;
}

/** Validators compiled ahead of time from schema/ (npm run schema:compile), so that no process pays for compiling them. */
const VALIDATORS: Readonly<Record<Exclude<SourceKind, 'metrics'>, ValidateFunction>> = validators;

const NOUNS: Readonly<Record<string, string>> = {
  touchpoints: 'touchpoint',
  stages: 'stage',
  kpis: 'KPI',
  events: 'event',
  owners: 'owner',
  channels: 'channel',
  personas: 'persona',
  'max-messages': 'contact limit',
};

const ROOT_NOUNS: Readonly<Record<SourceKind, string>> = {
  journey: 'journey',
  owners: 'file',
  channels: 'file',
  personas: 'file',
  events: 'file',
  scenario: 'scenario',
  config: 'configuration',
  metrics: 'file',
};

/** "touchpoint", "stage", "message"...: what the object at `path` is, for a person. */
function nounAt(kind: SourceKind, path: Path): string {
  const last = path.at(-1);
  if (last === undefined) return ROOT_NOUNS[kind];
  if (typeof last === 'number') {
    const list = path.at(-2);
    return typeof list === 'string' ? (NOUNS[list] ?? 'item') : 'item';
  }
  return `"${last}"`;
}

/** How a field is named in a message: its key, or its list and position. */
function fieldName(path: Path): string {
  const last = path.at(-1);
  if (last === undefined) return 'the file';
  if (typeof last === 'number') {
    const list = path.at(-2);
    return `item ${last + 1} of "${String(list ?? '')}"`;
  }
  return `"${last}"`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields (key: value)',
  null: 'empty',
};

function patternHint(pattern: string, examples: unknown): string {
  if (pattern === ID_PATTERN) return 'an id is lowercase letters and digits joined by dashes, like "welcome-email"';
  if (pattern === DURATION_PATTERN) return 'a duration is written like 30m, 2h, 3d 14h or 1w';
  if (pattern === DELAY_PATTERN) return 'a delay is written like 30m, 2h, 3d 14h, 1w, 2mo (months) or 10bd (business days), each unit at most once';
  if (pattern === TIME_OF_DAY_PATTERN) return 'a time of day is written on the 24-hour clock in quotes, like "10:00"';
  if (Array.isArray(examples) && examples.length > 0) return `write it like ${examples.slice(0, 2).map((e) => quote(e)).join(' or ')}`;
  return `it must match ${pattern}`;
}

function toPath(instancePath: string, data: unknown): Path {
  if (instancePath === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(segment));
      node = node[Number(segment)];
    } else {
      path.push(segment);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

function humanize(kind: SourceKind, error: ErrorObject, path: Path): SchemaProblem {
  const field = fieldName(path);
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { path, message: `This ${nounAt(kind, path)} has no "${missing}", which is required.` };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys((parent.properties as object | undefined) ?? {});
      return {
        path: [...path, extra],
        key: true,
        message: `Unknown field "${extra}" in this ${nounAt(kind, path)}${didYouMean(extra, known)}. Custom fields start with "x-".`,
      };
    }
    case 'type': {
      const expected = String(params.type).split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ');
      return { path, message: `${field} should be ${expected}, not ${describeValue(error.data)}.` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed) : '';
      return { path, message: `${field} must be one of ${allowed.join(', ')}, not ${quote(error.data)}${hint}.` };
    }
    case 'const':
      return { path, message: `${field} must be ${quote(params.allowedValue)}, not ${quote(error.data)}.` };
    case 'pattern': {
      const fix = standardSpelling(String(params.pattern), error.data);
      return { path, message: `${field} is ${quote(error.data)}: ${patternHint(String(params.pattern), parent.examples)}.`, ...(fix !== undefined ? { fix } : {}) };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { minimum, maximum } = parent as { minimum?: number; maximum?: number };
      const range =
        minimum !== undefined && maximum !== undefined
          ? `between ${minimum} and ${maximum}`
          : `${/min/i.test(error.keyword) ? 'at least' : 'at most'} ${String(params.limit)}`;
      return { path, message: `${field} must be ${range}, not ${String(error.data)}.` };
    }
    case 'minItems':
      return { path, message: `${field} needs at least ${plural(Number(params.limit), 'item')}.` };
    case 'maxItems':
      return { path, message: `${field} has ${plural((error.data as unknown[]).length, 'item')}; at most ${formatCount(Number(params.limit))} are allowed.` };
    case 'minLength':
      return { path, message: `${field} is empty: write at least ${plural(Number(params.limit), 'character')}.` };
    case 'maxLength':
      return {
        path,
        message: `${field} is ${plural((error.data as string).length, 'character')} long; at most ${formatCount(Number(params.limit))} are allowed.`,
      };
    case 'uniqueItems':
      return { path, message: `${field} lists the same value twice.` };
    case 'anyOf':
    case 'oneOf': {
      const description = typeof parent.description === 'string' ? ` ${parent.description.split(/(?<=\.)\s/)[0]}` : '';
      return { path, message: `${field} is not in a form this field accepts (${describeValue(error.data)}).${description}` };
    }
    default:
      return { path, message: `${field} ${error.message ?? 'is not valid'}.` };
  }
}

/** Validates parsed data against the schema of its kind; problems in plain words. */
export function validate(kind: SourceKind, data: unknown): SchemaProblem[] {
  if (kind === 'metrics') return [];
  const check = VALIDATORS[kind];
  if (check(data)) return [];
  const errors = check.errors ?? [];
  // Inside a failed anyOf/oneOf, each branch's own complaint is noise: keep the one summary.
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.schemaPath);
  // An `if` error only says that `then` or `else` failed, which has its own error.
  const kept = errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      (e.keyword === 'anyOf' || e.keyword === 'oneOf' || !alternatives.some((prefix) => e.schemaPath.startsWith(`${prefix}/`))),
  );
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of kept) {
    const problem = humanize(kind, error, toPath(error.instancePath, data));
    const id = `${problem.path.join('/')}\u0000${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}
