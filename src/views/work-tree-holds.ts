/**
 * Whether the work tree holds a commit's journeys: the score history's newest point is
 * then the check of the work tree itself (score-history.ts, CheckedWorkTree), with no
 * load and lint of the commit again. Asked of git with the same precautions as
 * src/load/git.ts (no optional locks, git's own words whatever the locale).
 */
import { execFileSync } from 'node:child_process';
import { relative, sep } from 'node:path';
import { CONFIG_FILES } from '../load/discover.ts';

/** git's output, or undefined when it fails or exits with another status than 0. */
function gitOut(cwd: string, args: readonly string[]): Buffer | undefined {
  try {
    return execFileSync('git', ['--literal-pathspecs', ...args], {
      cwd,
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
    });
  } catch {
    return undefined;
  }
}

/** Modes of a link and of a submodule: the loaders of the work tree and of a commit follow them differently. */
const LINK_OR_SUBMODULE = /^(?:120000|160000) /;

/**
 * Whether the files the loader reads from the work tree (the journeys folder, the
 * configuration) are exactly those of `commit`: no tracked file differs from it
 * (content, as git compares it), none is missing or added, no untracked or ignored
 * file lies there, and the commit has no link or submodule there. Any doubt, any
 * failure of git, answers false: the commit is then loaded and linted on its own.
 */
export function workTreeHolds(root: string, journeysDir: string, commit: string): boolean {
  if (!/^[0-9a-f]{40,64}$/.test(commit)) return false;
  const paths = ['--', relative(root, journeysDir).split(sep).join('/') || '.', ...CONFIG_FILES];
  const tree = gitOut(root, ['ls-tree', '-r', '-z', commit, ...paths]);
  if (tree === undefined || tree.toString('utf8').split('\0').some((entry) => LINK_OR_SUBMODULE.test(entry))) return false;
  // Exit status 0: no difference between the commit and the work tree (tracked and staged files).
  if (gitOut(root, ['diff', '--quiet', '--no-ext-diff', '--no-textconv', commit, ...paths]) === undefined) return false;
  // Untracked files, ignored ones included (the loader reads those too).
  const others = gitOut(root, ['ls-files', '-z', '--others', ...paths]);
  return others !== undefined && others.length === 0;
}
