import { FramewiseError } from '@framewise/core';

/** A model holds a layer class that the other side of a conversion does not have. */
export class MissingLayerError extends FramewiseError {
  override readonly name: string = 'MissingLayerError';

  constructor(
    /** The Keras class name, `Cropping3D` ... */
    readonly className: string,
    /** The layer's name in the model. */
    readonly layer: string,
    /** The side without the class. */
    readonly missingOn: 'framewise' | 'tfjs-layers',
    /** The classes that side has, sorted. */
    readonly available: readonly string[],
  ) {
    const side = missingOn === 'framewise' ? 'Framewise' : 'tfjs-layers';
    super(
      `layer class '${className}' has no ${side} counterpart, so the model cannot be converted. ${side} has: ${[...available].sort().join(', ')}`,
      layer,
    );
  }
}
