import { at } from '@framewise/core';
import * as tf from '@tensorflow/tfjs-core';
import { outcome, type CheckOutcome } from './check-outcome.js';
import { errorText } from './kit-compare.js';
import {
  applyConcrete,
  applySymbolic,
  asCall,
  firstCall,
  firstIsMulti,
  firstShapes,
  inputList,
  makeInputs,
  makeLayer,
  makeMask,
  openShape,
  outputList,
  type AnyLayerKitSpec,
} from './kit-inputs.js';

/** Calls measured per mode, after a first call in each mode (the build, any lazily made state). */
const REPEATS = 3;

/**
 * Check 5: after a first call in each mode, `REPEATS` more `apply` calls (inference, then
 * training) with their outputs freed leave `tf.memory().numTensors` where it was; so do
 * `computeMask` (its mask freed) and a symbolic `apply`. `apply` never hands back the input
 * tensor itself (freeing the output would free the caller's input), and `layer.dispose()`
 * frees every tensor the layer made.
 */
export async function checkLeaks(spec: AnyLayerKitSpec): Promise<CheckOutcome> {
  const result = outcome();
  const start = tf.memory().numTensors;
  const layer = makeLayer(spec);
  const shapes = firstShapes(spec);
  const inputs = makeInputs(spec, shapes);
  const mask = makeMask(spec, at(shapes, 0, 'first input shape'));
  const given = [...inputs, ...(mask ? [mask] : [])];
  const run = (training: boolean): void => {
    const outputs = applyConcrete(layer, spec, inputs, { training, mask });
    if (outputs.some((o) => given.includes(o))) {
      result.problems.push(
        `apply returned its input tensor itself (${training ? 'training' : 'inference'}): a caller ` +
          `that frees the output frees its input; return tf.clone(x) instead`,
      );
    }
    tf.dispose(outputs.filter((o) => !given.includes(o)));
  };
  const measure = (what: string, fn: () => void): void => {
    const before = tf.memory().numTensors;
    fn();
    const left = tf.memory().numTensors - before;
    if (left !== 0) {
      result.problems.push(
        `${what}: tf.memory().numTensors went from ${before} to ${before + left} (${left > 0 ? '+' : ''}${left})`,
      );
    }
  };
  try {
    run(false);
    run(true);
    measure(`${REPEATS} apply calls (inference)`, () => {
      for (let i = 0; i < REPEATS; i++) run(false);
    });
    measure(`${REPEATS} apply calls (training)`, () => {
      for (let i = 0; i < REPEATS; i++) run(true);
    });
    measure('computeMask, its mask freed', () => {
      const masks = outputList(layer.computeMask(asCall(inputs, firstIsMulti(spec)), mask));
      tf.dispose(masks.filter((m): m is tf.Tensor => m !== null && !given.includes(m)));
    });
    measure('symbolic apply', () => {
      const open = inputList(firstCall(spec)).map(openShape);
      applySymbolic(layer, open, firstIsMulti(spec));
    });
    result.notes.push(
      `${REPEATS} calls in each mode after the first: numTensors unchanged (${tf.memory().numTensors})`,
    );
  } catch (e) {
    result.problems.push(errorText(e));
  } finally {
    tf.dispose(given);
    layer.dispose();
  }
  const left = tf.memory().numTensors - start;
  if (left > 0) {
    result.problems.push(
      `${left} tensor(s) still live after layer.dispose() and freeing the inputs: weights or ` +
        `state the layer keeps outside its weights, or tensors an earlier call leaked`,
    );
  }
  return result;
}
