import { ConfigError, DuplicateRegistrationError, UnknownLayerError } from './errors.js';
import type { Layer } from './layer.js';

/** Keras JSON of one layer: `{class_name, config}`. */
export interface SerializedLayer {
  class_name: string;
  config: Record<string, unknown>;
}

/**
 * A layer plugin: a plain object naming a Keras class and saying how to make
 * the layer from tfjs-style options or from a Keras JSON config. Registering
 * it (`registerLayer`) makes the class loadable from JSON.
 */
export interface LayerPlugin<Options = never> {
  /** Keras class name, unique in the registry (`Dense`, `Conv2D` ...). */
  readonly className: string;
  /** Makes the layer from tfjs-layers-style options (camelCase). */
  create(options: Options): Layer;
  /** Makes the layer from a Keras JSON config (snake_case, as `getConfig()` writes it). */
  fromConfig(config: Record<string, unknown>): Layer;
}

const plugins = new Map<string, LayerPlugin<never>>();

/** Adds a plugin; throws `DuplicateRegistrationError` naming the class if it is taken. */
export function registerLayer<O>(plugin: LayerPlugin<O>): void {
  if (!plugin || typeof plugin.className !== 'string' || plugin.className === '') {
    throw new ConfigError(
      `registerLayer() expects a plugin with a className, received ${JSON.stringify(plugin)}`,
    );
  }
  if (plugins.has(plugin.className)) {
    throw new DuplicateRegistrationError(
      `layer class '${plugin.className}' is already registered; each class name can be registered once`,
    );
  }
  plugins.set(plugin.className, plugin as LayerPlugin<never>);
}

/** Removes a plugin (for tests and hot reloading); returns whether it was there. */
export function unregisterLayer(className: string): boolean {
  return plugins.delete(className);
}

/** The plugin for a class name; throws `UnknownLayerError` listing the registered ones. */
export function getLayerPlugin(className: string): LayerPlugin<never> {
  const plugin = plugins.get(className);
  if (!plugin) throw new UnknownLayerError(className, registeredLayers());
  return plugin;
}

/** Registered class names, sorted. */
export function registeredLayers(): string[] {
  return [...plugins.keys()].sort();
}

/** Makes a layer from its Keras JSON (`{class_name, config}`). */
export function deserializeLayer(json: SerializedLayer): Layer {
  if (!json || typeof json !== 'object' || typeof json.class_name !== 'string') {
    throw new ConfigError(
      `expected a Keras layer object {class_name, config}, received ${JSON.stringify(json)}`,
    );
  }
  return getLayerPlugin(json.class_name).fromConfig(json.config ?? {});
}

/** Keras JSON of a layer. */
export function serializeLayer(layer: Layer): SerializedLayer {
  return { class_name: layer.className, config: layer.getConfig() };
}
