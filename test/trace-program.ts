/** A small traced program the picture tests share. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Channel } from '../src/index.js';
import { setGoroutineContext } from '../src/trace/context.js';
import { go, startTrace, type TraceData } from '../src/trace/index.js';
import { settle } from './helpers.js';

const als = new AsyncLocalStorage<string>();
setGoroutineContext({ run: (n, fn) => als.run(n, fn), current: () => als.getStore() });

/** The seed's pool, small: 2 workers, 4 jobs, then a send on the closed results channel. */
export async function pool(): Promise<TraceData> {
  let n = 0;
  const t = startTrace({ now: () => n++ });
  try {
    const jobs = new Channel<number>(4, { name: 'jobs' });
    const results = new Channel<number>(0, { name: 'results' });
    for (let w = 1; w <= 2; w++) {
      go(`worker ${w}`, async () => {
        for await (const j of jobs) await results.send(j * 2);
      });
    }
    for (let j = 1; j <= 4; j++) await jobs.send(j);
    jobs.close();
    for (let i = 0; i < 4; i++) await results.recv();
    results.close();
    await results.send(0).catch(() => undefined); // the panic
    void new Channel<number>(0, { name: 'never' }).recv(); // blocked forever
    await settle();
    return t.stop();
  } finally {
    t.stop();
  }
}
