/**
 * `npm run bench`: how long a full lint of a large repository takes, compared
 * with only reading and parsing its files.
 *
 * Writes a synthetic, deterministic repository (1,100 journeys, about 13 MB; see
 * scripts/bench/generate.ts) to a temporary folder, then measures in this one
 * process, after a warm-up run of each:
 *   - parse only: read every file and parse it with js-yaml `load` (the loader's parser);
 *   - the same with the `yaml` package's `parseDocument`, for reference;
 *   - the full lint, `check(root, { today: '2026-11-01' })`;
 *   - the full lint of half the corpus (550 journeys), to show how the cost scales;
 *   - the site: `journeys build` of the 1,000 regular journeys, beside a bare Astro
 *     build of 1,000 trivial pages (skipped with --no-site).
 * Each figure is the median of 5 runs (3 when a run takes more than a second).
 *
 *   node scripts/bench.ts [--json] [--keep] [--no-site] [--runs <n>] [--seed <text>]
 *
 * --json prints the figures as JSON on stdout; --keep leaves the repository on
 * disk. Progress goes to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { check, type CheckResult } from '../src/index.ts';
import { DEFAULT_CORPUS, generateCorpus, writeRepository, type CorpusStats } from './bench/generate.ts';
import { collector, parseOnlyJsYaml, parseOnlyYaml, summarize, time, type Timing } from './bench/measure.ts';
import { timeBareAstro, timeJourneySite, type BuildTiming } from './bench/site.ts';

const TODAY = '2026-11-01';
// The setting the command line runs with (bin/journeys.js), so that check() is timed as users get it.
setFlagsFromString('--max-semi-space-size=64');
/** The goal: a full lint costs at most this many times parsing alone. */
const TARGET_RATIO = 2;

const USAGE = 'Usage: node scripts/bench.ts [--json] [--keep] [--no-site] [--runs <n>] [--seed <text>]';

interface Measure {
  readonly key: 'parseJsYaml' | 'parseYaml' | 'lint' | 'lintHalf';
  readonly label: string;
  readonly run: () => unknown;
}

const progress = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

const mb = (bytes: number): number => bytes / 1_000_000;
const int = (n: number): string => Math.round(n).toLocaleString('en');
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

function findingsSummary(result: CheckResult): { total: number; files: number; byRule: Record<string, number> } {
  const byRule: Record<string, number> = {};
  for (const finding of result.findings) byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(byRule).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)));
  return { total: result.findings.length, files: new Set(result.findings.map((finding) => finding.file)).size, byRule: sorted };
}

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('   ').trimEnd())
    .join('\n');
}

function main(): void {
  let args;
  try {
    args = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        site: { type: 'boolean', default: true },
        runs: { type: 'string' },
        seed: { type: 'string', default: DEFAULT_CORPUS.seed },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowNegative: true,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const forcedRuns = args.runs === undefined ? undefined : Number(args.runs);
  if (forcedRuns !== undefined && (!Number.isInteger(forcedRuns) || forcedRuns < 1)) {
    process.stderr.write(`--runs takes a whole number from 1, not "${args.runs}".\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }

  const dir = mkdtempSync(join(tmpdir(), 'journeys-bench-'));
  try {
    progress(`generating the corpus (seed "${args.seed}")`);
    const corpus = generateCorpus({ ...DEFAULT_CORPUS, seed: args.seed }, (done, total, bytes) => {
      progress(`  ${int(done)}/${int(total)} journeys, ${mb(bytes).toFixed(1)} MB`);
    });
    const full = join(dir, 'full');
    const half = join(dir, 'half');
    const fullStats: CorpusStats = writeRepository(full, corpus);
    // Every other journey, so that the half has the same mix (Markdown, problems, sizes).
    const halfStats: CorpusStats = writeRepository(half, corpus, (index) => index % 2 === 0);
    progress(`wrote ${int(fullStats.files)} files (${mb(fullStats.bytes).toFixed(1)} MB) to ${full}, and half of it to ${half}`);

    const measures: Measure[] = [
      { key: 'parseJsYaml', label: 'parse only: js-yaml load', run: () => parseOnlyJsYaml(full) },
      { key: 'parseYaml', label: 'parse only: yaml parseDocument', run: () => parseOnlyYaml(full) },
      { key: 'lint', label: 'lint: check()', run: () => check(full, { today: TODAY }) },
      { key: 'lintHalf', label: `lint, half corpus (${int(halfStats.journeys)} journeys)`, run: () => check(half, { today: TODAY }) },
    ];

    const gc = collector();
    const samples = new Map<Measure['key'], number[]>();
    const runs = new Map<Measure['key'], number>();
    let fullResult: CheckResult | undefined;
    let halfResult: CheckResult | undefined;
    for (const measure of measures) {
      gc();
      const { ms, value } = time(measure.run);
      if (measure.key === 'lint') fullResult = value as CheckResult;
      if (measure.key === 'lintHalf') halfResult = value as CheckResult;
      samples.set(measure.key, []);
      runs.set(measure.key, forcedRuns ?? (ms > 1000 ? 3 : 5));
      progress(`warm-up: ${measure.label}: ${int(ms)} ms`);
    }
    // Round robin, so that a slow moment of the machine does not fall on one measure only.
    const rounds = Math.max(...runs.values());
    for (let round = 1; round <= rounds; round += 1) {
      const line: string[] = [];
      for (const measure of measures) {
        if (round > runs.get(measure.key)!) continue;
        gc();
        const { ms } = time(measure.run);
        samples.get(measure.key)!.push(ms);
        line.push(`${measure.key} ${int(ms)} ms`);
      }
      progress(`run ${round}/${rounds}: ${line.join(', ')}`);
    }

    let site: { journeys: number; journeySite: BuildTiming; bareAstro: BuildTiming } | undefined;
    if (args.site) {
      const thousand = join(dir, 'thousand');
      const stats = writeRepository(thousand, corpus, (index) => index < DEFAULT_CORPUS.regular);
      progress(`building the site of ${int(stats.journeys)} journeys (one run: it takes a while)`);
      const journeySite = timeJourneySite(thousand, TODAY);
      progress(`  ${int(journeySite.ms)} ms, ${int(journeySite.pages)} pages; now a bare Astro site of ${int(stats.journeys)} trivial pages`);
      const bareAstro = timeBareAstro(stats.journeys);
      progress(`  ${int(bareAstro.ms)} ms, ${int(bareAstro.pages)} pages`);
      site = { journeys: stats.journeys, journeySite, bareAstro };
    }

    const timings = Object.fromEntries(measures.map((measure) => [measure.key, summarize(samples.get(measure.key)!)])) as Record<Measure['key'], Timing>;
    const findings = findingsSummary(fullResult!);
    const lintOverParse = ratio(timings.lint.median, timings.parseJsYaml.median);
    const fullOverHalf = ratio(timings.lint.median, timings.lintHalf.median);
    // The same ratios on the fastest run of each: steadier on a busy machine.
    const lintOverParseMin = ratio(timings.lint.min, timings.parseJsYaml.min);
    const fullOverHalfMin = ratio(timings.lint.min, timings.lintHalf.min);
    const figures = {
      seed: args.seed,
      node: process.version,
      today: TODAY,
      corpus: { ...fullStats, megabytes: Math.round(mb(fullStats.bytes) * 100) / 100 },
      half: { ...halfStats, megabytes: Math.round(mb(halfStats.bytes) * 100) / 100, findings: halfResult!.findings.length },
      findings,
      configErrors: fullResult!.configErrors.length,
      timings,
      ratios: {
        lintOverParse,
        lintOverParseMin,
        target: TARGET_RATIO,
        withinTarget: lintOverParse <= TARGET_RATIO,
        lintOverYamlParse: ratio(timings.lint.median, timings.parseYaml.median),
        fullOverHalf,
        fullOverHalfMin,
      },
      ...(site ? { site } : {}),
      ...(args.keep ? { dir } : {}),
    };

    if (args.json) {
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    } else {
      const s = fullStats;
      const byRule = Object.entries(findings.byRule).map(([rule, count]) => `${rule} ${count}`).join(', ');
      const out = [
        `journeys bench: seed "${args.seed}", Node ${process.version}, today ${TODAY}`,
        '',
        table(
          [
            ['files', int(s.files), `${mb(s.bytes).toFixed(1)} MB`],
            ['journeys', int(s.journeys), `${s.markdownJourneys} in Markdown, ${s.problemJourneys} with problems`],
            ['touchpoints', int(s.touchpoints), ''],
            ['scenarios', int(s.scenarios), ''],
            ['findings', int(findings.total), `in ${findings.files} files${byRule ? `: ${byRule}` : ''}`],
          ],
          new Set([1]),
        ),
        '',
        table(
          [
            ['', 'median', 'min', 'runs'],
            ...measures.map((measure) => {
              const t = timings[measure.key];
              return [measure.label, `${int(t.median)} ms`, `${int(t.min)} ms`, String(t.samples.length)];
            }),
          ],
          new Set([1, 2, 3]),
        ),
        '',
        table(
          [
            ['lint / parse only (js-yaml)', `${lintOverParse.toFixed(2)}x`, `target <= ${TARGET_RATIO}x: ${lintOverParse <= TARGET_RATIO ? 'met' : 'not met'} (fastest runs: ${lintOverParseMin.toFixed(2)}x)`],
            ['lint / parse only (yaml)', `${figures.ratios.lintOverYamlParse.toFixed(2)}x`, ''],
            ['lint full / lint half', `${fullOverHalf.toFixed(2)}x`, `expected about 2x if linear (fastest runs: ${fullOverHalfMin.toFixed(2)}x)`],
          ],
          new Set([1]),
        ),
      ];
      if (site) {
        const { journeySite, bareAstro } = site;
        out.push(
          '',
          table(
            [
              ['site build', 'time', 'pages'],
              [`journeys build, ${int(site.journeys)} journeys`, `${int(journeySite.ms)} ms`, int(journeySite.pages)],
              [`bare Astro, ${int(site.journeys)} trivial pages`, `${int(bareAstro.ms)} ms`, int(bareAstro.pages)],
            ],
            new Set([1, 2]),
          ),
          `journey site / bare Astro: ${ratio(journeySite.ms, bareAstro.ms).toFixed(1)}x (each a single run, in a process of its own)`,
        );
      }
      if (figures.configErrors > 0) out.push('', `warning: ${figures.configErrors} configuration errors in the generated repository`);
      if (args.keep) out.push('', `repository kept in ${dir}`);
      process.stdout.write(`${out.join('\n')}\n`);
    }
  } finally {
    if (args.keep) progress(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main();
