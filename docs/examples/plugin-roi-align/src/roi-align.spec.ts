import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  deserializeLayer,
  input,
  resetNames,
  ShapeError,
  timeDistributed,
} from '@framewise/core';
import { roiAlign, roiAlignPlugin } from './index.js';
import { maxAbsDiff, roiInputs } from './roi-align.test-helpers.js';

beforeEach(() => resetNames());

/** 4×4 single-channel map, value 4y + x at row y, column x: 0 ... 15. */
const ramp = (): tf.Tensor4D => tf.tensor4d([...Array(16).keys()], [1, 4, 4, 1]);
/** 5×5 single-channel map, 1 at row 1, column 1, 0 elsewhere. */
const impulse = (): tf.Tensor4D =>
  tf.tensor4d(
    Array.from({ length: 25 }, (_, i) => (i === 6 ? 1 : 0)),
    [1, 5, 5, 1],
  );
const boxes = (list: number[][]): tf.Tensor3D => tf.tensor3d([list]);
/** The crops of one sample as nested arrays [roi][y][x], channel 0. */
const crops = (y: tf.Tensor): number[][][] =>
  (y.arraySync() as number[][][][][])[0]!.map((roi) => roi.map((row) => row.map((v) => v[0]!)));

// A box's y1 and y2 map to rows y1·(H-1) and y2·(H-1); a crop of height h samples h rows
// evenly from the first to the second (x likewise): 0 and 1 are the centres of the edge pixels.
describe('RoiAlign, hand-computed on small maps', () => {
  it('samples rows y1·3 ... y2·3 and columns x1·3 ... x2·3 bilinearly', () => {
    const y = roiAlign({ poolSize: [2, 2] }).apply([
      boxes([
        [0, 0, 1, 1], // corners: rows 0, 3; columns 0, 3
        [0.25, 0, 0.75, 1 / 3], // rows 0.75, 2.25; columns 0, 1
      ]),
      ramp(),
    ]);
    expect(y.shape).toEqual([1, 2, 2, 2, 1]);
    expect(crops(y)).toEqual([
      [
        [0, 3],
        [12, 15],
      ],
      [
        [3, 4],
        [9, 10],
      ],
    ]);
  });

  it('weights the four neighbours by their distance (an impulse gives the tent weights)', () => {
    // On the 5×5 map a box coordinate c maps to row or column 4c.
    const y = roiAlign({ poolSize: 3 }).apply([
      boxes([
        [0, 0, 0.25, 0.25], // rows and columns 0, 0.5, 1
        [0.125, 0.125, 0.375, 0.375], // rows and columns 0.5, 1, 1.5
      ]),
      impulse(),
    ]);
    expect(crops(y)).toEqual([
      [
        [0, 0, 0],
        [0, 0.25, 0.5],
        [0, 0.5, 1],
      ],
      [
        [0.25, 0.5, 0.25],
        [0.5, 1, 0.5],
        [0.25, 0.5, 0.25],
      ],
    ]);
  });

  it('samples the centre of the box for a crop of one pixel', () => {
    const y = roiAlign({ poolSize: 1 }).apply([boxes([[0, 0, 1, 1]]), ramp()]);
    expect(crops(y)).toEqual([[[7.5]]]);
  });

  it('takes the nearest pixel with method nearest', () => {
    const y = roiAlign({ poolSize: 3, method: 'nearest' }).apply([boxes([[0, 0, 1, 1]]), ramp()]);
    // Rows and columns 0, 1.5, 3: 1.5 rounds to 2.
    expect(crops(y)).toEqual([
      [
        [0, 2, 3],
        [8, 10, 11],
        [12, 14, 15],
      ],
    ]);
  });

  it('gives samples outside the map the extrapolation value', () => {
    const y = roiAlign({ poolSize: [3, 2], extrapolationValue: -1 }).apply([
      boxes([[-1 / 3, 0, 1 / 3, 1]]), // rows -1, 0, 1; columns 0, 3
      ramp(),
    ]);
    expect(crops(y)).toEqual([
      [
        [-1, -1],
        [0, 3],
        [4, 7],
      ],
    ]);
  });

  it("crops each sample's boxes from that sample's map", () => {
    const maps = tf.concat([ramp(), tf.add(ramp(), 100)]);
    const b = tf.tensor3d([[[0, 0, 0, 0]], [[1, 1, 1, 1]]]);
    const y = roiAlign({ poolSize: 1 }).apply([b, maps]);
    expect(Array.from(y.dataSync())).toEqual([0, 115]);
  });
});

describe('RoiAlign against a resize', () => {
  it('reproduces tf.image.resizeBilinear with alignCorners for boxes covering the whole map', () => {
    const map = tf.randomNormal([2, 5, 6, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
    const whole = tf.tile(tf.tensor3d([[[0, 0, 1, 1]]]), [2, 3, 1]);
    for (const size of [
      [9, 4],
      [5, 6],
      [2, 11],
    ] as [number, number][]) {
      const y = roiAlign({ poolSize: size }).apply([whole, map]);
      const resized = tf.image.resizeBilinear(map, size, true);
      for (let roi = 0; roi < 3; roi++) {
        const crop = tf.squeeze(tf.slice(y, [0, roi], [-1, 1]), [1]);
        expect(maxAbsDiff(crop, resized)).toBeLessThanOrEqual(1e-5);
      }
    }
  });
});

describe('RoiAlign shapes, errors and config', () => {
  it('leaves the batch and the number of ROIs open', () => {
    const layer = roiAlign({ poolSize: [7, 5] });
    expect(
      layer.computeOutputShape([
        [null, null, 4],
        [null, 16, 16, 8],
      ]),
    ).toEqual([null, null, 7, 5, 8]);
    const y = layer.apply([input({ shape: [null, 4] }), input({ shape: [null, null, 8] })]);
    expect(y.shape).toEqual([null, null, 7, 5, 8]);
    expect(layer.countParams()).toBe(0);
    expect(
      layer.computeOutputShape([
        [4, 3, 4],
        [null, 16, 16, 8],
      ]),
    ).toEqual([4, 3, 7, 5, 8]);
  });

  it('gives an empty crop list for zero ROIs', () => {
    const b = tf.zeros([2, 0, 4]);
    const fm = tf.zeros([2, 5, 5, 3]);
    const y = roiAlign().apply([b, fm]);
    expect(y.shape).toEqual([2, 0, 7, 7, 3]);
    tf.dispose([b, fm, y]);
  });

  it('refuses inputs of the wrong rank or size with a ShapeError naming the layer', () => {
    const layer = roiAlign({ name: 'roi' });
    const fm = input({ shape: [16, 16, 8] });
    expect(() => layer.apply(input({ shape: [5, 4] }))).toThrow(
      /roi: expected two inputs \[boxes, featureMap\].*received one input: \(None, 5, 4\)/,
    );
    expect(() => layer.apply([input({ shape: [4] }), fm])).toThrow(
      /roi: expected boxes of rank 3 \[batch, numRois, 4\] \(normalized y1, x1, y2, x2\), received rank 2: \(None, 4\)/,
    );
    expect(() => layer.apply([input({ shape: [5, 5] }), fm])).toThrow(
      /roi: expected 4 coordinates \(y1, x1, y2, x2\) on the last axis of the boxes, received 5: \(None, 5, 5\)/,
    );
    expect(() => layer.apply([input({ shape: [5, 4] }), input({ shape: [16, 8] })])).toThrow(
      /roi: expected a feature map of rank 4 \[batch, height, width, channels\], received rank 3: \(None, 16, 8\)/,
    );
    expect(layer.inboundNodes).toHaveLength(0);
    expect(layer.built).toBe(false);
  });

  it('refuses boxes and a feature map of different batch sizes, symbolic and concrete', () => {
    const layer = roiAlign({ name: 'roi' });
    const mismatch =
      /roi: the boxes and the feature map must have the same batch size .*received boxes \(2, 5, 4\) and a feature map \(3, 16, 16, 8\)/;
    expect(() =>
      layer.apply([input({ batchShape: [2, 5, 4] }), input({ batchShape: [3, 16, 16, 8] })]),
    ).toThrow(mismatch);
    const before = tf.memory().numTensors;
    const b = tf.zeros([2, 5, 4]);
    const fm = tf.zeros([3, 16, 16, 8]);
    expect(() => layer.apply([b, fm])).toThrow(ShapeError);
    expect(() => layer.apply([b, fm])).toThrow(mismatch);
    tf.dispose([b, fm]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad options with a ConfigError naming the layer', () => {
    for (const poolSize of [0, 2.5, -1, [3], [3, 0], [3, 3, 3], '7', NaN]) {
      expect(() => roiAlign({ name: 'roi', poolSize: poolSize as never })).toThrow(ConfigError);
    }
    expect(() => roiAlign({ name: 'roi', poolSize: [7, 0] })).toThrow(
      'roi: poolSize must be an integer ≥ 1 or [height, width] of integers ≥ 1, received [7,0]',
    );
    expect(() => roiAlign({ name: 'roi', method: 'bicubic' as never })).toThrow(
      'roi: method must be one of bilinear, nearest, received "bicubic"',
    );
    expect(() => roiAlign({ name: 'roi', extrapolationValue: NaN })).toThrow(
      'roi: extrapolationValue must be a finite number, received NaN',
    );
  });

  it('writes a Keras config and reads it back, from the plugin and from the registry', () => {
    const layer = roiAlign({ name: 'roi_p2', poolSize: [14, 7], method: 'nearest' });
    const config = layer.getConfig();
    expect(config).toEqual({
      name: 'roi_p2',
      trainable: true,
      dtype: 'float32',
      pool_size: [14, 7],
      method: 'nearest',
      extrapolation_value: 0,
    });
    const json = JSON.parse(JSON.stringify({ class_name: 'RoiAlign', config }));
    expect(roiAlignPlugin.fromConfig(json.config).getConfig()).toEqual(config);
    const restored = deserializeLayer(json);
    expect(restored.className).toBe('RoiAlign');
    expect(restored.getConfig()).toEqual(config);
  });

  it('counts 3 multiply-adds per output value when bilinear, none when nearest', () => {
    const shapes = [
      [null, 50, 4],
      [null, 32, 32, 256],
    ];
    expect(roiAlign({ poolSize: 7 }).macs(shapes)).toBe(50 * 7 * 7 * 256 * 3);
    expect(roiAlign({ poolSize: 7, method: 'nearest' }).macs(shapes)).toBe(0);
    expect(roiAlign().macs([[null, null, 4], shapes[1]!])).toBe(0);
  });

  it("passes the boxes' mask on and drops the feature map's", () => {
    const b = tf.zeros([2, 3, 4]);
    const fm = tf.zeros([2, 4, 4, 1]);
    const roiMask = tf.tensor2d(
      [
        [1, 1, 0],
        [1, 0, 0],
      ],
      [2, 3],
      'bool',
    );
    const layer = roiAlign();
    expect(layer.computeMask([b, fm], [roiMask, null])).toBe(roiMask);
    const mapMask = tf.ones([2, 4], 'bool');
    expect(layer.computeMask([b, fm], [null, mapMask])).toBeNull();
    expect(layer.computeMask([b, fm], undefined)).toBeNull();
    tf.dispose([b, fm, roiMask, mapMask]);
  });
});

describe('RoiAlign inside timeDistributed', () => {
  it('crops per frame: every strategy equals the layer applied frame by frame', () => {
    const values = roiInputs(3);
    const b = values([2, 4, 5, 4], 0);
    const fm = values([2, 4, 6, 6, 3], 1);
    const layer = roiAlign({ poolSize: 3 });
    const maps = tf.unstack(fm, 1);
    const perFrame = tf.stack(
      tf.unstack(b, 1).map((frame, t) => layer.apply([frame, maps[t]!])),
      1,
    );
    for (const strategy of ['reshape', 'loop'] as const) {
      // One output: TimeDistributed.apply types a list of inputs as giving one tensor or several.
      const y = timeDistributed(layer, { strategy }).apply([b, fm]) as tf.Tensor;
      expect(y.shape).toEqual([2, 4, 5, 3, 3, 3]);
      expect(maxAbsDiff(y, perFrame)).toBeLessThanOrEqual(1e-6);
    }
    expect(
      timeDistributed(layer).macs([
        [null, 4, 5, 4],
        [null, 4, 6, 6, 3],
      ]),
    ).toBe(4 * 5 * 3 * 3 * 3 * 3);
  });
});
