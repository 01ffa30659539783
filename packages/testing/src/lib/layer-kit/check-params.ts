import { formatShape, type Layer, type LayerVariable } from '@framewise/core';
import { outcome, type CheckOutcome } from './check-outcome.js';
import { errorText } from './kit-compare.js';
import {
  applySymbolic,
  buildOnFirstCall,
  firstCall,
  firstIsMulti,
  inputList,
  makeLayer,
  openShape,
  type AnyLayerKitSpec,
} from './kit-inputs.js';

const total = (weights: LayerVariable[]): number => weights.reduce((n, w) => n + w.size, 0);
const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Problems with the split of a (trainable) layer's weights. */
function splitProblems(layer: Layer, count: number): string[] {
  const problems: string[] = [];
  const weights = layer.weights;
  const trainable = layer.trainableWeights;
  const frozen = layer.nonTrainableWeights;
  if (count !== total(weights)) {
    problems.push(
      `countParams() is ${count}, the weights hold ${total(weights)} values (${weights.length} weights)`,
    );
  }
  if (total(trainable) + total(frozen) !== count) {
    problems.push(
      `trainable (${total(trainable)}) + non-trainable (${total(frozen)}) = ` +
        `${total(trainable) + total(frozen)}, countParams() is ${count}`,
    );
  }
  const order = [...trainable, ...frozen];
  if (order.length !== weights.length || order.some((w, i) => w !== weights[i])) {
    problems.push('weights is not trainableWeights followed by nonTrainableWeights (Keras order)');
  }
  if (new Set(weights).size !== weights.length) problems.push('a weight is listed twice');
  for (const w of weights) {
    if (w.size !== product(w.value.shape)) {
      problems.push(`${w.name}: size ${w.size}, but its value has shape ${formatShape(w.shape)}`);
    }
  }
  if (trainable.some((w) => !w.trainable) || frozen.some((w) => w.trainable)) {
    problems.push("a weight's own trainable flag disagrees with the list it is in");
  }
  if (layer.getWeights().length !== weights.length) {
    problems.push(
      `getWeights() gives ${layer.getWeights().length} tensors for ${weights.length} weights`,
    );
  }
  return problems;
}

/** Freezing moves every weight to nonTrainableWeights and leaves the count alone (Keras). */
function freezeProblems(layer: Layer, count: number): string[] {
  const problems: string[] = [];
  const was = layer.trainable;
  layer.trainable = false;
  try {
    if (layer.trainableWeights.length > 0) {
      problems.push(
        `with trainable = false, trainableWeights still lists ${layer.trainableWeights.map((w) => w.name).join(', ')}`,
      );
    }
    if (total(layer.nonTrainableWeights) !== count || layer.countParams() !== count) {
      problems.push(
        `with trainable = false, nonTrainableWeights hold ${total(layer.nonTrainableWeights)} values ` +
          `and countParams() is ${layer.countParams()}, expected ${count}`,
      );
    }
  } finally {
    layer.trainable = was;
  }
  return problems;
}

/**
 * Check 2: `countParams()` equals the sum of the weights' sizes and of the trainable and
 * non-trainable ones, in Keras order; freezing moves them all to non-trainable; the count
 * is the same when the layer is built symbolically with open sizes; and it equals
 * `spec.params` when given.
 */
export async function checkParams(spec: AnyLayerKitSpec): Promise<CheckOutcome> {
  const result = outcome();
  const layer = makeLayer(spec);
  const symbolic = makeLayer(spec);
  try {
    buildOnFirstCall(layer, spec);
    const count = layer.countParams();
    result.problems.push(...splitProblems(layer, count), ...freezeProblems(layer, count));
    if (spec.params !== undefined && count !== spec.params) {
      result.problems.push(`countParams() is ${count}, the spec expects ${spec.params}`);
    }
    const open = inputList(firstCall(spec)).map(openShape);
    applySymbolic(symbolic, open, firstIsMulti(spec));
    if (symbolic.countParams() !== count) {
      result.problems.push(
        `built symbolically on ${open.map(formatShape).join(', ')} it has ${symbolic.countParams()} ` +
          `parameters, built on concrete tensors ${count}`,
      );
    }
    const t = total(layer.trainableWeights);
    const weights = layer.weights.map((w) => `${w.name} ${formatShape(w.shape)}`).join(', ');
    result.notes.push(
      `${count} parameters (${t} trainable, ${count - t} non-trainable)${weights ? `: ${weights}` : ''}`,
    );
  } catch (e) {
    result.problems.push(errorText(e));
  } finally {
    layer.dispose();
    symbolic.dispose();
  }
  return result;
}
