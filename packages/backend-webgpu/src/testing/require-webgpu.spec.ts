import type { DawnCheck } from './check-dawn.js';
import { gateFor } from './require-webgpu.js';

const missing: DawnCheck = {
  available: false,
  reason:
    "the optional package 'webgpu' (Dawn, WebGPU for Node) is not installed: run npm install webgpu",
};

describe('requireWebgpu', () => {
  const ci = process.env['CI'];
  afterEach(() => {
    if (ci === undefined) delete process.env['CI'];
    else process.env['CI'] = ci;
    jest.restoreAllMocks();
  });

  it('skips, saying what to install, where WebGPU is missing', () => {
    delete process.env['CI'];
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const gate = gateFor(missing);
    expect(gate).toMatchObject({ available: false, reason: missing.reason });
    expect(warn).toHaveBeenCalledWith(
      `WebGPU is not available here: ${missing.reason}. Skipping the tests that need it.`,
    );
    const skip = jest.spyOn(describe, 'skip').mockImplementation(() => {});
    const body = (): void => {};
    gate.describe('matMul', body);
    expect(skip).toHaveBeenCalledWith('matMul (skipped: WebGPU is not available)', body);
  });

  it('fails instead of skipping when CI=true', () => {
    process.env['CI'] = 'true';
    expect(() => gateFor(missing)).toThrow(
      `WebGPU is not available here: ${missing.reason}. CI=true makes missing WebGPU an error`,
    );
  });

  it('hands out the real describe and it where WebGPU is there', () => {
    process.env['CI'] = 'true';
    const gate = gateFor({ available: true, reason: 'Dawn found SwiftShader driver 5.0.0' });
    expect(gate.describe).toBe(describe);
    expect(gate.it).toBe(it);
  });
});
