// Solution to exercise 3: a select between the channel and a timer's channel.
import { after, recv, select, type RecvChannel } from '../../../src/index.js';

export async function recvOrTimeout(ch: RecvChannel<number>, ms: number): Promise<number | undefined | 'timeout'> {
  return select([
    recv(ch, (v) => v), //                      case v := <-ch: return v
    recv(after(ms), () => 'timeout' as const), // case <-time.After(d): return "timeout"
  ]);
}
