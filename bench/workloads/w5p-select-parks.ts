/**
 * W5p: a select that parks every time. A sends i on the unbuffered `ping`; B loops on
 * `select { case v := <-ping: ...; case <-quit: ... }` and answers v+1 on `pong`. B always
 * reaches its select before A's next send, so every select parks. This is where the try-first
 * idiom `trySelect(cases) ?? await select(cases)` pays for its failed try: issue 16 asks that it
 * be no slower than plain `select` here. ns/message (n messages, n/2 round trips). Check: A's sum.
 * chango only: the comparison is between chango's two forms (and the floor's plain receive).
 */
import type { Meter, Workload } from '../harness.js';
import { pairedRatio } from '../harness.js';
import { Channel, FloorChannel, recv, select, trySelect } from '../peers.js';

const expected = (rounds: number) => (rounds * (rounds + 1)) / 2;

function chango(idiom: boolean) {
  return async (n: number, m: Meter): Promise<void> => {
    const rounds = n / 2;
    const ping = new Channel<number>();
    const pong = new Channel<number>();
    const quit = new Channel<void>();
    const b = (async () => {
      for (let i = 0; i < rounds; i++) {
        const cases = [recv(ping), recv(quit)] as const;
        const r = idiom ? (trySelect(cases) ?? (await select(cases))) : await select(cases);
        if (r.index !== 0) throw new Error('quit case won');
        await pong.send((r.value as number) + 1);
      }
    })();
    let sum = 0;
    for (let i = 0; i < rounds; i++) {
      await ping.send(i);
      sum += (await pong.recvValue()) as number;
    }
    await b;
    m.check('sum', sum, expected(rounds));
  };
}

async function floor(n: number, m: Meter): Promise<void> {
  const rounds = n / 2;
  const ping = new FloorChannel<number>();
  const pong = new FloorChannel<number>();
  const b = (async () => {
    for (let i = 0; i < rounds; i++) await pong.send(((await ping.recv()) as number) + 1);
  })();
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    await ping.send(i);
    sum += (await pong.recv()) as number;
  }
  await b;
  m.check('sum', sum, expected(rounds));
}

export const w5p: Workload = {
  id: 'w5p',
  title: 'W5p select that parks every time (ping-pong through a two-case select)',
  unit: 'message',
  n: 200_000,
  quickN: 10_000,
  rows: [
    { name: 'chango', kind: 'chango', run: chango(false), note: 'select([recv(ping), recv(quit)]), parks every time' },
    { name: 'chango (try-first idiom)', kind: 'chango-idiom', run: chango(true), note: 'trySelect(cases) ?? await select(cases): the try fails every time' },
    { name: 'floor: plain receive (no select)', kind: 'floor', run: floor },
  ],
  targets: [pairedRatio('W5p try-first idiom no slower than plain select when it parks (idiom / select, per round)', 'chango (try-first idiom)', 'chango', 1)],
};
