import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from '../errors.js';
import { input } from '../input-layer.js';
import { model, type Model } from '../model.js';
import { resetNames } from '../names.js';
import { sequential } from '../sequential.js';
import { getLoss, lossNames } from './losses.js';
import { getMetric } from './metrics.js';
import { getOptimizer } from './optimizers.js';
import { TinyDense, values } from './tiny-dense.test-helpers.js';

beforeEach(() => resetNames());

function small(): Model {
  const x = input({ shape: [3] });
  return model({ inputs: x, outputs: new TinyDense(2, 'softmax').apply(x) });
}

describe('typed errors', () => {
  it('refuses fit, evaluate and trainOnBatch before compile', async () => {
    const m = small();
    const x = values([4, 3]);
    const y = values([4, 2]);
    await expect(m.fit(x, y)).rejects.toThrow(ConfigError);
    await expect(m.fit(x, y)).rejects.toThrow(/fit\(\) needs a compiled model: call model.compile/);
    await expect(m.evaluate(x, y)).rejects.toThrow(/evaluate\(\) needs a compiled model/);
    await expect(m.trainOnBatch(x, y)).rejects.toThrow(/trainOnBatch\(\) needs a compiled model/);
    tf.dispose([x, y]);
  });

  it('names the known losses, metrics and optimizers for unknown names, and keeps the old compile', () => {
    const m = small();
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const before = m.compiled;
    expect(() => m.compile({ optimizer: 'adam', loss: 'hinge' })).toThrow(
      /unknown loss 'hinge'; known losses: .*binary_crossentropy.*sparseCategoricalCrossentropy/,
    );
    expect(() => m.compile({ optimizer: 'adamw', loss: 'mse' })).toThrow(
      /unknown optimizer 'adamw'; known optimizers: adadelta, adagrad, adam, adamax, momentum, rmsprop, sgd/,
    );
    expect(() => m.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['auc'] })).toThrow(
      /unknown metric 'auc'; known metrics: .*accuracy/,
    );
    expect(m.compiled).toBe(before);
    expect(lossNames()).toContain('sparse_categorical_crossentropy');
  });

  it("finds no loss or metric in Object.prototype's names", () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      expect(() => getLoss(name)).toThrow(new RegExp(`unknown loss '${name}'`));
      expect(() => getMetric(name)).toThrow(new RegExp(`unknown metric '${name}'`));
    }
    expect(lossNames()).not.toContain('constructor');
  });

  it('accepts names in camelCase, Keras snake_case and any case for optimizers', () => {
    expect(getLoss('categorical_crossentropy').name).toBe(getLoss('categoricalCrossentropy').name);
    expect(getLoss('mse').kind).toBe('regression');
    expect(getMetric('sparse_categorical_accuracy')?.name).toBe('sparse_categorical_accuracy');
    expect(getMetric('accuracy')).toBeNull();
    expect(getOptimizer('RMSProp')).toBeInstanceOf(tf.RMSPropOptimizer);
    expect(getOptimizer('Adam')).toBeInstanceOf(tf.AdamOptimizer);
    const own = tf.train.sgd(0.3);
    expect(getOptimizer(own)).toBe(own);
  });

  it('checks x/y counts, batch sizes and target shapes before any step', async () => {
    const m = small();
    m.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const x = values([4, 3]);
    const y = values([4, 2]);
    const y5 = values([5, 2]);
    const yFlat = values([4]);
    const before = m.getWeights().map((w) => Array.from(w.dataSync()));
    const count = tf.memory().numTensors;
    await expect(m.fit([x, x], y, { verbose: 0 })).rejects.toThrow(ShapeError);
    await expect(m.fit([x, x], y, { verbose: 0 })).rejects.toThrow(
      /the model has 1 input\(s\) \(input_1\), received 2/,
    );
    await expect(m.fit(x, y5, { verbose: 0 })).rejects.toThrow(
      /same number of samples on axis 0; x\[0\]: 4, y\[0\]: 5/,
    );
    await expect(m.fit(x, yFlat, { verbose: 0 })).rejects.toThrow(
      /targets for output 'tiny_dense_1' \(categorical_crossentropy\): expected shape \(None, 2\), received \(4,\)/,
    );
    await expect(m.fit(values([4, 5]), y, { verbose: 0 })).rejects.toThrow(
      /x\[0\] \(input_1\): expected shape/,
    );
    expect(tf.memory().numTensors).toBe(count + 1);
    expect(m.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    tf.dispose([x, y, y5, yFlat]);
  });

  it('checks validationSplit, epochs and batchSize', async () => {
    const m = small();
    m.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const x = values([4, 3]);
    const y = values([4, 2]);
    for (const bad of [0, 1, -0.2, 1.5, Number.NaN]) {
      await expect(m.fit(x, y, { validationSplit: bad, verbose: 0 })).rejects.toThrow(
        /validationSplit must be a number in \(0, 1\)/,
      );
    }
    await expect(m.fit(x, y, { validationSplit: 0.9, verbose: 0 })).rejects.toThrow(
      /validationSplit 0.9 of 4 samples leaves 0 for training and 4 for validation; both need at least one/,
    );
    await expect(m.fit(x, y, { epochs: 0 })).rejects.toThrow(/epochs must be a positive integer/);
    await expect(m.fit(x, y, { batchSize: 2.5 })).rejects.toThrow(
      /batchSize must be a positive integer/,
    );
    await expect(
      m.fit(x, y, { validationSplit: 0.5, validationData: [x, y], verbose: 0 }),
    ).rejects.toThrow(/not both/);
    tf.dispose([x, y]);
  });

  it('refuses to compile a Sequential model that has not been built', () => {
    const m = sequential({ layers: [new TinyDense(2)] });
    expect(() => m.compile({ optimizer: 'sgd', loss: 'mse' })).toThrow(
      /compile\(\) needs a built model: give the first layer an inputShape/,
    );
  });
});
