/**
 * Base class of every error Framewise throws on purpose. Catch this to tell a
 * Framewise complaint about your input from a bug or an engine failure.
 */
export class FramewiseError extends Error {
  override name = 'FramewiseError';
  /** The layer the error is about, when there is one. */
  readonly layerName: string | undefined;

  constructor(message: string, layerName?: string) {
    super(layerName === undefined ? message : `${layerName}: ${message}`);
    // Subclasses declare their name as a literal: bundlers minify class names,
    // and `ShapeError: ...` must survive a production build.
    this.name = new.target.name;
    this.layerName = layerName;
  }
}

/** A tensor or shape of the wrong rank or size reached a layer. */
export class ShapeError extends FramewiseError {
  override readonly name: string = 'ShapeError';
}

/** A layer, model or option was configured with a value it cannot take. */
export class ConfigError extends FramewiseError {
  override readonly name: string = 'ConfigError';
}

/** A class name was not found in the layer registry. */
export class UnknownLayerError extends FramewiseError {
  override readonly name: string = 'UnknownLayerError';
  /** The class name that was looked up. */
  readonly className: string;
  /** Class names registered when the lookup failed, sorted. */
  readonly registered: readonly string[];

  constructor(className: string, registered: readonly string[]) {
    super(
      `unknown layer class '${className}'. Registered classes: ${registered.join(', ') || '(none)'}. ` +
        `Import the package that provides it (for built-in layers: import '@framewise/layers').`,
    );
    this.className = className;
    this.registered = registered;
  }
}

/** A plugin was registered under a name that is already taken. */
export class DuplicateRegistrationError extends FramewiseError {
  override readonly name: string = 'DuplicateRegistrationError';
}

/** A backend adapter was asked for but cannot run here; the message says what to install. */
export class BackendUnavailableError extends FramewiseError {
  override readonly name: string = 'BackendUnavailableError';
}

/** A layer's weights live on one tfjs backend while another is active; see `Layer.moveToActiveBackend()`. */
export class BackendMismatchError extends FramewiseError {
  override readonly name: string = 'BackendMismatchError';
}

/**
 * A model was used after `dispose()` freed its weights: predicting, training,
 * evaluating, compiling, saving or loading weights is refused, and nothing is
 * allocated or written. Build or load the model again instead.
 */
export class DisposedError extends FramewiseError {
  override readonly name: string = 'DisposedError';
}

/** Framewise broke one of its own invariants (an index it built is missing): a bug to report, not bad input. */
export class InternalError extends FramewiseError {
  override readonly name: string = 'InternalError';
}

/**
 * A model cannot be streamed as asked (`streamModel` of `@framewise/stream`):
 * a stateful layer, several inputs, window mode without a window, a frame of
 * the wrong shape. The message says what was expected and what came.
 */
export class StreamError extends FramewiseError {
  override readonly name: string = 'StreamError';
}
