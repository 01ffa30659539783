import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { registerBooleanGradients } from './boolean-gradients.js';

// Add's gradient stands for all of them: tfjs registers them together.
const registered = (): boolean => tf.getGradient('Add') !== undefined;

/**
 * Makes sure tfjs-core's gradient functions are registered before a training
 * step. `@tensorflow/tfjs-core` does not register them on import (tfjs-layers
 * and the `@tensorflow/tfjs` umbrella do). Bundlers (Vite, webpack) resolve
 * tfjs-core's own `register_all_gradients` module; Node cannot load that
 * ES module build, so there the CommonJS build of `@tensorflow/tfjs-layers`,
 * which registers the same functions, is loaded when it is installed. Then adds the zero
 * gradients of boolean ops that tfjs-core lacks (see `registerBooleanGradients`).
 */
export async function ensureGradients(): Promise<void> {
  await ensureCoreGradients();
  registerBooleanGradients();
}

async function ensureCoreGradients(): Promise<void> {
  if (registered()) return;
  // Node would fail on (and newer versions warn about) that ES module file in a
  // CommonJS package, so it goes straight to tfjs-layers.
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
    ?.node;
  if (node === undefined) {
    try {
      await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
    } catch {
      // Not resolvable in this environment; try the next source.
    }
    if (registered()) return;
  }
  // A variable specifier keeps bundlers from requiring this optional package.
  const layers = '@tensorflow/tfjs-layers';
  try {
    await import(/* @vite-ignore */ layers);
  } catch {
    // Not installed; the error below says what to do.
  }
  if (!registered()) {
    throw new ConfigError(
      "training needs tfjs-core's gradient functions, and none are registered. In Node, install " +
        '@tensorflow/tfjs-layers (npm install @tensorflow/tfjs-layers@4.22) or import @tensorflow/tfjs ' +
        "first; in a bundle, import '@tensorflow/tfjs-core/dist/register_all_gradients'",
    );
  }
}

/** The part of tfjs-core's engine state that holds a gradient tape (not public API). */
interface TapeState {
  activeTape: { saved?: tf.Tensor[] }[] | null;
  gradientDepth: number;
}

/**
 * Frees what tfjs kept for a backward pass that never ran. When the function
 * given to `tf.variableGrads` throws (a loss refusing a target, a layer
 * failing mid-graph), tfjs leaves its tape behind with a kept copy of every
 * tensor the backward pass would have read (about 160 for an LSTM step): it
 * frees them only after a backward pass completes. This does what it does
 * then, and only at the outermost gradient level, where the tape is ours.
 */
export function disposeAbandonedTape(): void {
  const state = (tf.engine() as unknown as { state?: Partial<TapeState> }).state;
  if (state?.gradientDepth !== 0 || !Array.isArray(state.activeTape)) return;
  for (const node of state.activeTape) node.saved?.forEach((t) => t.dispose());
  state.activeTape = null;
}
