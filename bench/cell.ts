/**
 * One cell of a benchmark run: one row of one workload, measured once, in a process of its own.
 * bench/run.ts bundles this file (bench/.cache/cell.mjs, so a cell starts in about 0.1 s instead
 * of tsx's 1.5 s) and runs it as
 *
 *   node --expose-gc bench/.cache/cell.mjs '{"workload":"w1","row":"chango","n":200000,"warm":true}'
 *
 * It prints one JSON line: `{"ok":true,"cell":{value,cpu,extras}}`, or `{"ok":false,"check":true,
 * "message":...}` when the row computed a wrong result.
 */
import { CheckError, measureCell } from './harness.js';
import { WORKLOADS } from './workloads/index.js';

export interface CellSpec {
  workload: string;
  row: string;
  n: number;
  warm: boolean;
}

let finished = false;
// A row whose goroutines deadlock leaves nothing for the event loop to do, and Node would exit
// with code 0 halfway through: exiting before the cell finished is a failure.
process.on('exit', () => {
  if (!finished) {
    process.stdout.write(`${JSON.stringify({ ok: false, check: false, message: 'the process ran out of work before the cell finished (deadlocked?)' })}\n`);
    process.exitCode = 1;
  }
});

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as CellSpec;
  const w = WORKLOADS.find((x) => x.id === spec.workload);
  const row = w?.rows.find((r) => r.name === spec.row);
  if (w === undefined || row === undefined || row.run === undefined) throw new Error(`no such cell: ${process.argv[2]}`);
  const cell = await measureCell(w, row, spec.n, spec.warm);
  finished = true;
  process.stdout.write(`${JSON.stringify({ ok: true, cell })}\n`);
  // A peer's timers may still be pending (cleared or not): the cell is over, do not wait for them.
  process.exit(0);
}

main().catch((e: unknown) => {
  finished = true;
  const check = e instanceof CheckError;
  process.stdout.write(`${JSON.stringify({ ok: false, check, message: check ? e.message : String((e as Error).stack ?? e) })}\n`);
  process.exitCode = 1;
});
