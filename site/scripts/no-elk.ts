/**
 * Stands in for Mermaid's ELK layout and for elkjs (astro.config.mjs aliases them
 * here): the site lays its diagrams out with dagre, so that 460 kB of JavaScript
 * (gzip) is never built into it. Should a diagram ask for ELK all the same, it
 * fails with this message rather than fetch what is not there.
 */
const MESSAGE = 'The ELK layout is not part of this site: its diagrams use the dagre layout.';

/** Mermaid's layout renderer interface. */
export function render(): Promise<never> {
  return Promise.reject(new Error(MESSAGE));
}

/** elkjs's interface. */
export default class NoElk {
  layout(): Promise<never> {
    return Promise.reject(new Error(MESSAGE));
  }
}
