import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/server/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 30_000,
    // beforeAll hooks build whole demo graphs (generate.test.ts, pages.test.ts): seconds on an idle
    // machine, far more on a busy one; Vitest's default hook timeout is 10 s.
    hookTimeout: 60_000,
  },
});
