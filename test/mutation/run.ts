/**
 * The mutation runner: shows that the property suite catches deliberately broken channels.
 *
 *   npx tsx test/mutation/run.ts [mutant-id ...]        (all mutants when none is named)
 *
 * For each mutant of test/mutation/mutants.ts: copies src/ to /tmp/chango-mutants/<id>/src,
 * applies its one anchor/replace, runs the property files (test/mutation/vitest.config.ts
 * aliases every `../../src/...` import to the copy) and records which properties failed. First
 * of all it runs the unmodified copy, which must pass: otherwise a "kill" would prove nothing.
 *
 * Environment: FC_NUM_RUNS (default: each property's moderate count), MUTANT_INCLUDE (property
 * files, comma separated globs; default: every property file of test/props). Exits non-zero if
 * the baseline fails, a mutant survives or a mutant no longer applies. src/ itself is never
 * touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorProblem, mutants, type Mutant } from './mutants.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = process.env.MUTANT_DIR ?? '/tmp/chango-mutants';
/** The property suite: every property file of test/props. */
const include = process.env.MUTANT_INCLUDE ?? 'test/props/*.props.test.ts';

interface Result {
  readonly id: string;
  readonly failed: string[];
  readonly passed: number;
  readonly seconds: number;
}

/** Copies src/ and applies the mutant; null if its anchor no longer occurs exactly once (a stale mutant, reported with the reason). */
function prepare(id: string, m: Mutant | null): string | null {
  const dir = join(scratch, id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
  if (m !== null) {
    const file = join(dir, 'src', m.file);
    const text = readFileSync(file, 'utf8');
    const problem = anchorProblem(m, text);
    if (problem !== null) {
      console.log(`STALE    ${problem}: update test/mutation/mutants.ts`);
      return null;
    }
    writeFileSync(
      file,
      text.replace(m.anchor, () => m.replace),
    );
  }
  return join(dir, 'src');
}

function run(id: string, src: string): Result {
  const out = join(scratch, id, 'result.json');
  const start = Date.now();
  spawnSync(
    'npx',
    ['vitest', 'run', '-c', 'test/mutation/vitest.config.ts', '--reporter=json', `--outputFile=${out}`],
    {
      cwd: root,
      env: { ...process.env, MUTANT_SRC: src, MUTANT_INCLUDE: include },
      stdio: ['ignore', 'ignore', 'ignore'],
    },
  );
  const seconds = (Date.now() - start) / 1000;
  if (!existsSync(out)) return { id, failed: ['(vitest produced no report: crashed?)'], passed: 0, seconds };
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    testResults: {
      name: string;
      status: string;
      message?: string;
      assertionResults: { title: string; status: string }[];
    }[];
  };
  const failed: string[] = [];
  let passed = 0;
  for (const file of report.testResults) {
    if (file.assertionResults.length === 0 && file.status === 'failed')
      failed.push(`${file.name}: ${file.message ?? 'failed to load'}`);
    for (const a of file.assertionResults) {
      if (a.status === 'failed') failed.push(a.title);
      else if (a.status === 'passed') passed++;
    }
  }
  return { id, failed, passed, seconds };
}

const wanted = process.argv.slice(2);
const selected = wanted.length === 0 ? mutants : mutants.filter((m) => wanted.includes(m.id));
const unknown = wanted.filter((w) => !mutants.some((m) => m.id === w));
if (unknown.length > 0) throw new Error(`unknown mutants: ${unknown.join(', ')}`);

const baseline = run('baseline', prepare('baseline', null) as string);
console.log(
  `baseline (unmodified src): ${baseline.passed} passed, ${baseline.failed.length} failed, ${baseline.seconds.toFixed(1)} s`,
);
if (baseline.failed.length > 0 || baseline.passed === 0) {
  console.error('The unmodified copy must pass first:', baseline.failed);
  process.exit(2);
}

const results: Result[] = [];
const stale: string[] = [];
for (const m of selected) {
  const src = prepare(m.id, m);
  if (src === null) {
    stale.push(m.id);
    continue;
  }
  const r = run(m.id, src);
  results.push(r);
  console.log(`${r.failed.length > 0 ? 'killed  ' : 'SURVIVED'} ${m.id} (${r.seconds.toFixed(1)} s)`);
  for (const f of r.failed) console.log(`           by: ${f}`);
}

console.log('\n| mutant | bug | caught by |\n|---|---|---|');
for (const r of results) {
  const m = selected.find((x) => x.id === r.id) as Mutant;
  console.log(
    `| \`${m.id}\` | ${m.bug} | ${r.failed.length > 0 ? r.failed.map((f) => `“${f}”`).join('<br>') : '**SURVIVED**'} |`,
  );
}
const survivors = results.filter((r) => r.failed.length === 0);
console.log(
  `\n${results.length - survivors.length}/${results.length} mutants killed${stale.length > 0 ? `; stale (not run): ${stale.join(', ')}` : ''}`,
);
process.exit(survivors.length > 0 || stale.length > 0 ? 1 : 0);
