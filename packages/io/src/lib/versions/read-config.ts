/**
 * Every difference between Keras versions (1, 2, 3), tf.keras, tfjs-layers and
 * Framewise lives here, and only here:
 * - which flavour a file is (`keras_version`, else Keras 3 markers),
 * - config field names (Keras 1 `output_dim`, `nb_filter` ...; Keras 3 `batch_shape`,
 *   DTypePolicy objects, `module`/`registered_name`, `{args, kwargs}` inbound nodes),
 * - activations whose definition changed (`hard_sigmoid`),
 * - how weights are named and grouped (Keras 2 / tfjs under the outermost wrapper's
 *   name; Keras 3 `layers/<snake_class>[_n]/.../vars/<i>` paths).
 */
import { isJsonObject as isObject, type JsonObject as Json } from '@framewise/core';

/** Keras major version whose conventions a file follows (tfjs-layers and Framewise JSON: 2). */
export type Flavour = 1 | 2 | 3;

/** The flavour from a `keras_version` string, else from the shape of the topology. */
export function flavourOf(topology: unknown, kerasVersion?: string): Flavour {
  const v =
    kerasVersion ??
    (isObject(topology) ? (topology['keras_version'] as string | undefined) : undefined);
  if (typeof v === 'string') {
    const m = /^(\d+)\./.exec(v);
    if (m) return m[1] === '1' ? 1 : m[1] === '3' ? 3 : 2;
    return 2; // 'tfjs-layers x', 'framewise x': Keras 2 conventions.
  }
  const text = JSON.stringify(topology) ?? '';
  if (
    text.includes('"registered_name"') ||
    text.includes('"batch_shape"') ||
    text.includes('"DTypePolicy"')
  )
    return 3;
  if (/"(output_dim|nb_filter|border_mode|init)"/.test(text) && !text.includes('"units"')) return 1;
  return 2;
}

/** Classes that carry Python code; Framewise refuses them rather than run a file's code. */
export const CODE_LAYERS = new Set(['Lambda', 'TFOpLambda', 'SlicingOpLambda']);

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
const KERAS1_UNITS = new Set(['Dense', 'LSTM', 'GRU', 'SimpleRNN']);

/** Keras 3 initializer class names that tfjs-layers and Keras 2 spell differently. */
const KERAS3_INITIALIZERS: Record<string, string> = {
  OrthogonalInitializer: 'Orthogonal',
  IdentityInitializer: 'Identity',
  STFTInitializer: 'STFT',
};

/** A warning to pass on, with the JSON path it concerns. */
export type Warn = (path: string, message: string) => void;

/**
 * One layer's `{class_name, config}` rewritten in Keras 2 terms (what core
 * reads), wrapped layers included. `path` is its JSON path, for messages.
 */
export function normaliseLayer(spec: unknown, flavour: Flavour, path: string, warn: Warn): Json {
  if (!isObject(spec) || typeof spec['class_name'] !== 'string') return spec as Json;
  const { module: _m, registered_name: _r, build_config: _b, compile_config: _c, ...rest } = spec;
  const out: Json = { ...rest };
  const config = isObject(spec['config']) ? { ...spec['config'] } : spec['config'];
  if (isObject(config)) {
    const className = String(spec['class_name']);
    if (flavour === 1) {
      renameKeras1(className, config);
      if (Object.hasOwn(KERAS1_CLASSES, className)) out['class_name'] = KERAS1_CLASSES[className];
    }
    for (const [key, value] of Object.entries(config))
      config[key] = normaliseValue(value, flavour, key);
    if ('batch_shape' in config) {
      config['batch_input_shape'] ??= config['batch_shape'];
      delete config['batch_shape'];
    }
    if (isObject(config['dtype'])) config['dtype'] = dtypeName(config['dtype']);
    if (typeof config['dtype'] === 'string' && !['float32', 'int32'].includes(config['dtype'])) {
      warn(`${path}.config.dtype`, `dtype ${config['dtype']} is computed in float32`);
      config['dtype'] = 'float32';
    }
    for (const key of ['layer', 'backward_layer']) {
      if (isObject(config[key]))
        config[key] = normaliseLayer(config[key], flavour, `${path}.config.${key}`, warn);
    }
    if (Array.isArray(config['layers'])) {
      config['layers'] = config['layers'].map((l, i) =>
        normaliseLayer(l, flavour, `${path}.config.layers[${i}]`, warn),
      );
    }
    for (const key of ['input_layers', 'output_layers']) {
      const v = config[key];
      if (Array.isArray(v) && typeof v[0] === 'string') config[key] = [v];
    }
    out['config'] = config;
  } else if (Array.isArray(config)) {
    // Keras < 2.2.3 and tfjs 1.x: a Sequential's config is the bare list of layers.
    out['config'] = config.map((l, i) => normaliseLayer(l, flavour, `${path}[${i}]`, warn));
  }
  if (Array.isArray(spec['inbound_nodes']))
    out['inbound_nodes'] = spec['inbound_nodes'].map(inboundNode);
  return out;
}

/** A whole topology (`{class_name, config}`, or a Sequential's bare layer list) in Keras 2 terms. */
export function normaliseTopology(topology: Json, flavour: Flavour, warn: Warn): Json {
  const top = normaliseLayer(topology, flavour, 'config', warn);
  // Keras 3 names the functional class `Functional`; core reads it as `Model` too.
  return { ...top, keras_version: topology['keras_version'] };
}

function renameKeras1(className: string, config: Json): void {
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
  if ((className === 'Dropout' || className.startsWith('SpatialDropout')) && 'p' in config) {
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

/** Serialized objects lose `module`/`registered_name`; Keras 3's `hard_sigmoid` gets its own name. */
function normaliseValue(value: unknown, flavour: Flavour, key: string): unknown {
  if (flavour === 3 && (key === 'activation' || key === 'recurrent_activation')) {
    if (value === 'hard_sigmoid') return 'hard_sigmoid_keras3';
    if (value === 'silu') return 'swish';
  }
  if (
    isObject(value) &&
    typeof value['class_name'] === 'string' &&
    key !== 'layer' &&
    key !== 'backward_layer'
  ) {
    const { module: _m, registered_name: _r, ...rest } = value;
    const className = rest['class_name'] as string;
    if (Object.hasOwn(KERAS3_INITIALIZERS, className))
      rest['class_name'] = KERAS3_INITIALIZERS[className];
    if (isObject(rest['config'])) {
      const config: Json = {};
      for (const [k, v] of Object.entries(rest['config']))
        config[k] = normaliseValue(v, flavour, k);
      rest['config'] = config;
    }
    return rest;
  }
  return value;
}

function dtypeName(policy: Json): unknown {
  const config = policy['config'];
  return isObject(config) ? config['name'] : policy['name'];
}

/** Keras 3's `{args, kwargs}` node (with `__keras_tensor__` args) as Keras 2's list of `[name, node, tensor, kwargs]`. */
function inboundNode(node: unknown): unknown {
  if (!isObject(node) || !Array.isArray(node['args'])) return node;
  const tensors: [string, number, number][] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (isObject(x) && x['class_name'] === '__keras_tensor__' && isObject(x['config'])) {
      tensors.push(x['config']['keras_history'] as [string, number, number]);
    }
  };
  visit(node['args']);
  const kwargs = isObject(node['kwargs']) ? node['kwargs'] : {};
  const simple: Json = {};
  for (const [k, v] of Object.entries(kwargs))
    if (typeof v === 'boolean' || typeof v === 'number') simple[k] = v;
  return tensors.map((t) => [t[0], t[1], t[2], simple]);
}

/**
 * Config fields Framewise reads and deliberately ignores (Keras bookkeeping
 * with no effect on inference); any other field a layer's `getConfig()` does
 * not write back counts as unknown.
 */
export const IGNORED_FIELDS = new Set([
  'name',
  'trainable',
  'dtype',
  'batch_input_shape',
  'input_shape',
  'batch_size',
  'input_dim',
  'sparse',
  'ragged',
  'optional',
  'autocast',
  'input_length',
  'implementation',
  'unit_forget_bias',
  'seed',
  'noise_shape',
  'lora_rank',
  'lora_alpha',
  'quantization_config',
  'use_cudnn',
  'time_major',
  'zero_output_for_mask',
  'synchronized',
  'reset_after_default',
]);
