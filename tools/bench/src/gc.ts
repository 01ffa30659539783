/**
 * A handle on V8's young-generation collector (a scavenge), so the timing can
 * collect before a timed call instead of letting a collection land inside one.
 * A scavenge frees the previous calls' readback arrays (their backing stores go
 * with the small ArrayBuffer objects) in well under a millisecond. A full
 * collection is not used: it costs 5–7 ms here and left the cpu backend's next
 * call 25–50% slower (64–85 ms instead of 52 ms on the Dense time-1000 row).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

type Gc = (options?: { type?: 'minor' | 'major' }) => void;

let cached: (() => void) | null | undefined;

function exposed(): Gc | null {
  const own = (globalThis as { gc?: Gc }).gc;
  if (typeof own === 'function') return own;
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn: unknown = vm.runInNewContext('gc');
    return typeof fn === 'function' ? (fn as Gc) : null;
  } catch {
    return null;
  }
}

/** A minor collection, or null if V8 does not expose `gc`. */
export function collector(): (() => void) | null {
  if (cached === undefined) {
    const gc = exposed();
    cached = gc ? () => gc({ type: 'minor' }) : null;
  }
  return cached;
}
