/**
 * Benchmark-only: one row of one workload in a fresh process, like bench/cell.ts, with a marker
 * line between the warm-up and the timed run so that V8's `--trace-opt --trace-deopt` output can
 * be split into "during warm-up" and "during the timed run". bench/jit.ts bundles it
 * (bench/.cache/jitcell.mjs) and runs it in many fresh processes under `stdbuf -oL`, which keeps
 * V8's printf lines and this file's writes in order.
 *
 *   node --trace-opt --trace-deopt bench/.cache/jitcell.mjs '{"workload":"w3","row":"chango","n":500000}'
 *
 * Prints `@@timed <µs>` before the timed run and `@@result {"cpu":..,"wall":..}` (ns per operation)
 * after it; with `--allow-natives-syntax`, `@@opt {...}`: `%GetOptimizationStatus` of chango's
 * hot methods after the timed run.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { measureCell } from './harness.js';
import { WORKLOADS } from './workloads/index.js';
import { Channel, WaitGroup } from '../src/index.js';

interface Spec {
  workload: string;
  row: string;
  n: number;
  /** Count the parks per channel and direction (the flow state), through a wrapper on `park`. */
  count?: boolean;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
const w = WORKLOADS.find((x) => x.id === spec.workload);
const row = w?.rows.find((r) => r.name === spec.row);
if (w === undefined || row === undefined) throw new Error(`no such cell: ${process.argv[2]}`);
/** Parks per channel (in the order the channels first parked) and direction, timed run only. */
const parks = new Map<unknown, { send: number; recv: number }>();
let counting = false;
if (spec.count === true) {
  const proto = Channel.prototype as unknown as {
    park: (this: unknown, w: { isSend: boolean }, s: unknown) => unknown;
  };
  const park = proto.park;
  proto.park = function (this: unknown, wt: { isSend: boolean }, s: unknown) {
    if (counting) {
      let c = parks.get(this);
      if (c === undefined) parks.set(this, (c = { send: 0, recv: 0 }));
      if (wt.isSend) c.send++;
      else c.recv++;
    }
    return park.call(this, wt, s);
  };
}
/**
 * A fixed piece of work that uses none of the workload's code (an async loop awaiting resolved
 * promises and allocating a little), timed in CPU ns per step right before and after the timed
 * run: how fast this process's CPU was at that time. A process that is slow for reasons outside
 * its code (another process on the sibling hyperthread, cache pressure) is slow here too.
 */
async function calibrate(): Promise<number> {
  const c0 = process.cpuUsage();
  let sum = 0;
  for (let i = 0; i < 200_000; i++) {
    const o = await Promise.resolve({ i, next: null as unknown });
    sum += o.i;
  }
  const c = process.cpuUsage(c0);
  if (sum !== (200_000 * 199_999) / 2) throw new Error('calibration');
  return ((c.user + c.system) * 1e3) / 200_000;
}
/** The same idea without allocation or promises: an integer loop, the CPU's speed alone. */
function calibrateAlu(): number {
  const c0 = process.cpuUsage();
  let x = 1;
  for (let i = 0; i < 20_000_000; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
  const c = process.cpuUsage(c0);
  if (x === 0.5) throw new Error('unreachable');
  return ((c.user + c.system) * 1e3) / 20_000_000;
}
await calibrate();
calibrateAlu();
await measureCell(w, row, Math.max(1, Math.floor(spec.n / 10)), false);
const before = await calibrate();
const aluBefore = calibrateAlu();
counting = true;
// The timed run's start on the clock V8's CPU profiles use (monotonic, microseconds).
process.stdout.write(`@@timed ${process.hrtime.bigint() / 1000n}\n`);
const c = await measureCell(w, row, spec.n, false);
process.stdout.write(`@@end ${process.hrtime.bigint() / 1000n}\n`);
counting = false;
/** The young generation's size after the timed run (MB): V8 grows it as survivors accumulate. */
const newSpace = getHeapSpaceStatistics().find((x) => x.space_name === 'new_space')!.space_size / 2 ** 20;
const calib = (before + (await calibrate())) / 2;
const alu = (aluBefore + calibrateAlu()) / 2;
const flow = [...parks.values()]
  .map((x) => `${(x.send / spec.n).toFixed(2)}s/${(x.recv / spec.n).toFixed(2)}r`)
  .join(' ');
process.stdout.write(`@@result ${JSON.stringify({ cpu: c.cpu, wall: c.value, flow, calib, alu, newSpace })}\n`);
if (process.execArgv.includes('--allow-natives-syntax')) {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const st = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
  const ch = Channel.prototype as unknown as Record<string, unknown>;
  const it = Object.getPrototypeOf(new Channel<number>()[Symbol.asyncIterator]()) as Record<string, unknown>;
  const fns: Record<string, unknown> = {
    send: ch.send,
    recvValue: ch.recvValue,
    pollRecv: ch.pollRecv,
    sendNow: ch.sendNow,
    park: ch.park,
    enqueue: ch.enqueue,
    next: it.next,
    done: (WaitGroup.prototype as unknown as Record<string, unknown>).done,
  };
  const out: Record<string, string> = {};
  // Bit 4 (16): TurboFanned; bit 5 (32): interpreted; bit 11 (2048): baseline (Sparkplug).
  for (const [k, f] of Object.entries(fns)) out[k] = (st(f) >>> 0).toString(2);
  process.stdout.write(`@@opt ${JSON.stringify(out)}\n`);
}
process.exit(0);
