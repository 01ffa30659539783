import { registerLayer, type LayerPlugin } from '@framewise/core';
import * as layers from './base.js';

// The catalog, once: importing the package registers every plugin it exports.
const plugins: LayerPlugin<never>[] = [
  layers.activationPlugin,
  layers.addPlugin,
  layers.averagePooling1dPlugin,
  layers.averagePooling2dPlugin,
  layers.batchNormalizationPlugin,
  layers.bidirectionalPlugin,
  layers.concatenatePlugin,
  layers.conv1dPlugin,
  layers.conv2dPlugin,
  layers.conv2dTransposePlugin,
  layers.convLstm1dPlugin,
  layers.convLstm2dPlugin,
  layers.densePlugin,
  layers.dropoutPlugin,
  layers.embeddingPlugin,
  layers.flattenPlugin,
  layers.globalAveragePooling1dPlugin,
  layers.globalAveragePooling2dPlugin,
  layers.globalMaxPooling1dPlugin,
  layers.globalMaxPooling2dPlugin,
  layers.gruPlugin,
  layers.layerNormalizationPlugin,
  layers.lstmPlugin,
  layers.maskingPlugin,
  layers.maxPooling1dPlugin,
  layers.maxPooling2dPlugin,
  layers.multiplyPlugin,
  layers.reshapePlugin,
  layers.simpleRNNPlugin,
  layers.upSampling2dPlugin,
  layers.zeroPadding2dPlugin,
];
for (const plugin of plugins) registerLayer(plugin);
