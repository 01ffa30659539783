import * as tf from '@tensorflow/tfjs-core';
import { at, formatShape, ShapeError, type Masks } from '@framewise/core';

/**
 * One recurrent cell, as the shared loop runs it: the input's contribution is
 * computed for every step at once (one matMul over `[batch*time, features]`),
 * then `step` folds it into the states one time step at a time.
 */
export interface RecurrentCell {
  /** Input contribution of every step: `[batch, time, features]` -> `[batch, time, k]`. */
  project(x: tf.Tensor3D): tf.Tensor3D;
  /** New states from one step's projected input `[batch, k]`; the first state is the step's output. */
  step(projected: tf.Tensor2D, states: tf.Tensor2D[]): tf.Tensor2D[];
}

/**
 * A cell whose input contribution comes in one part per gate: the loop hands
 * each step its gates' parts as separate tensors, so a step never slices a
 * `[batch, gates·units]` sum into gates. On tfjs-backend-wasm (4.22) every
 * slice copies its whole input out of the wasm heap and back in JavaScript;
 * one matMul per gate with the gate's own block of the recurrent kernel cost
 * about half the per-step time of one matMul and a split (LSTM, 32×64).
 */
export interface GateWiseCell {
  /** Input contribution of every step, one `[batch, time, units]` sequence per gate. */
  projectGates(x: tf.Tensor3D): tf.Tensor3D[];
  /** New states from one step's per-gate inputs `[batch, units]`; the first state is the step's output. */
  stepGates(projected: tf.Tensor2D[], states: tf.Tensor2D[]): tf.Tensor2D[];
}

/** How the loop runs. */
export interface RecurrentRunOptions {
  /** `[batch, time]` bool: where it is false the step is skipped (states carried on). */
  mask: tf.Tensor | null;
  /** Process the steps last to first; the sequence comes back in processing order (Keras). */
  goBackwards: boolean;
  /** Keep every step's output, not just the last one. */
  returnSequences: boolean;
}

/** What the loop gives back. */
export interface RecurrentRun {
  /** Output after the last processed step, `[batch, units]`. */
  last: tf.Tensor2D;
  /** Every step's output in processing order, `[batch, time, units]`, when asked for. */
  sequence: tf.Tensor3D | undefined;
  /** States after the last processed step. */
  states: tf.Tensor2D[];
}

/**
 * Runs a cell over axis 1 of `x` (Keras' `backend.rnn`). At a masked step the
 * states keep their previous values and the output repeats the previous
 * output, exactly as tfjs-layers and Keras 2 do. Every step runs in its own
 * `tf.tidy` and what a later step no longer needs is freed at once, so memory
 * stays flat over long sequences.
 */
export function runRecurrent(
  cell: RecurrentCell | GateWiseCell,
  x: tf.Tensor3D,
  initialStates: tf.Tensor2D[],
  options: RecurrentRunOptions,
): RecurrentRun {
  const time = x.shape[1];
  const gateWise = 'stepGates' in cell;
  const steps = stepSource(gateWise ? cell.projectGates(x) : [cell.project(x)], options.mask);
  const step = (inputs: tf.Tensor2D[], states: tf.Tensor2D[]): tf.Tensor2D[] =>
    gateWise ? cell.stepGates(inputs, states) : cell.step(at(inputs, 0, 'step input'), states);
  const outputs: tf.Tensor2D[] = [];
  let states = initialStates;
  for (let k = 0; k < time; k++) {
    const t = options.goBackwards ? time - 1 - k : k;
    const previous = states;
    states = tf.tidy(() => {
      const next = step(steps.input(t), previous);
      const stepMask = steps.mask(t);
      return stepMask
        ? next.map((s, i) => tf.where(stepMask, s, at(previous, i, 'previous state')))
        : next;
    });
    steps.release(t);
    if (options.returnSequences) outputs.push(at(states, 0, 'step output'));
    if (previous !== initialStates) {
      previous.forEach((s, i) => {
        if (!(options.returnSequences && i === 0)) s.dispose();
      });
    }
  }
  steps.dispose();
  return {
    last: at(states, 0, 'last output'),
    sequence: options.returnSequences ? steps.stack(outputs) : undefined,
    states,
  };
}

/** Where the loop takes each step's input and mask from. */
interface StepSource {
  /** Step `t` of each projected sequence, `[batch, k]`; call inside the step's `tf.tidy`. */
  input(t: number): tf.Tensor2D[];
  /** Step `t` of the mask, `[batch, 1]` bool, or null without a mask; inside the tidy too. */
  mask(t: number): tf.Tensor | null;
  /** Frees what step `t` held once it has run. */
  release(t: number): void;
  /** Every step's output as `[batch, time, units]`. */
  stack(outputs: tf.Tensor2D[]): tf.Tensor3D;
  /** Frees the rest. */
  dispose(): void;
}

/**
 * tfjs-backend-wasm (4.22) unstacks through its `Slice` kernel, which copies
 * the whole input out of the wasm heap once per slice: unstacking `time` steps
 * moved `time²` rows and left as many large arrays to the garbage collector
 * (a 200-step LSTM took 0.5–0.9 s instead of 50 ms, erratically). There the
 * sequence is split in halves, recursively (see `splitSteps`). Elsewhere
 * `tf.unstack` copies only what it returns.
 */
function stepSource(projected: tf.Tensor3D[], mask: tf.Tensor | null): StepSource {
  const wasm = tf.getBackend() === 'wasm';
  const parts = projected.map((p) => {
    const steps = wasm ? splitSteps(p) : (tf.unstack(p, 1) as tf.Tensor2D[]);
    p.dispose();
    return steps;
  });
  const column = mask ? (tf.expandDims(mask, -1) as tf.Tensor3D) : null;
  const masks = column ? (wasm ? splitSteps(column) : tf.unstack(column, 1)) : null;
  return {
    input: (t) => parts.map((steps) => at(steps, t, 'step input')),
    mask: (t) => (masks ? at(masks, t, 'step mask') : null),
    release(t) {
      for (const steps of parts) at(steps, t, 'step input').dispose();
      masks?.[t]?.dispose();
    },
    stack: wasm ? stackSteps : (outputs) => tf.stack(outputs, 1) as tf.Tensor3D,
    dispose() {},
  };
}

/**
 * The steps of `[batch, time, k]` as `[batch, k]` tensors, in order, through
 * `tf.split` in halves of the time-major sequence: each level of the recursion
 * copies the sequence once, so the whole costs `log2(time)` copies instead of
 * `tf.unstack`'s `time` on wasm, and its gradient (concatenations) is linear.
 * (Per-step `tf.gather` was tried: wasm's Gather kernel copies element by
 * element, several times slower than these block copies, and each gather's
 * gradient spans the whole sequence.)
 */
function splitSteps(sequence: tf.Tensor3D): tf.Tensor2D[] {
  const [batch, , k] = sequence.shape;
  const steps: tf.Tensor2D[] = [];
  const halve = (part: tf.Tensor3D): void => {
    const n = at(part.shape, 0, 'steps');
    if (n === 1) {
      steps.push(tf.reshape(part, [batch, k]));
      part.dispose();
      return;
    }
    const [first, second] = tf.split(part, [n >> 1, n - (n >> 1)], 0) as [tf.Tensor3D, tf.Tensor3D];
    part.dispose();
    halve(first);
    halve(second);
  };
  halve(tf.transpose(sequence, [1, 0, 2]));
  return steps;
}

/**
 * `tf.stack(steps, 1)` whose gradient hands the steps their slices through
 * `splitSteps`: the gradient of `tf.stack` is `tf.unstack`, quadratic on wasm.
 */
function stackSteps(steps: tf.Tensor2D[]): tf.Tensor3D {
  const stack = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xs = args.slice(0, steps.length) as tf.Tensor2D[];
    return {
      value: tf.stack(xs, 1),
      gradFunc: (dy: tf.Tensor) => splitSteps(dy as tf.Tensor3D),
    };
  });
  return stack(...steps) as tf.Tensor3D;
}

/**
 * The `[batch, time]` mask of a sequence input, or null. Masks come as one
 * tensor or as a list whose first entry belongs to the sequence (the others
 * go with initial states). A `[batch]` mask (one flag per sample, as
 * TimeDistributed passes a per-step mask to a layer that runs over an inner
 * axis) covers every step of its sample. A `[batch, time, ...frame]` mask
 * (Masking after a layer that keeps the frame axes, in front of ConvLSTM) is
 * reduced to its steps by `stepsOfMask`.
 */
export function sequenceMask(
  mask: Masks | undefined,
  x: tf.Tensor,
  layerName: string,
): tf.Tensor | null {
  const m = Array.isArray(mask) ? mask[0] : mask;
  if (m === undefined || m === null) return null;
  const [batch, time] = x.shape as [number, number];
  if (!(m instanceof tf.Tensor)) {
    throw new ShapeError(
      `expected the mask to be a bool tf.Tensor of shape [batch, time], received ${String(m)}`,
      layerName,
    );
  }
  if (m.dtype !== 'bool') {
    throw new ShapeError(
      `expected a bool mask, received dtype ${m.dtype} (use tf.cast(mask, 'bool'))`,
      layerName,
    );
  }
  if (m.rank === 1 && m.shape[0] === batch) return tf.tile(tf.reshape(m, [batch, 1]), [1, time]);
  if (m.rank > 2 && m.shape[0] === batch && m.shape[1] === time) return stepsOfMask(m);
  if (m.rank !== 2 || m.shape[0] !== batch || m.shape[1] !== time) {
    throw new ShapeError(
      `expected a mask of shape ${formatShape([batch, time])} [batch, time] for input ${formatShape(x.shape)}, ` +
        `received ${formatShape(m.shape)}`,
      layerName,
    );
  }
  return m;
}

/**
 * A `[batch, time, ...frame]` mask as `[batch, time]`: a step is skipped only
 * when every position of its frame is masked (`any` over the frame axes, as
 * Keras 2's TimeDistributed reduces such masks). Other masks come back as
 * they are.
 */
export function stepsOfMask(mask: tf.Tensor): tf.Tensor {
  if (mask.rank <= 2) return mask;
  const frameAxes = Array.from({ length: mask.rank - 2 }, (_, i) => i + 2);
  return tf.any(mask, frameAxes);
}

/**
 * `x · kernel + bias` for every step at once: one matMul over the
 * `[batch*time, features]` view of the sequence instead of one per step.
 */
export function projectInputs(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D | undefined,
): tf.Tensor3D {
  const [batch, time, features] = x.shape;
  const y = tf.fused.matMul({ a: tf.reshape(x, [batch * time, features]), b: kernel, bias });
  return tf.reshape(y, [batch, time, kernel.shape[1]]);
}
