import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';

/** `(yTrue, yPred) => perElement`, the function form of a loss or a metric. */
export type ComputeFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** What losses and metrics have in common: a name and per-element values. */
interface Computes {
  readonly name: string;
  compute: ComputeFunction;
}

/** How one catalog (losses, metrics) reads the identifiers users give `compile`. */
export interface NamedCatalogSpec<T extends Computes, R> {
  /** `loss`, `metric`: the word messages use. */
  noun: string;
  /** `losses`, `metrics`. */
  plural: string;
  /** `Loss`, `Metric`: the interface an object identifier must implement. */
  typeName: string;
  /** Every accepted name (aliases included) and what it resolves to; gets the name it was found by. */
  byName: Record<string, (name: string) => R>;
  /** Wraps a plain function. */
  fromFunction: (fn: ComputeFunction) => T;
}

/**
 * Names to losses or metrics. Lookups see only the names given, never
 * `Object.prototype`'s: `'constructor'` is an unknown loss, not a crash.
 */
export class NamedCatalog<T extends Computes, R = T> {
  private readonly byName: ReadonlyMap<string, (name: string) => R>;

  constructor(private readonly spec: NamedCatalogSpec<T, R>) {
    this.byName = new Map(Object.entries(spec.byName));
  }

  /** Every accepted name, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  /** A name, an object with `compute`, or a function; anything else throws `ConfigError`. */
  resolve(identifier: string | T | ComputeFunction, where?: string): T | R {
    const { noun, plural, typeName } = this.spec;
    if (typeof identifier === 'string') {
      const make = this.byName.get(identifier);
      if (make === undefined) {
        throw new ConfigError(
          `unknown ${noun} '${identifier}'; known ${plural}: ${this.names().join(', ')}`,
          where,
        );
      }
      return make(identifier);
    }
    if (typeof identifier === 'function') return this.spec.fromFunction(identifier);
    if (
      identifier !== null &&
      typeof identifier === 'object' &&
      typeof identifier.compute === 'function'
    ) {
      return identifier;
    }
    throw new ConfigError(
      `a ${noun} must be a name, a ${typeName} object or a function, received ${String(identifier)}`,
      where,
    );
  }
}
