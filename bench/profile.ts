/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`): self time per function, top first.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --expose-gc --import tsx bench/run.ts --only w1 --libs chango --out -
 *   npx tsx bench/profile.ts /tmp/prof/CPU.*.cpuprofile [--top 25] [--filter src/] [--after-ms 1500]
 *
 * Prints self time for the top functions, with file, as a share of the busy (non-idle) samples,
 * including (garbage collector) and (program) (the VM itself: microtask queue, promise builtins).
 * --after-ms skips the first milliseconds of the profile (start-up: tsx compiling modules).
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function main(): void {
  const args = process.argv.slice(2);
  let top = 25;
  let filter: string | null = null;
  let afterMs = 0;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--top') top = Number(args[++i]);
    else if (args[i] === '--filter') filter = args[++i] ?? null;
    else if (args[i] === '--after-ms') afterMs = Number(args[++i]);
    else files.push(args[i]!);
  }
  if (files.length === 0) throw new Error('usage: tsx bench/profile.ts FILE.cpuprofile [--top N] [--filter TEXT]');

  const self = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(f, 'utf8')) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    let t = 0;
    for (let i = 0; i < p.samples.length; i++) {
      const node = byId.get(p.samples[i]!)!;
      const dt = p.timeDeltas[i] ?? 0;
      t += dt;
      if (t < afterMs * 1000) continue;
      if (node.callFrame.functionName === '(idle)') {
        idle += dt;
        continue;
      }
      const cf = node.callFrame;
      const file = cf.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|src|bench)\//, '$1/');
      const key =
        cf.url === ''
          ? `${cf.functionName || '(anonymous)'}`
          : `${cf.functionName || '(anonymous)'}  ${file}:${cf.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + dt);
      total += dt;
    }
  }
  const rows = [...self.entries()].filter(([k]) => filter === null || k.includes(filter)).sort((a, b) => b[1] - a[1]);
  console.log(`busy ${(total / 1000).toFixed(0)} ms (idle ${(idle / 1000).toFixed(0)} ms not counted)`);
  for (const [k, us] of rows.slice(0, top)) {
    console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${((us * 100) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
}

main();
