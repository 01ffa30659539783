import '@framewise/backend-cpu';
import { describeFitStep } from './testing/fit-step/describe-fit-step.test-helpers.js';

// The 'cpu' adapter runs wasm (XNNPACK) in Node unless @tensorflow/tfjs-node is installed.
describeFitStep('cpu');
