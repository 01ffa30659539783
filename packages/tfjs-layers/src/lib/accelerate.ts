/**
 * One call that puts every tfjs-layers `TimeDistributed` on the merged-reshape
 * path: the wrapped layer runs once on `[batch*time, ...]` instead of once per
 * step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '@framewise/core';
import { mergedCall, mergedComputeMask, type TimeDistributedLike } from './merged-call.js';

/** What `accelerateTimeDistributed` needs of a tfjs-layers module: its `layers` factories. */
export interface TfjsLayersModule {
  layers: {
    timeDistributed(args: { layer: unknown }): unknown;
  };
}

/** Returned by `accelerateTimeDistributed`: puts tfjs-layers back as it was. */
export interface AccelerationHandle {
  /** Restores tfjs-layers' own `call` and `computeMask`; calling it again does nothing. */
  undo(): void;
  /** True until `undo()` has run (for any handle of this tfjs-layers instance). */
  readonly active: boolean;
}

type Call = (this: TimeDistributedLike, inputs: unknown, kwargs: unknown) => unknown;
type ComputeMask = (this: TimeDistributedLike, inputs: unknown, mask?: unknown) => unknown;

interface Prototype {
  call: Call;
  computeMask: ComputeMask;
}

interface Patch {
  originals: { call: Call; computeMask: ComputeMask; ownCompute: boolean };
}

const patched = new WeakMap<Prototype, Patch>();

function timeDistributedPrototype(tfl: TfjsLayersModule): Prototype {
  const factory = (tfl as Partial<TfjsLayersModule> | null)?.layers?.timeDistributed;
  if (typeof factory !== 'function') {
    throw new ConfigError(
      `accelerateTimeDistributed expects the @tensorflow/tfjs-layers (or @tensorflow/tfjs) module, received ${tfl === null || typeof tfl !== 'object' ? String(tfl) : 'an object without layers.timeDistributed'}`,
    );
  }
  // The class registered for deserialization is the one every path builds:
  // the factory, loadLayersModel and modelFromJSON. Looking it up there (not
  // by building a probe layer) leaves tfjs-layers' name counters alone.
  const entry = tf.serialization.SerializationMap.getMap().classNameMap['TimeDistributed'];
  const cls = entry?.[0] as { prototype?: unknown } | undefined;
  if (cls === undefined || typeof cls.prototype !== 'object' || cls.prototype === null) {
    throw new ConfigError(
      'TimeDistributed is not registered with @tensorflow/tfjs-core: @tensorflow/tfjs-layers and this package see different copies of tfjs-core',
    );
  }
  return cls.prototype as Prototype;
}

/**
 * Makes every `TimeDistributed` of the given tfjs-layers module (built with
 * `tf.layers.timeDistributed`, or read by `tf.loadLayersModel` /
 * `tf.models.modelFromJSON`, before or after this call) merge batch and time
 * into one axis, call its layer once and split the result back, instead of
 * calling the layer once per step. Batch-coupled layers (stateful recurrent
 * layers, BatchNormalization while training) keep tfjs-layers' loop.
 *
 * Masks move as in tf.keras: a mask with axes beyond time reaches the wrapped
 * layer folded to `[batch*time, ...]`, and the mask the wrapped layer makes
 * (an `Embedding` with `maskZero`) reaches the next layer as `[batch, time, ...]`.
 * Outputs, gradients and saved files are otherwise those of tfjs-layers.
 *
 * Calling it again while active changes nothing. `undo()` on the returned
 * handle restores tfjs-layers' own methods.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { accelerateTimeDistributed } from '@framewise/tfjs-layers';
 * accelerateTimeDistributed(tf);
 * const model = await tf.loadLayersModel('model.json'); // its TimeDistributed layers run merged
 * ```
 */
export function accelerateTimeDistributed(tfl: TfjsLayersModule): AccelerationHandle {
  const proto = timeDistributedPrototype(tfl);
  let patch = patched.get(proto);
  if (patch === undefined) {
    const own = Object.hasOwn(proto, 'computeMask');
    const originals = { call: proto.call, computeMask: proto.computeMask, ownCompute: own };
    proto.call = function (this: TimeDistributedLike, inputs: unknown, kwargs: unknown): unknown {
      const merged = mergedCall(
        this,
        inputs as tf.Tensor | tf.Tensor[],
        (kwargs ?? {}) as Record<string, unknown>,
      );
      return merged ?? originals.call.call(this, inputs, kwargs);
    };
    proto.computeMask = function (this: TimeDistributedLike, inputs: unknown, mask?: unknown) {
      return mergedComputeMask(
        this,
        inputs as tf.Tensor | tf.Tensor[],
        mask as tf.Tensor | tf.Tensor[] | null | undefined,
      );
    };
    patch = { originals };
    patched.set(proto, patch);
  }
  const target = patch;
  return {
    undo(): void {
      if (patched.get(proto) !== target) return;
      proto.call = target.originals.call;
      if (target.originals.ownCompute) proto.computeMask = target.originals.computeMask;
      else delete (proto as Partial<Prototype>).computeMask;
      patched.delete(proto);
    },
    get active(): boolean {
      return patched.get(proto) === target;
    },
  };
}
