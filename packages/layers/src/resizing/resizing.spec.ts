import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, ShapeError, timeDistributed } from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { expectNoLeak, referenceConfigKeys } from '../testing/basic-layers.test-helpers.js';
import { resizeImages } from '../common/image-resize.js';
import { resizing, resizingPlugin, type ResizingOptions } from './resizing.js';

beforeEach(() => resetNames());

const image = (values: number[][]): tf.Tensor4D =>
  tf.tensor4d(values.flat(), [1, values.length, values[0]!.length, 1]);
const rows = (t: tf.Tensor): number[][] =>
  (t.arraySync() as number[][][][])[0]!.map((r) => r.map((c) => c[0]!));

describe('Resizing', () => {
  it('resizes bilinearly with half-pixel centres, as tf.keras 2 (tf.image.resize): hand-worked 2×2 to 4×4', () => {
    // Source coordinate of output pixel i: (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped.
    const y = resizing({ height: 4, width: 4 }).apply(
      image([
        [1, 2],
        [3, 4],
      ]),
    ) as tf.Tensor;
    expect(rows(y)).toEqual([
      [1, 1.25, 1.75, 2],
      [1.5, 1.75, 2.25, 2.5],
      [2.5, 2.75, 3.25, 3.5],
      [3, 3.25, 3.75, 4],
    ]);
    // Down by 2: each output pixel is the mean of a 2×2 block.
    const down = resizing({ height: 1, width: 2 }).apply(
      image([
        [0, 2, 4, 6],
        [10, 12, 14, 16],
      ]),
    ) as tf.Tensor;
    expect(rows(down)).toEqual([[6, 10]]);
  });

  it('picks nearest pixels with half-pixel centres: 2×2 to 3×3 takes rows and columns 0, 1, 1', () => {
    const y = resizing({ height: 3, width: 3, interpolation: 'nearest' }).apply(
      image([
        [1, 2],
        [3, 4],
      ]),
    ) as tf.Tensor;
    expect(rows(y)).toEqual([
      [1, 2, 2],
      [3, 4, 4],
      [3, 4, 4],
    ]);
  });

  it('with cropToAspectRatio takes the centred window of the target aspect first (Keras smart_resize)', () => {
    // 4×8 to 2×2: the 4×4 window at column 2, halved: columns 2.5 and 4.5 of a ramp.
    const ramp = image(Array.from({ length: 4 }, () => [0, 1, 2, 3, 4, 5, 6, 7]));
    const y = resizing({ height: 2, width: 2, cropToAspectRatio: true }).apply(ramp) as tf.Tensor;
    expect(rows(y)).toEqual([
      [2.5, 4.5],
      [2.5, 4.5],
    ]);
    const stretched = resizing({ height: 2, width: 2 }).apply(ramp) as tf.Tensor;
    expect(rows(stretched)[0]).toEqual([1.5, 5.5]);
  });

  it('differs from tfjs-layers where tfjs-layers aligns corners, and agrees on the shapes and config keys', () => {
    const x = image([
      [1, 2],
      [3, 4],
    ]);
    const ref = tfl.layers.resizing({ height: 4, width: 4 }).apply(x) as tf.Tensor;
    const ours = resizing({ height: 4, width: 4 }).apply(x) as tf.Tensor;
    expect(ref.shape).toEqual(ours.shape);
    expect(rows(ref)[0]![1]).toBeCloseTo(4 / 3, 5); // corners aligned: (1 + 1/3)
    expect(rows(ours)[0]![1]).toBe(1.25);
    // Same size in and out: both are the identity.
    const same = tf.randomNormal([2, 3, 5, 2]);
    expect(
      maxAbsDiff(
        resizing({ height: 3, width: 5 }).apply(same) as tf.Tensor,
        tfl.layers.resizing({ height: 3, width: 5 }).apply(same) as tf.Tensor,
      ),
    ).toBeLessThanOrEqual(1e-6);
    const config = resizing({ height: 4, width: 5 }).getConfig();
    expect(Object.keys(config).sort()).toEqual(
      referenceConfigKeys(tfl.layers.resizing({ height: 4, width: 5 })),
    );
  });

  it('round-trips its Keras config; loads Keras 3 configs whose extra keys keep the tf.keras 2 behaviour', () => {
    const config = resizing({
      height: 4,
      width: 5,
      interpolation: 'nearest',
      cropToAspectRatio: true,
      name: 'rs',
    }).getConfig();
    expect(config).toEqual({
      name: 'rs',
      trainable: true,
      dtype: 'float32',
      height: 4,
      width: 5,
      interpolation: 'nearest',
      crop_to_aspect_ratio: true,
    });
    expect(resizingPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    const keras3 = {
      ...config,
      pad_to_aspect_ratio: false,
      fill_mode: 'constant',
      fill_value: 0,
      data_format: 'channels_last',
    };
    expect(resizingPlugin.fromConfig(keras3).getConfig()).toEqual(config);
    expect(() => resizingPlugin.fromConfig({ ...keras3, pad_to_aspect_ratio: true })).toThrow(
      /pad_to_aspect_ratio \(Keras 3\) is not supported/,
    );
  });

  it('refuses interpolations TensorFlow.js lacks, bad sizes and other ranks, naming the layer', () => {
    expect(() => resizing({ height: 2, width: 2, interpolation: 'bicubic' as 'nearest' })).toThrow(
      /interpolation 'bicubic' is not available in TensorFlow.js; expected one of bilinear, nearest/,
    );
    expect(() => resizing({ height: 2, width: 2, interpolation: 'cubic' as 'nearest' })).toThrow(
      ConfigError,
    );
    expect(() => resizing({ height: 2.5, width: 2 })).toThrow(/height must be an integer ≥ 1/);
    expect(() =>
      resizing({ height: 2, width: 2, cropToAspectRatio: 1 } as unknown as ResizingOptions),
    ).toThrow(/cropToAspectRatio must be true or false/);
    expect(() =>
      resizing({ height: 2, width: 2, name: 'rs' }).apply(input({ shape: [4, 4] })),
    ).toThrow(ShapeError);
  });

  it('inside timeDistributed resizes every frame, one call for all frames; leaks nothing; costs no MACs', () => {
    const clip = tf.randomNormal([2, 3, 4, 6, 2]);
    for (const strategy of ['reshape', 'loop'] as const) {
      const td = timeDistributed(resizing({ height: 3, width: 5, cropToAspectRatio: true }), {
        strategy,
      });
      const y = td.apply(clip) as tf.Tensor;
      expect(y.shape).toEqual([2, 3, 3, 5, 2]);
      const frame = resizing({ height: 3, width: 5, cropToAspectRatio: true }).apply(
        tf.squeeze(tf.slice(clip, [0, 1], [-1, 1]), [1]),
      ) as tf.Tensor;
      expect(maxAbsDiff(tf.squeeze(tf.slice(y, [0, 1], [-1, 1]), [1]), frame)).toBeLessThanOrEqual(
        1e-6,
      );
    }
    const layer = resizing({ height: 3, width: 3, cropToAspectRatio: true });
    const ints = tf.ones([1, 4, 6, 1], 'int32');
    expectNoLeak(() => layer.apply(ints) as tf.Tensor);
    expect(layer.macs([null, 4, 6, 1])).toBe(0);
  });

  it.each([
    ['bilinear', [5, 7], [3, 4], true],
    ['bilinear', [3, 4], [8, 5], true],
    ['nearest', [5, 7], [3, 4], false], // tfjs happens to pick the same pixels here
    ['nearest', [3, 4], [8, 5], true],
  ] as const)(
    'back-propagates the exact adjoint of its %s resize from %j to %j (tfjs 4.22 kernels: wrong = %s)',
    (interpolation, [h, w], size, tfjsWrong) => {
      // Resizing is linear, y = A x, so the gradient of Σ y·g is Aᵀg and ⟨A x, g⟩ = ⟨x, Aᵀg⟩.
      const x = tf.randomNormal([2, h, w, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
      const g = tf.randomNormal([2, ...size, 3], 0, 1, 'float32', 2);
      const forward = (t: tf.Tensor): tf.Tensor =>
        tf.sum(tf.mul(resizeImages(t as tf.Tensor4D, [...size], interpolation), g));
      const grad = tf.grad(forward)(x);
      expect(grad.shape).toEqual(x.shape);
      const lhs = forward(x).dataSync()[0]!;
      const rhs = tf.sum(tf.mul(x, grad)).dataSync()[0]!;
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * Math.max(1, Math.abs(lhs)));
      // tfjs' own gradient (half-pixel centres ignored, cpu swapping height and width) fails the same test.
      const kernel = (t: tf.Tensor): tf.Tensor =>
        tf.sum(
          tf.mul(
            interpolation === 'nearest'
              ? tf.image.resizeNearestNeighbor(t as tf.Tensor4D, [...size], false, true)
              : tf.image.resizeBilinear(t as tf.Tensor4D, [...size], false, true),
            g,
          ),
        );
      let wrong: boolean;
      try {
        const theirs = tf.grad(kernel)(x);
        wrong = Math.abs(lhs - tf.sum(tf.mul(x, theirs)).dataSync()[0]!) > 1e-3;
      } catch {
        wrong = true;
      }
      expect(wrong).toBe(tfjsWrong);
    },
  );
});
