/**
 * In `journeys dev` only: reloads the page when the journeys it shows are no longer the
 * server's. The server tells the open pages to reload when the journeys change
 * (src/cli/dev.ts), but a page that was loading at that moment (Vite reloads a page once
 * it has prepared the dependencies the page found) heard nothing, and would show the old
 * journeys until the next change: once connected, the page asks which journeys are current.
 */
if (import.meta.hot) {
  const shown = document.querySelector('meta[name="journeys-model"]')?.getAttribute('content');
  import.meta.hot.on('journeys:model', (current: { version?: unknown }) => {
    if (shown && typeof current.version === 'string' && current.version !== shown) location.reload();
  });
  import.meta.hot.send('journeys:which-model');
}
