import { UsageError, escapeValue, didYouMean } from '../index.ts';
import { codeownersCommand } from './codeowners.ts';
import { diffCommand } from './diff.ts';
import { explainCommand } from './explain.ts';
import { initCommand } from './init.ts';
import { CommandError, EXIT, type Io } from './io.ts';
import { ownPackage } from './own-package.ts';
import { lintCommand } from './lint.ts';
import { newCommand } from './new.ts';
import { safeIo } from './safe-io.ts';
import { scoreCommand } from './score.ts';
import { simulateCommand } from './simulate.ts';

type Command = (args: readonly string[], io: Io) => number | Promise<number>;

const COMMANDS: Readonly<Record<string, { run: Command; summary: string }>> = {
  init: { run: initCommand, summary: 'set up a journeys repository: first journey, npm scripts, CI, editor' },
  lint: { run: lintCommand, summary: 'check the journeys of a repository, or some of its files' },
  simulate: { run: simulateCommand, summary: "print each scenario's customer timeline, breaches marked" },
  build: { run: async (args, io) => (await import('./build.ts')).buildCommand(args, io), summary: 'build the journey site (pages and search) into dist/' },
  dev: { run: async (args, io) => (await import('./dev.ts')).devCommand(args, io), summary: 'serve the journey site, reloading when a journey changes' },
  score: { run: scoreCommand, summary: 'scorecards and grades of the company, journeys, channels and teams' },
  diff: { run: diffCommand, summary: 'what changed in the journeys since a git revision' },
  explain: { run: explainCommand, summary: "print a rule's documentation" },
  new: { run: newCommand, summary: 'write a new journey that lints clean' },
  codeowners: { run: codeownersCommand, summary: 'write the CODEOWNERS block asking the teams of each journey to review it' },
  import: { run: async (args, io) => (await import('./import.ts')).importCommand(args, io), summary: 'write journeys from a touchpoint inventory (.xlsx or .csv)' },
  export: { run: async (args, io) => (await import('./export.ts')).exportCommand(args, io), summary: 'write the touchpoint inventory with findings and grades (.xlsx or .csv)' },
};

export const usage = `Usage: journeys <command> [options]

Customer journeys as code.

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(9)} ${summary}`)
  .join('\n')}

Run "journeys <command> --help" for a command's options.`;

/** An unexpected error's message, which may quote a file, escaped on its line, then where it was thrown. */
function internalError(error: unknown): string {
  if (!(error instanceof Error)) return escapeValue(String(error));
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [escapeValue(error.message), ...frames.map((frame) => `  ${escapeValue(frame.trim())}`)].join('\n');
}

/** Runs one command line; returns the exit status. Errors in the user's input never escape as stack traces. */
export async function main(argv: readonly string[], outside: Io): Promise<number> {
  const io = safeIo(outside);
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${ownPackage().version}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`journeys: unknown command "${escapeValue(name)}"${didYouMean(name, Object.keys(COMMANDS))}.\n\n${usage}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CommandError || error instanceof UsageError) {
      // The message may quote the command line or a file (an option's value, a path).
      io.stderr.write(`journeys ${name}: ${escapeValue(error.message)}\nRun "journeys ${name} --help" for usage.\n`);
      return EXIT.usage;
    }
    io.stderr.write(`journeys ${name}: internal error: ${internalError(error)}\nThis is a bug in journeys; please report it.\n`);
    return EXIT.usage;
  }
}
