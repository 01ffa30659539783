import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError } from '../errors.js';
import { constraints, getConstraint, serializeConstraint } from './constraints.js';
import { getRegularizer, regularizers, serializeRegularizer } from './regularizers.js';

const w = (): tf.Tensor =>
  tf.tensor(
    Array.from({ length: 12 }, (_, i) => 1.7 * Math.sin(1.3 * i + 0.4)),
    [3, 4],
  );

const close = (a: tf.Tensor, b: tf.Tensor): void =>
  expect(Array.from(a.dataSync())).toEqual(
    Array.from(b.dataSync()).map((v) => expect.closeTo(v, 5) as unknown),
  );

describe('regularizers', () => {
  it('computes what tfjs-layers computes', () => {
    const x = w();
    close(regularizers.l2().apply(x), tfl.regularizers.l2().apply(x));
    close(regularizers.l1({ l1: 0.3 }).apply(x), tfl.regularizers.l1({ l1: 0.3 }).apply(x));
    close(
      regularizers.l1l2({ l1: 0.02, l2: 0.5 }).apply(x),
      tfl.regularizers.l1l2({ l1: 0.02, l2: 0.5 }).apply(x),
    );
  });

  it('reads every Keras and tfjs-layers spelling', () => {
    const forms: [unknown, string, Record<string, unknown>][] = [
      ['l2', 'L2', { l2: 0.01 }],
      ['l1_l2', 'L1L2', { l1: 0.01, l2: 0.01 }],
      ['l1l2', 'L1L2', { l1: 0.01, l2: 0.01 }],
      [{ class_name: 'L2', config: { l2: 0.001 } }, 'L2', { l2: 0.001 }],
      [{ class_name: 'L1L2', config: { l1: 0, l2: 0.02 } }, 'L1L2', { l1: 0, l2: 0.02 }],
      [{ class_name: 'L1L2', config: {} }, 'L1L2', { l1: 0, l2: 0 }],
      [
        {
          module: 'keras.regularizers',
          class_name: 'L1',
          config: { l1: 0.5 },
          registered_name: null,
        },
        'L1',
        { l1: 0.5 },
      ],
      [{ name: 'WeightRegularizer', l1: 0, l2: 0.03 }, 'L1L2', { l1: 0, l2: 0.03 }],
      [{ name: 'ActivityRegularizer', l1: 0.1 }, 'L1L2', { l1: 0.1, l2: 0 }],
      [tfl.regularizers.l1l2({ l1: 0.2, l2: 0.4 }), 'L1L2', { l1: 0.2, l2: 0.4 }],
      [
        { class_name: 'OrthogonalRegularizer', config: { factor: 0.1, mode: 'columns' } },
        'OrthogonalRegularizer',
        { factor: 0.1, mode: 'columns' },
      ],
    ];
    for (const [form, className, config] of forms) {
      expect(serializeRegularizer(getRegularizer(form))).toEqual({ class_name: className, config });
    }
    expect(getRegularizer(null)).toBeUndefined();
    expect(serializeRegularizer(undefined)).toBeNull();
  });

  it('refuses unknown names and bad factors, naming what it expected', () => {
    expect(() => getRegularizer('l3', 'd')).toThrow(/unknown regularizer "l3"; expected l1, l2/);
    expect(() => getRegularizer({ class_name: 'L2', config: { l2: -1 } })).toThrow(
      /L2: l2 must be a non-negative finite number, received -1/,
    );
    expect(() => getRegularizer(7)).toThrow(ConfigError);
    expect(() => getRegularizer('constructor')).toThrow(/unknown regularizer/);
  });

  it("computes Keras 3's OrthogonalRegularizer (hand-worked)", () => {
    // Rows (1, 0) and (1, 1)/√2: cosine 1/√2, one pair: 0.1 · 0.5 · 2·(1/√2) / 1.
    const x = tf.tensor([
      [2, 0],
      [3, 3],
    ]);
    const value = regularizers.orthogonal({ factor: 0.1 }).apply(x).dataSync()[0];
    expect(value).toBeCloseTo(0.1 * Math.SQRT1_2, 6);
  });
});

describe('constraints', () => {
  it('project as tfjs-layers projects', () => {
    const x = w();
    close(
      constraints.maxNorm({ maxValue: 1.5 }).apply(x),
      tfl.constraints.maxNorm({ maxValue: 1.5 }).apply(x),
    );
    close(
      constraints.maxNorm({ maxValue: 1, axis: 1 }).apply(x),
      tfl.constraints.maxNorm({ maxValue: 1, axis: 1 }).apply(x),
    );
    close(constraints.nonNeg().apply(x), tfl.constraints.nonNeg().apply(x));
    close(
      constraints.unitNorm({ axis: 1 }).apply(x),
      tfl.constraints.unitNorm({ axis: 1 }).apply(x),
    );
    close(
      constraints.minMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.7 }).apply(x),
      tfl.constraints.minMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.7 }).apply(x),
    );
  });

  it('reads every Keras and tfjs-layers spelling', () => {
    const forms: [unknown, string, Record<string, unknown>][] = [
      ['max_norm', 'MaxNorm', { max_value: 2, axis: 0 }],
      ['nonNeg', 'NonNeg', {}],
      [
        { class_name: 'MaxNorm', config: { max_value: 3, axis: [0, 1, 2] } },
        'MaxNorm',
        { max_value: 3, axis: [0, 1, 2] },
      ],
      [
        {
          module: 'keras.constraints',
          class_name: 'UnitNorm',
          config: { axis: 1 },
          registered_name: null,
        },
        'UnitNorm',
        { axis: 1 },
      ],
      [{ name: 'MaxNorm', m: 4, axis: 0 }, 'MaxNorm', { max_value: 4, axis: 0 }],
      [tfl.constraints.maxNorm({ maxValue: 5, axis: 1 }), 'MaxNorm', { max_value: 5, axis: 1 }],
      ['min_max_norm', 'MinMaxNorm', { min_value: 0, max_value: 1, rate: 1, axis: 0 }],
    ];
    for (const [form, className, config] of forms) {
      expect(serializeConstraint(getConstraint(form))).toEqual({ class_name: className, config });
    }
  });

  it('refuses bad settings', () => {
    expect(() => getConstraint({ class_name: 'MaxNorm', config: { axis: 'x' } })).toThrow(
      /MaxNorm: axis must be an integer or a list of integers, received "x"/,
    );
    expect(() => getConstraint('clip')).toThrow(/unknown constraint "clip"; expected max_norm/);
  });
});
