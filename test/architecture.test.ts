/**
 * Folders import one way (docs/architecture.md, "Layers"): every import of src/ goes from a
 * folder to one of a lower layer (or its own), folders never import each other in a
 * circle, the command line reaches the engine only through the public API (src/index.ts)
 * and formatters are given the rules rather than reading the registry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(REPO, 'src');

/**
 * The layer of each folder of src/, from the table in docs/architecture.md ("Layers"): rows
 * `<layer>  <folder>/ ...  <what it holds>`; `index` is src/index.ts, the public API.
 */
function documentedLayers(): Map<string, number> {
  const doc = readFileSync(join(REPO, 'docs', 'architecture.md'), 'utf8');
  const table = /### Layers\n[\s\S]*?```\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  const layers = new Map<string, number>();
  for (const row of table.split('\n')) {
    const match = /^(\d+)\s+((?:(?:[a-z-]+\/|index\.ts)\s+)+)/.exec(row);
    if (match) for (const folder of match[2]!.trim().split(/\s+/)) layers.set(folder.replace(/\/$|\.ts$/, ''), Number(match[1]));
  }
  return layers;
}

const layerOf = documentedLayers();

/** Known exceptions, as `from -> to` folder edges, each with the reason it is allowed for now. */
const KNOWN_EXCEPTIONS: ReadonlyMap<string, string> = new Map();

/** The folder of a file of src/: its first path segment, or `index` for src/index.ts. */
function folderOf(file: string): string {
  const path = relative(SRC, file).split(/[\\/]/);
  return path.length === 1 ? path[0]!.replace(/\.[^.]+$/, '') : path[0]!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:ts|js|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

interface Edge {
  readonly file: string;
  readonly target: string;
  readonly from: string;
  readonly to: string;
}

/** Every relative import of a file, by TypeScript's own reading: imports, re-exports, `import type`, `import()`. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): Edge[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .filter((imported) => imported.fileName.startsWith('.'))
    .map((imported) => {
      const target = resolve(dirname(file), imported.fileName);
      const inside = !relative(SRC, target).startsWith('..');
      return { file: relative(REPO, file), target: relative(REPO, target), from: folderOf(file), to: inside ? folderOf(target) : '(outside src)' };
    });
}

/** Imports that break the layering, as readable lines. */
function backwardImports(edges: readonly Edge[]): string[] {
  const wrong: string[] = [];
  for (const edge of edges) {
    if (edge.from === edge.to || edge.to === '(outside src)') continue;
    const from = layerOf.get(edge.from);
    const to = layerOf.get(edge.to);
    if (from === undefined || to === undefined) wrong.push(`${edge.file}: folder ${from === undefined ? edge.from : edge.to} has no layer in docs/architecture.md`);
    else if (to > from && !KNOWN_EXCEPTIONS.has(`${edge.from} -> ${edge.to}`)) wrong.push(`${edge.file} imports ${edge.target}: ${edge.from} is below ${edge.to}`);
  }
  return wrong;
}

/** Folders that import each other in a circle (strongly connected components of two or more). */
function folderCycles(edges: readonly Edge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (from === to || to === '(outside src)' || KNOWN_EXCEPTIONS.has(`${from} -> ${to}`)) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)!.add(to);
  }
  const reaches = (start: string): Set<string> => {
    const seen = new Set<string>();
    const todo = [start];
    while (todo.length > 0) {
      for (const next of graph.get(todo.pop()!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        todo.push(next);
      }
    }
    return seen;
  };
  const cycles = new Map<string, string[]>();
  for (const folder of graph.keys()) {
    const members = [...reaches(folder)].filter((other) => other !== folder && reaches(other).has(folder));
    if (members.length > 0) {
      const cycle = [folder, ...members].sort();
      cycles.set(cycle.join(), cycle);
    }
  }
  return [...cycles.values()];
}

const edges = sourceFiles(SRC).flatMap((file) => importsOf(file));

describe('the folders of src/', () => {
  it('each have a layer in docs/architecture.md', () => {
    expect(layerOf.get('model')).toBe(0);
    expect(layerOf.get('cli')).toBeGreaterThan(layerOf.get('index')!);
    const folders = new Set(sourceFiles(SRC).map(folderOf));
    expect([...folders].filter((folder) => !layerOf.has(folder))).toEqual([]);
  });

  it('import only from their own layer or lower ones', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(backwardImports(edges)).toEqual([]);
  });

  it('never import each other in a circle', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it('import nothing outside src/ but the package manifest', () => {
    const outside = edges.filter((edge) => edge.to === '(outside src)' && edge.target !== 'package.json');
    expect(outside.map((edge) => `${edge.file}: ${edge.target}`)).toEqual([]);
  });

  it('the command line reaches the engine only through the public API', () => {
    const around = edges.filter((edge) => edge.from === 'cli' && edge.to !== 'cli' && edge.to !== 'index' && edge.target !== 'package.json');
    expect(around.map((edge) => `${edge.file}: ${edge.target}`)).toEqual([]);
  });

  it('formatters are given the rules, and never read the registry', () => {
    const registry = edges.filter((edge) => edge.from === 'format' && edge.to === 'rules');
    expect(registry.map((edge) => `${edge.file}: ${edge.target}`)).toEqual([]);
  });
});

describe('the layering check', () => {
  const file = (path: string): string => join(SRC, path);

  it('finds an import from a lower layer to a higher one, in any form', () => {
    const texts = [
      "import { measureKpis } from '../score/kpis.ts';",
      "import type { Summary } from '../engine/run.ts';",
      "export { lint } from '../engine/run.ts';",
      "const run = await import('../cli/main.ts');",
    ];
    for (const text of texts) expect(backwardImports(importsOf(file('rules/x.ts'), text))).toHaveLength(1);
  });

  it('lets a folder import its own and lower layers', () => {
    const text = "import { defineRule } from '../model/rule.ts';\nimport { simulate } from '../simulate/timeline.ts';\nimport { other } from './other.ts';";
    expect(backwardImports(importsOf(file('rules/x.ts'), text))).toEqual([]);
  });

  it('finds folders that import each other in a circle', () => {
    const loop = [...importsOf(file('load/a.ts'), "import '../analyze/b.ts';"), ...importsOf(file('analyze/b.ts'), "import '../simulate/c.ts';"), ...importsOf(file('simulate/c.ts'), "import '../load/a.ts';")];
    expect(folderCycles(loop)).toEqual([['analyze', 'load', 'simulate']]);
    expect(folderCycles(loop.slice(0, 2))).toEqual([]);
  });

  it('finds a folder that has no layer', () => {
    expect(backwardImports(importsOf(file('widgets/a.ts'), "import '../model/types.ts';"))).toHaveLength(1);
  });
});
