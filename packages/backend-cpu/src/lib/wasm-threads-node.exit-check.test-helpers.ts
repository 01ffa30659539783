// Run as a child process by wasm-threads-node.spec.ts: starts the threaded pool and the parallel
// read's helper (a large read), and returns without disposing anything. The process must then
// exit on its own.
import * as tf from '@tensorflow/tfjs-core';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { registerThreadedWasmForNode } from './wasm-threads-node.js';

tf.env().set('IS_TEST', true);
registerThreadedWasmForNode(wasm, 2, { parallelRead: true });
await tf.setBackend('wasm');
const sum = tf.sum(tf.matMul(tf.ones([64, 16]), tf.ones([16, 2]))).dataSync()[0] ?? NaN;
const large = tf.ones([4 * 1024 * 1024]).dataSync();
const shared = large.buffer instanceof SharedArrayBuffer;
console.log(`threads ${wasm.getThreadsCount()}, result ${sum / 64}, shared read ${shared}`);
