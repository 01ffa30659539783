/**
 * Keras 1 configs in Keras 2 terms (part of the version mapping module, see
 * `./index.ts`): renamed fields (`output_dim`, `nb_filter`, `W_regularizer` ...),
 * renamed classes (`Convolution2D`), initializer names, and Keras 1's
 * `TimeDistributedDense`, which Keras 2 replaced by `TimeDistributed(Dense)`.
 */
import { isJsonObject as isObject, type JsonObject as Json } from '@framewise/core';

const KERAS1_FIELDS: Record<string, string> = {
  init: 'kernel_initializer',
  inner_init: 'recurrent_initializer',
  inner_activation: 'recurrent_activation',
  W_regularizer: 'kernel_regularizer',
  U_regularizer: 'recurrent_regularizer',
  b_regularizer: 'bias_regularizer',
  W_constraint: 'kernel_constraint',
  U_constraint: 'recurrent_constraint',
  b_constraint: 'bias_constraint',
  dropout_W: 'dropout',
  dropout_U: 'recurrent_dropout',
  bias: 'use_bias',
  nb_filter: 'filters',
  subsample: 'strides',
  subsample_length: 'strides',
  border_mode: 'padding',
  filter_length: 'kernel_size',
  pool_length: 'pool_size',
  stride: 'strides',
  input_dtype: 'dtype',
};
/** Keras 1 class names that Keras 2 renamed. */
const KERAS1_CLASSES: Record<string, string> = {
  Convolution1D: 'Conv1D',
  Convolution2D: 'Conv2D',
  Convolution3D: 'Conv3D',
  AtrousConvolution1D: 'Conv1D',
  AtrousConvolution2D: 'Conv2D',
  SeparableConvolution2D: 'SeparableConv2D',
  Deconvolution2D: 'Conv2DTranspose',
};

/** Keras 1 initializer names (`init: 'uniform'`) as Keras 2 initializer objects. */
const KERAS1_INITIALIZERS: Record<string, Json> = {
  uniform: { class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null } },
  normal: { class_name: 'RandomNormal', config: { mean: 0, stddev: 0.05, seed: null } },
  zero: { class_name: 'Zeros', config: {} },
  one: { class_name: 'Ones', config: {} },
};

/** Keras 1 fields with no Keras 2 counterpart that affect nothing at inference. */
const KERAS1_DROPPED = ['forget_bias_init', 'consume_less'];

/** Keras 1 `output_dim` meant `units` on these classes (Embedding keeps `output_dim`). */
const KERAS1_UNITS = new Set(['Dense', 'TimeDistributedDense', 'LSTM', 'GRU', 'SimpleRNN']);

/** The Keras 2 class name of a Keras 1 class. */
export function keras1ClassName(className: string): string {
  return Object.hasOwn(KERAS1_CLASSES, className)
    ? (KERAS1_CLASSES[className] ?? className)
    : className;
}

/** Renames a Keras 1 layer config's fields in place to their Keras 2 names. */
export function renameKeras1(className: string, config: Json): void {
  if (KERAS1_UNITS.has(className) && 'output_dim' in config) {
    config['units'] = config['output_dim'];
    delete config['output_dim'];
  }
  for (const [from, to] of Object.entries(KERAS1_FIELDS)) {
    if (from in config && !(to in config)) {
      config[to] = config[from];
      delete config[from];
    }
  }
  if ('nb_row' in config && 'nb_col' in config) {
    config['kernel_size'] = [config['nb_row'], config['nb_col']];
    delete config['nb_row'];
    delete config['nb_col'];
  }
  // Convolution3D's kernel, one field per axis.
  if ('kernel_dim1' in config && 'kernel_dim2' in config && 'kernel_dim3' in config) {
    config['kernel_size'] = [config['kernel_dim1'], config['kernel_dim2'], config['kernel_dim3']];
    for (const key of ['kernel_dim1', 'kernel_dim2', 'kernel_dim3']) delete config[key];
  }
  // The Atrous convolutions were dilated convolutions: one rate, or one per axis.
  if ('atrous_rate' in config) {
    config['dilation_rate'] = config['atrous_rate'];
    delete config['atrous_rate'];
  }
  // GaussianNoise's standard deviation was `sigma`.
  if (className === 'GaussianNoise' && 'sigma' in config) {
    config['stddev'] = config['sigma'];
    delete config['sigma'];
  }
  if ('dim_ordering' in config) {
    config['data_format'] = config['dim_ordering'] === 'th' ? 'channels_first' : 'channels_last';
    delete config['dim_ordering'];
  }
  for (const key of ['kernel_initializer', 'recurrent_initializer']) {
    const name = config[key];
    if (typeof name === 'string') {
      config[key] = Object.hasOwn(KERAS1_INITIALIZERS, name)
        ? KERAS1_INITIALIZERS[name]
        : { class_name: camelClass(name), config: {} };
    }
  }
  if (
    (className === 'Dropout' ||
      className === 'GaussianDropout' ||
      className.startsWith('SpatialDropout')) &&
    'p' in config
  ) {
    config['rate'] = config['p'];
    delete config['p'];
  }
  // Keras 1 Embedding's W is Keras 2's embeddings matrix.
  if (className === 'Embedding') {
    for (const part of ['initializer', 'regularizer', 'constraint']) {
      const from = `kernel_${part}`;
      if (from in config && !(`embeddings_${part}` in config)) {
        config[`embeddings_${part}`] = config[from];
        delete config[from];
      }
    }
  }
  // Keras 1 Embedding had its own input dropout; 0 is the only value that means nothing.
  if (className === 'Embedding' && config['dropout'] === 0) delete config['dropout'];
  for (const key of KERAS1_DROPPED) delete config[key];
}

const camelClass = (s: string): string =>
  s.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** Fields of a Keras 1 `TimeDistributedDense` that belong to the wrapper, not the Dense inside it. */
const WRAPPER_FIELDS = ['name', 'trainable', 'batch_input_shape', 'input_dim', 'input_length'];

/**
 * Keras 1's `TimeDistributedDense` (one Dense applied at every step of a
 * `[batch, steps, features]` input) as Keras 2's `TimeDistributed(Dense)`,
 * after its fields were renamed. Its weights (`W`, `b`) are the Dense's kernel
 * and bias, in that order, so files load unchanged. Other layers pass through.
 */
export function unwrapTimeDistributedDense(spec: Json): Json {
  const config = spec['config'];
  if (spec['class_name'] !== 'TimeDistributedDense' || !isObject(config)) return spec;
  const dense: Json = {};
  const wrapper: Json = {};
  for (const [key, value] of Object.entries(config))
    (WRAPPER_FIELDS.includes(key) ? wrapper : dense)[key] = value;
  // Keras 1 gave the input's size as input_length and input_dim instead of a batch shape.
  if (wrapper['batch_input_shape'] === undefined && typeof wrapper['input_dim'] === 'number')
    wrapper['batch_input_shape'] = [null, wrapper['input_length'] ?? null, wrapper['input_dim']];
  delete wrapper['input_dim'];
  delete wrapper['input_length'];
  const name = typeof config['name'] === 'string' ? config['name'] : 'time_distributed_dense';
  dense['name'] = `${name}_dense`;
  return {
    ...spec,
    class_name: 'TimeDistributed',
    config: { ...wrapper, layer: { class_name: 'Dense', config: dense } },
  };
}
