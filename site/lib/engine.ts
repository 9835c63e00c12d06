/**
 * The engine's public API for the site's server code, as Node itself loads it: the
 * compiled lib/ when installed, the TypeScript sources in the tool's own repository
 * (astro.config.mjs names the file, __JOURNEYS_ENGINE__). Imported by the package's name,
 * the content loader got a copy of its own: Vite's module runner transformed and ran each
 * of the engine's modules anew, a second and more of every build before the model could
 * be made, where Node has them loaded already (the command line imports the same files),
 * with the state the command line gave them (the parse worker, the young generation's
 * bound) and the code it made fast. Outside Astro (the tests), by the package's name.
 */
import type * as Engine from 'journeys-as-code';

declare const __JOURNEYS_ENGINE__: string | undefined;

/** An import Vite does not see, so does not take over: Node's own. */
const nodeImport = new Function('url', 'return import(url)') as (url: string) => Promise<typeof Engine>;

export const engine: typeof Engine = typeof __JOURNEYS_ENGINE__ === 'string' ? await nodeImport(__JOURNEYS_ENGINE__) : await import('journeys-as-code');
