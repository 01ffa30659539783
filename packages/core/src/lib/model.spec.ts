import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from './errors.js';
import { input, InputLayer } from './input-layer.js';
import { model } from './model.js';
import { resetNames } from './names.js';
import { sequential } from './sequential.js';
import type { SymbolicTensor } from './symbolic-tensor.js';
import { AddMeta, Affine } from './test-layers.test-helpers.js';

beforeEach(() => resetNames());

describe('functional models', () => {
  it('names layers with Keras 2 per-class counters, resettable and overridable', () => {
    const x = input({ shape: [3] });
    const a = new Affine();
    const b = new Affine({ name: 'mine' });
    const c = new Affine();
    expect([x.sourceLayer.name, a.name, b.name, c.name]).toEqual([
      'input_1',
      'affine_1',
      'mine',
      'affine_2',
    ]);
    resetNames();
    expect(new Affine().name).toBe('affine_1');
  });

  it('runs several inputs and outputs in topological order', () => {
    const x1 = input({ shape: [3] });
    const x2 = input({ shape: [3] });
    const shared = new Affine();
    const h1 = shared.apply(x1);
    const h2 = shared.apply(x2);
    const sum = new AddMeta().apply([h1, h2]) as SymbolicTensor;
    const out2 = new Affine().apply(sum);
    const m = model({ inputs: [x1, x2], outputs: [sum, out2] });
    expect(m.layers.map((l) => l.name)).toEqual([
      'input_1',
      'input_2',
      'affine_1',
      'add_meta_1',
      'affine_2',
    ]);
    expect(m.countParams()).toBe(12);

    const a = tf.tensor2d([[1, 2, 3]]);
    const b = tf.tensor2d([[4, 5, 6]]);
    const [ySum, yOut] = m.predict([a, b]) as tf.Tensor[];
    const expectSum = tf.add(shared.apply(a), shared.apply(b));
    expect(Array.from(ySum!.dataSync())).toEqual(Array.from(expectSum.dataSync()));
    const last = m.layers[4]!;
    expect(Array.from(yOut!.dataSync())).toEqual(Array.from(last.apply(expectSum).dataSync()));
  });

  it('keeps tf.memory().numTensors constant across 1000 predict calls', () => {
    const x = input({ shape: [4, 3] });
    const m = model({ inputs: x, outputs: new Affine().apply(new Affine().apply(x)) });
    const data = tf.ones([2, 4, 3]);
    tf.dispose(m.predict(data));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) tf.dispose(m.predict(data));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses inputs that are not from input() and outputs unreachable from the inputs', () => {
    const x = input({ shape: [3] });
    const other = input({ shape: [3] });
    const y = new AddMeta().apply([x, other]);
    expect(() => model({ inputs: x, outputs: y })).toThrow(ConfigError);
    expect(() => model({ inputs: x, outputs: y })).toThrow(
      /graph disconnected: the outputs need input input_2/,
    );
    const h = new Affine().apply(x);
    expect(() => model({ inputs: h, outputs: y })).toThrow(
      /model inputs must be tensors returned by input\(\)/,
    );
    expect(() => model({ inputs: x, outputs: tf.zeros([1]) as never })).toThrow(
      /model outputs must be SymbolicTensors/,
    );
  });

  it('checks predict inputs: count, rank and sizes, naming the input and both shapes', () => {
    const x = input({ shape: [4, 3] });
    const m = model({ inputs: x, outputs: new Affine().apply(x) });
    const wrong = tf.zeros([2, 4, 5]);
    const right = tf.zeros([2, 4, 3]);
    const before = tf.memory().numTensors;
    expect(() => m.predict(wrong)).toThrow(ShapeError);
    expect(() => m.predict(wrong)).toThrow(
      /input input_1: expected shape \(None, 4, 3\), received \(2, 4, 5\)/,
    );
    expect(() => m.predict([right, right])).toThrow(/expected 1 input\(s\), received 2/);
    expect(() => m.predict('x' as never)).toThrow(/predict\(\) expects tf.Tensors/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves the graph and memory unchanged when a layer call fails', () => {
    const x = input({ shape: [4, 3] });
    const layer = new Affine();
    layer.apply(x);
    const tensors = tf.memory().numTensors;
    const bad = input({ shape: [4, 5] });
    expect(() => layer.apply(bad)).toThrow(
      /affine_1: expected axis -1 of the input to have size 3/,
    );
    expect(layer.inboundNodes).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('disposes half-made weights when build fails and stays unbuilt', () => {
    class Fragile extends Affine {
      override build(shape: Parameters<Affine['build']>[0]): void {
        super.build(shape);
        throw new ShapeError('refused after making weights', this.name);
      }
    }
    const layer = new Fragile();
    const tensors = tf.memory().numTensors;
    expect(() => layer.apply(input({ shape: [3] }))).toThrow(/refused after making weights/);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(layer.built).toBe(false);
    expect(layer.weights).toHaveLength(0);
    expect(layer.inboundNodes).toHaveLength(0);
  });

  it('sets weights atomically: all shapes are checked before any is assigned, and its own values are kept', () => {
    const layer = new Affine();
    layer.apply(tf.ones([1, 3]));
    const before = layer.getWeights().map((w) => Array.from(w.dataSync()));
    expect(() => layer.setWeights([tf.ones([3]), tf.ones([4])])).toThrow(
      /affine_1: weight affine_1\/offset: expected shape \(3,\), received \(4,\)/,
    );
    expect(() => layer.setWeights([tf.ones([3])])).toThrow(
      /setWeights expected 2 tensors \(affine_1\/scale, affine_1\/offset\), received 1/,
    );
    expect(layer.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    layer.setWeights(layer.getWeights());
    expect(layer.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
  });

  it('predicts in slices with batchSize and gives the same numbers', () => {
    const x = input({ shape: [3] });
    const m = model({ inputs: x, outputs: new Affine().apply(x) });
    const data = tf.randomNormal([10, 3]);
    const whole = m.predict(data) as tf.Tensor;
    const sliced = m.predict(data, { batchSize: 3 }) as tf.Tensor;
    expect(sliced.shape).toEqual([10, 3]);
    expect(Array.from(sliced.dataSync())).toEqual(Array.from(whole.dataSync()));
    expect(() => m.predict(data, { batchSize: 0 })).toThrow(
      /batchSize must be a positive integer, received 0/,
    );
  });

  it('refuses bad input() options with messages that say what to give', () => {
    expect(() => input({})).toThrow(/input\(\) needs a shape/);
    expect(() => input({ shape: [12, -8] })).toThrow(ShapeError);
    expect(() => input({ shape: [1.5] })).toThrow(/received 1.5 at axis 0/);
    expect(() => input({ shape: [1], batchShape: [null, 1] })).toThrow(
      /shape or batchShape, not both/,
    );
  });

  it('nests a model inside another as a layer', () => {
    const x = input({ shape: [3] });
    const inner = model({ inputs: x, outputs: new Affine().apply(x), name: 'inner' });
    const y = input({ shape: [3] });
    const outer = model({ inputs: y, outputs: inner.apply(y) });
    const data = tf.tensor2d([[1, 2, 3]]);
    expect(Array.from((outer.predict(data) as tf.Tensor).dataSync())).toEqual(
      Array.from((inner.predict(data) as tf.Tensor).dataSync()),
    );
    expect(outer.countParams()).toBe(6);
    // Keras 2 numbering: node 0 is the model's creation, its first call as a layer is node 1.
    expect(outer.outputs[0]!.nodeIndex).toBe(1);
    expect(inner.inboundNodes[0]!.inboundLayers).toEqual([]);
    expect(inner.macs()).toBe(3);
    expect(outer.macs()).toBe(inner.macs());
  });
});

describe('sequential models', () => {
  it('starts from the first layer input shape and hides the input layer, as Keras 2.2', () => {
    const m = sequential({ layers: [new Affine({ inputShape: [3] }), new Affine()] });
    expect(m.layers.map((l) => l.name)).toEqual(['affine_1', 'affine_2']);
    expect(m.inputs[0]!.sourceLayer).toBeInstanceOf(InputLayer);
    expect(m.inputs[0]!.sourceLayer.name).toBe('affine_1_input');
    expect(m.countParams()).toBe(12);
    expect((m.predict(tf.ones([2, 3])) as tf.Tensor).shape).toEqual([2, 3]);
  });

  it('builds on the first call when no layer gives an input shape', () => {
    const m = sequential();
    m.add(new Affine());
    expect(m.built).toBe(false);
    expect((m.predict(tf.ones([2, 5])) as tf.Tensor).shape).toEqual([2, 5]);
    expect(m.built).toBe(true);
    expect(m.countParams()).toBe(10);
  });

  it('leaves the model as it was when an added layer does not fit', () => {
    const m = sequential({ layers: [new Affine({ inputShape: [3] })] });
    expect(() => m.add(new AddMeta())).toThrow();
    expect(m.layers).toHaveLength(1);
    expect(() => m.add('dense' as never)).toThrow(
      /Sequential.add\(\) expects a Layer, received string/,
    );
  });
});
