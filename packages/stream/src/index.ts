export { streamModel } from './lib/stream-model.js';
export type { ModelStream, StreamOptions } from './lib/stream-model.js';
