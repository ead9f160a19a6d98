import { describe, expect, it } from 'vitest';
import { checkSignal } from '../src/runtime/signal.js';

describe('checkSignal', () => {
  it('accepts undefined and real signals', () => {
    expect(() => checkSignal(undefined)).not.toThrow();
    expect(() => checkSignal(new AbortController().signal)).not.toThrow();
    expect(() => checkSignal(AbortSignal.timeout(1000))).not.toThrow();
  });

  it.each([null, 0, 'abort', {}, { aborted: false }, () => {}])(
    'rejects %o with a TypeError naming the option',
    (v) => {
      expect(() => checkSignal(v)).toThrow(/options.signal must be an AbortSignal/);
      expect(() => checkSignal(v)).toThrow(TypeError);
    },
  );
});
