// @ts-check
/**
 * The cross-runtime smoke test: the same checks, on the built package, in Node, Deno, Bun and
 * Chromium. It uses only the public API and only what every runtime has. Each check throws on a
 * wrong answer; `runSmoke` resolves to the names of the checks that passed.
 *
 * @param {typeof import('../../src/index.js')} chango
 * @param {typeof import('../../src/trace/index.js')} [trace] `chango/trace`, checked when given
 * @param {typeof import('../../src/synctest/index.js')} [synctest] the built `chango/synctest`, checked too when given
 * @returns {Promise<string[]>}
 */
export async function runSmoke(chango, trace, synctest) {
  const { Channel, select, recv, send, after, sleep, done, SendOnClosedChannelError } = chango;
  const passed = [];
  const check = async (name, fn) => {
    await fn();
    passed.push(name);
  };
  const assert = (cond, msg) => {
    if (!cond) throw new Error(`smoke check failed: ${msg}`);
  };

  await check('unbuffered ping-pong', async () => {
    const ping = new Channel();
    const pong = new Channel();
    void (async () => {
      for (let i = 0; i < 1000; i++) await pong.send((await ping.recv()).value + 1);
    })();
    let sum = 0;
    for (let i = 0; i < 1000; i++) {
      await ping.send(i);
      sum += (await pong.recv()).value;
    }
    assert(sum === 500500, `sum ${sum}`);
  });

  await check('close drains, then (zero, false)', async () => {
    const ch = new Channel(3, { zero: 0 });
    await ch.send(1);
    await ch.send(2);
    ch.close();
    const got = [];
    for await (const v of ch) got.push(v);
    const last = await ch.recv();
    assert(got.join() === '1,2' && last.ok === false && last.value === 0, JSON.stringify({ got, last }));
    let threw = false;
    try {
      await ch.send(3);
    } catch (e) {
      threw = e instanceof SendOnClosedChannelError && e.message === 'send on closed channel';
    }
    assert(threw, 'send on closed channel');
  });

  await check('select: ready case, then timeout', async () => {
    const c = new Channel(1);
    c.trySend('x');
    const r = await select([recv(c), recv(after(1000))]);
    assert(r.index === 0 && r.value === 'x', JSON.stringify(r));
    const t = await select([recv(c, () => 'value'), recv(after(5), () => 'timeout')]);
    assert(t === 'timeout', String(t));
    const s = await select([send(c, 1, () => 'sent')], { default: () => 'full' });
    assert(s === 'sent', String(s));
  });

  await check('abort and done(signal)', async () => {
    const ac = new AbortController();
    const c = new Channel();
    const p = c.recv({ signal: ac.signal }).catch((e) => e);
    const d = select([recv(done(ac.signal), () => 'done')]);
    ac.abort('stop');
    assert((await p) === 'stop', 'recv aborted with the reason');
    assert((await d) === 'done', 'done channel closed');
    assert(c.trySend(1) === false, 'the aborted receiver left no trace');
  });

  await check('timers fire on the real clock', async () => {
    await sleep(2);
  });

  if (typeof chango.withTimeout === 'function') {
    await check('Go 1.23 timers: never early, the due time, cap 0, Stop true for an unreceived value', async () => {
      const startDate = Date.now();
      const start = performance.now();
      const c = after(8);
      await sleep(30);
      assert(performance.now() - start >= 30, 'sleep(30) returned early');
      const due = (await c.recv()).value;
      assert(due.getTime() >= startDate + 8 && due.getTime() < startDate + 30, `due time ${due.getTime() - startDate}`);
      const t = new chango.Timer(1);
      await sleep(5);
      assert(t.c.capacity === 0 && t.c.length === 0, 'cap/len of a timer channel');
      assert(t.stop() === true, 'Stop of a fired, unreceived timer');
    });

    await check('context: withTimeout, withCancel (using, DOMException reasons)', async () => {
      const ctx = chango.withTimeout(undefined, 5);
      await done(ctx.signal).recv();
      assert(ctx.signal.reason.name === 'TimeoutError', String(ctx.signal.reason));
      const parent = new AbortController();
      const child = chango.withCancel(parent.signal);
      const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');
      child[dispose]();
      assert(child.signal.reason.message === 'context canceled', String(child.signal.reason));
      assert(!parent.signal.aborted, 'the parent is left alone');
    });
  }

  await check('the event loop runs during an endless ping-pong', async () => {
    const a = new Channel();
    let fired = false;
    setTimeout(() => {
      fired = true;
    }, 0);
    void (async () => {
      for (;;) if (!(await a.recv()).ok) return;
    })();
    let rounds = 0;
    while (!fired && rounds < 2_000_000) {
      await a.send(rounds++);
    }
    a.close();
    assert(fired, `timer starved for ${rounds} rounds`);
  });

  if (typeof chango.WaitGroup === 'function') {
    await check('WaitGroup', async () => {
      const wg = new chango.WaitGroup();
      let n = 0;
      for (let i = 0; i < 10; i++) {
        wg.add(1);
        void (async () => {
          await sleep(1);
          n++;
          wg.done();
        })();
      }
      await wg.wait();
      assert(n === 10, `n ${n}`);
    });
  }
  if (trace !== undefined) {
    await check('chango/trace records and draws', async () => {
      const ch = new Channel(0, { name: 'c' });
      const t = trace.startTrace();
      // The send parks during the goroutine's synchronous start, so every runtime names it.
      trace.go('w', () => ch.send(1));
      const r = await ch.recv();
      const data = t.stop();
      assert(r.value === 1, 'trace: value');
      const text = trace.formatTrace(data, { times: false });
      assert(/ w +c <- 1/.test(text) && / main +<-c 1/.test(text), `trace text:\n${text}`);
      const svg = trace.renderSvg(data);
      assert(svg.startsWith('<svg') && svg.includes('class="handoff"'), 'trace svg');
    });
  }
  if (synctest !== undefined) {
    await check('synctest: an hour of sleeps in a bubble, then a deadlock report', async () => {
      await synctest.test(async () => {
        for (let i = 0; i < 3600; i++) await sleep(1000);
        assert(chango.now().getTime() === synctest.BUBBLE_EPOCH + 3_600_000, 'virtual hour');
      });
      let message = '';
      await synctest.test(() => new Channel(0, { name: 'never' }).recv()).catch((e) => {
        message = e.message;
      });
      assert(message.startsWith('deadlock: all goroutines in bubble are blocked'), `deadlock: ${message}`);
      assert(message.includes('receive from channel "never"'), 'blocked operation listed');
    });
  }
  return passed;
}
