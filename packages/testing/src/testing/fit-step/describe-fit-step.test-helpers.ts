import * as tf from '@tensorflow/tfjs-core';
import { registerWasmGradientKernels } from '@framewise/backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { activateBackend, type ActiveBackend } from '../../lib/backend-target.js';
import { catalog } from '../layer-catalog/catalog.test-helpers.js';
import type { CatalogEntry } from '../layer-catalog/entry.test-helpers.js';
import { fitOneStep, type FitStepRun } from './fit-step.test-helpers.js';
import { trainingVariants } from './variants.test-helpers.js';

/**
 * Largest accepted |weight on the engine − weight on tfjs' cpu| after the step, by engine.
 * The weights start equal and SGD's rate is 1, so this bounds the gradients' difference.
 */
export const FIT_STEP_TOLERANCE: Readonly<Record<string, number>> = {
  // The same engine must give the same numbers: any difference is nondeterminism.
  cpu: 0,
  // XNNPACK and the JavaScript kernels sum float32 products in another order than tfjs cpu:
  // a few ulps per sum, through the forward pass, the loss and the backward pass of two
  // layers, on weights and gradients of order 1 (measured: at most 6e-7).
  wasm: 1e-5,
  // Shaders split sums across threads, fuse multiply-adds and approximate exp and tanh in
  // WGSL (SwiftShader, measured: at most 6e-7); 1e-4 as the inference conformance allows,
  // which leaves room for real GPUs.
  webgpu: 1e-4,
};

/** Every catalog entry, then the option variants that use other gradient kernels. */
export const fitStepEntries: CatalogEntry[] = [...catalog, ...trainingVariants];

export interface Worst {
  diff: number;
  at: string;
}

/** The largest difference between two runs' updated weights, and where. */
export function worstDifference(expected: FitStepRun, actual: FitStepRun): Worst {
  let worst: Worst = { diff: 0, at: 'nowhere' };
  expected.after.forEach((values, w) => {
    const other = actual.after[w];
    if (other?.length !== values.length) {
      throw new Error(`weight ${expected.names[w] ?? w} has another size on the engine`);
    }
    values.forEach((v, i) => {
      const got = other[i] ?? NaN;
      const diff = Math.abs(got - v);
      if (!(diff <= worst.diff)) {
        worst = { diff, at: `${expected.names[w] ?? w}[${i}]: cpu ${v}, engine ${got}` };
      }
    });
  });
  return worst;
}

/**
 * Largest move allowed to a weight the entry declares analytically still (`zeroGradients`):
 * its gradient is a sum of terms that cancel exactly in real numbers, so only their rounding
 * is left (float32 ulps of order-1 terms).
 */
export const ZERO_GRADIENT_TOLERANCE = 1e-5;

/** Whether weight `name` (prefixed by the model's layer names) is the layer weight `inner`. */
const isWeight = (name: string, inner: string): boolean =>
  name === inner || name.endsWith(`/${inner}`);

/** The entry's declared still weights among the run's: each must name at least one weight. */
function declaredStill(entry: CatalogEntry, run: FitStepRun): Set<string> {
  const declared = Object.keys(entry.zeroGradients ?? {});
  const missing = declared.filter((inner) => !run.names.some((n) => isWeight(n, inner)));
  if (missing.length > 0) {
    throw new Error(
      `zeroGradients of ${entry.title} name no weight of the model: ${missing.join(', ')}`,
    );
  }
  return new Set(run.names.filter((n) => declared.some((inner) => isWeight(n, inner))));
}

/**
 * Names of trainable weights the step left wrong: those it left unchanged (no gradient reached
 * them) unless declared still, and those declared still that it moved by more than rounding.
 */
export function wronglyMoved(entry: CatalogEntry, run: FitStepRun): string[] {
  const still = declaredStill(entry, run);
  return run.names.filter((name, w) => {
    if (run.trainable[w] !== true) return false;
    const before = run.before[w] ?? [];
    const after = run.after[w] ?? [];
    if (still.has(name)) {
      return !before.every((v, i) => Math.abs((after[i] ?? NaN) - v) <= ZERO_GRADIENT_TOLERANCE);
    }
    return before.every((v, i) => v === after[i]);
  });
}

/** Options of `describeFitStep`. */
export interface DescribeFitStepOptions {
  /** `describe`, or `requireWebgpu().describe` to skip where WebGPU is missing. */
  describe?: (title: string, fn: () => void) => void;
  /** Per-test timeout in milliseconds; default 30 000. */
  timeout?: number;
}

/**
 * One test per catalog entry and training variant: one `fit` step on `backend` leaves the
 * weights tfjs' pure-JS cpu engine leaves, within `FIT_STEP_TOLERANCE` of the engine that
 * runs, leaking no tensor, and every trainable weight moves (except those the entry declares
 * analytically still, which must not).
 */
export function describeFitStep(backend: string, options: DescribeFitStepOptions = {}): void {
  const { describe: block = describe, timeout = 30_000 } = options;
  block(`one fit step on ${backend} matches tfjs cpu`, () => {
    let active: ActiveBackend | undefined;
    let previous: string | undefined;
    let checking = false;
    beforeAll(async () => {
      // The reference too needs tfjs-backend-cpu's wrong UpSampling2D gradient replaced.
      registerWasmGradientKernels();
      previous = tf.getBackend() as string | undefined;
      active = await activateBackend(backend);
      // tfjs' per-kernel leak check (on under Jest) counts the tensors fused matMul's custom
      // gradient saves on wasm as leaked; the runs count tensors themselves instead.
      checking = tf.env().getBool('IS_TEST');
      tf.env().set('IS_TEST', false);
    });
    afterAll(async () => {
      tf.env().set('IS_TEST', checking);
      if (previous) await tf.setBackend(previous);
    });
    for (const entry of fitStepEntries) {
      it(
        entry.title,
        async () => {
          const engine = active?.engine ?? 'none';
          await tf.setBackend('cpu');
          const expected = await fitOneStep(entry);
          await tf.setBackend(engine);
          const actual = await fitOneStep(entry);
          expect(wronglyMoved(entry, expected)).toEqual([]);
          expect({ leaked: expected.leakedTensors + actual.leakedTensors }).toEqual({ leaked: 0 });
          const tolerance = FIT_STEP_TOLERANCE[engine] ?? 1e-4;
          const worst = worstDifference(expected, actual);
          if (!(worst.diff <= tolerance)) {
            throw new Error(
              `on ${engine} the weights after one step differ by ${worst.diff} ` +
                `(tolerance ${tolerance}) at ${worst.at}`,
            );
          }
        },
        timeout,
      );
    }
  });
}
