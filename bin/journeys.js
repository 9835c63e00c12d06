#!/usr/bin/env node
// Runs the TypeScript sources directly: Node strips the types (22.18 and later).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `journeys needs Node.js 22.18 or later (this is ${process.versions.node}). ` +
      'Inside this repository, run it through npm ("npx journeys ...", "npm start"), which uses the pinned Node.\n',
  );
  process.exit(2);
}
// Node keeps what it compiled (types stripped, bytecode) in a cache in the temporary folder:
// later runs start in half the time. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
const { enableCompileCache } = await import('node:module');
const cache = enableCompileCache?.();
// The parse worker and child processes inherit it through the environment.
if (cache?.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache.directory;
// Linting allocates many short-lived objects; a larger young generation halves the time spent collecting them.
const { setFlagsFromString } = await import('node:v8');
setFlagsFromString('--max-semi-space-size=64');
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
});
