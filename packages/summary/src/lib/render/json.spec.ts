import { resetNames } from '@framewise/core';
import { twoInputModel } from '../../testing/models.test-helpers.js';
import { summarize } from '../summarize.js';
import { renderJson } from './json.js';
import { selectRows } from './select.js';

beforeEach(() => resetNames());

describe('renderJson', () => {
  it('writes the data back exactly, shapes on one line each', () => {
    const data = summarize(twoInputModel());
    const lines = renderJson(data);
    expect(JSON.parse(lines.join('\n'))).toEqual(data);
    expect(lines).toContain('  "inputShapes": [[null, 12, 8], [null, 4]],');
    expect(lines).toContain('      "outputShape": [null, 12, 10],');
  });

  it('keeps only the rows depth and layerRange select, and the whole totals', () => {
    const data = summarize(twoInputModel());
    const selection = { depth: 0, layerRange: ['flatten', 'meta'] as [string, string] };
    const parsed = JSON.parse(renderJson(data, selection).join('\n'));
    expect(parsed).toEqual(selectRows(data, selection));
    expect(parsed.rows.map((r: { name: string }) => r.name)).toEqual(['flatten_1', 'meta']);
    expect(parsed.totals).toEqual(data.totals);
  });

  it('refuses data of another version', () => {
    const data = summarize(twoInputModel());
    expect(() => renderJson({ ...data, version: 3 } as never)).toThrow(
      /renderJson\(\) expects summary data of version 2, received 3/,
    );
  });
});
