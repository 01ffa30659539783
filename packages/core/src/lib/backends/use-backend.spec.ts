import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import {
  BackendMismatchError,
  BackendUnavailableError,
  ConfigError,
  DuplicateRegistrationError,
} from '../errors.js';
import { input } from '../input-layer.js';
import { model } from '../model.js';
import { Affine } from '../test-layers.test-helpers.js';
import { timeDistributed } from '../time-distributed/time-distributed.js';
import type { BackendAdapter } from './adapter.js';
import { registerBackend, registeredBackends, unregisterBackend } from './registry.js';
import { probeBackends, useBackend } from './use-backend.js';

/** Adapters over tfjs' real cpu and wasm engines; `missing` stands for an adapter whose package is absent. */
const engineAdapter = (name: string, priority: number, engine: string): BackendAdapter => ({
  name,
  priority,
  probe: async () => ({ available: true, engine, reason: `${engine} is registered` }),
  activate: async () => {
    if (!(await tf.setBackend(engine)))
      throw new BackendUnavailableError(`${engine} did not start`);
    return { available: true, engine, reason: `${engine} is registered` };
  },
});
const missing: BackendAdapter = {
  name: 'missing',
  priority: 300,
  probe: async () => ({
    available: false,
    engine: 'tensorflow',
    reason: 'package not installed; run npm install some-package',
  }),
  activate: async () => {
    throw new BackendUnavailableError('not installed');
  },
};

describe('useBackend', () => {
  const logs: string[] = [];
  const log = (m: string): void => void logs.push(m);
  beforeEach(() => {
    logs.length = 0;
    [engineAdapter('slow', 100, 'cpu'), engineAdapter('fast', 200, 'wasm'), missing].forEach(
      registerBackend,
    );
  });
  afterEach(async () => {
    ['slow', 'fast', 'missing'].forEach(unregisterBackend);
    await tf.setBackend('cpu');
  });

  it('takes the available adapter with the highest priority and says why the others were skipped', async () => {
    const choice = await useBackend('auto', { log, env: {} });
    expect(choice).toMatchObject({ name: 'fast', engine: 'wasm', requested: 'auto' });
    expect(choice.skipped).toEqual([
      { name: 'missing', reason: 'package not installed; run npm install some-package' },
    ]);
    expect(tf.getBackend()).toBe('wasm');
    expect(logs).toEqual([
      "framewise: using adapter 'fast' (wasm): wasm is registered. Skipped missing: package not installed; run npm install some-package",
    ]);
    expect(registeredBackends().map((a) => a.name)).toEqual(['missing', 'fast', 'slow']);
  });

  it('lets FRAMEWISE_BACKEND force the choice that auto would make', async () => {
    expect((await useBackend('auto', { log, env: { FRAMEWISE_BACKEND: 'slow' } })).name).toBe(
      'slow',
    );
    expect(tf.getBackend()).toBe('cpu');
    await expect(useBackend('auto', { log, env: { FRAMEWISE_BACKEND: 'tpu' } })).rejects.toThrow(
      /unknown adapter 'tpu' \(from FRAMEWISE_BACKEND\); registered: missing, fast, slow/,
    );
  });

  it('refuses an unavailable or unknown adapter with what to do', async () => {
    await expect(useBackend('missing', { log, env: {} })).rejects.toThrow(BackendUnavailableError);
    await expect(useBackend('missing', { log, env: {} })).rejects.toThrow(
      /run npm install some-package/,
    );
    await expect(useBackend('tpu', { log, env: {} })).rejects.toThrow(ConfigError);
    expect(() => registerBackend(missing)).toThrow(DuplicateRegistrationError);
  });

  it('passes over a software emulation under auto, but takes it when asked or when nothing else runs', async () => {
    const emulated: BackendAdapter = {
      ...engineAdapter('emulated', 250, 'cpu'),
      probe: async () => ({
        available: true,
        engine: 'cpu',
        reason: 'SwiftShader',
        software: true,
      }),
    };
    registerBackend(emulated);
    try {
      const choice = await useBackend('auto', { log, env: {} });
      expect(choice.name).toBe('fast');
      expect(choice.skipped).toEqual([
        { name: 'missing', reason: 'package not installed; run npm install some-package' },
        { name: 'emulated', reason: 'software emulation, slower than fast (SwiftShader)' },
      ]);
      expect((await useBackend('emulated', { log, env: {} })).name).toBe('emulated');
      unregisterBackend('fast');
      unregisterBackend('slow');
      expect((await useBackend('auto', { log, env: {} })).name).toBe('emulated');
    } finally {
      unregisterBackend('emulated');
    }
  });

  it('orders cuda > webgpu > webgl > cpu, taking hardware before software', async () => {
    ['slow', 'fast', 'missing'].forEach(unregisterBackend);
    // The default adapters' names and priorities; engines stand in for what each would run.
    const gpu = (name: string, priority: number, renderer: string): BackendAdapter => ({
      ...engineAdapter(name, priority, 'wasm'),
      probe: async () => ({
        available: true,
        engine: 'wasm',
        reason: renderer,
        software: /swiftshader|llvmpipe/i.test(renderer),
      }),
    });
    const adapters = [
      { ...missing, name: 'cuda' },
      gpu('webgpu', 200, 'SwiftShader Device (Subzero)'),
      gpu('webgl', 150, 'ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 Direct3D11)'),
      engineAdapter('cpu', 100, 'cpu'),
    ];
    adapters.forEach(registerBackend);
    try {
      const choice = await useBackend('auto', { log, env: {} });
      expect(choice.name).toBe('webgl');
      expect(choice.skipped).toEqual([
        { name: 'cuda', reason: 'package not installed; run npm install some-package' },
        {
          name: 'webgpu',
          reason: 'software emulation, slower than webgl (SwiftShader Device (Subzero))',
        },
      ]);
      expect(logs.at(-1)).toMatch(/using adapter 'webgl'.*Skipped cuda: .*; webgpu: software/);
      // With WebGL on llvmpipe too, the cpu adapter is the fastest real engine.
      unregisterBackend('webgl');
      registerBackend(gpu('webgl', 150, 'llvmpipe (LLVM 15.0.6, 256 bits)'));
      const fallback = await useBackend('auto', { log, env: {} });
      expect(fallback.name).toBe('cpu');
      expect(fallback.skipped.map((s) => s.name)).toEqual(['cuda', 'webgpu', 'webgl']);
      expect(fallback.skipped[2]?.reason).toBe(
        'software emulation, slower than cpu (llvmpipe (LLVM 15.0.6, 256 bits))',
      );
      // A hardware WebGPU outranks a hardware WebGL.
      unregisterBackend('webgpu');
      registerBackend(gpu('webgpu', 200, 'NVIDIA H100'));
      expect((await useBackend('auto', { log, env: {} })).name).toBe('webgpu');
    } finally {
      adapters.forEach((a) => unregisterBackend(a.name));
    }
  });

  it('reports every probe for a backends table', async () => {
    const probes = await probeBackends();
    expect(probes.map((p) => [p.name, p.available])).toEqual([
      ['missing', false],
      ['fast', true],
      ['slow', true],
    ]);
  });

  it('moves no weights silently: a model built on one backend refuses another until told to move', async () => {
    await useBackend('slow', { log, env: {} });
    const x = input({ shape: [4, 3] });
    const td = timeDistributed(new Affine());
    const m = model({ inputs: x, outputs: td.apply(x) });
    const data = tf.randomNormal([2, 4, 3]);
    const onCpu = Array.from((m.predict(data) as tf.Tensor).dataSync());
    await useBackend('fast', { log, env: {} });
    expect(() => m.predict(data)).toThrow(BackendMismatchError);
    expect(() => m.predict(data)).toThrow(
      /the weights of affine_1 live on the 'cpu' backend, but 'wasm' is active/,
    );
    expect(() => td.apply(data)).toThrow(BackendMismatchError);
    await m.moveToActiveBackend();
    expect(td.layer.weightsBackend).toBe('wasm');
    const onWasm = Array.from((m.predict(data) as tf.Tensor).dataSync());
    onWasm.forEach((v, i) => expect(v).toBeCloseTo(onCpu[i]!, 5));
    const tensors = tf.memory().numTensors;
    m.dispose();
    expect(tf.memory().numTensors).toBe(tensors - 2);
    expect(td.layer.weights).toEqual([]);
  });
});
