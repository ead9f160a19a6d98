import { defineConfig } from 'vitest/config';

// `npm run bench:synctest`: the bubble against vitest's fake timers (bench/synctest.vitest.ts).
export default defineConfig({
  test: { include: ['bench/synctest.vitest.ts'], pool: 'forks', maxWorkers: 1 },
});
