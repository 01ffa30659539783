import * as tf from '@tensorflow/tfjs-core';
import '@framewise/backend-cpu';
import { BackendUnavailableError, ConfigError, type BackendAdapter } from '@framewise/core';
import { activateBackend, targetLabel } from './backend-target.js';

describe('activateBackend', () => {
  afterEach(async () => {
    await tf.setBackend('cpu');
  });

  it("takes a name as a Framewise adapter's: 'cpu' is the cpu adapter, wasm here", async () => {
    const active = await activateBackend('cpu');
    expect(active).toMatchObject({ label: 'cpu', engine: 'wasm', via: 'adapter' });
    expect(active.reason).toMatch(/wasm \(XNNPACK\)/);
    expect(tf.getBackend()).toBe('wasm');
  });

  it("takes 'tfjs:<engine>' as a TensorFlow.js engine, whatever the adapters", async () => {
    await tf.setBackend('wasm');
    const active = await activateBackend('tfjs:cpu');
    expect(active).toEqual({
      label: 'tfjs:cpu',
      engine: 'cpu',
      via: 'engine',
      reason: "TensorFlow.js engine 'cpu'",
    });
    expect(tf.getBackend()).toBe('cpu');
    expect(await activateBackend('wasm')).toMatchObject({ engine: 'wasm', via: 'engine' });
  });

  it('activates an adapter object, registered or not', async () => {
    const adapter: BackendAdapter = {
      name: 'my-wasm',
      priority: 1,
      probe: async () => ({ available: true, engine: 'wasm', reason: 'mine' }),
      activate: async () => {
        await tf.setBackend('wasm');
        return { available: true, engine: 'wasm', reason: 'mine' };
      },
    };
    expect(await activateBackend(adapter)).toEqual({
      label: 'my-wasm',
      engine: 'wasm',
      via: 'adapter',
      reason: 'mine',
    });
    expect(targetLabel(adapter)).toBe('my-wasm');
  });

  it('names what is registered when the target is neither', async () => {
    await expect(activateBackend('tpu')).rejects.toThrow(ConfigError);
    await expect(activateBackend('tpu')).rejects.toThrow(
      /'tpu' is neither a Framewise backend adapter \(registered: cpu; import '@framewise\/backend-tpu' if that is the one\) nor a TensorFlow\.js engine \(registered: .*cpu.*wasm/,
    );
    await expect(activateBackend('tfjs:tpu')).rejects.toThrow(
      /no TensorFlow\.js engine named 'tpu' is registered \(registered: .*\); import the package that registers it/,
    );
    await expect(activateBackend('tfjs:webgl')).rejects.toThrow(
      /no TensorFlow\.js engine named 'webgl' is registered .*; import '@tensorflow\/tfjs-backend-webgl'/,
    );
    expect(tf.getBackend()).toBe('cpu');
  });

  it('says when an engine does not start', async () => {
    tf.registerBackend('failing', () => {
      throw new Error('no device');
    });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await expect(activateBackend('tfjs:failing')).rejects.toThrow(BackendUnavailableError);
    } finally {
      warn.mockRestore();
      tf.removeBackend('failing');
    }
  });
});
