import { getLayerPlugin, type Layer, type LayerPlugin } from '@framewise/core';
import type { LayerCheckName, LayerKitSpec } from '../../lib/layer-kit/spec.js';

/** One catalog run of the layer kit: a spec, and the checks known to fail with the bug's summary. */
export interface CatalogEntry {
  title: string;
  spec: LayerKitSpec<unknown>;
  expectFailures?: Partial<Record<LayerCheckName, string>>;
  /**
   * Trainable weights whose gradient is zero in exact arithmetic, by name inside the layer
   * (`'key/bias'`), each with the reason. The one-fit-step check then requires them to stay
   * where they were, up to rounding, instead of requiring them to move.
   */
  zeroGradients?: Readonly<Record<string, string>>;
}

/** A plugin with its options type forgotten, to sit in one list with the others. */
export const plugin = <O>(p: LayerPlugin<O>): LayerPlugin<unknown> => p as LayerPlugin<unknown>;

/** The registered plugin of a class and a factory, for layers made from other layers (wrappers). */
export function made(
  create: () => Layer,
  className: string,
): Pick<LayerKitSpec<unknown>, 'plugin' | 'create'> {
  return { plugin: getLayerPlugin(className) as LayerPlugin<unknown>, create };
}
