/**
 * Building a model from an untrusted topology allocates its weights (layers
 * build on their first symbolic call). This guard makes that safe:
 * - every weight's shape is checked against the limits before it is
 *   allocated (a Dense with `units: 1e9` fails at once instead of exhausting memory);
 * - variables made by a build that fails, or by layers the finished model
 *   does not own (a duplicated layer spec), are freed.
 *
 * The weight check is core's `withWeightGuard`, asked before each allocation.
 */
import * as tf from '@tensorflow/tfjs-core';
import { withWeightGuard, type Model } from '@framewise/core';
import { checkTensorShape, checkWeightBytes, type IoLimits } from './limits.js';

/** Runs a synchronous model build under the allocation limits; see the module comment. */
export function guardedBuild(
  build: () => Model,
  limits: IoLimits,
  file: string,
  locate: (layerName: string) => string | undefined = () => undefined,
): Model {
  const before = new Set(Object.keys(tf.engine().registeredVariables));
  let bytes = 0;
  const guard = (layerName: string, name: string, shape: readonly number[]): void => {
    const layer = locate(layerName);
    const where = `${layer ? `${layer}, ` : ''}weight ${layerName}/${name}`;
    bytes += checkTensorShape([...shape], limits, file, where) * 4;
    checkWeightBytes(bytes, limits, file, where);
  };
  let model: Model;
  try {
    model = withWeightGuard(guard, build);
  } catch (e) {
    freeNew(before, new Set());
    throw e;
  }
  freeNew(before, new Set(model.weights.map((w) => w.value.name)));
  return model;
}

/** Disposes the variables created since `before` that `keep` does not name. */
function freeNew(before: Set<string>, keep: Set<string>): void {
  for (const [name, variable] of Object.entries(tf.engine().registeredVariables)) {
    if (!before.has(name) && !keep.has(name)) variable.dispose();
  }
}
