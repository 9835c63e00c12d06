import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dayNumber, didYouMean } from '../index.ts';
import { CommandError } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs with errors a person can act on. */
export function parse<T extends Options>(command: string, args: readonly string[], options: T, maxPositionals: number) {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, allowNegative: true, strict: true });
    if (parsed.positionals.length > maxPositionals) {
      throw new CommandError(`Too many arguments for "journeys ${command}": ${parsed.positionals.slice(maxPositionals).join(' ')}`);
    }
    return parsed;
  } catch (error) {
    if (error instanceof CommandError) throw error;
    const message = (error as Error).message;
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown) {
      const names = Object.keys(options).map((name) => `--${name}`);
      throw new CommandError(`Unknown option ${unknown} for "journeys ${command}"${didYouMean(unknown, names)}.`);
    }
    // Node's message runs over several lines; ours are one line each (values in them are escaped whole).
    throw new CommandError(message.replace(/\. To specify a positional argument.*$/s, '.').replace(/\n/g, ' '));
  }
}

/** The value of --today, checked: a real calendar date written YYYY-MM-DD. */
export function todayOption(value: string | undefined): string | undefined {
  if (value !== undefined && dayNumber(value) === undefined) throw new CommandError(`--today takes a date written YYYY-MM-DD, not "${value}".`);
  return value;
}
