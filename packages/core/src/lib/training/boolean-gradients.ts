import * as tf from '@tensorflow/tfjs-core';

/**
 * Ops with boolean outputs, and the names of their inputs. TensorFlow declares them not
 * differentiable (no gradient flows through a comparison); tfjs 4.22 registers a gradient
 * for GreaterEqual only, so a tape through any other fails with "gradient function not
 * found".
 */
const BOOLEAN_OPS: Readonly<Record<string, readonly string[]>> = {
  [tf.Any]: ['x'],
  [tf.All]: ['x'],
  [tf.NotEqual]: ['a', 'b'],
  [tf.Equal]: ['a', 'b'],
  [tf.Greater]: ['a', 'b'],
  [tf.Less]: ['a', 'b'],
  [tf.LessEqual]: ['a', 'b'],
  [tf.LogicalAnd]: ['a', 'b'],
  [tf.LogicalOr]: ['a', 'b'],
  [tf.LogicalNot]: ['x'],
};

/**
 * Registers zero gradients for the boolean ops tfjs-core leaves without one. Masks computed
 * from weights meet them: Masking after a trainable layer computes `any(notEqual(x, 0))`
 * of that layer's output, and merging masks uses `all`. The mask is boolean, so nothing
 * flows back through it, as in TensorFlow. Ops that already have a gradient are left alone.
 */
export function registerBooleanGradients(): void {
  for (const [kernelName, inputs] of Object.entries(BOOLEAN_OPS)) {
    if (tf.getGradient(kernelName) !== undefined) continue;
    tf.registerGradient({
      kernelName,
      inputsToSave: [...inputs],
      gradFunc: (_dy, saved) =>
        Object.fromEntries(
          inputs.map((name, i) => [name, () => tf.zeros(saved[i]?.shape ?? [], 'float32')]),
        ),
    });
  }
}
