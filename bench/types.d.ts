/** The small part of js-csp 1.0.1 (untyped) that the benchmarks use. */
declare module 'js-csp' {
  export interface CspChannel {
    close(): void;
    readonly closed: boolean;
  }
  export interface Instruction {
    readonly __instruction: true;
  }
  export interface AltsResult {
    value: unknown;
    channel: CspChannel;
  }
  export const CLOSED: unique symbol;
  export const NO_VALUE: string;
  export function chan(bufferOrN?: number): CspChannel;
  export function go<A extends unknown[]>(
    f: (...args: A) => Generator<Instruction, unknown, any>,
    args?: A,
  ): CspChannel;
  export function put(ch: CspChannel, value: unknown): Instruction;
  export function take(ch: CspChannel): Instruction;
  export function alts(ops: (CspChannel | [CspChannel, unknown])[], options?: { priority?: boolean }): Instruction;
  export function timeout(ms: number): CspChannel;
  export function takeAsync(ch: CspChannel, cb: (v: unknown) => void): void;
  export function putAsync(ch: CspChannel, v: unknown, cb?: (ok: boolean) => void): void;
  export function poll(ch: CspChannel): unknown;
  export function offer(ch: CspChannel, v: unknown): boolean;
  const csp: {
    CLOSED: typeof CLOSED;
    NO_VALUE: typeof NO_VALUE;
    chan: typeof chan;
    go: typeof go;
    put: typeof put;
    take: typeof take;
    alts: typeof alts;
    timeout: typeof timeout;
    takeAsync: typeof takeAsync;
    putAsync: typeof putAsync;
    poll: typeof poll;
    offer: typeof offer;
  };
  export default csp;
}
