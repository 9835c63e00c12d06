import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import type * as AjvModule from 'ajv';
import { config as validateConfig } from '../load/schema-validators.js';
import type { Config, Severity } from '../model/types.ts';
import { didYouMean } from '../model/suggest.ts';
import type { Rule } from '../model/rule.ts';
import { builtInRules } from '../rules/index.ts';
import { isHolidayCalendar } from '../simulate/holidays.ts';

/** A mistake in journeys.config.yaml that stops the run: linting with a wrong config would mislead. */
export interface ConfigError {
  readonly file: string;
  /** Path in the config file, resolved to a position by the caller. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface RuleSettings {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * ajv's compiler, loaded when a rule's options are first checked: most runs set none, and
 * loading its modules took about 45 ms of each start of the command line (the schemas of
 * the files are compiled ahead, src/load/schema-validators.js).
 */
let ajv: Ajv | undefined;

function compiler(): Ajv {
  if (ajv === undefined) {
    const { Ajv: Compiler } = createRequire(import.meta.url)('ajv') as typeof AjvModule;
    ajv = new Compiler({ allErrors: true, strict: false, useDefaults: false });
  }
  return ajv;
}

const optionValidators = new WeakMap<Rule, ValidateFunction>();

/**
 * Whether a built-in rule's options are valid, by the configuration's schema compiled ahead
 * (its rules section is written from the rules' options: scripts/config-schema.ts), which
 * spares the compiler for a configuration whose options are right. False for another rule,
 * and for options that are not: their validator, compiled then, says what is wrong.
 */
function validByConfigSchema(rule: Rule, options: Readonly<Record<string, unknown>>): boolean {
  return BUILT_IN.has(rule) && validateConfig({ rules: { [rule.meta.id]: ['error', options] } });
}

const BUILT_IN: ReadonlySet<Rule> = new Set(builtInRules);

function optionsValidator(rule: Rule): ValidateFunction | undefined {
  if (!rule.meta.options) return undefined;
  let validate = optionValidators.get(rule);
  if (!validate) {
    validate = compiler().compile(rule.meta.options);
    optionValidators.set(rule, validate);
  }
  return validate;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Each enabled rule with its severity and options: defaults, then the user's config. */
export function resolveSettings(rules: readonly Rule[], config: Config): { settings: RuleSettings[]; errors: ConfigError[] } {
  const file = config.file ?? 'journeys.config.yaml';
  const errors: ConfigError[] = (config.mistakes ?? []).map((mistake) => ({ file, path: mistake.path, message: mistake.message }));
  const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));
  for (const [id, setting] of Object.entries(config.rules)) {
    if (!byId.has(id)) {
      errors.push({ file: setting.ref.file, path: setting.ref.path, message: `Unknown rule "${id}"${didYouMean(id, byId.keys())}. Run "journeys explain" for the list of rules.` });
    }
  }
  if (config.timeZone !== undefined && !isTimeZone(config.timeZone)) {
    errors.push({ file, path: ['timezone'], message: `Unknown time zone "${config.timeZone}": use an IANA name such as Europe/Paris or America/New_York.` });
  }
  const { policy } = config;
  if (policy.timeZone !== undefined && !isTimeZone(policy.timeZone)) {
    errors.push({ file, path: ['policy', 'timezone'], message: `Unknown time zone "${policy.timeZone}" in policy.timezone: use an IANA name such as Europe/Paris or America/New_York.` });
  }
  if (policy.holidays !== undefined && !isHolidayCalendar(policy.holidays)) {
    errors.push({ file, path: ['policy', 'holidays'], message: `Unknown holiday calendar "${policy.holidays}" in policy.holidays: use a country code such as FR or GB, or a country and region such as DE-BY or US-CA.` });
  }
  const settings: RuleSettings[] = [];
  for (const rule of rules) {
    const setting = Object.hasOwn(config.rules, rule.meta.id) ? config.rules[rule.meta.id] : undefined;
    const severity = setting?.severity ?? rule.meta.severity;
    if (severity === 'off' && rule.meta.unsuppressible === true && setting !== undefined) {
      errors.push({
        file: setting.ref.file,
        path: setting.ref.path,
        message: `Rule "${rule.meta.id}" cannot be turned off: a file it reports (unreadable, or of the wrong shape) drops out of the other checks unseen. Fix the files it reports instead.`,
      });
    }
    if (severity === 'off') continue;
    const options = { ...rule.meta.defaults, ...setting?.options };
    if (setting?.options && !(rule.meta.options && validByConfigSchema(rule, options))) {
      const validate = optionsValidator(rule);
      if (!validate) {
        errors.push({ file: setting.ref.file, path: [...setting.ref.path, 1], message: `Rule "${rule.meta.id}" takes no options.` });
        continue;
      }
      if (!validate(options)) {
        for (const error of validate.errors ?? []) {
          const where = error.instancePath ? `option "${error.instancePath.slice(1)}"` : 'its options';
          const extra = error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"${didYouMean(String(error.params.additionalProperty), Object.keys((rule.meta.options?.properties as object | undefined) ?? {}))}` : '';
          errors.push({
            file: setting.ref.file,
            path: [...setting.ref.path, 1],
            message: `Rule "${rule.meta.id}", ${where}: ${error.message ?? 'is not valid'}${extra}.`,
          });
        }
        continue;
      }
    }
    settings.push({ rule, severity, options });
  }
  return { settings, errors };
}
