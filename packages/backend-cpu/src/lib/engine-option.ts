/** Facts about an engine, shown by `useBackend` and `framewise backends`. */
export type Details = Record<string, string | number | boolean>;

/** An engine this adapter can start, with what it will say about it once running. */
export interface UsableEngine {
  usable: true;
  /** The tfjs backend name: `'tensorflow'`, `'wasm'` or `'cpu'`. */
  engine: string;
  /** Sentence fragment for the probe's reason, e.g. `using wasm (XNNPACK) with SIMD, 1 thread`. */
  reason: string;
  details: Details;
  /** Makes it the active tfjs backend; resolves to what it then runs (thread counts are known only now). */
  start(): Promise<{ reason: string; details: Details }>;
}

/** An engine this adapter cannot use here, and what to do about it. */
export interface UnusableEngine {
  usable: false;
  engine: string;
  reason: string;
}

/** One rung of the cpu adapter's ladder: native TensorFlow, then wasm, then pure JS. */
export type EngineOption = UsableEngine | UnusableEngine;
