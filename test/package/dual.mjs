// The dual-package hazard: one process loads chango's ESM build (import) and its CommonJS build
// (require), as an application does when one dependency imports chango and another requires it.
// The two copies must work as one: each select takes the other's channels and cases, and the
// deadlock report lists operations blocked in either copy. Run from a project that has the
// packed chango installed (test/package/run.mjs); `node dual.mjs deadlock` ends in a deadlock.
import { createRequire } from 'node:module';
import * as esm from 'chango';
import 'chango/node';

const require = createRequire(import.meta.url);
const cjs = require('chango');
require('chango/node'); // both builds of the detector: still one report

function assert(cond, what) {
  if (!cond) throw new Error(`dual package: ${what}`);
}

if (process.argv[2] === 'deadlock') {
  const a = new esm.Channel(0, { name: 'esm-channel' });
  const b = new cjs.Channel(0, { name: 'cjs-channel' });
  void a.send(1); // a goroutine blocked in the ESM copy
  await cjs.select([cjs.recv(b), cjs.recv(new cjs.Channel(0, { name: 'cjs-channel' }))]); // main, in the CJS copy
} else {
  assert(esm.Channel !== cjs.Channel, 'the two builds are two copies');
  // Each copy's select over the other copy's channels, ready at once.
  const c = new cjs.Channel(1);
  await c.send(1);
  const r1 = await esm.select([esm.recv(c)]);
  assert(r1.index === 0 && r1.value === 1 && r1.ok, `ESM select, CJS channel: ${JSON.stringify(r1)}`);
  const e = new esm.Channel(1);
  assert(cjs.trySelect([cjs.send(e, 2)])?.index === 0, 'CJS trySelect, send to an ESM channel');
  assert(e.tryRecv()?.value === 2, 'the value arrived');
  // Parked selects, woken by the other copy.
  const p = esm.select([esm.recv(new esm.Channel()), esm.recv(c, (v, ok) => `got ${v} ${ok}`)]);
  await c.send(3);
  assert((await p) === 'got 3 true', 'a parked ESM select woken by a send on a CJS channel');
  const u = new esm.Channel();
  const q = cjs.select([cjs.send(u, 4, () => 'sent')]);
  assert((await u.recvValue()) === 4, 'an ESM receive takes the value of a parked CJS select');
  assert((await q) === 'sent', 'the parked CJS select on an ESM channel completed');
  // Cases built by one copy, selected by the other; a closed channel reads (zero, false).
  const done = new cjs.Channel();
  done.close();
  const r2 = esm.trySelect([cjs.recv(done)]);
  assert(r2?.index === 0 && r2.ok === false, 'a CJS case in an ESM select');
  // A send on a closed channel of the other copy panics with Go's message.
  let msg = '';
  try {
    esm.trySelect([esm.send(done, 1)]);
  } catch (err) {
    msg = err.message;
  }
  assert(msg === 'send on closed channel', `send on a closed CJS channel: ${msg}`);
  console.log('dual package: ESM and CommonJS builds interoperate');
}
