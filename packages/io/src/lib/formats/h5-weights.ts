/**
 * Weights inside HDF5 files, in both layouts Keras uses:
 * - Keras 2 (`save_weights`, and the `model_weights` group of legacy `.h5` models,
 *   also written by Keras 3's legacy writer): a group per layer listed in the
 *   `layer_names` attribute, each with a `weight_names` attribute naming its datasets;
 *   loaded by order like Keras' `load_weights`.
 * - Keras 3 (`.weights.h5`, `model.weights.h5` in `.keras` zips): `<path>/vars/<i>`.
 */
import { at, entry, type Model } from '@framewise/core';
import { ModelFileError } from '../errors.js';
import {
  dataset,
  group,
  hdf5Reason,
  keys,
  stringListAttr,
  writeGroup,
  type H5Dataset,
  type H5Group,
  type H5WriteGroup,
} from '../hdf5.js';
import { nestBackslashNames } from './backslash-groups.js';
import { checkTensorShape, checkWeightBytes, type IoLimits } from '../limits.js';
import { keras2WeightName, keras3Groups, tfjsWeightNames } from '../versions/index.js';
import { byOrder, toFloat32, type Assignment, type RawWeight } from '../weights.js';

/** Which layout an HDF5 group holds weights in, if any. */
export function weightsLayout(root: H5Group): 'keras2' | 'keras3' | undefined {
  if (stringListAttr(root, 'layer_names')) return 'keras2';
  const top = keys(nestBackslashNames(root));
  if (
    top.includes('layers') ||
    top.includes('_layer_checkpoint_dependencies') ||
    top.includes('vars')
  )
    return 'keras3';
  return undefined;
}

/** Reads one dataset as float32 after checking its declared shape and the running byte total. */
function readDataset(
  ds: H5Dataset,
  name: string,
  location: string,
  file: string,
  limits: IoLimits,
  total: { bytes: number },
): RawWeight {
  const shape = ds.shape ?? [];
  const size = checkTensorShape(shape, limits, file, location);
  total.bytes += size * 4;
  checkWeightBytes(total.bytes, limits, file, location);
  let values: unknown;
  try {
    values = ds.value;
  } catch (e) {
    throw new ModelFileError(file, location, `cannot read the dataset (${hdf5Reason(e)})`, e);
  }
  return { name, shape, values: toFloat32(values, file, location), location };
}

/** Pairs a model's weights with a Keras 2 layout group (`root`: the file root or `model_weights`). */
export function keras2Assignments(
  model: Model,
  root: H5Group,
  base: string,
  file: string,
  limits: IoLimits,
): Assignment[] {
  const names = stringListAttr(root, 'layer_names') ?? [];
  const total = { bytes: 0 };
  const fileLayers: { name: string; weights: RawWeight[] }[] = [];
  for (const layerName of names) {
    const g = group(root, layerName, { file, location: `${base}/${layerName}` });
    if (!g)
      throw new ModelFileError(
        file,
        `${base}/${layerName}`,
        `layer_names lists ${layerName}, but there is no such group`,
      );
    const weightNames = stringListAttr(g, 'weight_names') ?? [];
    const weights = weightNames.map((wn) => {
      const location = `${base}/${layerName}/${wn}`;
      const ds = dataset(g, wn, { file, location });
      if (!ds)
        throw new ModelFileError(
          file,
          location,
          `weight_names lists ${wn}, but there is no such dataset`,
        );
      return readDataset(ds, wn, location, file, limits, total);
    });
    if (weights.length > 0) fileLayers.push({ name: layerName, weights });
  }
  const modelLayers = model.layers.filter((l) => l.weights.length > 0);
  if (modelLayers.length !== fileLayers.length) {
    throw new ModelFileError(
      file,
      `${base} (layer_names)`,
      `the file has weights for ${fileLayers.length} layer(s) (${fileLayers.map((l) => l.name).join(', ')}), ` +
        `the model has ${modelLayers.length} layer(s) with weights (${modelLayers.map((l) => l.name).join(', ')})`,
    );
  }
  return modelLayers.flatMap((layer, i) => {
    const fileLayer = at(fileLayers, i, 'file layer');
    return byOrder(layer.weights, fileLayer.weights, file, `${base}/${fileLayer.name}`);
  });
}

/** Pairs a model's weights with a Keras 3 layout file (`layers/<class>/vars/<i>`). */
export function keras3Assignments(
  model: Model,
  stored: H5Group,
  file: string,
  limits: IoLimits,
): Assignment[] {
  const root = nestBackslashNames(stored);
  // Keras 2.13 wrote `_layer_checkpoint_dependencies` where Keras 3 writes `layers`.
  const legacy =
    !keys(root).includes('layers') && keys(root).includes('_layer_checkpoint_dependencies');
  const total = { bytes: 0 };
  const out: Assignment[] = [];
  for (const g of keras3Groups(model)) {
    const path = legacy
      ? g.path.replace(/(^|\/)layers\//g, '$1_layer_checkpoint_dependencies/')
      : g.path;
    const vars = group(root, path, { file, location: `/${path}` });
    if (g.variables.length === 0) continue;
    if (!vars) {
      throw new ModelFileError(
        file,
        `/${path}`,
        `no weights group for ${g.variables.map((v) => v.name).join(', ')}; ` +
          `groups at the top: ${keys(root).join(', ')}`,
      );
    }
    const found = keys(vars);
    const weights = g.variables.map((_, i) => {
      const ds = dataset(vars, String(i), { file, location: `/${path}/${i}` });
      if (!ds)
        throw new ModelFileError(
          file,
          `/${path}/${i}`,
          `missing dataset (the group has ${found.join(', ') || 'none'})`,
        );
      return readDataset(ds, `${path}/${i}`, `/${path}/${i}`, file, limits, total);
    });
    if (found.length !== weights.length) {
      throw new ModelFileError(
        file,
        `/${path}`,
        `holds ${found.length} weight(s), the model's layer ${g.variables.length}`,
      );
    }
    out.push(...byOrder(g.variables, weights, file, `/${path}`));
  }
  return out;
}

/** Writes a model's weights in Keras 2 layout under `root` (attributes as Keras 2 writes them). */
export function writeKeras2Weights(model: Model, root: H5WriteGroup, kerasVersion: string): void {
  const names = new Map(tfjsWeightNames(model).map((n) => [n.variable, keras2WeightName(n.name)]));
  root.create_attribute(
    'layer_names',
    model.layers.map((l) => l.name),
  );
  root.create_attribute('backend', 'tensorflow');
  root.create_attribute('keras_version', kerasVersion);
  for (const layer of model.layers) {
    const g = root.create_group(layer.name);
    const weightNames = layer.weights.map((w) => entry(names, w, 'weight name'));
    // Keras writes an empty float array for a layer without weights; h5wasm needs a typed array for that.
    if (weightNames.length > 0) g.create_attribute('weight_names', weightNames);
    else g.create_attribute('weight_names', new Float64Array(0), [0]);
    layer.weights.forEach((w, i) => {
      const parts = at(weightNames, i, 'weight name').split('/');
      const name = parts.pop() ?? '';
      let parent = g;
      for (const part of parts) parent = writeGroup(parent, part) ?? parent.create_group(part);
      parent.create_dataset({
        name,
        data: w.value.dataSync() as Float32Array,
        shape: w.shape,
        dtype: '<f',
      });
    });
  }
}

/** Writes a model's weights in Keras 3 layout (`layers/<class>/vars/<i>`, a `vars` group for each object). */
export function writeKeras3Weights(model: Model, root: H5WriteGroup): void {
  for (const g of keras3Groups(model)) {
    let parent = root;
    for (const part of g.path.split('/'))
      parent = writeGroup(parent, part) ?? parent.create_group(part);
    g.variables.forEach((w, i) => {
      parent.create_dataset({
        name: String(i),
        data: w.value.dataSync() as Float32Array,
        shape: w.shape,
        dtype: '<f',
      });
    });
  }
}
