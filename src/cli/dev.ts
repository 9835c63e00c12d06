import { parse, todayOption } from './args.ts';
import { normalizeBase, repositoryPath, siteEnvironment } from './build.ts';
import { PACKAGE_ROOT } from './own-package.ts';
import { CommandError, EXIT, type Io } from './io.ts';
import { ruleTiming } from './timing.ts';
import { unboundYoungGeneration } from '../index.ts';

export const usage = `Usage: journeys dev [path] [options]

Serve the journey site of the repository at path (default: the current folder)
while you edit it: a page reloads by itself when a journey file, a declaration
(owners, channels, personas), a scenario or journeys.config.yaml changes.
Stop it with Ctrl+C. (Search works in the built site only: journeys build.)

Options:
      --port <n>       The port to listen on (default: 4321, or the next free one)
      --host <name>    The address to listen on (default: 127.0.0.1; 0.0.0.0 for every network)
      --base <path>    The path the site is served under (default: /)
      --today <date>   Run the rules as of this date (YYYY-MM-DD)
  -h, --help           Show this help`;


/**
 * Where `journeys dev` leaves the function that reloads the open pages, for the site's
 * content loader (site/content.config.ts) to call once it has the new model. Astro's own
 * way, a change to its data store, writes the store 500 ms after the change before it
 * tells the pages: half a second lost on every edit.
 */
const DEV_RELOAD_SLOT = Symbol.for('journeys-as-code.dev-reload');

/** What the reloader needs of Vite's dev server (the vite package is Astro's, not ours). */
interface DevServer {
  readonly environments: Readonly<Record<string, { readonly name: string; readonly hot: HotChannel }>>;
}

interface HotChannel {
  send: (...message: unknown[]) => void;
  on: (event: string, listener: (data: unknown, client: { send: (event: string, payload: unknown) => void }) => void) => void;
}

/** Where the site leaves the model its pages get, and its version (site/lib/snapshot.ts). */
const SITE_MODEL_SLOT = Symbol.for('journeys-as-code.site-model');

/**
 * A Vite plugin that makes the reloader: it clears the server's cache of each page's
 * static paths and props (Astro clears it on this event when its data store changes),
 * then tells the browsers to reload the page they show. It also answers a page that asks
 * which journeys are current once it is connected (site/scripts/dev-model.ts): one that
 * was loading when the others were told to reload reloads then.
 */
function pageReloader(): { name: string; configureServer: (server: DevServer) => void } {
  return {
    name: 'journeys-page-reload',
    configureServer(server) {
      (globalThis as Record<symbol, unknown>)[DEV_RELOAD_SLOT] = (): void => {
        for (const environment of Object.values(server.environments)) {
          if (environment.name !== 'client') environment.hot.send('astro:content-changed', {});
        }
        server.environments.client?.hot.send({ type: 'full-reload', path: '*' });
      };
      server.environments.client?.hot.on('journeys:which-model', (_data, client) => {
        const published = (globalThis as Record<symbol, { readonly version?: unknown } | undefined>)[SITE_MODEL_SLOT];
        client.send('journeys:model', { version: published?.version });
      });
    },
  };
}

/** Resolves when the process is asked to stop (Ctrl+C, or a TERM from a supervisor). */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function devCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'dev',
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      base: { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    1,
  );
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  const port = values.port === undefined ? 4321 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommandError(`--port takes a port number (0 to 65535), not "${values.port}".`);
  todayOption(values.today);
  const root = repositoryPath(io.cwd, positionals[0]);
  const host = values.host ?? '127.0.0.1';
  siteEnvironment({ root, base: values.base, today: values.today });
  // Astro resolves some packages from the current folder: serve from the site's own.
  process.chdir(PACKAGE_ROOT);
  const { dev } = await import('astro');
  const server = await dev({
    root: PACKAGE_ROOT,
    base: normalizeBase(values.base),
    server: { port, host },
    // JOURNEYS_TIMING shows Astro's own log too: how long each reload of the journeys and each page took.
    logLevel: ruleTiming(io.env.JOURNEYS_TIMING) ? 'info' : 'warn',
    vite: { plugins: [pageReloader()] },
  });
  // Once the server has started, the young generation may grow again as V8 has it by default (bin/journeys.js
  // keeps it small for a lint): each edit makes a new model, whose short-lived garbage would otherwise be
  // promoted and marked in the old generation (on 1,000 journeys, about 250 ms more an edit).
  unboundYoungGeneration();
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  io.stdout.write(`Serving the journey site of ${root} at http://${shown}:${server.address.port}${normalizeBase(values.base)}\nPages reload when a journey changes. Stop with Ctrl+C.\n`);
  await interrupted();
  await server.stop();
  return EXIT.ok;
}
