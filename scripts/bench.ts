/**
 * `npm run bench`: how long a full lint of a large repository takes, compared
 * with only reading and parsing its files.
 *
 * Writes a synthetic, deterministic repository (1,100 journeys, about 13 MB; see
 * scripts/bench/generate.ts) to a temporary folder, then measures:
 *   - parse only: read every file and parse it with js-yaml `load` (the loader's parser);
 *   - with --yaml, the same with the `yaml` package's `parseDocument`, for reference
 *     (off by default: ten seconds of one busy core per run, after which this kind of
 *     machine runs the next measure about a fifth slower);
 *   - the full lint, `check(root, { today: '2026-11-01' })`;
 *   - the full lint of half the corpus (550 journeys), to show how the cost scales;
 *   - the full lint of a corpus of segment families of the same size (scripts/bench/generate.ts
 *     `generateFamilyCorpus`: each journey written once per segment of five, on the same
 *     events, with the segment's fees), which should cost at most 10% more than the plain one;
 *   - the full lint of the corpus with findings in every journey (each has a touchpoint
 *     without an owner and one on a misspelt channel), where no file is spared its positions;
 *   - parse only of those two corpora, since each lint is compared with parsing its own files;
 *   - `lint --base`, what CI runs: the corpus at the previous commit read from git, then
 *     the work tree, one journey edited since;
 *   - the peak memory of `journeys lint` in a fresh process (scripts/bench/peak-rss.js),
 *     and of each measure's process: peak resident memory, the parse worker's included
 *     (threads share their process's memory);
 *   - `journeys lint` in a fresh process, as a user runs it: start-up, a cold
 *     compiler and the output included;
 *   - `lint --cache` after one edit of 1,000 journeys (a comment appended to one of
 *     them before each run; the warm-up writes the cache, then runs once as timed), in a
 *     measure's process and in a fresh process;
 *   - the site: `journeys build` of the 1,000 regular journeys, in git with a history of 12 commits (each of the later
 *     ones editing 5 journeys: the score history lints every one), its time and peak memory,
 *     beside a bare Astro build of as many trivial pages as it has (skipped with --no-site);
 *   - the edit loop: `journeys dev` of those journeys (in git) with one journey's page open
 *     in headless Chromium, from a touchpoint's message edited in its file to the page
 *     showing it, the median of 5 edits (scripts/bench/dev.ts; skipped with --no-site).
 * The first five each run in a process of their own (scripts/bench/runner.ts),
 * warmed up by one run, so that the memory one leaves behind cannot slow another;
 * the processes take turns, one run at a time, each in every round. Each figure is the
 * median of 5 runs (3 for a fresh process that takes more than a second); a ratio of two
 * measures is the median of the ratios of their runs in the same round.
 *
 *   node scripts/bench.ts [--json] [--keep] [--no-site] [--yaml] [--runs <n>] [--seed <text>] [--journeys <n>]
 *
 * --json prints the figures as JSON on stdout; --keep leaves the repository on
 * disk; --journeys makes a smaller (or larger) corpus: that many regular journeys
 * (1,000 by default, 50 at least), and a tenth of it more journeys and scenarios.
 * Progress goes to stderr.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CORPUS, generateCorpus, generateFamilyCorpus, writeRepository, type CorpusOptions, type CorpusStats } from './bench/generate.ts';
import { median, summarize, type Timing } from './bench/measure.ts';
import type { FindingsSummary, FromRunner, MeasureKey, ToRunner } from './bench/runner.ts';
import { timeDevEdits, type DevTiming } from './bench/dev.ts';
import { commitHistory } from './bench/git.ts';
import { timeBareAstro, timeJourneySite, type BuildTiming } from './bench/site.ts';

const TODAY = '2026-11-01';
const RUNNER = fileURLToPath(new URL('./bench/runner.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/journeys.js', import.meta.url));
/** bin/journeys.js, saying its process's peak memory when it exits. */
const PEAK_RSS = fileURLToPath(new URL('./bench/peak-rss.js', import.meta.url));
/** The goals: a full lint costs at most this many times parsing its files alone, on each corpus... */
const TARGET_RATIO = 1.5;
/** ...and at most this many milliseconds on the corpus. */
const TARGET_MS = 2000;
/** ...and the segment-family corpus lints within 10% of the plain corpus of the same size. */
const TARGET_FAMILIES_RATIO = 1.1;
/** ...and `lint --cache` after one edit of 1,000 journeys takes at most this many milliseconds... */
const TARGET_CACHED_MS = 300;
/** ...and `journeys lint` of the corpus (1,100 journeys) in a fresh process peaks at most at this many bytes of resident memory, its parse worker included... */
const TARGET_PEAK_BYTES = 300_000_000;
/** ...and doubling the corpus costs at most this many times as much. */
const TARGET_DOUBLING = 2.1;
/** ...and the site of the 1,000 journeys builds in at most this many times a bare Astro build of as many pages... */
const TARGET_SITE_RATIO = 2;
/** ...peaking at most at this many bytes of resident memory. */
const TARGET_SITE_PEAK_BYTES = 1_000_000_000;
/** ...and in `journeys dev` of those journeys, an edit shows in an open page within this many milliseconds. */
const TARGET_DEV_MS = 500;
/** Edits timed in `journeys dev` (after one not timed). */
const DEV_EDITS = 5;
/** Commits in the history of the site's repository: as many as the site's score history shows. */
const SITE_HISTORY_COMMITS = 12;
/** The smallest --journeys: below it, timings are mostly noise. */
const MIN_JOURNEYS = 50;

const USAGE = 'Usage: node scripts/bench.ts [--json] [--keep] [--no-site] [--yaml] [--runs <n>] [--seed <text>] [--journeys <n>]';

type Key = MeasureKey | 'cli' | 'cliCached';
/** Measures timed in a fresh process each run, after the others. */
const FRESH: ReadonlySet<Key> = new Set(['cli', 'cliCached']);

interface Measure {
  readonly key: Key;
  readonly label: string;
  /** Times one run, in milliseconds. */
  readonly run: () => Promise<number>;
}

/** A measure's own process: warmed up once started, then timing one run per request. */
class Runner {
  readonly #child: ChildProcess;
  readonly #replies: FromRunner[] = [];
  #waiting: ((message: FromRunner) => void) | undefined;
  #exited = false;
  /** The process's peak resident memory, in bytes, as last reported. */
  peakRss = 0;

  constructor(key: MeasureKey, root: string) {
    this.#child = fork(RUNNER, [key, root, TODAY], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child.on('message', (message: FromRunner) => {
      if (message.type !== 'failed') this.peakRss = Math.max(this.peakRss, message.rss);
      if (this.#waiting) {
        const resolve = this.#waiting;
        this.#waiting = undefined;
        resolve(message);
      } else this.#replies.push(message);
    });
    this.#child.on('exit', (code) => {
      this.#exited = true;
      this.#waiting?.({ type: 'failed', message: `the measure's process exited (${code ?? 'killed'})` });
    });
  }

  next(): Promise<FromRunner> {
    const queued = this.#replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#exited) return Promise.resolve({ type: 'failed', message: "the measure's process has exited" });
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  async time(): Promise<number> {
    this.#child.send({ type: 'run' } satisfies ToRunner);
    const reply = await this.next();
    if (reply.type !== 'ran') throw new Error(reply.type === 'failed' ? reply.message : `unexpected reply ${reply.type}`);
    return reply.ms;
  }

  stop(): void {
    if (this.#exited) return;
    if (this.#child.connected) this.#child.send({ type: 'stop' } satisfies ToRunner);
    else this.#child.kill();
  }
}

/** The highest peak resident memory of `journeys lint` in a fresh process, in bytes. */
let cliPeakRss = 0;

/** `journeys lint` of a repository in a fresh process, as a user runs it (exit 1: the corpus has errors). */
function timeCli(root: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [PEAK_RSS, 'lint', root, '--format', 'json', '--today', TODAY], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`journeys lint failed (exit ${result.status}):\n${result.stderr}`);
  const peak = /^peak-rss (\d+)$/m.exec(result.stderr);
  if (peak) cliPeakRss = Math.max(cliPeakRss, Number(peak[1]));
  return ms;
}

/** `journeys lint --cache` in a fresh process after one edit: a comment appended to a journey. */
let cliEdits = 0;
function timeCliCached(root: string): number {
  const journeys = join(root, 'journeys');
  cliEdits += 1;
  appendFileSync(join(journeys, readdirSync(journeys).filter((name) => name.endsWith('.journey.yaml')).sort()[1]!), `# edit ${cliEdits}\n`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, 'lint', root, '--format', 'json', '--today', TODAY, '--cache'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`journeys lint --cache failed (exit ${result.status}):\n${result.stderr}`);
  return ms;
}

const progress = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

const mb = (bytes: number): number => bytes / 1_000_000;
const int = (n: number): string => Math.round(n).toLocaleString('en');
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('   ').trimEnd())
    .join('\n');
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        site: { type: 'boolean', default: true },
        yaml: { type: 'boolean', default: false },
        runs: { type: 'string' },
        journeys: { type: 'string' },
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

  const regular = args.journeys === undefined ? DEFAULT_CORPUS.regular : Number(args.journeys);
  if (!Number.isInteger(regular) || regular < MIN_JOURNEYS) {
    process.stderr.write(`--journeys takes a whole number from ${MIN_JOURNEYS}, not "${args.journeys}".\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  // A tenth more journeys and as many scenarios, as in the default corpus (1,000, 100 and 100).
  const options: CorpusOptions = { ...DEFAULT_CORPUS, seed: args.seed, regular, extra: Math.round(regular / 10), scenarios: Math.round(regular / 10) };

  const dir = mkdtempSync(join(tmpdir(), 'journeys-bench-'));
  try {
    progress(`generating the corpus (seed "${args.seed}")`);
    const onProgress = (done: number, total: number, bytes: number): void => {
      progress(`  ${int(done)}/${int(total)} journeys, ${mb(bytes).toFixed(1)} MB`);
    };
    const corpus = generateCorpus(options, onProgress);
    const full = join(dir, 'full');
    const half = join(dir, 'half');
    const fullStats: CorpusStats = writeRepository(full, corpus);
    // Every other journey, so that the half has the same mix (Markdown, problems, sizes).
    const halfStats: CorpusStats = writeRepository(half, corpus, (index) => index % 2 === 0);
    progress(`wrote ${int(fullStats.files)} files (${mb(fullStats.bytes).toFixed(1)} MB) to ${full}, and half of it to ${half}`);
    progress('generating the segment-family corpus');
    const familiesRoot = join(dir, 'families');
    const familiesStats: CorpusStats = writeRepository(familiesRoot, generateFamilyCorpus(options, onProgress));
    progress(`wrote ${int(familiesStats.files)} files (${mb(familiesStats.bytes).toFixed(1)} MB) to ${familiesRoot}`);
    progress('generating the corpus with findings in every journey');
    const findingsRoot = join(dir, 'findings');
    const findingsStats: CorpusStats = writeRepository(findingsRoot, generateCorpus({ ...options, everyJourney: ['missing-owner', 'unknown-channel'] }, onProgress));
    progress(`wrote ${int(findingsStats.files)} files (${mb(findingsStats.bytes).toFixed(1)} MB) to ${findingsRoot}`);
    // The full corpus in git, for lint --base.
    const basedRoot = join(dir, 'based');
    writeRepository(basedRoot, corpus);
    // Two commits: the corpus, then a comment added to one journey.
    commitHistory(basedRoot, 1, 1);
    // The regular journeys alone, edited by the cache's measures (the others' corpus stays as written).
    const cachedRoot = join(dir, 'cached');
    const cachedStats: CorpusStats = writeRepository(cachedRoot, corpus, (index) => index < options.regular);

    const runners = new Map<MeasureKey, Runner>();
    const roots: Record<MeasureKey, string> = {
      parseJsYaml: full,
      parseYaml: full,
      parseFamilies: familiesRoot,
      parseFindings: findingsRoot,
      lint: full,
      lintHalf: half,
      lintFamilies: familiesRoot,
      lintFindings: findingsRoot,
      lintBase: basedRoot,
      lintCached: cachedRoot,
    };
    const viaRunner = (key: MeasureKey) => (): Promise<number> => runners.get(key)!.time();
    const measures: Measure[] = [
      { key: 'parseJsYaml', label: 'parse only: js-yaml load', run: viaRunner('parseJsYaml') },
      ...(args.yaml ? [{ key: 'parseYaml', label: 'parse only: yaml parseDocument', run: viaRunner('parseYaml') } satisfies Measure] : []),
      { key: 'lint', label: 'lint: check()', run: viaRunner('lint') },
      { key: 'lintHalf', label: `lint, half corpus (${int(halfStats.journeys)} journeys)`, run: viaRunner('lintHalf') },
      { key: 'parseFamilies', label: 'parse only: segment families', run: viaRunner('parseFamilies') },
      { key: 'lintFamilies', label: `lint, segment families (${int(familiesStats.journeys)} journeys)`, run: viaRunner('lintFamilies') },
      { key: 'parseFindings', label: 'parse only: findings in every journey', run: viaRunner('parseFindings') },
      { key: 'lintFindings', label: `lint, findings in every journey (${int(findingsStats.journeys)} journeys)`, run: viaRunner('lintFindings') },
      { key: 'lintBase', label: 'lint --base (the corpus at the previous commit too)', run: viaRunner('lintBase') },
      { key: 'cli', label: 'journeys lint, a fresh process', run: () => Promise.resolve(timeCli(full)) },
      { key: 'lintCached', label: `lint --cache after one edit (${int(cachedStats.journeys)} journeys)`, run: viaRunner('lintCached') },
      { key: 'cliCached', label: 'journeys lint --cache after one edit, a fresh process', run: () => Promise.resolve(timeCliCached(cachedRoot)) },
    ];

    const samples = new Map<Key, number[]>();
    const runs = new Map<Key, number>();
    const summaries = new Map<MeasureKey, FindingsSummary>();
    try {
      // Warm-ups one at a time, so that no two measures share the machine.
      for (const measure of measures) {
        let ms: number;
        if (measure.key === 'cli' || measure.key === 'cliCached') ms = await measure.run();
        else {
          const runner = new Runner(measure.key, roots[measure.key]);
          runners.set(measure.key, runner);
          const ready = await runner.next();
          if (ready.type !== 'ready') throw new Error(`${measure.label}: ${ready.type === 'failed' ? ready.message : ready.type}`);
          if (ready.summary) summaries.set(measure.key, ready.summary);
          ms = ready.ms;
        }
        samples.set(measure.key, []);
        // The measures in a process of their own run in every round, so that a ratio of two compares runs of the same rounds.
        runs.set(measure.key, forcedRuns ?? (FRESH.has(measure.key) && ms > 1000 ? 3 : 5));
        progress(`warm-up: ${measure.label}: ${int(ms)} ms`);
      }
      // Round robin, so that a slow moment of the machine does not fall on one measure only. The fresh
      // processes run after the others: seconds of both cores busy would slow the measure after them.
      const rounds = Math.max(...runs.values());
      for (let round = 1; round <= rounds; round += 1) {
        const line: string[] = [];
        for (const measure of measures) {
          if (round > runs.get(measure.key)! || FRESH.has(measure.key)) continue;
          const ms = await measure.run();
          samples.get(measure.key)!.push(ms);
          line.push(`${measure.key} ${int(ms)} ms`);
        }
        progress(`run ${round}/${rounds}: ${line.join(', ')}`);
      }
    } finally {
      for (const runner of runners.values()) runner.stop();
    }
    for (const cli of measures.filter((measure) => FRESH.has(measure.key))) {
      for (let run = 1; run <= runs.get(cli.key)!; run += 1) {
        const ms = await cli.run();
        samples.get(cli.key)!.push(ms);
        progress(`${cli.label} ${run}/${runs.get(cli.key)}: ${int(ms)} ms`);
      }
    }

    let site: { journeys: number; journeySite: BuildTiming; bareAstro: BuildTiming } | undefined;
    let dev: DevTiming | undefined;
    if (args.site) {
      const thousand = join(dir, 'thousand');
      const stats = writeRepository(thousand, corpus, (index) => index < options.regular);
      // In git, with a history, as a company's journeys are: the build reads it (the score history lints each of the last 12 commits).
      commitHistory(thousand, SITE_HISTORY_COMMITS - 1, 5);
      progress(`building the site of ${int(stats.journeys)} journeys (one run: it takes a while)`);
      const journeySite = timeJourneySite(thousand, TODAY);
      progress(`  ${int(journeySite.ms)} ms, ${int(journeySite.pages)} pages; now a bare Astro site of as many trivial pages`);
      const bareAstro = timeBareAstro(journeySite.pages);
      progress(`  ${int(bareAstro.ms)} ms, ${int(bareAstro.pages)} pages`);
      site = { journeys: stats.journeys, journeySite, bareAstro };
      progress(`journeys dev of the ${int(stats.journeys)} journeys: ${DEV_EDITS} edits of one journey, each timed until its open page shows it`);
      dev = await timeDevEdits(thousand, TODAY, DEV_EDITS, (message) => progress(`  ${message}`));
    }

    const timings = Object.fromEntries(measures.map((measure) => [measure.key, summarize(samples.get(measure.key)!)])) as Record<Exclude<Key, 'parseYaml'>, Timing> & { parseYaml?: Timing };
    const { configErrors, ...findings } = summaries.get('lint')!;
    /**
     * The median of the ratios of two measures' runs in the same round: the machine's speed drifts
     * (a slow minute, then a fast one), and a ratio of two medians would compare runs of different minutes.
     */
    const paired = (a: Key, b: Key): number => {
      const first = samples.get(a)!;
      const second = samples.get(b)!;
      return ratio(median(first.slice(0, second.length).map((ms, round) => ms / second[round]!)), 1);
    };
    const lintOverParse = paired('lint', 'parseJsYaml');
    const fullOverHalf = paired('lint', 'lintHalf');
    // The same ratios on the fastest run of each: steadier on a busy machine.
    const lintOverParseMin = ratio(timings.lint.min, timings.parseJsYaml.min);
    const fullOverHalfMin = ratio(timings.lint.min, timings.lintHalf.min);
    const familiesOverPlain = paired('lintFamilies', 'lint');
    const familiesOverPlainMin = ratio(timings.lintFamilies.min, timings.lint.min);
    const familiesFindings = summaries.get('lintFamilies')!;
    const everywhereFindings = summaries.get('lintFindings')!;
    const familiesOverParse = paired('lintFamilies', 'parseFamilies');
    const familiesOverParseMin = ratio(timings.lintFamilies.min, timings.parseFamilies.min);
    const findingsOverParse = paired('lintFindings', 'parseFindings');
    const findingsOverParseMin = ratio(timings.lintFindings.min, timings.parseFindings.min);
    const peak = (key: MeasureKey): number => runners.get(key)?.peakRss ?? 0;
    const memory = { lint: peak('lint'), lintFamilies: peak('lintFamilies'), lintFindings: peak('lintFindings'), lintBase: peak('lintBase'), parseJsYaml: peak('parseJsYaml') };
    // What a user runs: journeys lint in a fresh process (the measures' processes also hold the bench's own modules).
    const peakLint = cliPeakRss;
    const figures = {
      seed: args.seed,
      node: process.version,
      today: TODAY,
      corpus: { ...fullStats, megabytes: Math.round(mb(fullStats.bytes) * 100) / 100 },
      half: { ...halfStats, megabytes: Math.round(mb(halfStats.bytes) * 100) / 100, findings: summaries.get('lintHalf')!.total },
      families: { ...familiesStats, megabytes: Math.round(mb(familiesStats.bytes) * 100) / 100, findings: familiesFindings.total, byRule: familiesFindings.byRule },
      findingsEverywhere: { ...findingsStats, megabytes: Math.round(mb(findingsStats.bytes) * 100) / 100, findings: everywhereFindings.total, filesWithFindings: everywhereFindings.files, byRule: everywhereFindings.byRule },
      peakRssBytes: { cli: cliPeakRss, ...memory },
      findings,
      configErrors,
      timings,
      ratios: {
        lintOverParse,
        lintOverParseMin,
        target: TARGET_RATIO,
        withinTarget: lintOverParse <= TARGET_RATIO,
        targetMs: TARGET_MS,
        withinTargetMs: timings.lint.median <= TARGET_MS,
        cliOverParse: ratio(timings.cli.median, timings.parseJsYaml.median),
        ...(timings.parseYaml ? { lintOverYamlParse: ratio(timings.lint.median, timings.parseYaml.median) } : {}),
        fullOverHalf,
        fullOverHalfMin,
        doublingTarget: TARGET_DOUBLING,
        withinDoublingTarget: fullOverHalf <= TARGET_DOUBLING,
        familiesOverParse,
        familiesOverParseMin,
        withinFamiliesParseTarget: familiesOverParse <= TARGET_RATIO,
        findingsOverParse,
        findingsOverParseMin,
        withinFindingsTarget: findingsOverParse <= TARGET_RATIO,
        baseOverLint: paired('lintBase', 'lint'),
        peakTargetBytes: TARGET_PEAK_BYTES,
        withinPeakTarget: peakLint <= TARGET_PEAK_BYTES,
        familiesOverPlain,
        familiesOverPlainMin,
        familiesTarget: TARGET_FAMILIES_RATIO,
        withinFamiliesTarget: familiesOverPlain <= TARGET_FAMILIES_RATIO,
        cachedTargetMs: TARGET_CACHED_MS,
        withinCachedTarget: timings.lintCached.median <= TARGET_CACHED_MS,
        withinCachedTargetFresh: timings.cliCached.median <= TARGET_CACHED_MS,
      },
      ...(site
        ? {
            site: {
              ...site,
              overBareAstro: ratio(site.journeySite.ms, site.bareAstro.ms),
              target: TARGET_SITE_RATIO,
              withinTarget: ratio(site.journeySite.ms, site.bareAstro.ms) <= TARGET_SITE_RATIO,
              peakTargetBytes: TARGET_SITE_PEAK_BYTES,
              withinPeakTarget: site.journeySite.peakRssBytes <= TARGET_SITE_PEAK_BYTES,
            },
          }
        : {}),
      ...(dev ? { dev: { ...dev, target: TARGET_DEV_MS, withinTarget: dev.median <= TARGET_DEV_MS } } : {}),
      ...(args.keep ? { dir } : {}),
    };

    if (args.json) {
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    } else {
      const s = fullStats;
      const rules = (counts: Readonly<Record<string, number>>): string => Object.entries(counts).map(([rule, count]) => `${rule} ${count}`).join(', ');
      const byRule = rules(findings.byRule);
      const familiesByRule = rules(familiesFindings.byRule);
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
            ['segment families', int(familiesStats.journeys), `journeys, ${mb(familiesStats.bytes).toFixed(1)} MB, ${int(familiesStats.touchpoints)} touchpoints, ${int(familiesStats.scenarios)} scenarios`],
            ['  their findings', int(familiesFindings.total), `in ${familiesFindings.files} files${familiesByRule ? `: ${familiesByRule}` : ''}`],
            ['findings everywhere', int(findingsStats.journeys), `journeys, ${mb(findingsStats.bytes).toFixed(1)} MB, each with a touchpoint without owner and one on a misspelt channel`],
            ['  their findings', int(everywhereFindings.total), `in ${everywhereFindings.files} files${rules(everywhereFindings.byRule) ? `: ${rules(everywhereFindings.byRule)}` : ''}`],
          ],
          new Set([1]),
        ),
        '',
        table(
          [
            ['', 'median', 'min', 'runs'],
            ...measures.map((measure) => {
              const t = timings[measure.key]!;
              return [measure.label, `${int(t.median)} ms`, `${int(t.min)} ms`, String(t.samples.length)];
            }),
          ],
          new Set([1, 2, 3]),
        ),
        '',
        table(
          [
            ['lint', `${int(timings.lint.median)} ms`, `target <= ${int(TARGET_MS)} ms: ${timings.lint.median <= TARGET_MS ? 'met' : 'not met'} (fastest run: ${int(timings.lint.min)} ms)`],
            [
              'lint / parse only (js-yaml)',
              `${lintOverParse.toFixed(2)}x`,
              `target <= ${TARGET_RATIO}x: ${lintOverParse <= TARGET_RATIO ? 'met' : 'not met'} (median of the rounds' ratios; fastest runs: ${lintOverParseMin.toFixed(2)}x)`,
            ],
            [
              '  findings in every journey / their parse only',
              `${findingsOverParse.toFixed(2)}x`,
              `target <= ${TARGET_RATIO}x: ${findingsOverParse <= TARGET_RATIO ? 'met' : 'not met'} (fastest runs: ${findingsOverParseMin.toFixed(2)}x)`,
            ],
            [
              '  segment families / their parse only',
              `${familiesOverParse.toFixed(2)}x`,
              `target <= ${TARGET_RATIO}x: ${familiesOverParse <= TARGET_RATIO ? 'met' : 'not met'} (fastest runs: ${familiesOverParseMin.toFixed(2)}x)`,
            ],
            [
              'peak memory of journeys lint',
              `${int(mb(peakLint))} MB`,
              `target <= ${int(mb(TARGET_PEAK_BYTES))} MB: ${peakLint <= TARGET_PEAK_BYTES ? 'met' : 'not met'} (resident, in a fresh process, its parse worker included, ${int(s.journeys)} journeys; in the measures' processes: plain ${int(mb(memory.lint))} MB, families ${int(mb(memory.lintFamilies))} MB, findings everywhere ${int(mb(memory.lintFindings))} MB, parse only ${int(mb(memory.parseJsYaml))} MB)`,
            ],
            ...(figures.ratios.lintOverYamlParse !== undefined ? [['lint / parse only (yaml)', `${figures.ratios.lintOverYamlParse.toFixed(2)}x`, '']] : []),
            ['journeys lint (fresh process) / parse only', `${figures.ratios.cliOverParse.toFixed(2)}x`, 'start-up, a cold compiler and the JSON output included'],
            ['lint full / lint half', `${fullOverHalf.toFixed(2)}x`, `target <= ${TARGET_DOUBLING}x: ${fullOverHalf <= TARGET_DOUBLING ? 'met' : 'not met'} (fastest runs: ${fullOverHalfMin.toFixed(2)}x)`],
            ['lint --base / lint', `${figures.ratios.baseOverLint.toFixed(2)}x`, `${int(timings.lintBase.median)} ms: what CI runs, the previous commit read from git too (peak ${int(mb(memory.lintBase))} MB)`],
            [
              'lint --cache after one edit',
              `${int(timings.lintCached.median)} ms`,
              `target <= ${TARGET_CACHED_MS} ms: ${timings.lintCached.median <= TARGET_CACHED_MS ? 'met' : 'not met'} (fastest run: ${int(timings.lintCached.min)} ms); in a fresh process ${int(timings.cliCached.median)} ms: ${timings.cliCached.median <= TARGET_CACHED_MS ? 'met' : 'not met'}`,
            ],
            [
              'lint segment families / lint',
              `${familiesOverPlain.toFixed(2)}x`,
              `target <= ${TARGET_FAMILIES_RATIO}x, within 10% of the plain corpus: ${familiesOverPlain <= TARGET_FAMILIES_RATIO ? 'met' : 'not met'} (fastest runs: ${familiesOverPlainMin.toFixed(2)}x)`,
            ],
          ],
          new Set([1]),
        ),
      ];
      if (site) {
        const { journeySite, bareAstro } = site;
        const overBare = ratio(journeySite.ms, bareAstro.ms);
        out.push(
          '',
          table(
            [
              ['site build', 'time', 'pages', 'peak memory'],
              [`journeys build, ${int(site.journeys)} journeys, ${SITE_HISTORY_COMMITS} commits`, `${int(journeySite.ms)} ms`, int(journeySite.pages), `${int(mb(journeySite.peakRssBytes))} MB`],
              [`bare Astro, as many trivial pages`, `${int(bareAstro.ms)} ms`, int(bareAstro.pages), `${int(mb(bareAstro.peakRssBytes))} MB`],
            ],
            new Set([1, 2, 3]),
          ),
          table(
            [
              ['site build / bare Astro build', `${overBare.toFixed(2)}x`, `target <= ${TARGET_SITE_RATIO}x: ${overBare <= TARGET_SITE_RATIO ? 'met' : 'not met'} (each a single run, in a process of its own)`],
              [
                'peak memory of the site build',
                `${int(mb(journeySite.peakRssBytes))} MB`,
                `target < ${int(mb(TARGET_SITE_PEAK_BYTES))} MB: ${journeySite.peakRssBytes <= TARGET_SITE_PEAK_BYTES ? 'met' : 'not met'} (the build's process; Pagefind's indexer runs as a program of its own)`,
              ],
            ],
            new Set([1]),
          ),
        );
      }
      if (dev) {
        out.push(
          '',
          table(
            [
              [
                'dev: edit to page shown',
                `${int(dev.median)} ms`,
                `target <= ${int(TARGET_DEV_MS)} ms: ${dev.median <= TARGET_DEV_MS ? 'met' : 'not met'} (median of ${dev.samples.length} edits, fastest ${int(dev.min)} ms; journeys dev of ${int(site!.journeys)} journeys, one journey's page open in headless Chromium; server peak ${int(mb(dev.peakRssBytes))} MB)`,
              ],
            ],
            new Set([1]),
          ),
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

await main();
