/**
 * A handle on V8's young-generation collector (a scavenge), so the timing can
 * collect before a timed call instead of letting a collection land inside one.
 * A scavenge frees the previous calls' readback arrays (their backing stores go
 * with the small ArrayBuffer objects) in well under a millisecond. A full
 * collection is not used: it costs 5–7 ms here and left the cpu backend's next
 * call 25–50% slower (64–85 ms instead of 52 ms on the Dense time-1000 row).
 *
 * Node's modules are reached through `process.getBuiltinModule`, not imported,
 * so that the timing (and the demo site's Benchmarks page, which shares it)
 * also loads in a browser, where there is no collector to call.
 */
import type * as V8 from 'node:v8';
import type * as Vm from 'node:vm';

type Gc = (options?: { type?: 'minor' | 'major' }) => void;

let cached: (() => void) | null | undefined;

type GetBuiltin = <T>(id: string) => T;

function exposed(): Gc | null {
  const own = (globalThis as { gc?: Gc }).gc;
  if (typeof own === 'function') return own;
  const host = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process;
  if (typeof host?.getBuiltinModule !== 'function') return null;
  try {
    const v8 = host.getBuiltinModule<typeof V8>('node:v8');
    const vm = host.getBuiltinModule<typeof Vm>('node:vm');
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
