/**
 * The `--interleave` mode of bench/ab.ts: both builds of one row in ONE process, run in turns
 * (base then new, new then base, ...), a chunk of n operations each. bench/ab.ts bundles the
 * workloads twice (bench/.cache/ab-base-w.mjs with the base's src/, ab-new-w.mjs with this
 * tree's) and this driver, then runs
 *
 *   node --expose-gc bench/.cache/abpair.mjs BASE.mjs NEW.mjs '{"workload":"w3","row":"chango","n":50000,"rounds":20}'
 *
 * Why: on a loaded machine, consecutive processes differ by up to 2x, and pairing them needs
 * many rounds to show a 10% change. Chunks tens of milliseconds apart in one process meet the
 * same load, so the per-round ratio is far steadier. The price: both copies share one heap and
 * one GC, and the JIT state of a long-running process, so use it for A/B of a change, and
 * bench/run.ts (a fresh process per cell) for the figures that are published.
 *
 * Prints one JSON line: `{"base":[ns/op...],"new":[ns/op...],"cpuBase":[...],"cpuNew":[...]}`.
 */
import type { Workload } from './harness.js';
import { measureCell } from './harness.js';

interface PairSpec {
  workload: string;
  row: string;
  n: number;
  rounds: number;
}

async function load(file: string, spec: PairSpec) {
  const { WORKLOADS } = (await import(file)) as { WORKLOADS: Workload[] };
  const w = WORKLOADS.find((x) => x.id === spec.workload);
  const row = w?.rows.find((r) => r.name === spec.row);
  if (w === undefined || row === undefined) throw new Error(`no such row in ${file}: ${spec.workload} / ${spec.row}`);
  return { w, row };
}

async function main(): Promise<void> {
  const [baseFile, newFile, json] = process.argv.slice(2);
  if (baseFile === undefined || newFile === undefined || json === undefined)
    throw new Error('usage: abpair BASE NEW SPEC');
  const spec = JSON.parse(json) as PairSpec;
  const builds = [await load(baseFile, spec), await load(newFile, spec)];
  // One untimed warm-up each (measureCell's own, at n/10), then the timed turns.
  for (const b of builds) await measureCell(b.w, b.row, spec.n, true);
  const wall: number[][] = [[], []];
  const cpu: number[][] = [[], []];
  for (let round = 0; round < spec.rounds; round++) {
    for (const i of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const b = builds[i]!;
      const c = await measureCell(b.w, b.row, spec.n, false);
      wall[i]!.push(c.value);
      cpu[i]!.push(c.cpu);
    }
  }
  process.stdout.write(`${JSON.stringify({ base: wall[0], new: wall[1], cpuBase: cpu[0], cpuNew: cpu[1] })}\n`);
  process.exit(0);
}

await main();
