import type * as Core from '@framewise/core';
import type * as Base from './base.js';

// In a module registry of its own, so the spec sees core's registries as a fresh program does.
function registries(core: typeof Core): { layers: string[]; backends: string[] } {
  return {
    layers: core.registeredLayers().sort(),
    backends: core.registeredBackends().map((b) => b.name),
  };
}

describe('@framewise/layers/base', () => {
  it('exports the layers and plugins and registers nothing; the package entry registers', () => {
    jest.isolateModules(() => {
      const core = jest.requireActual<typeof Core>('@framewise/core');
      const before = registries(core);
      const base = jest.requireActual<typeof Base>('@framewise/layers/base');
      expect(base.densePlugin.className).toBe('Dense');
      expect(base.dense({ units: 2 })).toBeInstanceOf(base.Dense);
      expect(registries(core)).toEqual(before);
      expect(before.layers).not.toContain('Dense');
      jest.requireActual('@framewise/layers');
      expect(registries(core).layers).toEqual(expect.arrayContaining(['Dense', 'Conv2D', 'LSTM']));
    });
  });
});
