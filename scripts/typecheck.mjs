// `npm run typecheck`: tsc over src, test, examples and the configs, then over bench/ when its
// peers are installed (`npm run bench` or `node scripts/deps.mjs bench` installs them; CI does).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
function check(project) {
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
check('tsconfig.json');
if (existsSync('bench/node_modules/.package-lock.json')) check('bench/tsconfig.json');
else console.log('typecheck: bench/ skipped (its peers are not installed: node scripts/deps.mjs bench)');
