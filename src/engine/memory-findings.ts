/**
 * The file-scoped rules' findings kept in memory from one check of a repository to the
 * next (`journeys dev` between edits, the score history from one commit to the next), as
 * `lint --cache` keeps them on disk: a file whose parse the load kept (ParseReuse, or a
 * commit's parse of the same text: the same file object) keeps what those rules found on
 * it, and they run on the other files alone. What they read beside their file (the
 * rules and their settings, the declarations and the metrics) keys the whole store: when
 * any of it changes, every file is checked again. The date does not: the rules that read
 * it run on every file each time, and what they find is not kept (usesToday).
 */
import type { FileFindings } from '../model/rule.ts';
import type { Finding, Repository, SourceFile, SourceKind } from '../model/types.ts';

/** The files that file-scoped rules read across files: the configuration, the declarations, the metrics. */
const SHARED_KINDS: ReadonlySet<SourceKind> = new Set(['config', 'owners', 'channels', 'personas', 'events', 'metrics']);

export interface MemoryFindings {
  /** The rules the kept findings were made for (findingsContext). */
  context: string;
  /** The shared files they were made with (the very objects of that load). */
  shared: readonly SourceFile[];
  /** By path: the file they were made on, and what the file-scoped rules found there. */
  readonly byFile: Map<string, { readonly file: SourceFile; readonly findings: readonly Finding[] }>;
  /** How many files the last check took findings from, and how many it ran the rules on. */
  kept: number;
  checked: number;
}

/** An empty store, for a first check. */
export function memoryFindings(): MemoryFindings {
  return { context: '', shared: [], byFile: new Map(), kept: 0, checked: 0 };
}

const sameFiles = (a: readonly SourceFile[], b: readonly SourceFile[]): boolean => a.length === b.length && a.every((file, index) => file === b[index]);

/**
 * The kept findings for a check of `repo` in `context` (the rules, as check.ts words
 * it), as the engine takes them (LintOptions.fileFindings): it drops what
 * was made in another context, with other shared files, or for files gone or changed,
 * and keeps what the rules find on the others.
 */
export function fileFindingsFrom(store: MemoryFindings, repo: Repository, context: string): FileFindings {
  const shared = repo.files.filter((file) => SHARED_KINDS.has(file.kind));
  const current = new Map(repo.files.map((file) => [file.path, file]));
  if (store.context !== context || !sameFiles(store.shared, shared)) store.byFile.clear();
  for (const [path, entry] of store.byFile) if (current.get(path) !== entry.file) store.byFile.delete(path);
  store.context = context;
  store.shared = shared;
  store.kept = 0;
  store.checked = 0;
  return {
    get(path) {
      const entry = store.byFile.get(path);
      if (entry === undefined) return undefined;
      store.kept += 1;
      return entry.findings;
    },
    set(path, findings) {
      const file = current.get(path);
      if (file === undefined) return;
      store.checked += 1;
      store.byFile.set(path, { file, findings });
    },
  };
}
