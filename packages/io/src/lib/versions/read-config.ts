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
import { keras1ClassName, renameKeras1, unwrapTimeDistributedDense } from './keras1-config.js';

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

/** Keras 3 initializer class names that tfjs-layers and Keras 2 spell differently. */
const KERAS3_INITIALIZERS: Record<string, string> = {
  OrthogonalInitializer: 'Orthogonal',
  IdentityInitializer: 'Identity',
  STFTInitializer: 'STFT',
};

/**
 * A warning to pass on, with the JSON path it concerns. `dtype` is set when the warning is a
 * layer's precision computed in float32 instead, which a whole topology reports once
 * (see `normaliseTopology`).
 */
export type Warn = (path: string, message: string, dtype?: string) => void;

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
    // TimeDistributedDense only ever existed in Keras 1: its spellings are Keras 1's in any file.
    if (flavour === 1 || className === 'TimeDistributedDense') {
      renameKeras1(className, config);
      out['class_name'] = keras1ClassName(className);
    }
    for (const [key, value] of Object.entries(config))
      config[key] = normaliseValue(value, flavour, key);
    if ('batch_shape' in config) {
      config['batch_input_shape'] ??= config['batch_shape'];
      delete config['batch_shape'];
    }
    if (isObject(config['dtype'])) config['dtype'] = dtypeName(config['dtype']);
    if (typeof config['dtype'] === 'string' && !['float32', 'int32'].includes(config['dtype'])) {
      warn(
        child(path, 'config.dtype'),
        `dtype ${config['dtype']} is computed in float32`,
        config['dtype'],
      );
      config['dtype'] = 'float32';
    }
    for (const key of ['layer', 'backward_layer']) {
      if (isObject(config[key]))
        config[key] = normaliseLayer(config[key], flavour, child(path, `config.${key}`), warn);
    }
    if (Array.isArray(config['layers'])) {
      config['layers'] = config['layers'].map((l, i) =>
        normaliseLayer(l, flavour, child(path, `config.layers[${i}]`), warn),
      );
    }
    for (const key of ['input_layers', 'output_layers']) {
      const v = config[key];
      if (Array.isArray(v) && typeof v[0] === 'string') config[key] = [v];
    }
    out['config'] = config;
  } else if (Array.isArray(config)) {
    // Keras < 2.2.3 and tfjs 1.x: a Sequential's config is the bare list of layers.
    out['config'] = config.map((l, i) =>
      normaliseLayer(l, flavour, child(path, `config[${i}]`), warn),
    );
  }
  if (Array.isArray(spec['inbound_nodes']))
    out['inbound_nodes'] = spec['inbound_nodes'].map(inboundNode);
  return unwrapTimeDistributedDense(out);
}

/**
 * A whole topology (`{class_name, config}`, or a Sequential's bare layer list) in Keras 2 terms.
 * Mixed-precision policies (`mixed_float16` on every layer of a Keras 3 file) give one
 * warning for the file, not one per layer: Framewise's backends compute in float32.
 */
export function normaliseTopology(topology: Json, flavour: Flavour, warn: Warn): Json {
  const lowered = new Map<string, string[]>();
  const top = normaliseLayer(topology, flavour, '', (path, message, dtype) => {
    if (dtype === undefined) warn(path, message);
    else lowered.set(dtype, [...(lowered.get(dtype) ?? []), path]);
  });
  if (lowered.size > 0) {
    const [first = ''] = [...lowered.values()].flat();
    const asked = [...lowered].map(([name, paths]) => `${name} (${plural(paths.length, 'layer')})`);
    warn(
      first,
      `the file asks for ${asked.join(', ')}; Framewise computes in float32 instead, with ` +
        `results that differ from the writer's only by its rounding`,
    );
  }
  // Keras 3 names the functional class `Functional`; core reads it as `Model` too.
  return { ...top, keras_version: topology['keras_version'] };
}

/** A JSON path below `path` (`''` is the top level). */
const child = (path: string, rest: string): string => (path === '' ? rest : `${path}.${rest}`);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

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
  // Written as 1 on every Keras 2.4+ convolution; the layers refuse any other value themselves.
  'groups',
  // Keras 3 Resizing's padding mode; the layer refuses pad_to_aspect_ratio: true itself.
  'pad_to_aspect_ratio',
  'fill_mode',
  'fill_value',
]);
