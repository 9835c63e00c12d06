/**
 * One measure of `npm run bench`, in a process of its own: what one measure
 * leaves in memory (the `yaml` reference parse leaves a large heap behind) must
 * not slow the next. Forked by scripts/bench.ts with the measure and the
 * repository as arguments; it warms up, says so, then times one run each time it
 * is asked, until told to stop.
 *
 *   parent -> child: { type: 'run' } | { type: 'stop' }
 *   child -> parent: { type: 'ready', ms, rss, summary } | { type: 'ran', ms, rss } | { type: 'failed', message }
 *
 * `rss` is the process's peak resident memory so far, in bytes: the main thread and
 * the parse worker together (threads share the process's memory).
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { check, type CheckResult } from '../../src/index.ts';
import { boundYoungGeneration } from '../../src/load/young-generation.ts';
import { collector, parseOnlyJsYaml, parseOnlyYaml, time } from './measure.ts';

// The setting the command line runs with (bin/journeys.js), for every measure alike.
boundYoungGeneration(8 * 1024 * 1024);
// An idle measure's process must not collect garbage while another one is timed: V8's
// memory reducer would, a few seconds after each run. Each run is followed by a full
// collection instead.
setFlagsFromString('--no-memory-reducer');

export type MeasureKey =
  | 'parseJsYaml'
  | 'parseYaml'
  | 'parseFamilies'
  | 'parseFindings'
  | 'lint'
  | 'lintHalf'
  | 'lintFamilies'
  | 'lintFindings'
  | 'lintBase'
  | 'lintCached';

/** The measures that lint, whose findings are summed up. */
const LINTS: ReadonlySet<MeasureKey> = new Set(['lint', 'lintHalf', 'lintFamilies', 'lintFindings', 'lintBase', 'lintCached']);

export type ToRunner = { readonly type: 'run' } | { readonly type: 'stop' };

export interface FindingsSummary {
  readonly total: number;
  readonly files: number;
  readonly byRule: Readonly<Record<string, number>>;
  readonly configErrors: number;
}

export type FromRunner =
  | { readonly type: 'ready'; readonly ms: number; readonly rss: number; readonly summary?: FindingsSummary }
  | { readonly type: 'ran'; readonly ms: number; readonly rss: number }
  | { readonly type: 'failed'; readonly message: string };

function summarizeFindings(result: CheckResult): FindingsSummary {
  const byRule: Record<string, number> = {};
  for (const finding of result.findings) byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(byRule).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)));
  return { total: result.findings.length, files: new Set(result.findings.map((finding) => finding.file)).size, byRule: sorted, configErrors: result.configErrors.length };
}

function task(key: MeasureKey, root: string, today: string): () => unknown {
  switch (key) {
    case 'parseJsYaml':
    case 'parseFamilies':
    case 'parseFindings':
      return () => parseOnlyJsYaml(root);
    case 'parseYaml':
      return () => parseOnlyYaml(root);
    case 'lint':
    case 'lintHalf':
    case 'lintFamilies':
    case 'lintFindings':
      return () => check(root, { today });
    case 'lintBase':
      // As `journeys lint --base HEAD~1` does: the work tree, then the repository at the revision.
      return () => check(root, { today, baseRevision: 'HEAD~1' });
    case 'lintCached':
      return cachedAfterOneEdit(root, today);
  }
}

/**
 * `journeys lint --cache` after one edit: each run first appends a comment to one journey.
 * The warm-up is two runs: the first writes the cache in the repository's default place
 * (every file parsed, another task), the second is one of those timed.
 */
function cachedAfterOneEdit(root: string, today: string): () => CheckResult {
  const journeys = join(root, 'journeys');
  const edited = join(journeys, readdirSync(journeys).filter((name) => name.endsWith('.journey.yaml')).sort()[0]!);
  let edits = 0;
  return () => {
    edits += 1;
    appendFileSync(edited, `# edit ${edits}\n`);
    return check(root, { today, cache: {} });
  };
}

/** The process's peak resident memory, in bytes. */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

function main(): void {
  const [key, root, today] = process.argv.slice(2) as [MeasureKey, string, string];
  const send = (message: FromRunner): void => {
    process.send?.(message);
  };
  try {
    const run = task(key, root, today);
    const gc = collector();
    if (key === 'lintCached') run();
    gc();
    const { ms, value } = time(run);
    const summary = LINTS.has(key) ? summarizeFindings(value as CheckResult) : undefined;
    gc();
    send({ type: 'ready', ms, rss: peakRss(), ...(summary ? { summary } : {}) });
    process.on('message', (message: ToRunner) => {
      if (message.type === 'stop') {
        process.disconnect();
        return;
      }
      gc();
      const { ms } = time(run);
      gc();
      send({ type: 'ran', ms, rss: peakRss() });
    });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.disconnect();
  }
}

main();
