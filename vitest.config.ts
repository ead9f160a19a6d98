import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: one worker for tests leaves one for the event loop of the process under test.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
