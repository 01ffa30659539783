import { adapterFacts, adapterLabel, adapterMatches, type AdapterFacts } from './adapter-info.js';
import type { GpuAdapterInfoLike, GpuAdapterLike } from './webgpu-types.js';

const adapterWith = (info: Partial<GpuAdapterInfoLike>, extra = {}): GpuAdapterLike => ({
  features: new Set(),
  limits: {},
  info: { vendor: '', architecture: '', device: '', description: '', ...info },
  requestDevice: () => Promise.reject(new Error('not in these tests')),
  ...extra,
});

const h100: AdapterFacts = {
  vendor: 'nvidia',
  architecture: 'hopper',
  device: '',
  description: 'NVIDIA H100 80GB HBM3',
  software: false,
};

describe('adapter facts', () => {
  it('tells software adapters by flag or, on older implementations, by name', async () => {
    const flagged = adapterWith({ vendor: 'x', isFallbackAdapter: true });
    const named = adapterWith({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' });
    const swiftShader = adapterWith({ vendor: 'google', architecture: 'swiftshader' });
    const gpu = adapterWith({ vendor: 'nvidia', architecture: 'hopper' });
    expect((await adapterFacts(flagged)).software).toBe(true);
    expect((await adapterFacts(named)).software).toBe(true);
    expect((await adapterFacts(swiftShader)).software).toBe(true);
    expect((await adapterFacts(gpu)).software).toBe(false);
  });

  it('reads requestAdapterInfo() where a browser has no adapter.info yet', async () => {
    const old = adapterWith(
      {},
      {
        info: undefined,
        requestAdapterInfo: async () => ({ ...h100, device: 'gh100' }),
      },
    );
    expect(await adapterFacts(old)).toEqual({ ...h100, device: 'gh100' });
  });

  it('labels adapters for users', () => {
    expect(adapterLabel(h100)).toBe('NVIDIA H100 80GB HBM3 (nvidia hopper)');
    // As Dawn describes an H100: the driver in the description, the model in the device.
    const dawnH100 = {
      ...h100,
      architecture: '',
      device: 'nvidia-h100-80gb-hbm3',
      description: 'NVIDIA: 580.159.04 580.159.4.0',
    };
    expect(adapterLabel(dawnH100)).toBe(
      'NVIDIA: 580.159.04 580.159.4.0 (nvidia, nvidia-h100-80gb-hbm3)',
    );
    expect(adapterMatches(dawnH100, 'H100')).toBe(true);
    expect(adapterLabel({ ...h100, description: '', device: 'gh100', software: true })).toBe(
      'gh100 (nvidia hopper, software)',
    );
  });

  it('matches a name against vendor, architecture, device and description, blind to case and punctuation', () => {
    expect(adapterMatches(h100, 'NVIDIA')).toBe(true);
    expect(adapterMatches(h100, 'h100')).toBe(true);
    expect(adapterMatches(h100, 'Hopper')).toBe(true);
    expect(adapterMatches(h100, 'amd')).toBe(false);
    const swiftShader = { ...h100, device: 'swiftshader-device-subzero-' };
    expect(adapterMatches(swiftShader, 'SwiftShader Device (Subzero)')).toBe(true);
    expect(adapterMatches(h100, 'Subzero', 'SwiftShader Device (Subzero)')).toBe(true);
  });
});
