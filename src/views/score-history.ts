/**
 * The scorecard over the last commits: the company's and each journey's grade at
 * each of the last commits that touched the journeys, read from git without
 * touching the work tree, so that one can see whether a journey is getting better.
 */
import { relative, sep } from 'node:path';
import { checkRepository } from '../engine/check.ts';
import { CONFIG_FILES, resolveLayout } from '../load/discover.ts';
import { commitsTouching, loadAtRevision } from '../load/git.ts';
import { scorecards, type Letter } from '../score/scorecard.ts';
import { simulate } from '../simulate/timeline.ts';

/** A scope's grade at one commit. */
export interface HistoryGrade {
  readonly id: string;
  readonly name?: string;
  readonly touchpoints: number;
  /** Undefined when the scope has no touchpoint. */
  readonly score?: number;
  readonly letter?: Letter;
}

/** The scorecard at one commit. */
export interface HistoryPoint {
  readonly commit: string;
  /** The committer date, ISO 8601 with its offset. */
  readonly date: string;
  readonly subject: string;
  readonly company: HistoryGrade;
  readonly journeys: readonly HistoryGrade[];
}

export interface HistoryOptions {
  /** The date to lint each commit as of, `YYYY-MM-DD`; by default the commit's own date. */
  readonly today?: string;
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
  return commits.map(({ hash: commit, date, subject }) => {
    const { repo } = loadAtRevision(root, commit);
    const today = options.today ?? date.slice(0, 10);
    const { findings } = checkRepository(root, repo, { today });
    const cards = scorecards(repo, findings, simulate(repo), today);
    const grade = (card: (typeof cards)['company']): HistoryGrade => ({
      id: card.id,
      ...(card.name !== undefined ? { name: card.name } : {}),
      touchpoints: card.touchpoints,
      ...(card.grade ? { score: card.grade.score, letter: card.grade.letter } : {}),
    });
    return { commit, date, subject, company: grade(cards.company), journeys: cards.journeys.map(grade) };
  });
}
