// Draws the pictures the docs show, by running the examples with --trace: the picture in the
// docs is the one the code makes. Run: npm run docs:pictures
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const pictures: [example: string, svg: string][] = [
  ['examples/seed/01-waitgroup/main.ts', 'docs/trace/worker-pool.svg'],
  ['examples/seed/03-close-early/panics/main.ts', 'docs/trace/premature-close.svg'],
  ['examples/seed/04-wait-in-main/main.ts', 'docs/trace/wait-in-main-deadlock.svg'],
];

for (const [example, svg] of pictures) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', example, '--trace', svg], { cwd: ROOT, encoding: 'utf8' });
  console.log(`${svg} (${example} exited with ${r.status})`);
}
