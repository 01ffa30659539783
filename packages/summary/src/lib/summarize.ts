import { ConfigError, Model } from '@framewise/core';
import {
  connectionsOf,
  inputShapes,
  isSequentialLike,
  outputShapeOf,
  ownedNodes,
} from './graph-info.js';
import { macsFor } from './macs.js';
import { buildRow } from './rows.js';
import type { SummaryData } from './types.js';
import { countWeights } from './weights.js';

/** Options of `summarize()`. */
export interface SummarizeOptions {
  /**
   * Give wrappers (TimeDistributed) a child row for the layer they run, so
   * renderers can show what a truncated `TimeDist` row holds. Default true.
   */
  expandWrappers?: boolean;
}

/**
 * Collects a model's summary as plain data, so every renderer (Keras' classic
 * text, and the formats that follow) and every consumer (CLI `--json`, the demo
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
  const expand = options.expandWrappers ?? true;
  const rows = model.layers.map((layer) => {
    const nodes = ownedNodes(model, layer);
    return buildRow(layer, {
      outputShape: outputShapeOf(layer),
      macs: nodes.reduce((n, node) => n + macsFor(layer, inputShapes(node)), 0),
      connectedTo: nodes.flatMap(connectionsOf),
      inputShapes: nodes[0] ? inputShapes(nodes[0]) : undefined,
      expand,
    });
  });
  const trainable = countWeights(model.trainableWeights);
  const nonTrainable = countWeights(model.nonTrainableWeights);
  return {
    version: 1,
    modelName: model.name,
    modelClass: model.className,
    sequentialLike: isSequentialLike(model),
    rows,
    totals: {
      params: trainable.params + nonTrainable.params,
      trainable: trainable.params,
      nonTrainable: nonTrainable.params,
      paramBytes: trainable.bytes + nonTrainable.bytes,
      macs: rows.reduce((n, row) => n + row.macs, 0),
    },
  };
}
