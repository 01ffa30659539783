import * as tf from '@tensorflow/tfjs-core';
import '@framewise/backend-cpu';
import { ConfigError } from '@framewise/core';
import { ScaleShift, scaleShiftPlugin } from '../testing/kit-layers.test-helpers.js';
import { activateBackend } from './backend-target.js';
import { runLayerCheck } from './layer-kit/check-layer-plugin.js';

// Names every plain object answers to through Object.prototype: a lookup by name in a `{}`
// table finds them unless it checks its own keys.
describe('testing lookups by name', () => {
  afterEach(async () => {
    await tf.setBackend('cpu');
  });

  it('names no package for an engine called constructor', async () => {
    const error = await activateBackend('tfjs:constructor').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /no TensorFlow.js engine named 'constructor' .*; import the package that registers it$/,
    );
  });

  it('refuses a layer check named toString, listing the checks', async () => {
    const spec = {
      plugin: scaleShiftPlugin(ScaleShift),
      options: { offset: 0.5 },
      inputShapes: [[2, 3]],
    };
    await expect(runLayerCheck(spec, 'toString' as never)).rejects.toThrow(
      /unknown layer check 'toString'; checks: shapes, params, config/,
    );
  });
});
