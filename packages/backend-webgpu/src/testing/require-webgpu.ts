import { checkDawn, type DawnCheck } from './check-dawn.js';

type Block = (title: string, fn: () => void) => void;
type Test = (title: string, fn: () => unknown, timeout?: number) => void;

/** The test framework's globals (Jest's; Vitest and Mocha name them alike). */
interface TestGlobals {
  describe: Block & { skip: Block };
  it: Test & { skip: Test };
}

/** What a spec gets from `requireWebgpu()`. */
export interface WebgpuTestGate {
  /** Whether WebGPU (Dawn with an adapter) can run here. */
  readonly available: boolean;
  /** The adapter found, or what is missing and how to install it. */
  readonly reason: string;
  /** `describe`, or `describe.skip` with the reason in the title where WebGPU is missing. */
  readonly describe: Block;
  /** `it`, or `it.skip` with the reason in the title where WebGPU is missing. */
  readonly it: Test;
}

let cached: DawnCheck | undefined;

/**
 * For specs that need WebGPU: where it is missing, their tests are skipped with a warning that
 * says what to install; with `CI=true` that is an error instead, so CI cannot pass by skipping.
 *
 * ```ts
 * const webgpu = requireWebgpu();
 * webgpu.describe('matMul on WebGPU', () => { ... });
 * ```
 */
export function requireWebgpu(): WebgpuTestGate {
  cached ??= checkDawn();
  return gateFor(cached);
}

/** The gate for a known check result; apart from `requireWebgpu` so tests can feed it one. */
export function gateFor({ available, reason }: DawnCheck): WebgpuTestGate {
  const globals = globalThis as unknown as TestGlobals;
  if (available) return { available, reason, describe: globals.describe, it: globals.it };

  const message = `WebGPU is not available here: ${reason}`;
  if (process.env['CI'] === 'true') {
    throw new Error(`${message}. CI=true makes missing WebGPU an error rather than a skip.`);
  }
  console.warn(`${message}. Skipping the tests that need it.`);
  const skipped = (title: string): string => `${title} (skipped: WebGPU is not available)`;
  return {
    available,
    reason,
    describe: (title, fn) => globals.describe.skip(skipped(title), fn),
    it: (title, fn, timeout) => globals.it.skip(skipped(title), fn, timeout),
  };
}
