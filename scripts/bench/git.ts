/** The bench's repositories in git, as a user's repository is (the site shows its history, lint --base reads it). */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Runs git in `dir` as the bench's own author, throwing with git's words when it fails. */
export function git(dir: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args[0]} failed in ${dir}:\n${result.stderr}`);
}

/** Makes `dir` a git repository of one commit holding all of it. */
export function commitAll(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'The journeys');
}

/**
 * Makes `dir` a git repository with a history, as a company's journeys have: all of it in a
 * first commit, then `commits` more, each editing `perCommit` journeys (a different few
 * each time): the site's score history loads and lints each of the last 12 commits.
 */
export function commitHistory(dir: string, commits: number, perCommit: number): void {
  commitAll(dir);
  const journeys = join(dir, 'journeys');
  const files = readdirSync(journeys, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.journey.yaml'))
    .sort();
  for (let commit = 1; commit <= commits; commit += 1) {
    for (let n = 0; n < perCommit; n += 1) appendFileSync(join(journeys, files[(commit * 97 + n * 31) % files.length]!), `# reviewed again (${commit})\n`);
    git(dir, 'commit', '-q', '-a', '-m', `Journeys reviewed (${commit})`);
  }
}
