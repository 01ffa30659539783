import { registerLayer, type LayerPlugin } from '@framewise/core';
import { conv2dPlugin } from './conv2d/conv2d.js';
import { densePlugin } from './dense/dense.js';

const plugins: LayerPlugin<never>[] = [densePlugin, conv2dPlugin];
for (const plugin of plugins) registerLayer(plugin);
