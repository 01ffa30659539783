import * as tf from '@tensorflow/tfjs-core';
import { at, deserializeLayer, formatShape, serializeLayer, type Layer } from '@framewise/core';
import { outcome, type CheckOutcome } from './check-outcome.js';
import { compareOutputs, DEFAULT_TOLERANCE, errorText } from './kit-compare.js';
import {
  applyConcrete,
  applySymbolic,
  firstCall,
  firstIsMulti,
  firstShapes,
  inputList,
  makeInputs,
  makeLayer,
  makeMask,
  openShape,
  type AnyLayerKitSpec,
} from './kit-inputs.js';
import { configDifferences, nonJsonPaths, stableJson } from './json-values.js';
import { withRegistered } from './plugin-registration.js';

const viaJson = (config: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(config)) as Record<string, unknown>;

// Symbolically, so that no call changes state (a stateful RNN's) before the two are compared.
function buildSymbolically(layer: Layer, spec: AnyLayerKitSpec): void {
  applySymbolic(layer, inputList(firstCall(spec)).map(openShape), firstIsMulti(spec));
}

/** Problems with the restored layer's weights; none when they line up with the original's. */
function weightProblems(original: Layer, restored: Layer): string[] {
  const a = original.weights;
  const b = restored.weights;
  const describe = (l: Layer): string =>
    l.weights.map((w) => formatShape(w.shape)).join(', ') || 'none';
  const same =
    a.length === b.length &&
    a.every((w, i) => stableJson(w.shape) === stableJson(at(b, i, 'weight').shape));
  return same
    ? []
    : [`the restored layer has weights ${describe(restored)}, the original ${describe(original)}`];
}

/** Outputs of both layers on the same inputs, compared in inference and (unless random) training. */
async function outputProblems(
  spec: AnyLayerKitSpec,
  original: Layer,
  restored: Layer,
): Promise<string[]> {
  const shapes = firstShapes(spec);
  const inputs = makeInputs(spec, shapes);
  const mask = makeMask(spec, at(shapes, 0, 'first input shape'));
  const held: tf.Tensor[] = [...inputs, ...(mask ? [mask] : [])];
  const problems: string[] = [];
  try {
    const modes = spec.randomInTraining ? [false] : [false, true];
    for (const training of modes) {
      const expected = applyConcrete(original, spec, inputs, { training, mask });
      const actual = applyConcrete(restored, spec, inputs, { training, mask });
      held.push(...expected, ...actual);
      const mode = training ? 'training' : 'inference';
      const tolerance = spec.tolerance ?? DEFAULT_TOLERANCE;
      const p = await compareOutputs(`outputs (${mode})`, expected, actual, tolerance);
      if (p) problems.push(`with the same weights, the restored layer's ${p}`);
    }
  } finally {
    tf.dispose(held.filter((t) => !t.isDisposed));
  }
  return problems;
}

/**
 * Check 3: `JSON.parse(JSON.stringify(serializeLayer(layer)))` through `deserializeLayer`
 * (the plugin registered for the run when it is not) gives a layer of the same class with
 * the same `getConfig()`, and with the original's weights set, the same outputs.
 */
export async function checkConfig(spec: AnyLayerKitSpec): Promise<CheckOutcome> {
  const result = outcome();
  const original = makeLayer(spec);
  let restored: Layer | undefined;
  try {
    await withRegistered(spec.plugin, async (registered) => {
      if (registered.fromConfig !== spec.plugin.fromConfig) {
        result.problems.push(
          `another plugin is registered as '${spec.plugin.className}'; deserializeLayer uses it, not this one`,
        );
      }
      if (original.className !== spec.plugin.className) {
        result.problems.push(
          `the layer's className is '${original.className}', the plugin's '${spec.plugin.className}'`,
        );
      }
      buildSymbolically(original, spec);
      const config = original.getConfig();
      result.problems.push(...nonJsonPaths(config).map((p) => `getConfig(): ${p}, not JSON`));
      const json = viaJson(serializeLayer(original) as unknown as Record<string, unknown>);
      restored = deserializeLayer(json as never);
      if (restored.className !== original.className) {
        result.problems.push(`restored as '${restored.className}', not '${original.className}'`);
      }
      buildSymbolically(restored, spec);
      const changed = configDifferences(viaJson(config), viaJson(restored.getConfig()));
      if (changed.length > 0) {
        result.problems.push(`the restored layer's config differs: ${changed.join('; ')}`);
      }
      const weights = weightProblems(original, restored);
      result.problems.push(...weights);
      if (weights.length === 0) {
        restored.setWeights(original.getWeights());
        result.problems.push(...(await outputProblems(spec, original, restored)));
      }
      result.notes.push(
        `${Object.keys(config).length} config keys: ${Object.keys(config).join(', ')}`,
      );
    });
  } catch (e) {
    result.problems.push(errorText(e));
  } finally {
    original.dispose();
    restored?.dispose();
  }
  return result;
}
