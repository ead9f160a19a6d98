/**
 * A value holding channels written out as plain data, for comparing what one thread sent with
 * what another received (test/threads/hunt.test.ts): each channel as its name (told by identity
 * on the thread that writes it out), shared parts and cycles as references to the order in which
 * their object was first met, Maps and Sets as their entries in order.
 */
export type Canon = unknown;

export function canon(x: unknown, nameOf: (c: object) => string | undefined, isChannel: (c: object) => boolean): Canon {
  const ids = new Map<object, number>();
  const walk = (v: unknown): Canon => {
    if (typeof v !== 'object' || v === null) return v;
    const n = nameOf(v);
    if (n !== undefined) return ['chan', n];
    if (isChannel(v)) return ['chan', 'unknown'];
    const id = ids.get(v);
    if (id !== undefined) return ['ref', id];
    ids.set(v, ids.size);
    if (v instanceof Map) return ['map', [...(v as Map<unknown, unknown>)].map(([k, e]) => [walk(k), walk(e)])];
    if (v instanceof Set) return ['set', [...(v as Set<unknown>)].map(walk)];
    if (Array.isArray(v)) return ['arr', v.map(walk)];
    return ['obj', Object.keys(v).map((k) => [k, walk((v as Record<string, unknown>)[k])])];
  };
  return walk(x);
}
