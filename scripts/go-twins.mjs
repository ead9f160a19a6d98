// `node scripts/go-twins.mjs`: every Go twin under examples/ runs with the command its README
// gives, `go run examples/<dir>/main.go` from the repository root (the root go.mod and go.sum
// make that work, x/sync included). The programs' own output is test/examples.test.ts's
// business; this checks that each one builds and runs: it exits 0, or with its own status
// (`exit status 2` for the deadlock and panic examples), never with a build error.
//
// Without network access to the Go module proxy, golang.org/x/sync comes from Debian's
// golang-golang-x-sync-dev (the same v0.1.0) through a temporary go.work.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const DEBIAN_XSYNC = '/usr/share/gocode/src/golang.org/x/sync';

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const files = walk(join(root, 'examples'));
const commands = new Set(files.filter((f) => f.endsWith('/main.go')).map((f) => `go run ${relative(root, f)}`));
// Every command a README gives must name a twin that exists.
for (const f of files.filter((f) => f.endsWith('README.md'))) {
  for (const m of readFileSync(f, 'utf8').matchAll(/go run (examples\/[\w/-]+\/main\.go)/g)) {
    if (!commands.has(`go run ${m[1]}`)) {
      console.log(`FAIL ${relative(root, f)} gives \`go run ${m[1]}\`, which does not exist`);
      process.exitCode = 1;
    }
  }
}

let gowork;
function run(cmd) {
  const env = { ...process.env, GOFLAGS: '' };
  if (gowork !== undefined) env.GOWORK = gowork;
  return spawnSync('bash', ['-c', cmd], { cwd: root, encoding: 'utf8', env, timeout: 300_000 });
}

let failures = 0;
for (const cmd of [...commands].sort()) {
  let r = run(cmd);
  if (r.status !== 0 && gowork === undefined && /proxy\.golang\.org|dial tcp|no such host/.test(r.stderr)) {
    if (!existsSync(DEBIAN_XSYNC)) {
      console.log('FAIL no network for the Go module proxy, and no golang-golang-x-sync-dev to fall back on');
      process.exit(1);
    }
    const dir = mkdtempSync(join(tmpdir(), 'chango-gowork-'));
    gowork = join(dir, 'go.work');
    writeFileSync(gowork, `go 1.19\n\nuse ${root}\n\nreplace golang.org/x/sync v0.1.0 => ${DEBIAN_XSYNC}\n`);
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    console.log(`(no module proxy: golang.org/x/sync from ${DEBIAN_XSYNC})`);
    r = run(cmd);
  }
  const ran = r.status === 0 || /\nexit status \d+\n?$/.test(r.stderr);
  if (ran) console.log(`ok   ${cmd}${r.status === 0 ? '' : ` (${r.stderr.trim().split('\n').at(-1)})`}`);
  else {
    failures++;
    console.log(`FAIL ${cmd}\n${r.stdout}${r.stderr}`);
  }
}
if (failures > 0) process.exitCode = 1;
