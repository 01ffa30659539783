import { ConfigError, resetNames } from '@framewise/core';
import { twoInputModel } from '../../testing/models.test-helpers.js';
import { summarize } from '../summarize.js';
import { flattenRows, selectRows } from './select.js';

beforeEach(() => resetNames());

const names = (data: ReturnType<typeof summarize>) => flattenRows(data.rows).map((r) => r.path);

describe('selectRows', () => {
  it('keeps every row by default, children included', () => {
    const data = summarize(twoInputModel());
    expect(names(selectRows(data))).toEqual([
      'frames',
      'time_distributed_1',
      'time_distributed_1/dense_1',
      'flatten_1',
      'meta',
      'concatenate_1',
      'dense_2',
    ]);
  });

  it('cuts child rows below depth, leaving the data given untouched', () => {
    const data = summarize(twoInputModel());
    expect(names(selectRows(data, { depth: 0 }))).not.toContain('time_distributed_1/dense_1');
    expect(data.rows[1]!.children).toHaveLength(1);
    expect(selectRows(data, { depth: 0 }).totals).toBe(data.totals);
  });

  it("takes Keras' layer_range: names or patterns matched at the start of the name", () => {
    const data = summarize(twoInputModel());
    const range = (first: string, last: string) =>
      selectRows(data, { layerRange: [first, last], depth: 0 }).rows.map((r) => r.name);
    expect(range('time_distributed_1', 'meta')).toEqual([
      'time_distributed_1',
      'flatten_1',
      'meta',
    ]);
    // First match of the first pattern to the last match of the second.
    expect(range('(flatten|meta)', 'dense')).toEqual([
      'flatten_1',
      'meta',
      'concatenate_1',
      'dense_2',
    ]);
    // Reversed bounds are swapped, as Keras does.
    expect(range('concatenate', 'time')).toEqual([
      'time_distributed_1',
      'flatten_1',
      'meta',
      'concatenate_1',
    ]);
  });

  it('says which bound matched nothing, listing the layers', () => {
    const data = summarize(twoInputModel());
    expect(() => selectRows(data, { layerRange: ['lstm', 'dense_2'] })).toThrow(ConfigError);
    expect(() => selectRows(data, { layerRange: ['lstm', 'dense_2'] })).toThrow(
      /matches no layer first; layers: frames, time_distributed_1, flatten_1, meta, concatenate_1, dense_2/,
    );
    expect(() => selectRows(data, { layerRange: ['dense_2'] as never })).toThrow(/\[first, last\]/);
    expect(() => selectRows(data, { layerRange: ['(', 'x'] })).toThrow(/not a valid pattern/);
    expect(() => selectRows(data, { depth: 1.5 })).toThrow(/depth must be a non-negative integer/);
  });
});
