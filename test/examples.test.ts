/**
 * Every example is a program: each is run as a process, one at a time, and judged by its stdout,
 * stderr and exit status, as a Go program would be. Where Go's output order varies, so may
 * chango's, and the test compares multisets.
 *
 * When a Go toolchain is installed, the Go twins are built and held to the same expectations:
 * the `.go` file beside each example is the spec, and this proves the TypeScript says the same.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEADLOCK = 'fatal error: all goroutines are asleep - deadlock!';

interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

type Lang = 'ts' | 'go';

interface Example {
  /** The folder under examples/, holding main.ts and main.go. */
  dir: string;
  /** Judges one run of the program. */
  check(r: Run, lang: Lang): void;
  /** The Go twin needs golang.org/x/sync. */
  needsXSync?: boolean;
  /** The TypeScript program is run (in more detail) by test/deadlock.test.ts. */
  tsElsewhere?: boolean;
  /** For a program that starts worker threads (each loads TypeScript anew): its own time limit, in ms. */
  timeout?: number;
}

function lines(s: string): string[] {
  return s.split('\n').filter((l) => l !== '');
}

/** The 1-based line of the first line of the example's main file that contains `text`. */
function lineOf(dir: string, lang: Lang, text: string): number {
  const i = readFileSync(join(ROOT, 'examples', dir, `main.${lang}`), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`no line with ${text} in ${dir}/main.${lang}`);
  return i + 1;
}

const sorted = (xs: string[]): string[] => [...xs].sort();

const RESULTS_1_TO_10 = Array.from({ length: 10 }, (_, i) => `Result: ${2 * (i + 1)}`);

const examples: Example[] = [
  {
    dir: 'seed/01-waitgroup',
    check(r) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(sorted(lines(r.stdout))).toEqual(sorted(RESULTS_1_TO_10));
    },
  },
  {
    dir: 'seed/02-done-channel',
    check(r) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(sorted(lines(r.stdout))).toEqual(sorted(RESULTS_1_TO_10));
    },
  },
  {
    dir: 'seed/03-close-early',
    // The results are lost: main returns before any worker has sent.
    check(r) {
      expect(r).toEqual({ stdout: '', stderr: '', status: 0 });
    },
  },
  {
    dir: 'seed/03-close-early/panics',
    check(r, lang) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)[0]).toBe('panic: send on closed channel');
      const send = lang === 'ts' ? 'await results.send(result)' : 'results <- result';
      expect(r.stderr).toContain(`main.${lang}:${lineOf(this.dir, lang, send)}`);
    },
  },
  {
    dir: 'seed/04-wait-in-main',
    check(r, lang) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)[0]).toBe(DEADLOCK);
      // Go 1.25 names the wait reason sync.WaitGroup.Wait; older Go calls it semacquire.
      expect(r.stderr).toMatch(/goroutine \d* ?\[(sync\.WaitGroup\.Wait|semacquire)\]/);
      const wait = lang === 'ts' ? 'await wg.wait(); // Waits' : 'wg.Wait()      // Waits';
      expect(r.stderr).toContain(`main.${lang}:${lineOf(this.dir, lang, wait)}`);
    },
  },
  {
    dir: 'seed/05-closed-channel',
    check(r) {
      expect(r).toEqual({
        stdout: 'received 2 true\nResult: 4\nResult: 6\nreceived 0 false\nreceived 0 false\n',
        stderr: '',
        status: 0,
      });
    },
  },
  {
    dir: 'patterns/pipeline',
    check(r) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      const out = lines(r.stdout);
      expect(out.slice(0, 2)).toEqual(['16', '81']);
      expect(sorted(out.slice(2))).toEqual(sorted(['4', '9', '16']));
    },
  },
  {
    dir: 'patterns/bounded-errgroup',
    needsXSync: true,
    check(r) {
      expect(r).toEqual({
        stdout: 'squares: [1 4 9 16 25 36 49 64 81 100]\nat most 3 at once\nerror: job 4 failed\n',
        stderr: '',
        status: 0,
      });
    },
  },
  {
    dir: 'patterns/merge-select',
    check(r) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      const out = lines(r.stdout);
      expect(out.at(-1)).toBe("You're both boring; I'm leaving.");
      const merged = out.slice(0, -1);
      expect(sorted(merged)).toEqual(sorted(['Joe 0', 'Joe 1', 'Joe 2', 'Ann 0', 'Ann 1', 'Ann 2']));
      // Each sender's own messages keep their order, however the two interleave.
      expect(merged.filter((l) => l.startsWith('Joe'))).toEqual(['Joe 0', 'Joe 1', 'Joe 2']);
      expect(merged.filter((l) => l.startsWith('Ann'))).toEqual(['Ann 0', 'Ann 1', 'Ann 2']);
    },
  },
  {
    dir: 'patterns/timeout-quit',
    check(r) {
      expect(r).toEqual({
        stdout: 'no reply after 50ms: timed out\nJoe 0\nJoe 1\nJoe 2\nJoe says: "See you!"\n',
        stderr: '',
        status: 0,
      });
    },
  },
  {
    // The same prime count on one core and on worker threads; the times are printed, not judged.
    dir: 'parallel',
    timeout: 90_000,
    check(r) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = lines(r.stdout);
      expect(out).toHaveLength(3);
      expect(out[0]).toMatch(/^main thread, 8 async workers: 200 jobs, 28628 primes, \d+ ms$/);
      expect(out[1]).toMatch(/^\d+ worker threads, 8 workers: 200 jobs, 28628 primes, \d+ ms$/);
      expect(out[2]).toMatch(/^speed-up: \d+\.\d\dx$/);
    },
  },
  {
    // Channels inside values across threads: a request's reply channel, and a chan chan int.
    dir: 'chanchan',
    timeout: 90_000,
    check(r) {
      expect(r).toEqual({
        stdout:
          'primes in [0, 1000): 168\nprimes in [1000, 2000): 135\nprimes in [2000, 3000): 127\nid 1\nid 2\nid 3\n',
        stderr: '',
        status: 0,
      });
    },
  },
  {
    dir: 'patterns/prime-sieve',
    check(r) {
      expect(r).toEqual({ stdout: '2\n3\n5\n7\n11\n13\n17\n19\n23\n29\n', stderr: '', status: 0 });
    },
  },
  {
    dir: 'deadlock/unbuffered-send',
    tsElsewhere: true,
    check(r, lang) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)[0]).toBe(DEADLOCK);
      expect(r.stderr).toMatch(/goroutine \d* ?\[chan send\]/);
      const send = lang === 'ts' ? 'await results.send(42)' : 'results <- 42';
      expect(r.stderr).toContain(`main.${lang}:${lineOf(this.dir, lang, send)}`);
    },
  },
  {
    dir: 'deadlock/select-nil',
    check(r, lang) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)[0]).toBe(DEADLOCK);
      expect(r.stderr).toMatch(/goroutine \d* ?\[select\]/);
      expect(r.stderr).toMatch(/goroutine \d* ?\[chan send \(nil chan\)\]/);
      const sel = lang === 'ts' ? 'await select([' : 'select { // neither';
      expect(r.stderr).toContain(`main.${lang}:${lineOf(this.dir, lang, sel)}`);
    },
  },
  {
    dir: 'deadlock/timeout',
    check(r, lang) {
      // The timeout's timer keeps the program alive until it fires; then main is really stuck.
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('context deadline exceeded\n');
      expect(lines(r.stderr)[0]).toBe(DEADLOCK);
      expect(r.stderr).toMatch(/goroutine \d* ?\[chan receive\]/);
      const wait = lang === 'ts' ? 'await never.recv()' : '<-never //';
      expect(r.stderr).toContain(`main.${lang}:${lineOf(this.dir, lang, wait)}`);
    },
  },
  {
    dir: 'deadlock/left-behind',
    tsElsewhere: true,
    check(r) {
      expect(r).toEqual({ stdout: 'main returns\n', stderr: '', status: 0 });
    },
  },
  {
    dir: 'deadlock/main-returns',
    tsElsewhere: true,
    check(r) {
      expect(r).toEqual({ stdout: 'main returns\n', stderr: '', status: 0 });
    },
  },
];

/** Runs an example's TypeScript the way `npx tsx` does. */
function runTs(dir: string, timeout = 30_000): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('examples', dir, 'main.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('examples (TypeScript)', () => {
  for (const ex of examples) {
    it.skipIf(ex.tsElsewhere === true)(
      ex.dir,
      () => {
        ex.check(runTs(ex.dir, ex.timeout), 'ts');
      },
      ex.timeout,
    );
  }

  it('every example folder is tested', () => {
    const tested = new Set(examples.map((e) => e.dir));
    const found = spawnSync('find', ['examples', '-name', 'main.ts'], { cwd: ROOT, encoding: 'utf8' })
      .stdout.split('\n')
      .filter((l) => l !== '')
      .map((l) => l.replace(/^examples\//, '').replace(/\/main\.ts$/, ''));
    // deadlock/no-detector has no Go twin (it shows plain Node) and is run by deadlock.test.ts.
    expect(found.filter((d) => d !== 'deadlock/no-detector').sort()).toEqual([...tested].sort());
  });

  it('every example imports the package as a user does (chango, chango/node, ...), never the source by path', () => {
    const files = spawnSync('find', ['examples', '-name', '*.ts'], { cwd: ROOT, encoding: 'utf8' })
      .stdout.split('\n')
      .filter((l) => l !== '');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const specifiers = [
        ...readFileSync(join(ROOT, f), 'utf8').matchAll(/^import\s(?:[^'"]*\sfrom\s)?'([^']+)'/gm),
      ].map((m) => m[1]);
      // The package by name, Node's built-ins, and the example's own files: nothing else of the
      // repository (deadlock/no-detector takes the --trace flag from chango/node/trace, the entry
      // point without the deadlock detector).
      const allowed = (s: string): boolean => /^(?:chango(?:\/|$)|node:|\.\/)/.test(s);
      expect(
        specifiers.filter((s) => !allowed(s!)),
        f,
      ).toEqual([]);
    }
  });

  it('npm run demo runs the seed program', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['demo']).toBe('tsx examples/seed/01-waitgroup/main.ts');
  });
});

// ---- the Go twins --------------------------------------------------------------------------

const GOPATH = '/usr/share/gocode'; // where Debian's golang-golang-x-sync-dev puts x/sync
const hasGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const hasXSync = existsSync(join(GOPATH, 'src/golang.org/x/sync/errgroup'));
const buildDir = hasGo ? mkdtempSync(join(tmpdir(), 'chango-go-')) : '';

afterAll(() => {
  if (buildDir !== '') rmSync(buildDir, { recursive: true, force: true });
});

/** Builds and runs a Go twin: the binary's own exit status, not `go run`'s. */
function runGo(dir: string): Run {
  // GOPATH mode: the twins are single files, and x/sync comes from GOPATH, not the network.
  const env = {
    ...process.env,
    GO111MODULE: 'off',
    GOPATH,
    GOFLAGS: '',
    GOCACHE: process.env['GOCACHE'] ?? join(tmpdir(), 'chango-gocache'),
  };
  const bin = join(buildDir, dir.replaceAll('/', '_'));
  const b = spawnSync('go', ['build', '-o', bin, join('examples', dir, 'main.go')], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  if (b.status !== 0) throw new Error(`go build ${dir} failed:\n${b.stderr}`);
  const r = spawnSync(bin, { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe.skipIf(!hasGo)('the Go twins say the same (Go toolchain installed)', () => {
  for (const ex of examples) {
    it.skipIf(ex.needsXSync === true && !hasXSync)(
      ex.dir,
      () => {
        ex.check(runGo(ex.dir), 'go');
      },
      120_000,
    );
  }
});
