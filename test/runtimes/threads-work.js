// @ts-check
// The goroutines of the threads smoke check (threads-smoke.js): plain functions of channels, run
// on worker threads. They import nothing; threads-worker*.mjs add the chango/threads import that
// lets a pool run them.

/** Answers each ping with ping + 1, `n` times. */
export async function pong(ping, pong, n) {
  for (let i = 0; i < n; i++) await pong.send((await ping.recvValue()) + 1);
}

/** Sends 0..n-1 in order. */
export async function count(out, n) {
  for (let i = 0; i < n; i++) await out.send(i);
}

/** Everything until the channel is closed and drained. */
export async function drain(ch) {
  const got = [];
  for await (const v of ch) got.push(v);
  return got;
}

/** The fan-out's worker: for j := range jobs { results <- j * 2 }; returns how many it did. */
export async function double(jobs, results) {
  let n = 0;
  for await (const j of jobs) {
    await results.send(j * 2);
    n++;
  }
  return n;
}

/** The synchronous operations a worker has everywhere: trySend, length, close, a second close. */
export function syncOps(ch) {
  const out = [ch.trySend(1), ch.trySend(2), ch.length, ch.capacity];
  ch.close();
  try {
    ch.close();
    out.push('no error');
  } catch (e) {
    out.push(e.message);
  }
  return out;
}

/** tryRecv: a value where the runtime can read a message synchronously, else the error saying so. */
export function tryRecv(ch) {
  try {
    return ch.tryRecv();
  } catch (e) {
    return e.message;
  }
}

export function fail(message) {
  throw new Error(message);
}

/** A goroutine whose thread dies of another goroutine's uncaught error, while it waits on `ch`. */
export async function crashLater(ch) {
  setTimeout(() => {
    throw new Error('crash in another goroutine');
  }, 0);
  await ch.recv();
}

/** Go's request/reply server: `for r := range reqs { r.reply <- r.n * 2 }`, each request carrying its reply channel. */
export async function server(reqs) {
  let n = 0;
  for await (const r of reqs) {
    await r.reply.send(r.n * 2);
    n++;
  }
  return n;
}
