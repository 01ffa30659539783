// Run as a child process by wasm-threads-node.spec.ts: starts the threaded pool, computes,
// and returns without disposing anything. The process must then exit on its own.
import * as tf from '@tensorflow/tfjs-core';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { registerThreadedWasmForNode } from './wasm-threads-node.js';

tf.env().set('IS_TEST', true);
registerThreadedWasmForNode(wasm, 2);
await tf.setBackend('wasm');
const sum = tf.sum(tf.matMul(tf.ones([64, 16]), tf.ones([16, 2]))).dataSync()[0] ?? NaN;
console.log(`threads ${wasm.getThreadsCount()}, result ${sum / 64}`);
