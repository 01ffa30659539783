import { singletonOrArray } from '../checked.js';
import { ConfigError } from '../errors.js';
import type { Layer } from '../layer.js';
import { Model } from '../model.js';
import { deserializeLayer, type SerializedLayer } from '../registry.js';
import { Sequential } from '../sequential.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { checkCallFlags, nodeInputRefs } from './call-kwargs.js';
import type { KerasInbound, KerasLayerJSON, KerasModelJSON } from './keras-json.js';

/**
 * Builds a model from Keras JSON (`model.to_json()`, Keras 2 node format) or
 * from a tfjs-layers `model.json` (its `modelTopology`). Weights are freshly
 * initialised; loading weights is `@framewise/io`'s job.
 */
export function modelFromJSON(
  json: string | KerasModelJSON | { modelTopology: KerasModelJSON },
): Model {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new ConfigError(`model JSON does not parse: ${(e as Error).message}`);
    }
  }
  const topology =
    value !== null && typeof value === 'object'
      ? ((value as { modelTopology?: KerasModelJSON }).modelTopology ?? (value as KerasModelJSON))
      : undefined;
  if (!topology || typeof topology !== 'object' || typeof topology.class_name !== 'string') {
    throw new ConfigError(
      `expected Keras model JSON {class_name, config}, received ${JSON.stringify(value)?.slice(0, 80)}`,
    );
  }
  if (topology.config === null || typeof topology.config !== 'object') {
    throw new ConfigError(`model JSON of class ${topology.class_name} has no config object`);
  }
  if (topology.class_name === 'Sequential') return sequentialFromConfig(topology.config);
  if (topology.class_name === 'Model' || topology.class_name === 'Functional') {
    return functionalFromConfig(topology.config as Record<string, unknown>);
  }
  throw new ConfigError(
    `expected a Sequential, Model or Functional model, received class ${topology.class_name}`,
  );
}

/** A Sequential model from its Keras config (a `{name, layers}` object or the legacy bare list). */
export function sequentialFromConfig(config: KerasModelJSON['config']): Sequential {
  // Keras < 2.2.3 and older tfjs wrote the bare list of layers.
  const layers = Array.isArray(config)
    ? config
    : ((config['layers'] as KerasLayerJSON[] | undefined) ?? []);
  const name = Array.isArray(config) ? undefined : (config['name'] as string | undefined);
  const model = new Sequential(name === undefined ? {} : { name });
  for (const spec of layers) model.add(deserializeLayer(spec as SerializedLayer));
  return model;
}

/** A functional model from its Keras config (`layers` with `inbound_nodes`, `input_layers`, `output_layers`). */
export function functionalFromConfig(config: Record<string, unknown>): Model {
  const specs = config['layers'] as KerasLayerJSON[] | undefined;
  if (!Array.isArray(specs)) throw new ConfigError('model config has no layers list');
  const layers = new Map<string, Layer>();
  const pending: { layer: Layer; nodes: KerasInbound[][] }[] = [];
  for (const spec of specs) {
    const layer = deserializeLayer(spec as SerializedLayer);
    layers.set(spec.name ?? layer.name, layer);
    pending.push({ layer, nodes: (spec.inbound_nodes ?? []).slice() });
  }
  const tensor = ([name, nodeIndex, tensorIndex]: KerasInbound): SymbolicTensor | undefined =>
    layers.get(name)?.inboundNodes[nodeIndex]?.outputTensors[tensorIndex];

  // Keras' order: call each layer's nodes in turn as soon as all their inputs exist.
  let progress = true;
  while (progress && pending.some((p) => p.nodes.length > 0)) {
    progress = false;
    for (const p of pending) {
      for (let inbound = p.nodes[0]; inbound !== undefined; inbound = p.nodes[0]) {
        const inputs = nodeInputRefs(inbound).map(tensor);
        if (inputs.some((t) => t === undefined)) break;
        checkCallFlags(inbound, p.layer);
        const kwargs = inbound[0]?.[3] ?? {};
        const options =
          typeof kwargs['training'] === 'boolean' ? { training: kwargs['training'] } : {};
        p.layer.apply(singletonOrArray(inputs as SymbolicTensor[]), options);
        p.nodes.shift();
        progress = true;
      }
    }
  }
  const stuck = pending.find((p) => p.nodes.length > 0);
  const stuckNode = stuck?.nodes[0];
  if (stuck && stuckNode) {
    const missing = nodeInputRefs(stuckNode)
      .filter((i) => tensor(i) === undefined)
      .map((i) => `${i[0]}[${i[1]}][${i[2]}]`);
    throw new ConfigError(
      `cannot connect layer ${stuck.layer.name}: its inputs ${missing.join(', ')} are never produced`,
    );
  }
  const endpoints = (key: string): SymbolicTensor[] =>
    ((config[key] as KerasInbound[] | undefined) ?? []).map((ref) => {
      const t = tensor(ref);
      if (!t)
        throw new ConfigError(
          `${key} names ${ref[0]}[${ref[1]}][${ref[2]}], which the layers do not produce`,
        );
      return t;
    });
  const name = config['name'] as string | undefined;
  const [inputs, outputs] = [endpoints('input_layers'), endpoints('output_layers')];
  // One input or output is given bare, so predict() returns a tensor, not a list of one.
  return new Model({
    inputs: singletonOrArray(inputs),
    outputs: singletonOrArray(outputs),
    ...(name ? { name } : {}),
  });
}
