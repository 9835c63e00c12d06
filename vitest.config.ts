import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The site imports the engine by the package's name, as astro.config.mjs resolves it here.
  resolve: { alias: [{ find: /^journeys-as-code$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // The CLI tests spawn the real command; two cores are all CI has.
    maxWorkers: 2,
    // CI reads the counts from the JSON report to print its closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results.json' }]] : ['default'],
  },
});
