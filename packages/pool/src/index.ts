export { createPredictPool } from './lib/predict-pool.js';
export type { PredictPool, PredictPoolOptions } from './lib/predict-pool.js';
