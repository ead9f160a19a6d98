/**
 * The one object that every copy of chango in a process shares. An application whose
 * dependencies load both the ESM and the CommonJS build has two copies of every module; they find
 * each other through this registry entry on `globalThis`, so that a select of one copy runs the
 * other copy's channels and one deadlock detector hears the parks of both. One entry for all of
 * it, rather than one registry key per module: each key is code in every bundle with a channel.
 */
/** What the copies share. */
export interface Shared {
  /**
   * The sentinels a channel's `pollRecv` returns (would block; closed and drained), which a select
   * of either copy must recognise. Private symbols rather than registry ones, so that no value a
   * program sends can ever be taken for them.
   */
  readonly empty: symbol;
  readonly closed: symbol;
  /**
   * The installed park tracker (the deadlock detector, a synctest bubble); null costs one check.
   * Typed loosely here, as waiter.ts's `ParkTracker`, which reads and writes it.
   */
  tracker: { park(p: object, sited?: boolean): void } | null;
}

/** The registry entry: created by the first copy to load, found by the others. */
export const shared: Shared = ((globalThis as { [key: symbol]: Shared | undefined })[Symbol.for('chango')] ??= {
  empty: Symbol('chango.empty'),
  closed: Symbol('chango.closed'),
  tracker: null,
});
