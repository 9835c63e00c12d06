/**
 * The scorecard over the last commits: the company's and each journey's grade at
 * each of the last commits that touched the journeys, read from git without
 * touching the work tree, so that one can see whether a journey is getting better.
 */
import { relative, sep } from 'node:path';
import { checkRepository, findingsContext } from '../engine/check.ts';
import { fileFindingsFrom, memoryFindings } from '../engine/memory-findings.ts';
import { CONFIG_FILES, resolveLayout } from '../load/discover.ts';
import { commitLoader, commitsTouching } from '../load/git.ts';
import type { ParsedFile } from '../load/parse-file.ts';
import type { Finding, Repository } from '../model/types.ts';
import { scorecards, type Letter } from '../score/scorecard.ts';
import { simulate, type Timeline } from '../simulate/timeline.ts';

/** A scope's grade at one commit. */
export interface HistoryGrade {
  readonly id: string;
  readonly name?: string;
  readonly touchpoints: number;
  /** Undefined when the scope has no touchpoint. */
  readonly score?: number;
  readonly letter?: Letter;
}

/** The grades at one commit: what a commit, the rules and the date make. */
export interface HistoryGrades {
  readonly company: HistoryGrade;
  readonly journeys: readonly HistoryGrade[];
}

/** The scorecard at one commit. */
export interface HistoryPoint extends HistoryGrades {
  readonly commit: string;
  /** The committer date, ISO 8601 with its offset. */
  readonly date: string;
  readonly subject: string;
}

/**
 * A check of the work tree, which gives the newest commit's point when the work tree
 * holds that commit's files and was checked as of the same date: loading and linting the
 * commit again would find the same.
 */
export interface CheckedWorkTree {
  readonly repo: Repository;
  readonly findings: readonly Finding[];
  readonly timelines: readonly Timeline[];
  /** The date it was checked as of, `YYYY-MM-DD`. */
  readonly today: string;
  /** Whether the work tree holds the very files (journeys folder and configuration) of `commit`. */
  readonly holds: (commit: string) => boolean;
  /** The work tree's files as parsed (LoadedRepository.parsed): a commit's file of the same text keeps its parse. */
  readonly parsed?: readonly ParsedFile[];
}

/** Grades made before, by gradesKey: a commit's grades are a function of the commit, the tool and the date. */
export interface GradesStore {
  get(key: string): HistoryGrades | undefined;
  set(key: string, grades: HistoryGrades): void;
}

export interface HistoryOptions {
  /** The date to lint each commit as of, `YYYY-MM-DD`; by default the commit's own date. */
  readonly today?: string;
  /** The work tree's check, for the newest commit's point (see CheckedWorkTree). */
  readonly checked?: CheckedWorkTree;
  /** Grades kept from earlier runs (the tool's identity is the store's to check), and where new ones go. */
  readonly store?: GradesStore;
  /**
   * Told of each commit loaded from git and checked: how many files it has, how many of them
   * kept a parse made before (the work tree's, or the commit loaded before), and how many kept
   * what the file-scoped rules found on them in the commit checked before.
   */
  readonly onLoad?: (commit: string, files: { readonly total: number; readonly kept: number; readonly findingsKept: number }) => void;
}

/** What a commit's grades are kept under, beside the tool that made them. */
export function gradesKey(commit: string, today: string): string {
  return `${commit} ${today}`;
}

/** The scorecards' grades of a repository checked as of `today`. */
export function gradesOf(repo: Repository, findings: readonly Finding[], timelines: readonly Timeline[], today: string): HistoryGrades {
  const cards = scorecards(repo, findings, timelines, today);
  const grade = (card: (typeof cards)['company']): HistoryGrade => ({
    id: card.id,
    ...(card.name !== undefined ? { name: card.name } : {}),
    touchpoints: card.touchpoints,
    ...(card.grade ? { score: card.grade.score, letter: card.grade.letter } : {}),
  });
  return { company: grade(cards.company), journeys: cards.journeys.map(grade) };
}

/**
 * The company's and each journey's score and grade at each of the last `count`
 * commits that changed the journeys folder or journeys.config.yaml, oldest first.
 * Each commit is linted with the built-in rules as of its own date (or
 * `options.today`), and its scenarios simulated. An empty list when `path` is not
 * in a git repository or the repository has no commit.
 */
export function scoreHistory(path: string, count: number, options: HistoryOptions = {}): HistoryPoint[] {
  const { root, journeysDir } = resolveLayout(path);
  if (!Number.isInteger(count) || count <= 0) return [];
  const journeysSpec = relative(root, journeysDir).split(sep).join('/') || '.';
  const commits = commitsTouching(root, [journeysSpec, ...CONFIG_FILES], count);
  const { checked, store } = options;
  // Each commit keeps the parse of every file the same as in the commit loaded before it or in the work
  // tree: most are. Without the work tree's, the oldest commit's files were all read from git and parsed.
  const workTree = checked?.parsed ?? [];
  let previous: readonly ParsedFile[] = [];
  // Made when a commit is first loaded: grades kept from an earlier build need no git.
  let load: ReturnType<typeof commitLoader> | undefined;
  // A file a commit holds as the commit checked before it did keeps its parse, and with it what the
  // file-scoped rules found there, as in journeys dev between two edits: a commit changes a few files,
  // and those rules took a third of checking each commit of 1,000 journeys. Whatever the commits' dates:
  // the rules that read the date run on every file each time (usesToday).
  const keptFindings = memoryFindings();
  return commits.map(({ hash: commit, date, subject }, index) => {
    const today = options.today ?? date.slice(0, 10);
    const key = gradesKey(commit, today);
    let grades = store?.get(key);
    if (grades === undefined) {
      // Only the newest commit can hold what the work tree does (an older one that did is followed by one that changed it).
      if (checked !== undefined && index === commits.length - 1 && checked.today === today && checked.holds(commit)) {
        grades = gradesOf(checked.repo, checked.findings, checked.timelines, today);
      } else {
        const reuse = previous.length === 0 ? workTree : workTree.length === 0 ? previous : [...previous, ...workTree];
        // Every commit's files listed at once, when the first is loaded: two git processes in all.
        const { repo, parsed } = (load ??= commitLoader(root, commits.map((listed) => listed.hash)))(commit, { reuse });
        previous = parsed;
        const fileFindings = fileFindingsFrom(keptFindings, repo, findingsContext());
        grades = gradesOf(repo, checkRepository(root, repo, { today, fileFindings }).findings, simulate(repo), today);
        if (options.onLoad) {
          const before = new Set(reuse);
          options.onLoad(commit, { total: parsed.length, kept: parsed.filter((parse) => before.has(parse)).length, findingsKept: keptFindings.kept });
        }
      }
      store?.set(key, grades);
    }
    return { commit, date, subject, company: grades.company, journeys: grades.journeys };
  });
}
