/**
 * W5m: the select issue's leak check. A million iterations of
 * `select { ready receive, after(1000) }`, and afterwards: the heap the loop retained (gc, loop,
 * gc) and the timers still pending. The timeout case never wins, so a library that arms a timer
 * per `after()` holds a million of them for a second, and one that leaves a waiter behind per
 * losing case grows the heap by the loop count. chango only: a peer would hold a million live
 * timers here (W5 shows them at 100k).
 */
import type { Meter, Workload } from '../harness.js';
import { atMost, gc, heapUsed, pendingTimers } from '../harness.js';
import { after, Channel, recv, select } from '../peers.js';

async function chango(n: number, m: Meter): Promise<void> {
  const ready = new Channel<number>(1);
  const timers0 = pendingTimers();
  gc();
  const heap0 = heapUsed();
  m.start();
  let sum = 0;
  for (let i = 0; i < n; i++) {
    ready.trySend(i);
    const r = await select([recv(ready), recv(after(1000))]);
    if (r.index !== 0) throw new Error('timeout case won');
    sum += r.value as number;
  }
  m.stop();
  gc();
  m.check('sum', sum, (n * (n - 1)) / 2);
  const retained = heapUsed() - heap0;
  m.extra('retained', retained / 1024);
  m.extra('perIter', retained / n);
  m.extra('timers', pendingTimers() - timers0);
}

export const w5m: Workload = {
  id: 'w5m',
  title: 'W5m a million selects with a losing after(1000): heap and timers left behind',
  unit: 'iteration',
  n: 1_000_000,
  quickN: 20_000,
  runs: 1,
  noWarmup: true,
  columns: [
    { key: 'retained', label: 'retained KiB after the loop' },
    { key: 'perIter', label: 'B/iter retained', digits: 2 },
    { key: 'timers', label: 'timers pending after' },
  ],
  rows: [{ name: 'chango', kind: 'chango', run: chango }],
  targets: [
    // Compiled code and inline-cache state stay behind whatever the count; a leak grows with it.
    atMost('W5m no heap growth over 1M iterations (<= 1 B retained per iteration)', 'chango', 1, 'perIter', ' B'),
    atMost('W5m no timer pending after 1M iterations', 'chango', 0, 'timers'),
  ],
};
