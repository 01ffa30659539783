import { ConfigError, InputLayer, Model, type Shape } from '@framewise/core';
import { sumBytes } from './bytes.js';
import { isSequentialLike } from './graph-info.js';
import { sumMacs } from './macs.js';
import { checkDepth } from './check-depth.js';
import { graphRows, inputBytes } from './rows.js';
import { WeightLedger } from './sharing.js';
import { traceModel } from './trace.js';
import { SUMMARY_VERSION, type SummaryData, type SummaryTotals } from './types.js';
import { countWeights } from './weights.js';

/** Options of `summarize()`. */
export interface SummarizeOptions {
  /**
   * How many levels of child rows to collect below the model's own layers
   * (a wrapper's layer, a nested model's layers ...). Default: all of them;
   * 0 gives none.
   */
  depth?: number;
  /**
   * Input shapes to work the figures out for, one per model input, batch axis
   * included: fixes sizes the model leaves open, such as the number of frames
   * (`[[null, 16, 64, 64, 3]]`), so MACs and bytes that depend on them are
   * known. Default: the model's own input shapes.
   */
  inputShapes?: Shape[];
}

/**
 * Collects a model's summary as plain data, so every renderer (Keras' classic
 * text, wide, Markdown, HTML, JSON) and every consumer (CLI `--json`, the demo
 * site) works from the same figures. Layers are in Keras 2 order; for a
 * Sequential model the hidden input layer is left out, as Keras 2.2 does.
 */
export function summarize(model: Model, options: SummarizeOptions = {}): SummaryData {
  if (!(model instanceof Model)) {
    throw new ConfigError(
      `summarize() expects a model, received ${model === null ? 'null' : typeof model}`,
    );
  }
  if (!model.built) {
    throw new ConfigError(
      'this model has not been built yet, so its layers have no shapes or weights: give the first layer ' +
        'an inputShape, or run the model once',
      model.name,
    );
  }
  const maxDepth = checkDepth(options.depth);
  const trace = traceModel(model, options.inputShapes);
  const builder = { ledger: new WeightLedger(), maxDepth };
  const place = { parentPath: undefined, depth: 0, ancestors: [] };
  const rows = graphRows(model, trace, builder, place, options.inputShapes === undefined);
  const trainable = countWeights(model.trainableWeights);
  const all = countWeights(model.weights);
  const inputs = inputBytes(model.inputs, trace);
  const activations = sumBytes(
    rows.filter((r) => r.className !== InputLayer.className).map((r) => r.activationBytes),
  );
  const totals: SummaryTotals = {
    params: all.params,
    trainable: trainable.params,
    nonTrainable: all.params - trainable.params,
    paramBytes: all.bytes,
    trainableBytes: trainable.bytes,
    nonTrainableBytes: all.bytes - trainable.bytes,
    paramBytesByDtype: all.bytesByDtype,
    macs: sumMacs(rows.map((r) => r.macs)),
    inputBytes: inputs,
    activationBytes: activations,
    forwardBytes: inputs === null || activations === null ? null : inputs + activations,
  };
  return {
    version: SUMMARY_VERSION,
    modelName: model.name,
    modelClass: model.className,
    sequentialLike: isSequentialLike(model),
    inputShapes: model.inputs.map((t) => trace.shapeOf(t)),
    rows,
    totals,
  };
}
