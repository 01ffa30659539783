import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, resetNames, ShapeError } from '@framewise/core';
import { describeElementWiseMerge } from '../testing/merge-layers.test-helpers.js';
import { subtract, subtractPlugin } from './subtract.js';

describeElementWiseMerge('Subtract', {
  make: (options) => subtract(options ?? {}),
  plugin: subtractPlugin,
  // tfjs-layers 4.22 has no Subtract: a - b is its Add on [a, -b], broadcasting the same way.
  reference: () => tfl.layers.add({}),
  referenceInputs: ([a, b]) => [a!, tf.neg(b!)],
  shapes: [
    [
      [2, 3, 4],
      [2, 3, 4],
    ],
    [
      [2, 3, 4],
      [2, 1, 4],
    ],
    [
      [2, 4],
      [2, 3, 4],
    ],
  ],
});

describe('Subtract', () => {
  beforeEach(() => resetNames());

  it('takes exactly two inputs, as Keras: three are refused, symbolic or concrete, naming the layer', () => {
    const three = [input({ shape: [2] }), input({ shape: [2] }), input({ shape: [2] })];
    expect(() => subtract({ name: 'minus' }).apply(three)).toThrow(ShapeError);
    expect(() => subtract({ name: 'minus' }).apply(three)).toThrow(
      /minus: expected a list of exactly 2 inputs, received 3 input\(s\) \(None, 2\), \(None, 2\), \(None, 2\)/,
    );
    const before = tf.memory().numTensors;
    const xs = [tf.ones([1, 2]), tf.ones([1, 2]), tf.ones([1, 2])];
    expect(() => subtract().apply(xs)).toThrow(/exactly 2 inputs, received 3 input/);
    tf.dispose(xs);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is the first input minus the second', () => {
    const y = subtract([tf.tensor2d([[5, 1]]), tf.tensor2d([[2, 3]])]);
    expect(Array.from(y.dataSync())).toEqual([3, -2]);
  });
});
