/**
 * Importing `@framewise/io` gives core models their file methods
 * (`model.save`, `model.saveWeights`, `model.loadWeights`).
 */
import { registerModelIO, type Model } from '@framewise/core';
import { loadWeights } from './load-weights.js';
import { saveModel } from './save-model.js';
import { saveWeights } from './save-weights.js';
import type { ModelSource, SaveModelOptions, SaveWeightsOptions } from './types.js';

registerModelIO({
  save: (model: Model, target, options) =>
    saveModel(model, target, options as unknown as SaveModelOptions),
  saveWeights: (model: Model, target, options) =>
    saveWeights(model, target, options as SaveWeightsOptions),
  loadWeights: (model: Model, source, options) =>
    loadWeights(model, source as ModelSource, options ?? {}),
});
