/**
 * `npm run lockfile:prune`: removes from package-lock.json the optional dependencies
 * that the lockfile has no entry for. Some registries (mirrors) do not serve every
 * platform's binary package of a release (Astro's compiler, Pagefind); npm install then
 * skips them quietly, but npm ci refuses the lockfile as out of sync. Run it after any
 * npm install that changes the lockfile.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Entry {
  optionalDependencies?: Record<string, string>;
}

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, Entry> };
const present = new Set(Object.keys(lock.packages).map((path) => path.split('node_modules/').at(-1)!));
const removed: string[] = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    if (present.has(name)) continue;
    delete entry.optionalDependencies[name];
    removed.push(`${path || '(root)'} -> ${name}`);
  }
  if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
}
if (removed.length > 0) writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(removed.length === 0 ? 'package-lock.json: nothing to prune.\n' : `package-lock.json: pruned ${removed.length} optional dependencies the registry does not serve:\n${removed.join('\n')}\n`);
