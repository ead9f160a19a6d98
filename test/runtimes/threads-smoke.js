// @ts-check
/**
 * The cross-runtime smoke check of chango/threads: the same checks, on the built package, on
 * Node's worker_threads (Node, Bun) and on Web Workers (Deno, Bun, Chromium). Each check throws on
 * a wrong answer; `runThreadsSmoke` resolves to the names of the checks that passed. Every check
 * waits for the answers it asserts on, never for time.
 *
 * @param {typeof import('../../src/threads/index.js')} threads the built chango/threads
 * @param {string | URL} worker the worker module (threads-worker.mjs or threads-worker-web.mjs)
 * @param {{ syncValues: boolean }} can whether a worker's tryRecv can carry a value here (not in a browser)
 * @returns {Promise<string[]>}
 */
export async function runThreadsSmoke(threads, worker, can) {
  const { ThreadChannel, WorkerPool } = threads;
  const passed = [];
  const check = async (name, fn) => {
    await fn();
    passed.push(name);
  };
  const assert = (cond, msg) => {
    if (!cond) throw new Error(`threads smoke check failed: ${msg}`);
  };
  const pool = new WorkerPool(worker, { size: 2 });
  try {
    await check('threads: unbuffered rendezvous (ping-pong with a worker)', async () => {
      const ping = new ThreadChannel();
      const pong = new ThreadChannel();
      const g = pool.go('pong', ping, pong, 100);
      let sum = 0;
      for (let i = 0; i < 100; i++) {
        await ping.send(i);
        sum += await pong.recvValue();
      }
      await g;
      assert(sum === 5050 && ping.length === 0 && ping.capacity === 0, `sum ${sum}`);
    });

    await check('threads: buffered FIFO from a worker', async () => {
      const ch = new ThreadChannel(4);
      const g = pool.go('count', ch, 200);
      const got = [];
      for (let i = 0; i < 200; i++) got.push(await ch.recvValue());
      await g;
      assert(
        got.every((v, i) => v === i),
        `out of order: ${got.slice(0, 10).join()}...`,
      );
    });

    await check('threads: close seen by the workers (drain, then the loops end)', async () => {
      const ch = new ThreadChannel(16);
      for (let i = 0; i < 10; i++) await ch.send(i);
      ch.close();
      const got = await Promise.all([pool.go('drain', ch), pool.go('drain', ch)]);
      const all = got.flat().sort((a, b) => a - b);
      assert(all.join() === '0,1,2,3,4,5,6,7,8,9', JSON.stringify(got));
    });

    await check('threads: fan-out counts every value exactly once', async () => {
      const jobs = new ThreadChannel(8);
      const results = new ThreadChannel(8);
      const workers = [1, 2, 3].map(() => pool.go('double', jobs, results));
      void (async () => {
        for (let j = 1; j <= 300; j++) await jobs.send(j);
        jobs.close();
      })();
      const got = [];
      for (let i = 0; i < 300; i++) got.push(await results.recvValue());
      const counts = await Promise.all(workers);
      got.sort((a, b) => a - b);
      assert(
        got.every((v, i) => v === 2 * (i + 1)) && counts.reduce((a, b) => a + b) === 300,
        `counts ${counts}, got ${got.length}`,
      );
    });

    await check('threads: a worker closes, trySends and reads len (synchronous operations)', async () => {
      const ch = new ThreadChannel(1);
      const r = await pool.go('syncOps', ch);
      assert(JSON.stringify(r) === JSON.stringify([true, false, 1, 1, 'close of closed channel']), JSON.stringify(r));
      // Closed, seen through the API (the build shortens the internal `closed` field's name).
      const last = await ch.recv();
      assert(last.value === 1 && last.ok, JSON.stringify(last));
      const end = await ch.recv();
      assert(!end.ok, `after close and drain: ${JSON.stringify(end)}`);
    });

    await check(`threads: tryRecv on a worker ${can.syncValues ? 'takes a value' : 'says to use recv'}`, async () => {
      const ch = new ThreadChannel(1);
      await ch.send('x');
      const r = await pool.go('tryRecv', ch);
      if (can.syncValues) assert(r?.value === 'x' && r.ok === true && ch.length === 0, JSON.stringify(r));
      else assert(typeof r === 'string' && r.includes('use recv()') && ch.length === 1, JSON.stringify(r));
    });

    await check('threads: a request carrying its reply channel (a channel inside a value)', async () => {
      const reqs = new ThreadChannel();
      const g = pool.go('server', reqs);
      const reply = new ThreadChannel();
      let sum = 0;
      for (const n of [1, 2, 3]) {
        await reqs.send({ n, reply });
        sum += await reply.recvValue();
      }
      reqs.close();
      const served = await g;
      assert(sum === 12 && served === 3, `sum ${sum}, served ${served}`);
    });

    await check('threads: a goroutine that throws rejects go() with its error', async () => {
      let msg = '';
      await pool.go('fail', 'boom').catch((e) => (msg = e.message));
      assert(msg === 'boom', msg);
    });

    await check(
      'threads: an uncaught error ends its worker, rejects its goroutines, and go() starts a fresh one',
      async () => {
        const ch = new ThreadChannel();
        let msg = '';
        await pool.go('crashLater', ch).catch((e) => (msg = String(e?.message)));
        assert(msg.includes('crash in another goroutine'), msg);
        const g = pool.go('count', ch, 1);
        assert((await ch.recvValue()) === 0, 'a fresh worker');
        await g;
      },
    );
  } finally {
    await pool.close();
  }
  return passed;
}
