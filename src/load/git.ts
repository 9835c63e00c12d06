import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { SourceKind } from '../model/types.ts';
import { CONFIG_FILES, kindOf, resolveLayout, UsageError } from './discover.ts';
import { parseText } from './parse-file.ts';
import { decodeText } from './read.ts';
import { assemble, type LoadedRepository } from './repository.ts';

const MAX_BUFFER = 1 << 30;

function git(cwd: string, args: readonly string[], input?: string): Buffer {
  return execFileSync('git', args, { cwd, input, maxBuffer: MAX_BUFFER, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The top of the git work tree that holds `dir`, or a clear error. */
function topLevel(dir: string): string {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch {
    throw new UsageError(`${dir} is not in a git repository: --base needs git history to compare with.`);
  }
}

/** The commit a revision names, or a clear error. */
export function resolveRevision(dir: string, revision: string): string {
  if (revision.startsWith('-')) throw new UsageError(`"${revision}" is not a revision.`);
  try {
    return git(dir, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]).toString('utf8').trim();
  } catch {
    throw new UsageError(`Unknown revision "${revision}": give a commit, branch or tag that exists in this repository (in CI, fetch it first, e.g. "git fetch origin main").`);
  }
}

/** Splits the output of `git cat-file --batch` into each object's bytes, in request order. */
function splitBatch(output: Buffer, count: number): (Buffer | undefined)[] {
  const blobs: (Buffer | undefined)[] = [];
  let offset = 0;
  for (let i = 0; i < count; i += 1) {
    const end = output.indexOf(10, offset);
    const header = output.subarray(offset, end).toString('utf8');
    offset = end + 1;
    const match = / blob (\d+)$/.exec(header);
    if (!match) {
      blobs.push(undefined);
      continue;
    }
    const size = Number(match[1]);
    blobs.push(output.subarray(offset, offset + size));
    offset += size + 1;
  }
  return blobs;
}

/**
 * The repository as it was at a git revision, read straight from git's object
 * store: nothing is checked out and nothing in the work tree is touched.
 */
export function loadAtRevision(path: string, revision: string): LoadedRepository & { readonly commit: string } {
  // Real paths on both sides: git answers with the real path of the work tree, and the user's may go through a link.
  const layout = resolveLayout(path);
  const root = realpathSync(layout.root);
  const journeysDir = realpathSync(layout.journeysDir);
  const top = realpathSync(topLevel(root));
  const commit = resolveRevision(root, revision);
  const prefix = (dir: string): string => relative(top, dir).split(sep).join('/');
  const journeysPrefix = prefix(journeysDir);
  const rootPrefix = prefix(root);
  const listed = git(top, ['ls-tree', '-r', '-z', '--name-only', commit, '--', journeysPrefix, ...CONFIG_FILES.map((name) => (rootPrefix ? `${rootPrefix}/${name}` : name))])
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  const files: { path: string; kind: SourceKind; gitPath: string }[] = [];
  for (const gitPath of listed) {
    const fromRoot = rootPrefix ? gitPath.slice(rootPrefix.length + 1) : gitPath;
    const kind = (CONFIG_FILES as readonly string[]).includes(fromRoot) ? 'config' : kindOf(gitPath.slice(journeysPrefix.length + 1));
    if (kind) files.push({ path: fromRoot, kind, gitPath });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const output = files.length === 0 ? Buffer.alloc(0) : git(top, ['cat-file', '--batch'], files.map((file) => `${commit}:${file.gitPath}\n`).join(''));
  const blobs = splitBatch(output, files.length);
  const parsed = files.map((file, index) =>
    parseText(file.path, file.kind, decodeText(blobs[index] ?? new Uint8Array())),
  );
  return { root: layout.root, commit, repo: assemble(parsed) };
}
