import '@framewise/backend-cpu';
import { describeConformance } from './jest.js';

// The 'cpu' adapter runs wasm (XNNPACK) in Node unless @tensorflow/tfjs-node is installed.
describeConformance('cpu');
