/**
 * `journeys lint --fix` and `--fix-dry-run`: the findings' certain fixes written into the
 * files they are about, as ESLint's --fix does (non-overlapping fixes per file, the
 * repository linted again, at most ten passes). A file is written only when it is still
 * the text the loader read, inside the repository once links are resolved, and it is
 * replaced whole (a temporary file beside it renamed over it, with its mode kept).
 */
import { closeSync, fchmodSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { applyFixes, escapeValue, plural, type AppliedFix, type CheckResult, type Finding, type SourceFile } from '../index.ts';
import type { Io } from './io.ts';

/** ESLint's limit: fixes that keep making fixes stop after this many passes. */
const MAX_PASSES = 10;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** The fixes of the findings to fix, by file. */
function fixesByFile(findings: readonly Finding[], wanted: (file: string) => boolean): Map<string, NonNullable<Finding['fix']>[]> {
  const byFile = new Map<string, NonNullable<Finding['fix']>[]>();
  for (const finding of findings) {
    if (!finding.fix || !wanted(finding.file)) continue;
    const fixes = byFile.get(finding.file) ?? [];
    fixes.push(finding.fix);
    byFile.set(finding.file, fixes);
  }
  return byFile;
}

/**
 * Writes `text` over the repository file `path` when it still holds `expected` (BOM
 * apart, which is kept); says why not otherwise. Never through a link out of the
 * repository: the file written is the one the loader read, at its real path.
 */
function writeFixed(root: string, path: string, expected: string, text: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(join(root, path));
    const realRoot = realpathSync(root);
    const inside = relative(realRoot, real);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return 'it is a link to a place outside the repository';
  } catch (error) {
    return `it cannot be found (${code(error)})`;
  }
  let stats;
  try {
    stats = lstatSync(real);
  } catch (error) {
    return `it cannot be found (${code(error)})`;
  }
  if (!stats.isFile()) return 'it is not a regular file';
  let bom = '';
  try {
    let now = decoder.decode(readFileSync(real));
    if (now.startsWith('\uFEFF')) [bom, now] = ['\uFEFF', now.slice(1)];
    if (now !== expected) return 'it changed since it was read';
  } catch (error) {
    return `it cannot be read again (${code(error)})`;
  }
  const temporary = join(dirname(real), `.${basename(real)}.${process.pid}.journeys-fix.tmp`);
  let created = false;
  try {
    const fd = openSync(temporary, 'wx', stats.mode & 0o7777);
    created = true;
    try {
      writeFileSync(fd, bom + text);
      fchmodSync(fd, stats.mode & 0o7777);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, real);
  } catch (error) {
    if (created) rmSync(temporary, { force: true });
    return `it could not be written (${code(error)})`;
  }
  return undefined;
}

/** `file:line: old → new`, one line per fix. */
function describe(file: SourceFile, applied: readonly AppliedFix[]): string {
  return applied
    .map((fix) => {
      const line = file.text.slice(0, fix.range[0]).split(/\r\n|\r|\n/).length;
      return `${escapeValue(file.path)}:${line}: ${escapeValue(fix.old)} → ${escapeValue(fix.text)}\n`;
    })
    .join('');
}

export interface FixOptions {
  /** Show what would change, write nothing. */
  readonly dryRun: boolean;
  /** Whether a file's findings are to be fixed (the files named on the command line). */
  readonly wanted: (file: string) => boolean;
  /** Where `--fix-dry-run`'s lines go: stdout, unless the report there is for a machine. */
  readonly changes: Io['stdout'];
}

/**
 * Lints with `run`, applies the fixes, and lints again while fixes were written (at most
 * ten passes); returns the last result, which the report shows. With `dryRun`, one pass
 * whose changes are printed and nothing is written.
 */
export function lintAndFix(run: () => CheckResult, options: FixOptions, io: Io): CheckResult {
  let result = run();
  let fixed = 0;
  const files = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES && result.configErrors.length === 0; pass += 1) {
    const sources = new Map(result.repo.files.map((file) => [file.path, file]));
    let written = 0;
    for (const [path, fixes] of fixesByFile(result.findings, options.wanted)) {
      const file = sources.get(path);
      if (!file) continue;
      const { text, applied } = applyFixes(file, fixes);
      if (applied.length === 0) continue;
      if (options.dryRun) {
        options.changes.write(describe(file, applied));
        continue;
      }
      const refused = writeFixed(result.root, path, file.text, text);
      if (refused !== undefined) {
        io.stderr.write(`journeys: ${escapeValue(path)} was not fixed: ${refused}.\n`);
        continue;
      }
      written += applied.length;
      files.add(path);
    }
    if (options.dryRun || written === 0) break;
    fixed += written;
    result = run();
  }
  if (fixed > 0) io.stderr.write(`journeys: fixed ${plural(fixed, 'problem')} in ${plural(files.size, 'file')}.\n`);
  return result;
}
