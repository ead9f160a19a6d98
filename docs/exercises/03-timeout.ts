// Exercise 3: add a timeout with select.
//
// recvOrTimeout() waits for the next value of `ch`. Make it give up after `ms` milliseconds and
// return the string 'timeout' instead, with select and after (Go: select { case v := <-ch: ...
// case <-time.After(d): ... }).
// Check: EXERCISES=mine npx vitest run test/exercises.test.ts -t "exercise 3"
import type { RecvChannel } from '../../src/index.js';

export async function recvOrTimeout(ch: RecvChannel<number>, ms: number): Promise<number | undefined | 'timeout'> {
  void ms; // TODO: use it
  return ch.recvValue();
}
