/** What every architecture takes (Keras' arguments, camelCase). */
export interface ApplicationOptions {
  /** With Keras' ImageNet classifier on top (true, Keras' default) or without it. */
  includeTop?: boolean;
  /** `[height, width, channels]`; default the family's ImageNet size. */
  inputShape?: [number, number, number];
  /** Width multiplier of the MobileNets (ignored elsewhere). Default 1. */
  alpha?: number;
  /** Classes of the classifier. Default 1000. */
  classes?: number;
}

/** Resolved options: the family's defaults filled in and the input size checked. */
export interface Resolved {
  includeTop: boolean;
  inputShape: [number, number, number];
  alpha: number;
  classes: number;
}

/** Fills defaults and refuses inputs smaller than Keras allows for the family. */
export function resolve(
  family: string,
  options: ApplicationOptions,
  defaultSize: number,
  minSize: number,
): Resolved {
  const inputShape = options.inputShape ?? [defaultSize, defaultSize, 3];
  const [h, w, c] = inputShape;
  if (!(h >= minSize && w >= minSize) || c !== 3) {
    throw new RangeError(
      `${family}: inputShape must be [h, w, 3] with h and w at least ${minSize}, received [${inputShape.join(', ')}]`,
    );
  }
  const alpha = options.alpha ?? 1;
  if (!(alpha > 0)) throw new RangeError(`${family}: alpha must be positive, received ${alpha}`);
  return {
    includeTop: options.includeTop ?? true,
    inputShape,
    alpha,
    classes: options.classes ?? 1000,
  };
}
