import * as tf from '@tensorflow/tfjs-core';
import { maxPooling2dPlugin } from '@framewise/layers';
import { badInputsOf, withRank } from './check-bad-input.js';
import { checkLayerPlugin } from './check-layer-plugin.js';
import { configDifferences, nonJsonPaths, stableJson } from './json-values.js';
import { concreteShape, integerInputs, sequenceMask } from './kit-inputs.js';

describe('layer kit helpers', () => {
  it('makes shapes of another rank, keeping the batch and the last axes', () => {
    expect(withRank([2, 5, 3], 1)).toEqual([2]);
    expect(withRank([2, 5, 3], 2)).toEqual([2, 3]);
    expect(withRank([2, 5, 3], 5)).toEqual([2, 2, 2, 5, 3]);
    expect(concreteShape([null, null, 3], 4)).toEqual([2, 4, 3]);
  });

  it('tries rank + 2, and rank 1 from rank 3, unless the spec says otherwise', () => {
    const spec = { plugin: maxPooling2dPlugin, options: { poolSize: 2 } };
    expect(badInputsOf({ ...spec, inputShapes: [[2, 3]] } as never)).toEqual([{ rank: 4 }]);
    expect(badInputsOf({ ...spec, inputShapes: [[2, 4, 4, 3]] } as never)).toEqual([
      { rank: 6 },
      { rank: 1 },
    ]);
    const given = { ...spec, inputShapes: [[2, 3]], wrongRanks: [], badInputs: [{ rank: 3 }] };
    expect(badInputsOf(given as never)).toEqual([{ rank: 3 }]);
  });

  it('compares configs whatever their key order, and finds what JSON cannot carry', () => {
    expect(stableJson({ b: 1, a: { d: [1], c: 2 } })).toBe('{"a":{"c":2,"d":[1]},"b":1}');
    expect(configDifferences({ a: 1, b: [1, 2] }, { b: [1, 2], c: null })).toEqual([
      'a: 1 -> absent',
      'c: absent -> null',
    ]);
    const config = { a: NaN, b: [() => 1], c: { d: tf.scalar(1) }, e: undefined, f: 'ok' };
    expect(nonJsonPaths(config)).toEqual([
      'config.a is NaN',
      'config.b[0] is a function',
      'config.c.d is a Tensor instance',
    ]);
    tf.dispose(config.c.d);
  });

  it('draws seeded indices and masks that keep the first step', async () => {
    const indices = integerInputs(4)([2, 5], 0);
    expect(indices.dtype).toBe('int32');
    const values = Array.from(await indices.data());
    expect(values.every((v) => v >= 0 && v < 4)).toBe(true);
    const again = integerInputs(4)([2, 5], 0);
    expect(Array.from(await again.data())).toEqual(values);
    again.dispose();
    const mask = sequenceMask()([3, 4]);
    expect(mask.dtype).toBe('bool');
    const m = Array.from(await mask.data());
    expect([m[0], m[4], m[8]]).toEqual([1, 1, 1]);
    expect(m).toContain(0);
    tf.dispose([indices, mask]);
  });

  it('passes the README example (MaxPooling2D on [2, null, null, 3])', async () => {
    const report = await checkLayerPlugin({
      plugin: maxPooling2dPlugin,
      options: { poolSize: 2 },
      inputShapes: [[2, null, null, 3]],
    });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.checks[0]!.details).toBe('(None, None, None, 3) -> (None, None, None, 3)');
  });
});
