import * as tf from '@tensorflow/tfjs-core';
import { normaliseActivation } from './activations.js';
import { ConfigError } from './errors.js';
import { getInitializer } from './initializers.js';
import { toKerasConfig } from './keras-config.js';
import { input } from './input-layer.js';
import { model } from './model.js';
import { getLoss } from './training/losses.js';
import { getMetric } from './training/metrics.js';
import { getOptimizer } from './training/optimizers.js';
import { toDataset } from './training/data.js';
import { TinyDense } from './training/tiny-dense.test-helpers.js';

// Names every plain object answers to through Object.prototype: a lookup by name in a `{}`
// table finds them unless it checks its own keys.
const INHERITED = ['constructor', 'valueOf', 'toString', 'hasOwnProperty', '__proto__'];

describe('lookups by name', () => {
  it.each(INHERITED)('refuse the activation %j, listing the known ones', (name) => {
    expect(() => normaliseActivation(name, 'dense_1')).toThrow(ConfigError);
    expect(() => normaliseActivation(name)).toThrow(/expected one of linear, relu/);
  });

  it.each(INHERITED)('refuse the initializer %j, as a name and as a class name', (name) => {
    expect(() => getInitializer(name as never)).toThrow(/unknown initializer .*expected one of/);
    expect(() => getInitializer({ class_name: name, config: {} })).toThrow(
      /unknown initializer .*class_name Zeros, Ones/,
    );
  });

  it.each(INHERITED)('refuse the loss, metric and optimizer %j', (name) => {
    expect(() => getLoss(name)).toThrow(/unknown loss .*known losses: /);
    expect(() => getMetric(name)).toThrow(/unknown metric .*accuracy/);
    expect(() => getOptimizer(name)).toThrow(/unknown optimizer .*known optimizers: adadelta/);
  });

  it("keeps an option named '__proto__' as a key, not as the config's prototype", () => {
    const config = toKerasConfig(JSON.parse('{"units": 2, "__proto__": {"useBias": false}}'));
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(config['use_bias']).toBeUndefined();
    expect(Object.keys(config)).toEqual(['units', '__proto__']);
  });

  it('reads training data by input name from the map itself, not its prototype', () => {
    const x = input({ shape: [2], name: 'toString' });
    const m = model({ inputs: x, outputs: new TinyDense(1).apply(x) });
    const y = tf.zeros([3, 1]);
    expect(() => toDataset(m, {}, y, undefined)).toThrow(/x: no tensor for toString/);
    y.dispose();
    m.dispose();
  });
});
