import * as tf from '@tensorflow/tfjs-core';
import * as tfjs from '@tensorflow/tfjs';
import * as tfl from '@tensorflow/tfjs-layers';
import { accelerateTimeDistributed, type AccelerationHandle } from '../index.js';

let handle: AccelerationHandle | undefined;
afterEach(() => {
  handle?.undo();
  handle = undefined;
});

/** Runs `f` on tfjs-layers as published, then patched, and returns both results. */
function bothWays(f: () => tf.Tensor): { plain: Float32Array; fast: Float32Array } {
  const plain = tf.tidy(f);
  handle = accelerateTimeDistributed(tfl);
  const fast = tf.tidy(f);
  handle.undo();
  const out = { plain: plain.dataSync() as Float32Array, fast: fast.dataSync() as Float32Array };
  expect(fast.shape).toEqual(plain.shape);
  tf.dispose([plain, fast]);
  return out;
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-6): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs((a[i] ?? 0) - (b[i] ?? 0))).toBeLessThan(tol);
}

/** Counts the calls of a layer's `call` while `f` runs. */
function callsOf(layer: tfl.layers.Layer, f: () => void): number {
  const spy = jest.spyOn(layer, 'call');
  try {
    f();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('accelerateTimeDistributed', () => {
  it('gives the outputs of tfjs-layers for Dense, Conv2D, an inner Sequential and nested wrappers', () => {
    const cases: [tfl.LayersModel, number[]][] = [
      [
        tfl.sequential({
          layers: [
            tfl.layers.timeDistributed({
              layer: tfl.layers.dense({ units: 4 }),
              inputShape: [7, 3],
            }),
          ],
        }),
        [2, 7, 3],
      ],
      [
        tfl.sequential({
          layers: [
            tfl.layers.timeDistributed({
              layer: tfl.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu' }),
              inputShape: [5, 6, 6, 2],
            }),
          ],
        }),
        [2, 5, 6, 6, 2],
      ],
      [
        tfl.sequential({
          layers: [
            tfl.layers.timeDistributed({
              layer: tfl.sequential({
                layers: [
                  tfl.layers.dense({ units: 5, activation: 'tanh', inputShape: [3] }),
                  tfl.layers.dense({ units: 2 }),
                ],
              }),
              inputShape: [4, 3],
            }),
          ],
        }),
        [3, 4, 3],
      ],
      [
        tfl.sequential({
          layers: [
            tfl.layers.timeDistributed({
              layer: tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2 }) }),
              inputShape: [3, 4, 5],
            }),
          ],
        }),
        [2, 3, 4, 5],
      ],
    ];
    for (const [model, shape] of cases) {
      const x = tf.randomNormal(shape, 0, 1, 'float32', 7);
      const { plain, fast } = bothWays(() => model.predict(x) as tf.Tensor);
      expectClose(fast, plain);
      x.dispose();
      model.dispose();
    }
  });

  it('calls the wrapped layer once instead of once per step, also in loaded models', async () => {
    const inner = tfl.layers.dense({ units: 2 });
    const model = tfl.sequential({
      layers: [tfl.layers.timeDistributed({ layer: inner, inputShape: [6, 3] })],
    });
    const x = tf.ones([2, 6, 3]);
    expect(callsOf(inner, () => tf.dispose(model.predict(x)))).toBe(6);
    handle = accelerateTimeDistributed(tfl);
    expect(callsOf(inner, () => tf.dispose(model.predict(x)))).toBe(1);

    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(
        async (a) => (
          (artifacts = a),
          { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
        ),
      ),
    );
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts ?? {}));
    const loadedTd = loaded.layers[0] as unknown as { layer: tfl.layers.Layer };
    expect(callsOf(loadedTd.layer, () => tf.dispose(loaded.predict(x)))).toBe(1);
    tf.dispose([x]);
    model.dispose();
    loaded.dispose();
  });

  it('keeps the loop for stateful recurrent layers and for BatchNormalization while training', () => {
    const bn = tfl.layers.batchNormalization();
    const td = tfl.layers.timeDistributed({ layer: bn });
    const x = tf.randomNormal([4, 3, 2], 0, 1, 'float32', 1);
    handle = accelerateTimeDistributed(tfl);
    expect(callsOf(bn, () => tf.dispose(td.apply(x, { training: true }) as tf.Tensor))).toBe(3);
    expect(callsOf(bn, () => tf.dispose(td.apply(x, { training: false }) as tf.Tensor))).toBe(1);

    const lstm = tfl.layers.lstm({
      units: 2,
      stateful: true,
      recurrentInitializer: 'glorotUniform',
      batchInputShape: [4, 5, 2],
    });
    const tdLstm = tfl.layers.timeDistributed({ layer: lstm, batchInputShape: [4, 3, 5, 2] });
    const seq = tf.ones([4, 3, 5, 2]);
    expect(callsOf(lstm, () => tf.dispose(tdLstm.apply(seq) as tf.Tensor))).toBe(3);
    tf.dispose([x, seq]);
  });

  it('is idempotent and undone by its handle', () => {
    const proto = Object.getPrototypeOf(
      tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 1 }) }),
    ) as {
      call: unknown;
      computeMask: unknown;
    };
    const original = proto.call;
    const first = accelerateTimeDistributed(tfl);
    const patched = proto.call;
    const second = accelerateTimeDistributed(tfl);
    expect(proto.call).toBe(patched);
    expect(second.active).toBe(true);
    second.undo();
    expect(proto.call).toBe(original);
    expect(first.active).toBe(false);
    first.undo();
    expect(proto.call).toBe(original);
    expect(Object.hasOwn(proto, 'computeMask')).toBe(false);
  });

  it('takes the @tensorflow/tfjs bundle as well as @tensorflow/tfjs-layers', () => {
    const fromBundle = accelerateTimeDistributed(tfjs);
    const fromLayers = accelerateTimeDistributed(tfl);
    const inner = tfjs.layers.dense({ units: 2 });
    const td = tfjs.layers.timeDistributed({ layer: inner });
    const x = tf.ones([1, 5, 3]);
    expect(callsOf(inner, () => tf.dispose(td.apply(x) as tf.Tensor))).toBe(1);
    fromLayers.undo();
    expect(fromBundle.active).toBe(false);
    expect(callsOf(inner, () => tf.dispose(td.apply(x) as tf.Tensor))).toBe(5);
    x.dispose();
  });

  it('refuses what is not a tfjs-layers module', () => {
    expect(() => accelerateTimeDistributed({} as never)).toThrow(
      /expects the @tensorflow\/tfjs-layers/,
    );
  });
});
