import { builtInRules, check, diffJourneys, diffMarkdown, gitPrefix, lint, resolveRevision, simulate, jsonText } from '../index.ts';
import { parse, todayOption } from './args.ts';
import { printConfigErrors } from './lint.ts';
import { CommandError, EXIT, type Io } from './io.ts';

export const usage = `Usage: journeys diff --base <rev> [path] [options]

What changed in the journeys since a git revision: journeys and touchpoints added,
removed and changed, the messages each scenario's customer now gets or no longer
gets, and the findings the change introduces and fixes. The base is read from git
directly: nothing is checked out, nothing in the work tree is written.

Options:
      --base <rev>     The revision to compare with (a branch, tag or commit)
  -f, --format <name>  markdown (default; fit for a pull-request comment) or json
      --today <date>   Run the rules as of this date (YYYY-MM-DD)
  -h, --help           Show this help`;

/** With `repository.url` configured, where `file:line` links go: the lines at the commit checked out (HEAD). */
function diffLinks(root: string, url: string | undefined): { url: string; pathPrefix: string; head: string } | undefined {
  if (url === undefined) return undefined;
  return { url, pathPrefix: gitPrefix(root), head: resolveRevision(root, 'HEAD') };
}

export function diffCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(
    'diff',
    args,
    { base: { type: 'string' }, format: { type: 'string', short: 'f' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    1,
  );
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  if (values.base === undefined) throw new CommandError('"journeys diff" needs --base <rev>: the revision to compare with, e.g. --base origin/main');
  const format = values.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') throw new CommandError(`Unknown format "${format}": use markdown or json.`);
  const path = positionals[0] ?? io.cwd;
  const today = todayOption(values.today);
  // The revision is read after the work tree, each file the same in both parsed once.
  const head = check(path, { today, now: io.now(), baseRevision: values.base });
  const base = { repo: head.base!, commit: head.baseCommit! };
  if (head.configErrors.length > 0) {
    printConfigErrors(head, io);
    return EXIT.usage;
  }
  // The base is linted with the same rules and date, so that only the change shows.
  const baseFindings = lint(base.repo, { rules: builtInRules, run: { today: head.today } }).findings;
  const diff = diffJourneys(
    { repo: base.repo, findings: baseFindings, timelines: simulate(base.repo) },
    { repo: head.repo, findings: head.findings, timelines: simulate(head.repo) },
  );
  io.stdout.write(
    format === 'json'
      ? `${jsonText({ base: { revision: values.base, commit: base.commit }, ...diff })}\n`
      : diffMarkdown(diff, { revision: values.base, commit: base.commit }, diffLinks(head.root, head.repo.config.repository?.url)),
  );
  return EXIT.ok;
}
