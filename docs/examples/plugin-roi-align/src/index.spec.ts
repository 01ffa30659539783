import { deserializeLayer, registeredLayers, registerLayer } from '@framewise/core';
import { RoiAlign, roiAlignPlugin } from './index.js';

describe('the main entry (index)', () => {
  it('registers RoiAlign on import, so Keras JSON naming it loads', () => {
    expect(registeredLayers()).toContain('RoiAlign');
    const layer = deserializeLayer({ class_name: 'RoiAlign', config: { pool_size: [14, 14] } });
    expect(layer).toBeInstanceOf(RoiAlign);
    expect((layer as RoiAlign).poolSize).toEqual([14, 14]);
    expect(() => registerLayer(roiAlignPlugin)).toThrow(
      /RoiAlign' is already registered; each class name can be registered once/,
    );
  });
});
