/**
 * tfjs-layers `LayersModel` ↔ Framewise `Model`, in memory: the topology goes
 * through Keras JSON, which both read; the weights are not copied but shared,
 * each tfjs-layers weight pointed at the Framewise model's `tf.Variable`.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  isJsonObject,
  modelFromJSON,
  registeredLayers,
  type JsonObject,
  type KerasModelJSON,
  type Layer,
  type LayerVariable,
  type Model,
} from '@framewise/core';
import '@framewise/layers';
import { MissingLayerError } from './errors.js';

/** Classes of model JSON that are models, not layers: both sides read them. */
const MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);

/** Every `{class_name, config.name}` in a Keras model JSON, nested models and wrappers included. */
function layerClasses(spec: unknown, out: { className: string; name: string }[] = []) {
  if (!isJsonObject(spec)) return out;
  const className = spec['class_name'];
  const config = spec['config'];
  if (typeof className === 'string') {
    const name = isJsonObject(config) && typeof config['name'] === 'string' ? config['name'] : '?';
    if (!MODEL_CLASSES.has(className)) out.push({ className, name });
  }
  const inner = Array.isArray(config)
    ? config
    : isJsonObject(config)
      ? config['layers']
      : undefined;
  if (Array.isArray(inner)) inner.forEach((l) => layerClasses(l, out));
  if (isJsonObject(config)) layerClasses(config['layer'], out);
  return out;
}

function checkClasses(
  json: unknown,
  known: ReadonlySet<string>,
  side: MissingLayerError['missingOn'],
): void {
  const missing = layerClasses(json).find((l) => !known.has(l.className));
  if (missing) throw new MissingLayerError(missing.className, missing.name, side, [...known]);
}

function tfjsClasses(): Set<string> {
  return new Set(Object.keys(tf.serialization.SerializationMap.getMap().classNameMap));
}

/** A tfjs-layers weight: `read()` is the tf.Variable; `val` is the field behind it. */
type TflWeight = tfl.LayerVariable & { val: tf.Variable };

interface TflLayerLike {
  name: string;
  weights: tfl.LayerVariable[];
  layers?: TflLayerLike[];
}

/** Pairs each tfjs-layers weight with the Framewise weight of the same layer and position. */
function pairWeights(
  fw: Layer,
  tl: TflLayerLike,
  out: { fw: LayerVariable; tl: TflWeight }[],
): void {
  const fwChildren = (fw as unknown as Partial<Model>).layers;
  if (Array.isArray(tl.layers) && Array.isArray(fwChildren)) {
    const byName = new Map(fwChildren.map((l) => [l.name, l]));
    for (const child of tl.layers) {
      const match = byName.get(child.name);
      if (match === undefined) {
        if (child.weights.length === 0) continue;
        throw new ConfigError(
          `no Framewise layer named '${child.name}' to share its weights`,
          fw.name,
        );
      }
      pairWeights(match, child, out);
    }
    return;
  }
  const a = fw.weights;
  const b = tl.weights;
  if (a.length !== b.length) {
    throw new ConfigError(
      `tfjs-layers has ${b.length} weights (${b.map((w) => w.name).join(', ')}), Framewise ${a.length} (${a.map((w) => w.name).join(', ')})`,
      fw.name,
    );
  }
  a.forEach((w, i) => {
    const other = b[i] as TflWeight;
    const same =
      w.shape.length === other.shape.length && w.shape.every((d, k) => d === other.shape[k]);
    if (!same) {
      throw new ConfigError(
        `weight ${w.name} has shape [${w.shape.join(', ')}], its tfjs-layers counterpart ${other.name} [${other.shape.join(', ')}]`,
        fw.name,
      );
    }
    out.push({ fw: w, tl: other });
  });
}

/**
 * Points every tfjs-layers weight at its Framewise tf.Variable (first copying the tfjs-layers
 * values in when `copyFromTfl`). Every pair is found and checked before the first is rebound.
 */
function share(fw: Model, tl: tfl.LayersModel, copyFromTfl: boolean): void {
  const pairs: { fw: LayerVariable; tl: TflWeight }[] = [];
  for (const layer of tl.layers as unknown as TflLayerLike[]) {
    const match = fw.layers.find((l) => l.name === layer.name);
    if (match === undefined) {
      if (layer.weights.length === 0) continue;
      throw new ConfigError(
        `no Framewise layer named '${layer.name}' to share its weights`,
        fw.name,
      );
    }
    pairWeights(match, layer, pairs);
  }
  for (const { fw: w, tl: t } of pairs) {
    const old = t.read();
    if (old === w.value) continue;
    if (copyFromTfl) w.value.assign(old);
    t.val = w.value;
    old.dispose();
  }
}

/**
 * A Framewise model with the topology of a tfjs-layers `LayersModel`, sharing
 * its weights: from then on both models read and train the same
 * `tf.Variable`s (dispose one of the two models, not both). Throws a
 * `MissingLayerError` naming the first layer Framewise has no class for.
 */
export function fromLayersModel(model: tfl.LayersModel): Model {
  if (!(model instanceof tfl.LayersModel)) {
    throw new ConfigError(
      `fromLayersModel expects a tfjs-layers LayersModel, received ${String(model)}`,
    );
  }
  const json = model.toJSON(null, false) as unknown as KerasModelJSON;
  checkClasses(json, new Set([...registeredLayers(), 'InputLayer']), 'framewise');
  const fw = modelFromJSON(json);
  try {
    share(fw, model, true);
  } catch (e) {
    // Pairs are all checked before any weight is rebound: nothing of `model` has changed.
    fw.dispose();
    throw e;
  }
  return fw;
}

/**
 * A tfjs-layers `LayersModel` with the topology of a Framewise model, sharing
 * its weights (the same `tf.Variable`s; dispose one of the two models, not
 * both). Throws a `MissingLayerError` naming the first layer tfjs-layers has
 * no class for.
 */
export async function toLayersModel(model: Model): Promise<tfl.LayersModel> {
  if (
    model === null ||
    typeof model !== 'object' ||
    typeof (model as Partial<Model>).toJSON !== 'function'
  ) {
    throw new ConfigError(`toLayersModel expects a Framewise Model, received ${String(model)}`);
  }
  const json = model.toJSON() as unknown as JsonObject;
  checkClasses(json, tfjsClasses(), 'tfjs-layers');
  const tl = await tfl.models.modelFromJSON(json as unknown as tfl.ModelAndWeightsConfig);
  try {
    share(model, tl, false);
  } catch (e) {
    tl.dispose();
    throw e;
  }
  return tl;
}
