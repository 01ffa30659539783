/**
 * How each Keras version, tfjs-layers and Framewise name and group weights
 * (part of the version mapping module, see `./index.ts`).
 */
import { at, Model, required, type Layer, type LayerVariable } from '@framewise/core';
import { snakeClass } from './keras3-config.js';

/** One group of weights as a Keras 3 `.weights.h5` stores it: `<path>/vars/0..n-1`. */
export interface VarGroup {
  path: string;
  variables: LayerVariable[];
}

const RECURRENT = new Set(['LSTM', 'GRU', 'SimpleRNN', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D']);

/** MultiHeadAttention's projections: Framewise's weight prefix, and Keras 3's sub-layer folder. */
const ATTENTION_PROJECTIONS: [string, string][] = [
  ['query', 'query_dense'],
  ['key', 'key_dense'],
  ['value', 'value_dense'],
  ['attention_output', 'output_dense'],
];

// A Sequential's `layers` leaves its InputLayer out and a functional model's keeps them, as
// Keras 3's `model.layers` does, so its folder counters come out the same.
/** Where Keras 3's saving_lib puts each layer's variables (`layers/time_distributed/layer/vars`, `layers/lstm/cell/vars` ...). */
export function keras3Groups(model: Model): VarGroup[] {
  return [{ path: 'vars', variables: [] }, ...containerGroups(model.layers, 'layers')];
}

function containerGroups(layers: Layer[], base: string): VarGroup[] {
  const used = new Map<string, number>();
  return layers.flatMap((layer) => {
    const snake = snakeClass(keras3ClassName(layer));
    const n = used.get(snake);
    used.set(snake, n === undefined ? 0 : n + 1);
    return layerGroups(layer, `${base}/${n === undefined ? snake : `${snake}_${n + 1}`}`);
  });
}

function layerGroups(layer: Layer, path: string): VarGroup[] {
  const own: VarGroup = { path: `${path}/vars`, variables: [] };
  if (layer instanceof Model) return [own, ...containerGroups(layer.layers, `${path}/layers`)];
  if (layer.className === 'TimeDistributed')
    return [own, ...layerGroups(at(layer.sublayers(), 0, 'wrapped layer'), `${path}/layer`)];
  if (layer.className === 'Bidirectional') {
    const [forward, backward] = layer.sublayers();
    return [
      own,
      ...layerGroups(required(forward, 'forward layer'), `${path}/forward_layer`),
      ...layerGroups(required(backward, 'backward layer'), `${path}/backward_layer`),
    ];
  }
  if (RECURRENT.has(layer.className))
    return [own, { path: `${path}/cell/vars`, variables: layer.weights }];
  if (layer.className === 'MultiHeadAttention') {
    return [
      own,
      ...ATTENTION_PROJECTIONS.map(([prefix, folder]) => ({
        path: `${path}/${folder}/vars`,
        variables: layer.weights.filter((v) => v.name.split('/').slice(-2)[0] === prefix),
      })),
    ];
  }
  return [{ path: own.path, variables: layer.weights }];
}

/** Keras 3's class name for a Framewise layer (`Model` is `Functional` there). */
export function keras3ClassName(layer: Layer): string {
  return layer.className === 'Model' ? 'Functional' : layer.className;
}

/**
 * A weight's name as Keras 2 (`:0` added) and tfjs-layers give it: the
 * top-level layer's name, then for a Bidirectional the direction's name, then
 * the weight's own name. A wrapped layer's weights thus sit under the
 * wrapper's name (`time_distributed_1/kernel`).
 */
export function tfjsWeightNames(model: Model): { variable: LayerVariable; name: string }[] {
  const out: { variable: LayerVariable; name: string }[] = [];
  for (const layer of model.layers) {
    const prefixOf = (v: LayerVariable): string => {
      if (layer.className !== 'Bidirectional') return layer.name;
      const direction = layer.sublayers().find((s) => s.weights.includes(v));
      return direction ? `${layer.name}/${direction.name}` : layer.name;
    };
    for (const v of layer.weights) out.push({ variable: v, name: `${prefixOf(v)}/${ownName(v)}` });
  }
  return out;
}

/**
 * The weight's name below the layer that made it (`kernel`, `moving_mean`, and for a layer
 * with sub-projections such as MultiHeadAttention `query/kernel`), as Keras 2 names it.
 */
export function ownName(v: LayerVariable): string {
  return v.name.split('/').slice(1).join('/').replace(/:\d+$/, '') || shortName(v);
}

/** The weight's own name (`kernel`, `moving_mean`) without its layer prefix. */
export function shortName(v: LayerVariable): string {
  const [name = ''] = v.name.split('/').slice(-1);
  return name.replace(/:\d+$/, '');
}

/** Keras 2 `weight_names` entries end in `:0`. */
export const keras2WeightName = (name: string): string => `${name}:0`;
