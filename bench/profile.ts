/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`): self time per function, top first.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --expose-gc --import tsx bench/run.ts --only w1 --libs chango --out -
 *   npx tsx bench/profile.ts /tmp/prof/CPU.*.cpuprofile [--top 25] [--filter src/]
 *
 * Prints self time (and % of the sampled time) for the top functions, with file:line, plus the
 * share spent in (garbage collector), (program) and (idle).
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
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function main(): void {
  const args = process.argv.slice(2);
  let top = 25;
  let filter: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--top') top = Number(args[++i]);
    else if (args[i] === '--filter') filter = args[++i] ?? null;
    else files.push(args[i]!);
  }
  if (files.length === 0) throw new Error('usage: tsx bench/profile.ts FILE.cpuprofile [--top N] [--filter TEXT]');

  const self = new Map<string, number>();
  let total = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(f, 'utf8')) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < p.samples.length; i++) {
      const node = byId.get(p.samples[i]!)!;
      const dt = p.timeDeltas[i] ?? 0;
      const cf = node.callFrame;
      const file = cf.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|src|bench)\//, '$1/');
      const key = cf.url === '' ? `${cf.functionName || '(anonymous)'}` : `${cf.functionName || '(anonymous)'}  ${file}:${cf.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + dt);
      total += dt;
    }
  }
  const rows = [...self.entries()].filter(([k]) => filter === null || k.includes(filter)).sort((a, b) => b[1] - a[1]);
  console.log(`sampled ${(total / 1000).toFixed(0)} ms`);
  for (const [k, us] of rows.slice(0, top)) {
    console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${((us * 100) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
}

main();
