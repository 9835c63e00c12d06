#!/usr/bin/env node
// npm start, the README's main job: lint the example journeys, build their site
// (pages and search index) into dist/, and serve it until Ctrl+C.
//   PORT=8080 npm start      another port (default 4321, or the next free one)
//   HOST=0.0.0.0 npm start   reachable from other machines
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { main } = await import('../src/cli/main.ts');
const io = { cwd: root, env: process.env, stdout: process.stdout, stderr: process.stderr, now: () => new Date() };

process.stdout.write('== journeys lint\n');
const lint = await main(['lint'], io);
process.stdout.write('\n== journeys build\n');
// dist/ of this repository is the build's own (git ignores it): --force, so that a
// site built before sites carried their .journeys-site marker is replaced too.
const built = await main(['build', '--out', 'dist', '--force'], io);
if (built !== 0) process.exit(built);

// Our own static server, not Astro's preview: it answers a path that climbs out of
// dist/ or a malformed escape with a plain 400 or 404, never a stack trace.
const { serveSite } = await import('./preview-server.ts');
const host = process.env.HOST || '127.0.0.1';
const { server, port } = await serveSite(`${root}dist`, host, Number(process.env.PORT) || 4321);
const shown = host === '0.0.0.0' ? 'localhost' : host;
process.stdout.write(
  `\n== The journey site is at http://${shown}:${port}/\n` +
    (lint === 0 ? '' : 'The lint found errors: the site shows them on each journey and on its Findings page.\n') +
    'Stop with Ctrl+C.\n',
);
const stop = () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
