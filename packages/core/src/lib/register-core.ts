import { inputLayerPlugin } from './input-layer.js';
import { registerLayer, type LayerPlugin } from './registry.js';
import { functionalFromConfig, sequentialFromConfig } from './serialization/model-from-json.js';
import { timeDistributedPlugin } from './time-distributed/time-distributed.js';

// Core's own layers are plugins like any other; importing the package registers them.
// Models are layers too: Keras JSON nests them under these class names.
const plugins: LayerPlugin<never>[] = [
  inputLayerPlugin,
  timeDistributedPlugin,
  { className: 'Model', create: () => functionalFromConfig({}), fromConfig: functionalFromConfig },
  {
    className: 'Functional',
    create: () => functionalFromConfig({}),
    fromConfig: functionalFromConfig,
  },
  {
    className: 'Sequential',
    create: () => sequentialFromConfig([]),
    fromConfig: sequentialFromConfig,
  },
];
for (const plugin of plugins) registerLayer(plugin);
