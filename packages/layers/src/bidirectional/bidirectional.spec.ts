import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, ShapeError, timeDistributed } from '@framewise/core';
import { dense } from '../dense/dense.js';
import { gru } from '../gru/gru.js';
import { lstm } from '../lstm/lstm.js';
import { simpleRNN } from '../simple-rnn/simple-rnn.js';
import { maxAbsDiff, referenceTimeDistributed } from '../testing/reference.test-helpers.js';
import {
  asList,
  referenceRecurrent,
  sampleMask,
  snakeKeys,
} from '../testing/recurrent.test-helpers.js';
import {
  bidirectional,
  bidirectionalPlugin,
  type BidirectionalMergeMode,
} from './bidirectional.js';
import '../index.js';

beforeEach(() => resetNames());

const makers = { lstm, gru, simpleRNN } as const;
type Kind = keyof typeof makers;
const refs = {
  lstm: (o: object) => tfl.layers.lstm(o as never),
  gru: (o: object) => tfl.layers.gru(o as never),
  simpleRNN: (o: object) => tfl.layers.simpleRNN(o as never),
};

function pair(kind: Kind, o: object, mergeMode: BidirectionalMergeMode = 'concat') {
  const ours = bidirectional({ layer: makers[kind]({ units: 3, ...o }), mergeMode });
  const ref = tfl.layers.bidirectional({
    layer: refs[kind]({ units: 3, ...o }) as never,
    mergeMode: mergeMode as never,
  });
  return { ours, ref };
}

describe('Bidirectional', () => {
  it.each([
    ['lstm', { returnSequences: true }, 'concat'],
    ['gru', {}, 'sum'],
    ['simpleRNN', { returnSequences: true }, 'mul'],
    ['lstm', {}, 'ave'],
    ['gru', { returnSequences: true }, null],
    ['lstm', { returnSequences: true, returnState: true }, 'concat'],
    ['gru', { returnState: true }, null],
  ] as [Kind, object, BidirectionalMergeMode][])(
    'equals tfjs-layers Bidirectional(%s %j) with mergeMode %s',
    (kind, o, mergeMode) => {
      const { ours, ref } = pair(kind, o, mergeMode);
      const x = tf.randomNormal([2, 4, 5]);
      const y = asList(ours.apply(x));
      const expected = referenceRecurrent(ref, x, ours);
      expect(y).toHaveLength(expected.length);
      y.forEach((t, i) => expect(maxAbsDiff(t, expected[i]!)).toBeLessThanOrEqual(1e-5));
      for (const shape of [
        [2, 4, 5],
        [null, null, 5],
      ]) {
        expect(ours.computeOutputShape(shape)).toEqual(ref.computeOutputShape(shape as number[]));
      }
      expect(ours.countParams()).toBe(ref.countParams());
    },
  );

  it('gives the mask to both directions, and initial states split forward then backward', () => {
    const { ours, ref } = pair('lstm', { returnSequences: true, returnState: true });
    const x = tf.randomNormal([2, 5, 5]);
    const mask = sampleMask(2, 5);
    const y = asList(ours.apply(x, { mask }));
    const expected = referenceRecurrent(ref, x, ours, { mask });
    y.forEach((t, i) => expect(maxAbsDiff(t, expected[i]!)).toBeLessThanOrEqual(1e-5));
    expect(ours.computeMask(x, mask)).toEqual([mask, null, null, null, null]);

    const states = Array.from({ length: 4 }, () => tf.randomNormal([2, 3]));
    const withStates = asList(ours.apply([x, ...states]));
    const { ref: ref2 } = pair('lstm', { returnSequences: true, returnState: true });
    const expected2 = referenceRecurrent(ref2, x, ours, { initialState: states });
    withStates.forEach((t, i) => expect(maxAbsDiff(t, expected2[i]!)).toBeLessThanOrEqual(1e-5));
    expect(() => ours.apply([x, ...states.slice(0, 3)])).toThrow(/two equal halves/);
  });

  it('names, counts and orders weights as Keras: forward_<layer> then backward_<layer>', () => {
    const layer = lstm({ units: 2 });
    const b = bidirectional({ layer });
    b.apply(input({ shape: [null, 3] }));
    expect(b.sublayers().map((l) => l.name)).toEqual(['forward_lstm_1', 'backward_lstm_1']);
    expect(b.weights.map((w) => w.name)).toEqual([
      'forward_lstm_1/kernel',
      'forward_lstm_1/recurrent_kernel',
      'forward_lstm_1/bias',
      'backward_lstm_1/kernel',
      'backward_lstm_1/recurrent_kernel',
      'backward_lstm_1/bias',
    ]);
    expect(b.countParams()).toBe(2 * (3 * 8 + 2 * 8 + 8));
    expect(b.macs([null, 7, 3])).toBe(2 * 7 * (3 + 2) * 8);
    b.trainable = false;
    expect(b.trainableWeights).toEqual([]);
    expect(b.nonTrainableWeights).toHaveLength(6);
  });

  it("writes Keras' Bidirectional config and reads it back", () => {
    const b = bidirectional({ layer: gru({ units: 2, returnSequences: true }), mergeMode: null });
    const config = b.getConfig();
    expect(config).toMatchObject({
      name: 'bidirectional_1',
      merge_mode: null,
      layer: { class_name: 'GRU', config: { name: 'gru_1', units: 2, go_backwards: false } },
    });
    expect('backward_layer' in config).toBe(false);
    const back = bidirectionalPlugin.fromConfig(JSON.parse(JSON.stringify(config)));
    expect(back.getConfig()).toEqual(config);
    const keys = snakeKeys(
      tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: 2 }) as never }).getConfig(),
    );
    expect(Object.keys(config).filter((k) => !keys.includes(k))).toEqual(['dtype']);
    expect(keys.filter((k) => !(k in config))).toEqual([]);
  });

  it('takes a different backward layer (Keras backward_layer) and checks it fits', () => {
    const forward = lstm({ units: 3, returnSequences: true });
    const backward = gru({ units: 3, returnSequences: true, goBackwards: true });
    const b = bidirectional({ layer: forward, backwardLayer: backward, mergeMode: null });
    const x = tf.randomNormal([2, 4, 5]);
    const [yf, yb] = b.apply(x) as unknown as tf.Tensor[];
    const f = lstm({ units: 3, returnSequences: true });
    f.apply(x);
    f.setWeights(b.forwardLayer.getWeights());
    const g = gru({ units: 3, returnSequences: true, goBackwards: true });
    g.apply(x);
    g.setWeights(b.backwardLayer.getWeights());
    expect(maxAbsDiff(yf!, f.apply(x))).toBe(0);
    expect(maxAbsDiff(yb!, tf.reverse(g.apply(x), 1))).toBe(0);
    const config = b.getConfig();
    expect(config['backward_layer']).toMatchObject({
      class_name: 'GRU',
      config: { name: 'gru_1', go_backwards: true },
    });
    expect(bidirectionalPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    expect(() =>
      bidirectional({ layer: lstm({ units: 3 }), backwardLayer: gru({ units: 3 }) }),
    ).toThrow(/backwardLayer must run the other way: its goBackwards must be true, received false/);
    expect(() =>
      bidirectional({
        layer: lstm({ units: 3 }),
        backwardLayer: gru({ units: 3, goBackwards: true, returnSequences: true }),
      }),
    ).toThrow(/same returnSequences as layer \(false\), received true/);
  });

  it.each(['reshape', 'loop'] as const)(
    'runs inside timeDistributed (%s) like tfjs-layers TimeDistributed(Bidirectional)',
    (strategy) => {
      const td = timeDistributed(
        bidirectional({ layer: lstm({ units: 3, returnSequences: true }) }),
        { strategy },
      );
      const x = tf.randomNormal([2, 3, 4, 5]);
      const y = td.apply(x);
      expect(y.shape).toEqual([2, 3, 4, 6]);
      const ref = referenceTimeDistributed(
        tfl.layers.bidirectional({
          layer: tfl.layers.lstm({ units: 3, returnSequences: true }) as never,
        }),
        [3, 4, 5],
        td,
      );
      expect(maxAbsDiff(y, ref.predict(x) as tf.Tensor)).toBeLessThanOrEqual(1e-5);
    },
  );

  it('refuses what it cannot wrap, with typed errors naming the layer', () => {
    expect(() => bidirectional({ layer: dense({ units: 2 }) as never, name: 'bi' })).toThrow(
      /bi: layer must be a recurrent layer \(SimpleRNN, LSTM, GRU, ConvLSTM1D, ConvLSTM2D\), received Dense/,
    );
    expect(() => bidirectional({ layer: lstm({ units: 2 }), mergeMode: 'max' as never })).toThrow(
      ConfigError,
    );
    expect(() => bidirectional({ layer: lstm({ units: 2 }) }).apply(input({ shape: [3] }))).toThrow(
      ShapeError,
    );
    const stateful = bidirectional({ layer: lstm({ units: 2, stateful: true }) });
    expect(stateful.isBatchCoupled(false)).toBe(true);
  });

  it('leaks no tensors', () => {
    const b = bidirectional({
      layer: lstm({ units: 3, returnSequences: true, returnState: true }),
    });
    const x = tf.randomNormal([2, 4, 5]);
    const mask = sampleMask(2, 4);
    tf.dispose(b.apply(x, { mask }));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(b.apply(x, { mask }));
    expect(tf.memory().numTensors).toBe(before);
  });
});
