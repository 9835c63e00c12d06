/**
 * Timing helpers and the "parse only" baselines: read every file of a journeys
 * repository and parse its YAML, nothing else, to compare the full lint with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { load } from 'js-yaml';
import { parseDocument } from 'yaml';

export interface Timing {
  /** Milliseconds. */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(samples: readonly number[]): Timing {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), samples };
}

/** Milliseconds that `task` takes, and what it returns. */
export function time<T>(task: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = task();
  return { ms: performance.now() - start, value };
}

/**
 * A full garbage collection between runs, so that one run does not pay for the
 * garbage of the previous one. `npm run bench` passes no flags to node, so the
 * flag is set at run time; without it, runs are only a little noisier.
 */
export function collector(): () => void {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') return gc as () => void;
  } catch {
    // No collector: measure without it.
  }
  return () => undefined;
}

/** The files the loader reads: journeys, declarations and scenarios under journeys/, and the config. */
export function repositoryFiles(root: string): string[] {
  const journeysDir = join(root, 'journeys');
  const files: string[] = [];
  for (const entry of readdirSync(journeysDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.(ya?ml|md)$/.test(entry.name)) files.push(relative(root, join(entry.parentPath, entry.name)));
  }
  files.push('journeys.config.yaml');
  return files.sort();
}

/** The YAML of a file: all of it, or the front matter of a Markdown journey. */
function yamlOf(path: string, text: string): string {
  if (!path.endsWith('.md')) return text;
  if (!text.startsWith('---\n')) return '';
  const end = text.indexOf('\n---\n', 3);
  return end < 0 ? '' : text.slice(4, end + 1);
}

export interface ParseOnly {
  readonly files: number;
  readonly bytes: number;
  /** Top-level entries seen: a use of every result, so that no work can be skipped. */
  readonly keys: number;
}

function parseAll(root: string, parse: (yaml: string) => unknown): ParseOnly {
  let bytes = 0;
  let keys = 0;
  const files = repositoryFiles(root);
  for (const path of files) {
    const text = readFileSync(join(root, path), 'utf8');
    bytes += text.length;
    const data = parse(yamlOf(path, text));
    if (data !== null && typeof data === 'object') keys += Object.keys(data).length;
  }
  return { files: files.length, bytes, keys };
}

/** Reads every file and parses it with js-yaml's `load`, the parser the loader uses. */
export function parseOnlyJsYaml(root: string): ParseOnly {
  return parseAll(root, (yaml) => load(yaml));
}

/** The same with the `yaml` package's `parseDocument` (a CST and a document with positions). */
export function parseOnlyYaml(root: string): ParseOnly {
  return parseAll(root, (yaml) => parseDocument(yaml).contents);
}
