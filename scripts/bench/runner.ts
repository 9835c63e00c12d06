/**
 * One measure of `npm run bench`, in a process of its own: what one measure
 * leaves in memory (the `yaml` reference parse leaves a large heap behind) must
 * not slow the next. Forked by scripts/bench.ts with the measure and the
 * repository as arguments; it warms up, says so, then times one run each time it
 * is asked, until told to stop.
 *
 *   parent -> child: { type: 'run' } | { type: 'stop' }
 *   child -> parent: { type: 'ready', ms, summary } | { type: 'ran', ms } | { type: 'failed', message }
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { check, type CheckResult } from '../../src/index.ts';
import { collector, parseOnlyJsYaml, parseOnlyYaml, time } from './measure.ts';

// The setting the command line runs with (bin/journeys.js), for every measure alike.
setFlagsFromString('--max-semi-space-size=64');
// An idle measure's process must not collect garbage while another one is timed: V8's
// memory reducer would, a few seconds after each run. Each run is followed by a full
// collection instead.
setFlagsFromString('--no-memory-reducer');

export type MeasureKey = 'parseJsYaml' | 'parseYaml' | 'lint' | 'lintHalf' | 'lintFamilies' | 'lintCached';

export type ToRunner = { readonly type: 'run' } | { readonly type: 'stop' };

export interface FindingsSummary {
  readonly total: number;
  readonly files: number;
  readonly byRule: Readonly<Record<string, number>>;
  readonly configErrors: number;
}

export type FromRunner =
  | { readonly type: 'ready'; readonly ms: number; readonly summary?: FindingsSummary }
  | { readonly type: 'ran'; readonly ms: number }
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
      return () => parseOnlyJsYaml(root);
    case 'parseYaml':
      return () => parseOnlyYaml(root);
    case 'lint':
    case 'lintHalf':
    case 'lintFamilies':
      return () => check(root, { today });
    case 'lintCached':
      return cachedAfterOneEdit(root, today);
  }
}

/**
 * `journeys lint --cache` after one edit: each run first appends a comment to one journey
 * (the first run, the warm-up, writes the cache in the repository's default place).
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

function main(): void {
  const [key, root, today] = process.argv.slice(2) as [MeasureKey, string, string];
  const send = (message: FromRunner): void => {
    process.send?.(message);
  };
  try {
    const run = task(key, root, today);
    const gc = collector();
    gc();
    const { ms, value } = time(run);
    const summary = key === 'lint' || key === 'lintHalf' || key === 'lintFamilies' || key === 'lintCached' ? summarizeFindings(value as CheckResult) : undefined;
    gc();
    send({ type: 'ready', ms, ...(summary ? { summary } : {}) });
    process.on('message', (message: ToRunner) => {
      if (message.type === 'stop') {
        process.disconnect();
        return;
      }
      gc();
      const { ms } = time(run);
      gc();
      send({ type: 'ran', ms });
    });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.disconnect();
  }
}

main();
