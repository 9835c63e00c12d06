/** The bench's repositories in git, as a user's repository is (the site shows its history, lint --base reads it). */
import { spawnSync } from 'node:child_process';

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
