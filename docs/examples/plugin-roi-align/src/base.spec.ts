import {
  deserializeLayer,
  DuplicateRegistrationError,
  registeredLayers,
  registerLayer,
  UnknownLayerError,
  unregisterLayer,
} from '@framewise/core';
import { RoiAlign, roiAlignPlugin } from './base.js';

// Jest gives every spec file its own module registry: here only base.ts is imported.
describe('the side-effect-free entry (base)', () => {
  afterEach(() => unregisterLayer('RoiAlign'));

  it('exports the plugin without registering it', () => {
    expect(registeredLayers()).not.toContain('RoiAlign');
    expect(() => deserializeLayer({ class_name: 'RoiAlign', config: {} })).toThrow(
      UnknownLayerError,
    );
  });

  it('registers once; a second registration throws, naming the class', () => {
    registerLayer(roiAlignPlugin);
    expect(
      deserializeLayer({ class_name: 'RoiAlign', config: { pool_size: [3, 3] } }),
    ).toBeInstanceOf(RoiAlign);
    expect(() => registerLayer(roiAlignPlugin)).toThrow(DuplicateRegistrationError);
    expect(() => registerLayer(roiAlignPlugin)).toThrow(
      "layer class 'RoiAlign' is already registered",
    );
  });
});
