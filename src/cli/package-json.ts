/**
 * A journeys repository's package.json, completed with what it lacks and nothing
 * else: no existing value changes, keys keep their order, and the text keeps its
 * indentation and line endings (as npm itself writes it back).
 */

export interface PackageNeeds {
  /** npm scripts by name. */
  readonly scripts: Readonly<Record<string, string>>;
  /** This package, as a dev dependency. */
  readonly devDependency: { readonly name: string; readonly range: string };
  /** Dependencies whose install scripts npm must run (package.json "allowScripts"). */
  readonly allowScripts: readonly string[];
}

export type Completed =
  | {
      readonly text: string;
      /** What was added, as "section.key". */
      readonly added: readonly string[];
      /** Keys that were there with another value than ours, as "section.key (value)". */
      readonly kept: readonly string[];
      /** Sections that could not take what is missing, and why. */
      readonly notes: readonly string[];
    }
  | { readonly error: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** The package a key of allowScripts names: "esbuild", "esbuild@0.28.2" and "@scope/x@1" name esbuild, esbuild and @scope/x. */
const packageOfKey = (key: string): string => {
  const at = key.indexOf('@', 1);
  return at === -1 ? key : key.slice(0, at);
};

/** A valid npm package name made from a folder's name, or undefined. */
export function npmName(folder: string): string | undefined {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 214);
  return name === '' || name === 'node_modules' || name === 'favicon.ico' ? undefined : name;
}

/**
 * `text` (undefined: no package.json yet) with what `needs` asks for and it lacks.
 * An existing file whose text is not a JSON object is an error, never rewritten.
 */
export function completePackageJson(text: string | undefined, needs: PackageNeeds, folder: string): Completed {
  const added: string[] = [];
  const kept: string[] = [];
  const notes: string[] = [];
  const bom = text?.startsWith('\uFEFF') ? '\uFEFF' : '';
  let data: unknown;
  if (text === undefined) {
    const name = npmName(folder);
    data = { ...(name === undefined ? {} : { name }), private: true };
  } else {
    try {
      data = JSON.parse(text.slice(bom.length));
    } catch (error) {
      return { error: `not valid JSON (${(error as Error).message})` };
    }
    if (!isObject(data)) return { error: 'not a JSON object' };
  }
  const pkg = data as Json;

  const made = new Set<string>();
  /** The object at pkg[section], made when missing; undefined (and a note) when it is something else. */
  const section = (key: string): Json | undefined => {
    if (!Object.hasOwn(pkg, key)) {
      pkg[key] = {};
      made.add(key);
    }
    const value = pkg[key];
    if (isObject(value)) return value;
    notes.push(`package.json's "${key}" is not an object: nothing added to it.`);
    return undefined;
  };
  const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

  const scripts = section('scripts');
  if (scripts) {
    for (const [name, command] of Object.entries(needs.scripts)) {
      if (!Object.hasOwn(scripts, name)) {
        scripts[name] = command;
        added.push(`scripts.${name}`);
      } else if (scripts[name] !== command) kept.push(`scripts.${name} (${show(scripts[name])})`);
    }
  }

  const { name, range } = needs.devDependency;
  const declared = DEPENDENCY_SECTIONS.find((key) => isObject(pkg[key]) && Object.hasOwn(pkg[key], name));
  if (declared === undefined) {
    const devDependencies = section('devDependencies');
    if (devDependencies) {
      devDependencies[name] = range;
      added.push(`devDependencies.${name}`);
    }
  }

  if (needs.allowScripts.length > 0) {
    const allowScripts = section('allowScripts');
    if (allowScripts) {
      for (const dependency of needs.allowScripts) {
        const entry = Object.keys(allowScripts).find((key) => packageOfKey(key) === dependency);
        if (entry === undefined) {
          allowScripts[dependency] = true;
          added.push(`allowScripts.${dependency}`);
        } else if (allowScripts[entry] !== true) kept.push(`allowScripts.${entry} (${show(allowScripts[entry])})`);
      }
    }
  }

  // A section made for nothing (what it would hold is declared elsewhere) is not added.
  for (const key of made) if (Object.keys(pkg[key] as Json).length === 0) delete pkg[key];

  if (text !== undefined && added.length === 0) return { text, added, kept, notes };
  const indent = text === undefined ? 2 : (/^([ \t]+)\S/m.exec(text)?.[1] ?? 2);
  const newline = text?.includes('\r\n') ? '\r\n' : '\n';
  const end = text === undefined || /\n\s*$/.test(text) ? newline : '';
  return { text: bom + JSON.stringify(pkg, null, indent).replace(/\n/g, newline) + end, added, kept, notes };
}
