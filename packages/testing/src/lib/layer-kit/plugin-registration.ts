import {
  getLayerPlugin,
  registerLayer,
  UnknownLayerError,
  unregisterLayer,
  type LayerPlugin,
} from '@framewise/core';

/**
 * Runs `fn` with the plugin registered: registers it when its class name is free and
 * unregisters it afterwards; a plugin already registered under the name is left in place.
 * Gives `fn` the plugin `deserializeLayer` will use.
 */
export async function withRegistered<T>(
  plugin: LayerPlugin<unknown>,
  fn: (registered: LayerPlugin<never>) => Promise<T>,
): Promise<T> {
  let registered: LayerPlugin<never>;
  let ours = false;
  try {
    registered = getLayerPlugin(plugin.className);
  } catch (e) {
    if (!(e instanceof UnknownLayerError)) throw e;
    registerLayer(plugin);
    ours = true;
    registered = getLayerPlugin(plugin.className);
  }
  try {
    return await fn(registered);
  } finally {
    if (ours) unregisterLayer(plugin.className);
  }
}
