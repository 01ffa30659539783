import * as tf from '@tensorflow/tfjs-core';
import {
  BackendUnavailableError,
  registerBackend,
  unregisterBackend,
  useBackend,
} from '@framewise/core';
import { createWebglBackend, webglBackend } from '../index.js';
import { NO_WEBGL_IN_NODE } from './install-hints.js';

// In Node there is no WebGL: the adapter says so in one line and never touches tfjs. Its work
// in a browser is tested in headless Chromium (packages/testing, conformance-webgl.spec.ts).
describe('webgl adapter in Node', () => {
  it('probes unavailable, saying in one line that Node has no WebGL context', async () => {
    const probe = await webglBackend.probe();
    expect(probe).toEqual({ available: false, engine: 'webgl', reason: NO_WEBGL_IN_NODE });
    expect(probe.reason).not.toContain('\n');
    expect(probe.reason).toMatch(/no WebGL context in Node/);
  });

  it('refuses to activate with that reason and leaves the active backend alone', async () => {
    const before = tf.getBackend();
    await expect(webglBackend.activate()).rejects.toThrow(BackendUnavailableError);
    await expect(webglBackend.activate()).rejects.toThrow(
      "adapter 'webgl' is not available: no WebGL context in Node",
    );
    expect(tf.getBackend()).toBe(before);
  });

  it('ranks between webgpu and cpu, and auto passes over it saying why', async () => {
    expect(webglBackend.priority).toBe(150);
    const adapter = createWebglBackend({ name: 'webgl-under-test', priority: 1000 });
    registerBackend(adapter);
    // A floor to fall to: tfjs' pure-JS cpu engine, already registered in Node.
    registerBackend({
      name: 'floor-under-test',
      priority: 1,
      probe: () => Promise.resolve({ available: true, engine: 'cpu', reason: 'tfjs cpu' }),
      activate: async () => {
        await tf.setBackend('cpu');
        return { available: true, engine: 'cpu', reason: 'tfjs cpu' };
      },
    });
    try {
      await expect(useBackend('webgl-under-test', { log: () => {} })).rejects.toThrow(
        /no WebGL context in Node/,
      );
      const choice = await useBackend('auto', { log: () => {}, env: {} });
      expect(choice.name).toBe('floor-under-test');
      expect(choice.skipped).toContainEqual({
        name: 'webgl-under-test',
        reason: NO_WEBGL_IN_NODE,
      });
    } finally {
      unregisterBackend('webgl-under-test');
      unregisterBackend('floor-under-test');
    }
  });
});
