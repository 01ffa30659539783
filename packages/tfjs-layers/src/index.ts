/**
 * Framewise for existing tfjs-layers apps: `accelerateTimeDistributed(tf)`
 * makes tfjs-layers' own `TimeDistributed` call its layer once on the merged
 * `[batch*time, ...]` input (and handle masks as tf.keras does), and
 * `fromLayersModel` / `toLayersModel` convert models in memory, weights shared.
 *
 * @packageDocumentation
 */
export { accelerateTimeDistributed } from './lib/accelerate.js';
export type { AccelerationHandle, TfjsLayersModule } from './lib/accelerate.js';
export { fromLayersModel, toLayersModel } from './lib/convert.js';
export { MissingLayerError } from './lib/errors.js';
export { isBatchCoupled } from './lib/merged-call.js';
