/**
 * This package as the commands see it at run time: its name and version, and the
 * JSON Schemas that users' files point at. Paths are taken relative to this module,
 * so the same code works from src/cli and from a compiled lib/cli.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's folder: it holds package.json, astro.config.mjs, site/ and schema/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface OwnPackage {
  readonly name: string;
  readonly version: string;
}

let cached: OwnPackage | undefined;

export function ownPackage(): OwnPackage {
  cached ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as OwnPackage;
  return cached;
}

export type SchemaKind = 'journey' | 'scenario' | 'owners' | 'channels' | 'personas' | 'events' | 'config';

const isInside = (folder: string, path: string): boolean => {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
};

const posix = (path: string): string => path.split(sep).join('/');

/**
 * The path from `fileDir` to the schema of `kind` that a file there can name in its
 * `$schema` comment, or undefined when none would resolve for everyone who clones
 * `root`: the schema of the package installed in the repository (node_modules, after
 * `npm install`), else the running package's own when it lies inside the repository
 * (this package's own repository). A schema elsewhere (a global install, npx's cache)
 * would be a path into one person's computer.
 */
export function schemaPath(kind: SchemaKind, fileDir: string, root: string): string | undefined {
  const file = `${kind}.schema.json`;
  const installed = join(root, 'node_modules', ownPackage().name, 'schema', file);
  if (existsSync(installed)) return posix(relative(fileDir, installed));
  const own = join(PACKAGE_ROOT, 'schema', file);
  try {
    const realRoot = realpathSync(root);
    const realOwn = realpathSync(own);
    if (isInside(realRoot, realOwn)) return posix(relative(join(realRoot, relative(root, fileDir)), realOwn));
  } catch {
    // The repository or the schema cannot be resolved: no comment rather than a wrong one.
  }
  return undefined;
}

/** The first line that lets YAML editors find the schema, or nothing (see schemaPath). */
export function schemaComment(kind: SchemaKind, fileDir: string, root: string): string {
  const path = schemaPath(kind, fileDir, root);
  return path === undefined ? '' : `# yaml-language-server: $schema=${path}\n`;
}
