import '@framewise/layers';
import { resetNames } from '@framewise/core';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../index.js';
import { ModelFileError } from './errors.js';
import { resolveLimits } from './limits.js';
import { SHARED } from './testing/fixtures.test-helpers.js';
import { normaliseLayer } from './versions/index.js';

// Names every plain object answers to through Object.prototype: a lookup by name in a `{}`
// table finds them unless it checks its own keys.
const noWarn = (): never => {
  throw new Error('no warning expected');
};
const text = (x: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(x));
beforeEach(() => resetNames());

describe('io lookups by name', () => {
  it('keeps Keras 1 class and initializer names that only Object.prototype knows', () => {
    const spec = normaliseLayer(
      { class_name: 'constructor', config: { init: 'toString', output_dim: 2 } },
      1,
      'x',
      noWarn,
    );
    expect(spec['class_name']).toBe('constructor');
    expect((spec['config'] as Record<string, unknown>)['kernel_initializer']).toEqual({
      class_name: 'ToString',
      config: {},
    });
  });

  it('keeps Keras 3 initializer class names that only Object.prototype knows', () => {
    const spec = normaliseLayer(
      {
        class_name: 'Dense',
        config: { units: 2, kernel_initializer: { class_name: 'valueOf', config: {} } },
      },
      3,
      'x',
      noWarn,
    );
    const config = spec['config'] as Record<string, { class_name: unknown }>;
    expect(config['kernel_initializer']?.class_name).toBe('valueOf');
  });

  it('refuses a limit named after an Object.prototype member', () => {
    expect(() => resolveLimits({ constructor: 1 } as never)).toThrow(
      /limits\.constructor.*unknown limit; expected one of maxZipEntries/,
    );
  });

  it('refuses a tfjs quantization dtype named after an Object.prototype member', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-lookups-'));
    try {
      cpSync(join(SHARED, 'tfjs-layers-td-lstm'), dir, { recursive: true });
      const path = join(dir, 'model.json');
      const json = JSON.parse(readFileSync(path, 'utf8')) as {
        weightsManifest: { weights: Record<string, unknown>[] }[];
      };
      const first = json.weightsManifest[0]?.weights[0];
      if (!first) throw new Error('fixture without weights');
      first['quantization'] = { dtype: 'valueOf', scale: 1, min: 0 };
      writeFileSync(path, JSON.stringify(json));
      const error = await loadModel(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelFileError);
      expect((error as Error).message).toMatch(
        /unsupported weight dtype valueOf; expected float32/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("flags a config field named 'constructor' as unknown", async () => {
    const topology = {
      class_name: 'Sequential',
      config: {
        name: 'seq',
        layers: [
          {
            class_name: 'Dense',
            config: { name: 'dense_9', units: 2, batch_input_shape: [null, 3], constructor: 1 },
          },
        ],
      },
      keras_version: '2.3.1',
    };
    await expect(loadModel(text(topology), { unknownFields: 'error' })).rejects.toThrow(
      /has no config field 'constructor'/,
    );
  });
});
