import { ConfigError, FramewiseError, input, model, resetNames, type Model } from '@framewise/core';
import { dense } from '@framewise/layers';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, saveModel } from '../../index.js';

// The tfjs writer's `shardBytes` must be a positive whole number: -1 wrote a shard no
// reader loads, 0 failed with "Invalid array length".

let dir: string;
let m: Model;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'framewise-shard-bytes-'));
  resetNames();
  const x = input({ shape: [3] });
  m = model({ inputs: x, outputs: dense({ units: 2 }).apply(x) });
});
afterEach(() => {
  m.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('saveModel tfjs shardBytes', () => {
  it.each([
    [-1, '-1'],
    [0, '0'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    ['4096', '"4096"'],
  ])(
    'refuses %p, naming what it expects and what came, and writes nothing',
    async (value, shown) => {
      const error = await saveModel(m, join(dir, 'web', 'model.json'), {
        format: 'tfjs',
        shardBytes: value as number,
      }).then(
        () => new Error('saved'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FramewiseError);
      const cause = (error as { cause?: unknown }).cause ?? error;
      expect(cause).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(
        `shardBytes must be a positive whole number of bytes (default 4194304), received ${shown}`,
      );
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('splits the weights at any positive size, and they load back', async () => {
    const files = await saveModel(m, join(dir, 'model.json'), { format: 'tfjs', shardBytes: 7 });
    // 8 float32 weights (32 bytes) in shards of 7 bytes.
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(5);
    const back = await loadModel(join(dir, 'model.json'));
    expect(back.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(
      m.getWeights().map((w) => Array.from(w.dataSync())),
    );
    back.dispose();
  });
});
