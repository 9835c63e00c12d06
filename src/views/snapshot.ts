/**
 * One check of the journeys repository for all of the site's collections: the
 * engine runs once per state of the files, however many collections ask. All of
 * the site's reading of files and git happens here, not in site/.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { checkRepository, findingsContext, todayFor } from '../engine/check.ts';
import { fileFindingsFrom, memoryFindings, type MemoryFindings } from '../engine/memory-findings.ts';
import { gitFacts, latestReviewTag, workTreeHolds, workTreeState, type GitFacts, type WorkTreeState } from '../load/git.ts';
import { loadRepository, parseReuse, type ParseReuse } from '../load/repository.ts';
import type { Repository } from '../model/types.ts';
import { simulate } from '../simulate/timeline.ts';
import { buildModel, lazily, viewReuse, type SiteModel, type ViewReuse } from './model.ts';
import { keptGrades } from './history-store.ts';
import { scoreHistory, type CheckedWorkTree, type HistoryPoint } from './score-history.ts';
import { channelDashboard } from './channel-dashboard.ts';
import { customerViews } from './customer.ts';
import { reviewView } from './review.ts';
import { translator } from './i18n.ts';

/** The repository root and its journeys folder, for a path given as the CLI accepts it. */
export function layoutOf(path: string): { root: string; journeysDir: string } {
  const absolute = isAbsolute(path) ? path : resolve(path);
  const inside = join(absolute, 'journeys');
  try {
    if (statSync(inside).isDirectory()) return { root: absolute, journeysDir: inside };
  } catch {
    // Not there: maybe the path is the journeys folder itself.
  }
  if (absolute.split(sep).at(-1) === 'journeys') return { root: resolve(absolute, '..'), journeysDir: absolute };
  return { root: absolute, journeysDir: inside };
}

/** The files whose change changes the site, for the dev server to watch. */
export function watchedPaths(path: string): string[] {
  const { root, journeysDir } = layoutOf(path);
  return [journeysDir, join(root, 'journeys.config.yaml'), join(root, 'journeys.config.yml')];
}

/**
 * Whether a file that changed looks half saved: empty, as a save that truncates the file,
 * then writes it, leaves it in between. The dev server waits a little longer for such a file.
 */
export function looksHalfSaved(file: string): boolean {
  try {
    const stats = statSync(file);
    return stats.isFile() && stats.size === 0;
  } catch {
    return false;
  }
}

/** Sizes and modification times of every file that feeds the site: cheap, and changes with any edit. */
function fingerprint(path: string): string {
  const parts: string[] = [];
  for (const file of watchedPaths(path)) {
    try {
      const stat = statSync(file);
      if (stat.isDirectory()) {
        for (const entry of readdirSync(file, { recursive: true, withFileTypes: true })) {
          if (!entry.isFile()) continue;
          const full = join(entry.parentPath, entry.name);
          const s = statSync(full);
          parts.push(`${full}:${s.size}:${s.mtimeMs}`);
        }
      } else {
        parts.push(`${file}:${stat.size}:${stat.mtimeMs}`);
      }
    } catch {
      parts.push(`${file}:absent`);
    }
  }
  return parts.sort().join('\n');
}

function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The last model made: `key` says the files it was made of (unknown when the caller said they changed), `inputs` what else. */
let cached: { key: string | undefined; inputs: string; model: SiteModel } | undefined;

/** How many of the last commits the score history shows. */
export const SCORE_HISTORY_COMMITS = 12;

let historyCache: { key: string; points: HistoryPoint[] } | undefined;

/**
 * The scorecards at the last commits, from git (the engine's scoreHistory): computed
 * again only when HEAD moves, since editing files changes no commit. Each commit is
 * linted as of its own date, or of JOURNEYS_TODAY when the build is given one (so that
 * a build is reproducible). The newest commit's point is the check just made when the
 * work tree holds that commit's files and was checked as of the same date; the others
 * are kept from one build to the next (history-store.ts). Empty outside git and with
 * JOURNEYS_NO_GIT; a failure leaves the site without it, never without a site.
 */
function historyOf(root: string, head: string | undefined, today: string | undefined, checked: CheckedWorkTree): HistoryPoint[] {
  if (head === undefined) return [];
  const key = `${root}\n${head}\n${today ?? ''}`;
  if (historyCache?.key === key) return historyCache.points;
  let points: HistoryPoint[];
  try {
    const kept = keptGrades(root);
    points = scoreHistory(root, SCORE_HISTORY_COMMITS, { ...(today !== undefined ? { today } : {}), checked, ...(kept ? { store: kept.store } : {}) });
    kept?.save();
  } catch {
    points = [];
  }
  historyCache = { key, points };
  return points;
}

let factsCache: { key: string; facts: GitFacts | undefined } | undefined;

/**
 * Git's view of the repository (gitFacts), asked again only when HEAD moves or the set of
 * journey files changes: editing a file changes no commit, only whether the work tree
 * differs from HEAD, which one git call says.
 */
function gitFactsOf(root: string, repo: Repository, asked?: { readonly state: WorkTreeState | undefined }): GitFacts | undefined {
  const journeyFiles = repo.journeys.map((journey) => journey.file);
  const state = asked ? asked.state : workTreeState(root);
  // The work tree's journeys give the versions of the old texts that are the same as theirs: whatever the
  // work tree holds when they are asked, each is the version of one text, so the facts stay true after edits.
  if (state === undefined) return gitFacts(root, journeyFiles, repo);
  const key = `${root}\n${state.head}\n${journeyFiles.join('\n')}`;
  if (factsCache?.key !== key) factsCache = { key, facts: gitFacts(root, journeyFiles, repo) };
  const { facts } = factsCache;
  return facts?.commit && facts.commit.dirty !== state.dirty ? { ...facts, commit: { ...facts.commit, dirty: state.dirty } } : facts;
}

/**
 * What each repository's last snapshot made that the next, after an edit, can keep: the
 * files' parses (only the file that changed is parsed again), the file-scoped rules'
 * findings on the files that did not change, and the views of the journeys whose inputs
 * did not change.
 */
interface Kept {
  readonly parses: ParseReuse;
  readonly findings: MemoryFindings;
  readonly views: ViewReuse;
}

const kept = new Map<string, Kept>();

/** How many files the last snapshot of the repository at `path` parsed, and how many parses it kept from the one before (with keepParses). */
export function snapshotParses(path: string): { readonly parsed: number; readonly reused: number } | undefined {
  const reuse = kept.get(path)?.parses;
  return reuse ? { parsed: reuse.parsed, reused: reuse.reused } : undefined;
}

/** What else the last snapshot of the repository at `path` kept (with keepParses): files whose file-scoped findings it kept, journeys whose views it kept. */
export function snapshotReuse(path: string): { readonly findings: { readonly kept: number; readonly checked: number }; readonly views: { readonly made: number; readonly reused: number } } | undefined {
  const reuse = kept.get(path);
  return reuse ? { findings: { kept: reuse.findings.kept, checked: reuse.findings.checked }, views: { made: reuse.views.made, reused: reuse.views.reused } } : undefined;
}

export interface SnapshotOptions {
  /** Markdown -> sanitized HTML: the site's renderer. */
  readonly markdown: (text: string) => string;
  /** The date to run the rules as of, `YYYY-MM-DD` (a reproducible build); by default today in the configured time zone. */
  readonly today?: string;
  /** Leave git out: no commit, no journey history, no score history. */
  readonly noGit?: boolean;
  /**
   * Keep each file's parse for the next snapshot of the repository (the dev server), so
   * that an edit parses only what changed. Off for a build, which takes one snapshot and
   * would only hold the parses in memory.
   */
  readonly keepParses?: boolean;
  /**
   * The caller knows that files changed since the last snapshot (a watcher said so): the
   * snapshot is made again without listing and stamping every file to find out (a tenth
   * of an edit's reload in journeys dev, on 1,000 journeys).
   */
  readonly changed?: boolean;
  /** What git said of the work tree since the files last changed (workTreeStateLater), when the caller asked it already. */
  readonly workTree?: { readonly state: WorkTreeState | undefined };
}

/** The site's data for the repository at `path`, recomputed only when a file changed. */
export function siteSnapshot(path: string, options: SnapshotOptions): SiteModel {
  const { today } = options;
  // Unknown when the caller said files changed: the next snapshot not told so makes the model again.
  const key = options.changed ? undefined : `${path}\n${today ?? ''}\n${options.noGit ? 'no-git' : ''}\n${fingerprint(path)}`;
  if (key !== undefined && cached?.key === key) return cached.model;
  let reuse = options.keepParses ? kept.get(path) : undefined;
  if (options.keepParses && reuse === undefined) kept.set(path, (reuse = { parses: parseReuse(), findings: memoryFindings(), views: viewReuse() }));
  const filesBefore = reuse?.parses.files.size;
  // check(), with the file-scoped findings kept for the files that did not change. The views read the
  // journeys' models, not their data: the parse worker sends models (LoadOptions.dataOnDemand).
  const { root, repo, parsed } = loadRepository(path, { dataOnDemand: true, ...(reuse ? { reuse: reuse.parses } : {}) });
  const day = todayFor(repo, today !== undefined ? { today } : {});
  // Told of a change that changed no file's text (a save of the same text, a second event of one save): the same model.
  const inputs = `${path}\n${day}\n${options.noGit ? 'no-git' : ''}\n${JSON.stringify(options.workTree?.state ?? null)}`;
  if (options.changed && options.workTree && reuse?.parses.parsed === 0 && reuse.parses.reused === filesBefore && cached?.inputs === inputs) return cached.model;
  const fileFindings = reuse ? fileFindingsFrom(reuse.findings, repo, findingsContext()) : undefined;
  const result = checkRepository(root, repo, { today: day, ...(fileFindings ? { fileFindings } : {}) });
  const timelines = simulate(repo);
  const git = options.noGit ? undefined : gitFactsOf(root, repo, options.workTree);
  const { journeysDir } = layoutOf(path);
  const history = historyOf(root, git?.commit?.hash, today, { repo, parsed, findings: result.findings, timelines, today: result.today, holds: (commit) => workTreeHolds(root, journeysDir, commit) });
  const model = buildModel({ result, timelines, git, markdown: options.markdown, tool: toolVersion(), scoreHistory: history, ...(reuse ? { reuse: reuse.views } : {}) });
  const words = translator(repo.config.locale);
  lazily(model, 'review', () => {
    const editUrls = new Map(model.journeys.flatMap((journey) => journey.touchpoints.map((touchpoint) => [`${journey.slug}\u0000${touchpoint.id}`, touchpoint.editUrl] as const)));
    // Asked of git by the review's pages only: an edit in journeys dev shows another page sooner without it.
    const reviewTag = git?.commit ? latestReviewTag(root) : undefined;
    return reviewView({ journeys: model.journeys, today: result.today, ...(reviewTag ? { reviewTag } : {}), editUrl: (slug, touchpoint) => editUrls.get(`${slug}\u0000${touchpoint}`), words });
  });
  lazily(model, 'customers', () => customerViews({ repo, timelines, journeys: model.journeys, channels: model.channels, scenarios: model.scenarios }));
  lazily(model, 'channelDashboard', () => channelDashboard({ journeys: model.journeys, channels: model.channels, timelines, words }));
  cached = { key, inputs, model };
  return model;
}
