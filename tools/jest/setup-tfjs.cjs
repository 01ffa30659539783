// Tests run on tfjs' pure-JS cpu backend: deterministic float32, and the same engine
// instance that @tensorflow/tfjs-layers (the numerical reference) uses.
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
tf.setBackend('cpu');
// tfjs-core logs a hint about tfjs-node when running in Node; it is noise in tests.
tf.env().set('IS_TEST', true);
