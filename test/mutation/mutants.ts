/**
 * Deliberately broken versions of chango, one bug each, as anchor/replace pairs on a copy of
 * src/ (test/mutation/run.ts applies them). Every one of them must be caught by at least one
 * property of test/props: a surviving mutant means a rule without a property.
 *
 * Each mutant anchors on the smallest text that is distinctive in its file: the anchor must
 * occur exactly once there, so that a change of src/ that moves or rewrites that code makes the
 * mutant fail loudly (`anchorProblem` says which mutant, which file, which anchor, and whether
 * the text was not found or found more than once) instead of silently testing nothing, while a
 * refactor of the code around it leaves the mutant alone.
 */
export interface Mutant {
  readonly id: string;
  /** The rule it breaks, in the words of docs/semantics.md. */
  readonly bug: string;
  /** Path under src/. */
  readonly file: string;
  /** The text the bug replaces: as short as it can be while occurring exactly once in `file`. */
  readonly anchor: string;
  readonly replace: string;
}

/**
 * Why `m` no longer applies to `text` (the current contents of its file), or null if its anchor
 * occurs exactly once.
 */
export function anchorProblem(m: Mutant, text: string): string | null {
  const count = text.split(m.anchor).length - 1;
  if (count === 1) return null;
  const where = count === 0 ? 'was not found' : `was found ${count} times (it must be distinctive)`;
  return `mutant ${m.id}: its anchor ${JSON.stringify(m.anchor)} ${where} in src/${m.file}`;
}

export const mutants: readonly Mutant[] = [
  {
    id: 'recv-from-tail',
    bug: 'a receive takes the newest buffered value instead of the oldest (buffer FIFO broken)',
    file: 'channel/channel.ts',
    anchor: `      const value = buf[this.head] as T;
      buf[this.head] = undefined;
      this.head = (this.head + 1) & (buf.length - 1);`,
    replace: `      const tail = (this.head + this.count - 1) & (buf.length - 1);
      const value = buf[tail] as T;
      buf[tail] = undefined;`,
  },
  {
    id: 'close-keeps-senders-blocked',
    bug: 'close does not fail the blocked senders',
    file: 'channel/channel.ts',
    anchor: `    while ((w = this.sendq.shift()) !== null) failSend(w, sendOnClosed);`,
    replace: ``,
  },
  {
    id: 'close-drops-buffer',
    bug: 'close discards the buffered values instead of letting them drain',
    file: 'channel/channel.ts',
    anchor: `this.closed = true;`,
    replace: `this.closed = true;
    this.count = 0;`,
  },
  {
    id: 'close-wakes-with-undefined',
    bug: 'close wakes blocked receivers with undefined instead of the zero value',
    file: 'channel/channel.ts',
    anchor: `completeRecv(w, this.zero, false);`,
    replace: `completeRecv(w, undefined, false);`,
  },
  {
    id: 'drained-reads-undefined',
    bug: 'a receive on a closed, drained channel reads undefined instead of the zero value',
    file: 'channel/channel.ts',
    anchor: `v === CLOSED ? { value: this.zero, ok: false }`,
    replace: `v === CLOSED ? { value: undefined, ok: false }`,
  },
  {
    id: 'waiters-lifo',
    bug: 'blocked senders and receivers are served newest first (LIFO) instead of FIFO',
    file: 'runtime/waiter.ts',
    anchor: `w.next = null;
    w.prev = this.last;
    if (this.last === null) this.first = w;
    else this.last.next = w;
    this.last = w;`,
    replace: `w.prev = null;
    w.next = this.first;
    if (this.first === null) this.last = w;
    else this.first.prev = w;
    this.first = w;`,
  },
  {
    id: 'no-refill-from-blocked-sender',
    bug: 'a receive from a full buffer does not move the oldest blocked sender into the freed slot',
    file: 'channel/channel.ts',
    anchor: `      const s = this.sendq.first;
      if (s !== null) {
        this.sendq.remove(s);
        buf[(this.head + this.count) & (buf.length - 1)] = s.value as T;
        this.count++;
        completeSend(s);
      }
      return value;`,
    replace: `      return value;`,
  },
  {
    id: 'handoff-sender-never-completes',
    bug: 'a receive that takes a blocked sender’s value (unbuffered) does not complete that sender',
    file: 'channel/channel.ts',
    anchor: `const value = s.value as T;
      completeSend(s);`,
    replace: `const value = s.value as T;`,
  },
  {
    id: 'trysend-ignores-receivers',
    bug: 'trySend fails on an unbuffered channel even when a receiver is waiting',
    file: 'channel/channel.ts',
    anchor: `return this.sendNow(value);`,
    replace: `return this.count < this.capacity ? this.sendNow(value) : false;`,
  },
  {
    id: 'abort-does-not-unlink',
    bug: 'aborting a blocked send or receive rejects it but leaves it in the queue (an aborted send is still delivered)',
    file: 'runtime/waiter.ts',
    anchor: `this.ch.unlink(this);`,
    replace: ``,
  },
  {
    id: 'preaborted-send-delivers',
    bug: 'a send given an already aborted signal still delivers its value',
    file: 'channel/channel.ts',
    anchor: `    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (this.closed) return Promise.reject(new SendOnClosedChannelError());`,
    replace: `    if (signal !== undefined && signal.aborted) {
      if (!this.closed) this.sendNow(value);
      return Promise.reject(signal.reason);
    }
    if (this.closed) return Promise.reject(new SendOnClosedChannelError());`,
  },
  {
    id: 'closed-not-recv-ready',
    bug: 'select does not see a closed channel as ready to receive',
    file: 'channel/channel.ts',
    anchor: `this.sendq.first !== null || this.closed ||`,
    replace: `this.sendq.first !== null ||`,
  },
  {
    id: 'select-always-first-ready',
    bug: 'select always picks the first ready case instead of a uniformly random one',
    file: 'select/select.ts',
    anchor: `return n === 1 ? (ready[0] as number) : (ready[Math.floor(Math.random() * n)] as number);`,
    replace: `return ready[0] as number;`,
  },
  {
    id: 'select-biased-choice',
    bug: 'select picks among ready cases with a skewed distribution (off by one: the last ready case is chosen twice as often)',
    file: 'select/select.ts',
    anchor: `(ready[Math.floor(Math.random() * n)] as number)`,
    replace: `(ready[Math.min(n - 1, Math.floor(Math.random() * (n + 1)))] as number)`,
  },
  {
    id: 'select-default-first',
    bug: 'select runs default even when a case is ready',
    file: 'select/select.ts',
    anchor: `    if (i >= 0) return completed(runReady(cs[i] as Case, i));
    if (dflt !== undefined) return completed(dflt());`,
    replace: `    if (dflt !== undefined) return completed(dflt());
    if (i >= 0) return completed(runReady(cs[i] as Case, i));`,
  },
  {
    id: 'select-siblings-stay-linked',
    bug: 'when a parked select commits one case its other cases stay in their queues (two cases can commit, values are lost)',
    file: 'select/group.ts',
    anchor: `      if (w !== winner && w.queue !== null) w.ch.unlink(w);`,
    replace: `      if (winner === null && w.queue !== null) w.ch.unlink(w);`,
  },
  {
    id: 'select-abort-leaves-cases',
    bug: 'aborting a parked select rejects it but leaves its cases in the queues',
    file: 'select/group.ts',
    anchor: `      if (w !== winner && w.queue !== null) w.ch.unlink(w);`,
    replace: `      if (winner !== null && w !== winner && w.queue !== null) w.ch.unlink(w);`,
  },
  {
    id: 'select-parks-on-nil',
    bug: 'a parked select waits on its nil-channel cases too',
    file: 'select/select.ts',
    anchor: `if (c.ch.isNil) continue;`,
    replace: ``,
  },
  {
    id: 'select-send-on-closed-proceeds',
    bug: 'a ready select send case on a closed channel does not fail',
    file: 'select/select.ts',
    anchor: `if (ch.closed) throw new SendOnClosedChannelError();
    ch.sendNow(c.value);`,
    replace: `if (!ch.closed) ch.sendNow(c.value);`,
  },
  {
    id: 'select-closed-send-case-commits',
    bug: 'closing a channel makes a parked select’s send case succeed instead of fail',
    file: 'channel/channel.ts',
    anchor: `  if (w.group !== null) return w.group.fail(w, error);`,
    replace: `  if (w.group !== null) return w.group.commit(w);`,
  },
  {
    id: 'close-fails-senders-first',
    bug: 'close fails the blocked senders before waking the blocked receivers (a select waiting on both ends of a channel then fails instead of receiving)',
    file: 'channel/channel.ts',
    anchor: `    let w: Waiter | null;
    while ((w = this.recvq.first) !== null) {
      this.unlink(w);
      completeRecv(w, this.zero, false);
    }
    while ((w = this.sendq.shift()) !== null) failSend(w, sendOnClosed);`,
    replace: `    let w: Waiter | null;
    while ((w = this.sendq.shift()) !== null) failSend(w, sendOnClosed);
    while ((w = this.recvq.first) !== null) {
      this.unlink(w);
      completeRecv(w, this.zero, false);
    }`,
  },
  {
    id: 'iterator-never-done',
    bug: 'a blocked iterator next() woken by close yields { done: false } instead of ending the loop',
    file: 'channel/channel.ts',
    anchor: `ok ? { value, done: false } : { value: undefined, done: true }`,
    replace: `{ value, done: false }`,
  },
  {
    id: 'select-send-case-always-ready',
    bug: 'select treats every send case as ready (a send case on a full channel commits and its value vanishes)',
    file: 'select/select.ts',
    anchor: `if (c.isSend ? ch.canSend() : ch.canRecv()) ready[n++] = i;`,
    replace: `if (c.isSend || ch.canRecv()) ready[n++] = i;`,
  },
  {
    id: 'wg-negative-add-clamps',
    bug: 'an add that would make the WaitGroup counter negative sets it to zero (releasing the waiters) before throwing',
    file: 'sync/waitgroup.ts',
    anchor: `    if (v < 0) throw new NegativeWaitGroupCounterError();`,
    replace: `    if (v < 0) {
      this.n = 0;
      this.finish();
      throw new NegativeWaitGroupCounterError();
    }`,
  },
  {
    id: 'wg-done-below-zero',
    bug: 'done on a zero WaitGroup counter goes negative instead of throwing',
    file: 'sync/waitgroup.ts',
    anchor: `    if (this.n === 0) throw new NegativeWaitGroupCounterError();
    if (--this.n === 0) this.finish();`,
    replace: `    if (--this.n === 0) this.finish();`,
  },
  {
    id: 'wg-release-at-one',
    bug: 'WaitGroup waiters are released when the counter reaches one instead of zero',
    file: 'sync/waitgroup.ts',
    anchor: `    this.n = v;
    if (v === 0) this.finish();`,
    replace: `    this.n = v;
    if (v <= 1) this.finish();`,
  },
  {
    id: 'eg-limit-off-by-one',
    bug: 'ErrGroup lets one more goroutine run than its limit',
    file: 'sync/errgroup.ts',
    anchor: `new Channel<void>(n, { name: 'errgroup.Group' })`,
    replace: `new Channel<void>(n + 1, { name: 'errgroup.Group' })`,
  },
  {
    id: 'eg-last-error-wins',
    bug: 'ErrGroup reports the last error instead of the first',
    file: 'sync/errgroup.ts',
    anchor: `    if (this.failed) return;
    this.failed = true;`,
    replace: `    this.failed = true;`,
  },
  {
    id: 'eg-trygo-ignores-limit',
    bug: 'ErrGroup.tryGo starts a goroutine even when no slot is free',
    file: 'sync/errgroup.ts',
    anchor: `    if (sem !== null && !sem.trySend(undefined)) return false;`,
    replace: `    if (sem !== null) sem.trySend(undefined);`,
  },
  {
    id: 'eg-wait-ignores-queued',
    bug: 'ErrGroup.wait does not wait for goroutines still queued for a slot',
    file: 'sync/errgroup.ts',
    anchor: `    const sem = this.sem;
    this.wg.add(1);
    if (sem === null || sem.trySend(undefined)) {
      this.spawnGoroutine(fn, sem);
      return completedVoid();
    }
    return sem.send(undefined).then(() => this.spawnGoroutine(fn, sem));`,
    replace: `    const sem = this.sem;
    if (sem === null || sem.trySend(undefined)) {
      this.wg.add(1);
      this.spawnGoroutine(fn, sem);
      return completedVoid();
    }
    return sem.send(undefined).then(() => {
      this.wg.add(1);
      this.spawnGoroutine(fn, sem);
    });`,
  },
  {
    id: 'timer-stop-ignores-unreceived',
    bug: 'Timer.stop() of a fired timer whose value nobody received returns false (Go 1.22, not 1.23)',
    file: 'time/chantimer.ts',
    anchor: `    const pending = this.when >= 0;
    this.when = -1;`,
    replace: `    const pending = this.when >= 0 && this.clock.now() < this.when;
    this.when = -1;`,
  },
  {
    id: 'timer-select-poll-runs-timer',
    bug: 'a select runs a due timer when it only looks at it, so a ticker case that loses buffers a tick and a later receive gets two ticks in a row',
    file: 'channel/channel.ts',
    anchor: `(this.timer !== null && this.timer.ready())`,
    replace: `(this.timer !== null && this.timer.fire())`,
  },
  {
    id: 'timer-sends-delivery-time',
    bug: 'a timer sends the time it was received instead of the time it was due',
    file: 'time/chantimer.ts',
    anchor: `this.chan.sendNow(new Date(Math.ceil(this.clock.date().getTime() - (now - due))));`,
    replace: `this.chan.sendNow(this.clock.date());`,
  },
  {
    id: 'ticker-bunches-missed-ticks',
    bug: 'a ticker read late delivers the ticks it missed one after another instead of dropping them',
    file: 'time/chantimer.ts',
    anchor: `this.when = due + this.period * (Math.floor((now - due) / this.period) + 1);`,
    replace: `this.when = due + this.period;`,
  },
  {
    id: 'timer-chan-reports-buffer',
    bug: "a timer channel's capacity reports its internal buffer of one instead of 0",
    file: 'channel/channel.ts',
    anchor: `    return this.timer === null ? this.size : 0;`,
    replace: `    return this.size;`,
  },
];
