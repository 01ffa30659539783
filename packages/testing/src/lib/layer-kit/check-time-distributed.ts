import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  isShapeList,
  timeDistributed,
  type Layer,
  type Shape,
  type TimeDistributedOptions,
} from '@framewise/core';
import { outcome, type CheckOutcome } from './check-outcome.js';
import {
  compareOutputs,
  DEFAULT_TOLERANCE,
  errorText,
  formatShapes,
  shapeFits,
} from './kit-compare.js';
import {
  applyConcrete,
  asCall,
  firstIsMulti,
  firstShapes,
  makeInputs,
  makeLayer,
  outputList,
  type AnyLayerKitSpec,
} from './kit-inputs.js';

const VARIANTS: { label: string; options: TimeDistributedOptions }[] = [
  { label: 'reshape', options: { strategy: 'reshape' } },
  { label: 'loop', options: { strategy: 'loop' } },
  { label: 'reshape with chunkSize 2', options: { strategy: 'reshape', chunkSize: 2 } },
];

/** Slice `t` of axis 1. */
const stepOf = (x: tf.Tensor, t: number): tf.Tensor =>
  tf.squeeze(tf.slice(x, [0, t], [-1, 1]), [1]);

/** The inputs of the wrapped call: distributed ones get a time axis, broadcast ones stay whole. */
interface WrappedCall {
  inputs: tf.Tensor[];
  mask: tf.Tensor | null;
  broadcast: number[];
  steps: number;
}

function wrappedCall(spec: AnyLayerKitSpec): WrappedCall {
  const steps = spec.timeSteps ?? 3;
  const broadcast = spec.broadcastInputs ?? [];
  const shapes = firstShapes(spec);
  const wrapped = shapes.map((s, i) =>
    broadcast.includes(i) ? s : [at(s, 0, 'batch size'), steps, ...s.slice(1)],
  );
  const inputs = makeInputs(spec, wrapped);
  let mask: tf.Tensor | null = null;
  if (spec.mask) {
    // One mask per slice of the merged batch, so that steps get different masks.
    const first = at(shapes, 0, 'first input shape');
    const batch = at(first, 0, 'batch size');
    const merged = spec.mask([batch * steps, ...first.slice(1)]);
    mask = tf.reshape(merged, [batch, steps, ...merged.shape.slice(1)]);
    merged.dispose();
  }
  return { inputs, mask, broadcast, steps };
}

/** The layer applied step by step, the outputs stacked on a new axis 1. */
function stepByStep(
  layer: Layer,
  spec: AnyLayerKitSpec,
  call: WrappedCall,
  training: boolean,
): tf.Tensor[] {
  return tf.tidy(() => {
    const perStep = Array.from({ length: call.steps }, (_, t) => {
      const xs = call.inputs.map((x, i) => (call.broadcast.includes(i) ? x : stepOf(x, t)));
      const mask = call.mask ? stepOf(call.mask, t) : null;
      return applyConcrete(layer, spec, xs, { training, mask });
    });
    return at(perStep, 0, 'first step outputs').map((_, k) =>
      tf.stack(
        perStep.map((o) => at(o, k, 'step output')),
        1,
      ),
    );
  });
}

/** Each strategy against step by step, and reshape against loop, in one mode. */
async function compareStrategies(
  layer: Layer,
  spec: AnyLayerKitSpec,
  call: WrappedCall,
  training: boolean,
  held: tf.Tensor[],
): Promise<string[]> {
  const problems: string[] = [];
  const mode = training ? 'training' : 'inference';
  const tolerance = spec.tolerance ?? DEFAULT_TOLERANCE;
  const multi = firstIsMulti(spec);
  const expected = stepByStep(layer, spec, call, training);
  held.push(...expected);
  const open: Shape[] = call.inputs.map((x, i) =>
    call.broadcast.includes(i) ? [null, ...x.shape.slice(1)] : [null, null, ...x.shape.slice(2)],
  );
  const outputs: tf.Tensor[][] = [];
  for (const { label, options } of VARIANTS) {
    const td = timeDistributed(layer, { ...options, broadcastInputs: call.broadcast });
    const y = outputList(td.apply(asCall(call.inputs, multi), { training, mask: call.mask }));
    held.push(...y);
    outputs.push(y);
    const what = `${label} (${mode}) against step by step`;
    const p = await compareOutputs(what, expected, y, tolerance);
    if (p) problems.push(p);
    const declared = td.computeOutputShape(asCall(open, multi));
    const list = isShapeList(declared) ? declared : [declared];
    if (list.length !== y.length || list.some((s, k) => !shapeFits(s, at(y, k, 'output').shape))) {
      problems.push(
        `${label}: computeOutputShape(${formatShapes(open)}) is ${formatShapes(list)}, ` +
          `the outputs ${formatShapes(y.map((t) => t.shape))}`,
      );
    }
  }
  const p = await compareOutputs(
    `reshape against loop (${mode})`,
    at(outputs, 0, 'reshape outputs'),
    at(outputs, 1, 'loop outputs'),
    tolerance,
  );
  if (p) problems.push(p);
  return problems;
}

/**
 * Check 4: `timeDistributed(layer)` with the `reshape` strategy, the `loop` strategy and
 * `chunkSize: 2` gives what the layer gives applied step by step, and its
 * `computeOutputShape` (batch and time open) fits the outputs. In inference mode; in
 * training mode too unless the layer is random in training or reads the step layout
 * (batch statistics, whose merged and per-step forms differ by design).
 */
export async function checkTimeDistributed(spec: AnyLayerKitSpec): Promise<CheckOutcome> {
  const result = outcome();
  const layer = makeLayer(spec);
  const held: tf.Tensor[] = [];
  try {
    const call = wrappedCall(spec);
    held.push(...call.inputs, ...(call.mask ? [call.mask] : []));
    const training = !spec.randomInTraining && !layer.readsStepLayout(true);
    for (const mode of training ? [false, true] : [false]) {
      result.problems.push(...(await compareStrategies(layer, spec, call, mode, held)));
    }
    result.notes.push(
      `${call.steps} steps of ${formatShapes(call.inputs.map((x) => x.shape))}` +
        `${call.mask ? ' with a mask' : ''}: ${VARIANTS.map((v) => v.label).join(', ')} ` +
        `and step by step agree within ${spec.tolerance ?? DEFAULT_TOLERANCE} ` +
        `(${training ? 'inference and training' : 'inference'})`,
    );
  } catch (e) {
    result.problems.push(errorText(e));
  } finally {
    tf.dispose([...new Set(held)].filter((t) => !t.isDisposed));
    layer.dispose();
  }
  return result;
}
