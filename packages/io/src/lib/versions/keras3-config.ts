/**
 * Framewise's Keras 2 JSON written the Keras 3 way, for `.keras` files (part
 * of the version mapping module, see `./index.ts`): `module`/`registered_name`,
 * DTypePolicy objects, `batch_shape`, an explicit InputLayer in Sequential
 * models, `{args, kwargs}` inbound nodes and Keras 3 activation names.
 */
import {
  ConfigError,
  isJsonObject as isObject,
  singletonOrArray,
  type JsonObject as Json,
  type KerasInbound,
  type Model,
  type SymbolicTensor,
} from '@framewise/core';

/** Keras 3 `naming.to_snake_case` of a class name (`Conv2D` → `conv2d`, `SimpleRNN` → `simple_rnn`). */
export function snakeClass(className: string): string {
  return className
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** What Keras 3 writes for a dtype. */
const policy = (name: unknown): Json => ({
  module: 'keras',
  class_name: 'DTypePolicy',
  config: { name: typeof name === 'string' ? name : 'float32' },
  registered_name: null,
});

/** An activation name as Keras 3 spells it; Keras 2's `hard_sigmoid` has no Keras 3 equivalent. */
function keras3Activation(name: unknown, layer: string): unknown {
  if (name === 'hard_sigmoid_keras3') return 'hard_sigmoid';
  if (name === 'hard_sigmoid') {
    throw new ConfigError(
      `uses Keras 2's hard_sigmoid (clip(0.2x + 0.5)), which Keras 3 does not have (its hard_sigmoid is ` +
        `relu6(x + 3) / 6); save as 'keras-json' or 'tfjs' instead`,
      layer,
    );
  }
  return name;
}

/** The Keras 3 module of a serialized object, from the config field that holds it. */
function moduleOf(key: string): string {
  if (key.endsWith('_regularizer')) return 'keras.regularizers';
  if (key.endsWith('_constraint')) return 'keras.constraints';
  return 'keras.initializers';
}

function config3(config: Json, layer: string): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'batch_input_shape') continue;
    if (key === 'dtype') out[key] = policy(value);
    else if (key === 'activation' || key === 'recurrent_activation')
      out[key] = keras3Activation(value, layer);
    else if ((key === 'layer' || key === 'backward_layer') && isObject(value))
      out[key] = layer3(value);
    else if (isObject(value) && typeof value['class_name'] === 'string') {
      out[key] = { module: moduleOf(key), ...value, registered_name: null };
    } else out[key] = value;
  }
  return out;
}

function layer3(spec: Json): Json {
  const config = isObject(spec['config']) ? spec['config'] : {};
  return {
    module: 'keras.layers',
    class_name: spec['class_name'],
    config: config3(config, String(config['name'] ?? spec['class_name'])),
    registered_name: null,
  };
}

const inputLayer = (batchShape: unknown, name: string, dtype: unknown): Json => ({
  module: 'keras.layers',
  class_name: 'InputLayer',
  // Keras 3 writes an input's dtype as a plain name (int32 for indices), not a policy.
  config: {
    batch_shape: batchShape,
    dtype: dtype === 'int32' ? 'int32' : 'float32',
    sparse: false,
    name,
  },
  registered_name: null,
});

/** Keras 3's `config.json` object for a model (the `.keras` zip entry). */
export function keras3Config(model: Model): Json {
  const json = model.toJSON();
  const config = json.config as Json;
  const specs = (Array.isArray(json.config) ? json.config : (config['layers'] as Json[])) as Json[];
  if (json.class_name === 'Sequential') {
    const first = specs[0]?.['config'] as Json | undefined;
    const batch = first?.['batch_input_shape'] ?? model.inputs[0]?.shape;
    return {
      module: 'keras',
      class_name: 'Sequential',
      config: {
        name: model.name,
        trainable: model.trainable,
        dtype: policy('float32'),
        layers: [
          inputLayer(batch, `${model.name}_input`, model.inputs[0]?.dtype),
          ...specs.map(layer3),
        ],
      },
      registered_name: null,
      build_config: { input_shape: batch },
    };
  }
  const outputOf = ([name, node, index]: KerasInbound): SymbolicTensor | undefined => {
    const layer = model.layers.find((l) => l.name === name);
    const owned = layer?.inboundNodes.filter((n) => model.ownsNode(n));
    return owned?.[node]?.outputTensors[index];
  };
  const tensor = (ref: KerasInbound): Json => ({
    class_name: '__keras_tensor__',
    config: {
      shape: outputOf(ref)?.shape ?? null,
      dtype: outputOf(ref)?.dtype ?? 'float32',
      keras_history: [ref[0], ref[1], ref[2]],
    },
  });
  const layers = specs.map((spec) => {
    const isInput = spec['class_name'] === 'InputLayer';
    const base = isInput
      ? inputLayer(
          (spec['config'] as Json)['batch_input_shape'],
          String(spec['name']),
          (spec['config'] as Json)['dtype'],
        )
      : layer3(spec);
    const nodes = ((spec['inbound_nodes'] as KerasInbound[][] | undefined) ?? []).map((node) => ({
      args: [singletonOrArray(node.map(tensor))],
      kwargs: node[0]?.[3] ?? {},
    }));
    return { ...base, name: spec['name'], inbound_nodes: nodes };
  });
  return {
    module: 'keras.src.models.functional',
    class_name: 'Functional',
    config: {
      name: model.name,
      trainable: model.trainable,
      layers,
      input_layers: config['input_layers'],
      output_layers: config['output_layers'],
    },
    registered_name: 'Functional',
    build_config: { input_shape: null },
  };
}
