import { registerLayer } from './registry.js';
import { timeDistributedPlugin } from './time-distributed/time-distributed.js';

// Core's own layers are plugins like any other; importing the package registers them.
registerLayer(timeDistributedPlugin);
