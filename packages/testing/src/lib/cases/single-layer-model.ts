import { input, model, type Layer, type Model } from '@framewise/core';

/** A model of one layer on inputs of `shape` (batch axis left out and open). */
export function singleLayerModel(layer: Layer, shape: (number | null)[]): Model {
  const x = input({ shape });
  return model({ inputs: x, outputs: layer.apply(x) });
}
