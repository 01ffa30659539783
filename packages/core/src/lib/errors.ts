/**
 * Base class of every error Framewise throws on purpose. Catch this to tell a
 * Framewise complaint about your input from a bug or an engine failure.
 */
export class FramewiseError extends Error {
  /** The layer the error is about, when there is one. */
  readonly layerName: string | undefined;

  constructor(message: string, layerName?: string) {
    super(layerName === undefined ? message : `${layerName}: ${message}`);
    this.name = new.target.name;
    this.layerName = layerName;
  }
}

/** A tensor or shape of the wrong rank or size reached a layer. */
export class ShapeError extends FramewiseError {}

/** A layer, model or option was configured with a value it cannot take. */
export class ConfigError extends FramewiseError {}

/** A class name was not found in the layer registry. */
export class UnknownLayerError extends FramewiseError {
  /** Class names registered when the lookup failed, sorted. */
  readonly registered: readonly string[];

  constructor(className: string, registered: readonly string[]) {
    super(
      `unknown layer class '${className}'. Registered classes: ${registered.join(', ') || '(none)'}. ` +
        `Import the package that provides it (for built-in layers: import '@framewise/layers').`,
    );
    this.registered = registered;
  }
}

/** A plugin was registered under a name that is already taken. */
export class DuplicateRegistrationError extends FramewiseError {}

/** A compute backend was asked for but cannot run here; the message says what to install. */
export class BackendUnavailableError extends FramewiseError {}

/** A layer's weights live on one backend while another is active; see `Layer.moveToActiveBackend()`. */
export class BackendMismatchError extends FramewiseError {}
