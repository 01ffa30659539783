import { at } from '../checked.js';
import type { Layer } from '../layer.js';
import type { Model } from '../model.js';
import type { Node } from '../node.js';
import { serializeLayer } from '../registry.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import type { KerasInbound, KerasLayerJSON, KerasModelJSON } from './keras-json.js';

/** What Framewise writes as `keras_version`; readers key version quirks on it. */
export const WRITER_VERSION = 'framewise 0.1.0';

/**
 * Keras' `model.to_json()` object for a model: `Sequential` as a list of
 * layer configs, functional models with `inbound_nodes` in Keras 2's
 * four-element form, so Keras, tfjs-layers and Framewise all read it.
 */
export function modelToJSON(model: Model): KerasModelJSON {
  const head = { keras_version: WRITER_VERSION, backend: 'tensorflow.js' };
  if (model.className === 'Sequential') {
    const layers = model.layers.map((layer, i) => {
      const json = serializeLayer(layer);
      if (i === 0 && !('batch_input_shape' in json.config)) {
        json.config = {
          ...json.config,
          batch_input_shape: at(model.inputs, 0, 'model input').shape.slice(),
        };
      }
      return json;
    });
    return { class_name: 'Sequential', config: { name: model.name, layers }, ...head };
  }
  // Node indices are renumbered to count only this model's calls of each layer, as Keras does.
  const index = (node: Node): number =>
    node.outboundLayer.inboundNodes.filter((n) => model.ownsNode(n)).indexOf(node);
  const ref = (t: SymbolicTensor): [string, number, number] => {
    const node = at(t.sourceLayer.inboundNodes, t.nodeIndex, 'inbound node of a tensor');
    return [t.sourceLayer.name, index(node), t.tensorIndex];
  };
  const layers: KerasLayerJSON[] = model.layers.map((layer: Layer) => {
    const { class_name, config } = serializeLayer(layer);
    const nodes = layer.inboundNodes.filter((n) => model.ownsNode(n) && n.inboundLayers.length > 0);
    const inbound = nodes.map((n) =>
      n.inputTensors.map((t): KerasInbound => [...ref(t), { ...n.callArgs }]),
    );
    return { name: layer.name, class_name, config, inbound_nodes: inbound };
  });
  return {
    class_name: 'Model',
    config: {
      name: model.name,
      layers,
      input_layers: model.inputs.map(ref),
      output_layers: model.outputs.map(ref),
    },
    ...head,
  };
}
