#!/usr/bin/env node
// The command line. Installed from npm, it runs the compiled JavaScript of lib/ (Node
// strips no types inside node_modules); in a checkout of its own repository, the
// TypeScript sources, whose types Node strips (22.18 and later).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
const installed = fileURLToPath(import.meta.url).split(/[\\/]/).includes('node_modules');
const compiled = new URL('../lib/cli/main.js', import.meta.url);
const fromLib = installed || !existsSync(new URL('../src/cli/main.ts', import.meta.url));
const [needMajor, needMinor] = fromLib ? [22, 12] : [22, 18];
if (major < needMajor || (major === needMajor && minor < needMinor)) {
  process.stderr.write(
    `journeys needs Node.js ${needMajor}.${needMinor} or later (this is ${process.versions.node}). ` +
      (fromLib ? 'Install a current Node.js (https://nodejs.org), then run the command again.\n' : 'Inside this repository, run it through npm ("npx journeys ...", "npm start"), which uses the pinned Node.\n'),
  );
  process.exit(2);
}
if (fromLib && !existsSync(compiled)) {
  process.stderr.write('journeys: this copy of the package has no compiled JavaScript (lib/). Reinstall it from npm, or run "npm run compile" in its repository.\n');
  process.exit(2);
}
// Node keeps what it compiled (types stripped, bytecode) in a cache in the temporary folder:
// later runs start in half the time. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
const { enableCompileCache } = await import('node:module');
const cache = enableCompileCache?.();
// The parse worker and child processes inherit it through the environment.
if (cache?.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache.directory;
// The commands that read a repository start the parse worker first thing, so that it loads the parser
// while this thread loads the rest, instead of after, when this thread is already parsing alone. A small
// repository never hands it a file: it costs the other core about a tenth of a second.
// Not for `lint --cache`, which parses only the files that changed: the worker would load the parser
// for nothing, on the core the main thread's collector works on (a cached lint of 1,000 journeys took
// 0.15-0.2 s longer). When the cache holds too few of the files, parseAll starts the worker itself.
const READERS = new Set(['lint', 'score', 'simulate', 'diff', 'codeowners', 'export', 'build', 'dev']);
const cachedLint = process.argv[2] === 'lint' && process.argv.includes('--cache');
if (READERS.has(process.argv[2] ?? '') && !cachedLint) {
  const { parseWorker, workerAllowed } = await import(fromLib ? '../lib/load/parse-worker-thread.js' : '../src/load/parse-worker-thread.ts');
  if (workerAllowed()) parseWorker();
}
// The young generation stays at its first size instead of growing to 128 MB, but while many files are parsed,
// when it may grow to 8 MB (young-generation.ts). --max-semi-space-size set here, after start-up,
// would change nothing.
const { boundYoungGeneration } = await import(fromLib ? '../lib/load/young-generation.js' : '../src/load/young-generation.ts');
boundYoungGeneration(8 * 1024 * 1024);
// A reader that stops early (journeys lint | head) closes the pipe: what the command still
// prints goes nowhere, and it ends its work (a cache, a report file) with its own exit status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error?.code !== 'EPIPE') throw error;
  });
}
const { main } = await import(fromLib ? compiled.href : '../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
});
