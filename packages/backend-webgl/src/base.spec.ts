import type * as Core from '@framewise/core';
import type * as Base from './base.js';

// In a module registry of its own, so the spec sees core's registries as a fresh program does.
function registries(core: typeof Core): { layers: string[]; backends: string[] } {
  return {
    layers: core.registeredLayers().sort(),
    backends: core.registeredBackends().map((b) => b.name),
  };
}

describe('@framewise/backend-webgl/base', () => {
  it('exports the adapter and registers nothing; the package entry registers it', () => {
    jest.isolateModules(() => {
      const core = jest.requireActual<typeof Core>('@framewise/core');
      const before = registries(core);
      const base = jest.requireActual<typeof Base>('@framewise/backend-webgl/base');
      expect(base.webglBackend.name).toBe('webgl');
      expect(base.createWebglBackend().name).toBe('webgl');
      expect(registries(core)).toEqual(before);
      expect(before.backends).not.toContain('webgl');
      jest.requireActual('@framewise/backend-webgl');
      expect(registries(core).backends).toContain('webgl');
    });
  });
});
