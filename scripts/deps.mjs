// `node scripts/deps.mjs <dir>`: installs a sub-package's own dependencies (bench/, test/runtimes/)
// from its lock file when they are missing or older than the lock. The root `npm ci` installs only
// what the unit tests need; the benchmark peers and the other runtimes are each script's business.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? '.');
const lock = join(dir, 'package-lock.json');
const installed = join(dir, 'node_modules/.package-lock.json');
if (!existsSync(lock)) {
  console.error(`${lock} is missing`);
  process.exit(1);
}
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.log(`installing ${dir}'s dependencies (npm ci)`);
  // In CI, an install script nobody declared in allowScripts fails the install.
  const strict = process.env.CI ? ['--strict-allow-scripts'] : [];
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', ...strict], { cwd: dir, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
