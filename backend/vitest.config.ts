import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // testkit/ (the shared test helpers) has its own tests; they run with the backend's.
    include: ['src/**/*.test.ts', '../testkit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
    hookTimeout: 60000,
    pool: 'forks',
  },
});
