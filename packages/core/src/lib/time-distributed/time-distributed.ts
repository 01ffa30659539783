import * as tf from '@tensorflow/tfjs-core';
import { at, singletonOrArray } from '../checked.js';
import { ConfigError, InternalError, ShapeError } from '../errors.js';
import {
  assertLayer,
  computesOwnMask,
  isShapeList,
  Layer,
  type CallOptions,
  type LayerOptions,
  type Masks,
  type Shapes,
  type StreamSupport,
  type StepLayout,
  type Tensors,
} from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import {
  deserializeLayer,
  serializeLayer,
  type LayerPlugin,
  type SerializedLayer,
} from '../registry.js';
import { fromKerasConfig } from '../keras-config.js';
import { formatShape, sizesCompatible, type Shape } from '../shape.js';
import { checkMask, mergeMask, reduceMask } from './mask.js';
import { activityPenalty, withoutActivityLosses } from '../weight-training/penalties.js';
import { chunkedCall, leadingShape, loopCall, mergedCall, type StepInputs } from './strategies.js';

/** How the wrapper runs its layer over the steps. */
export type TimeDistributedStrategy = 'auto' | 'reshape' | 'loop';

/** Options of `timeDistributed()`. */
export interface TimeDistributedOptions extends LayerOptions {
  /**
   * `reshape` merges batch and time and calls the layer once (fast); `loop`
   * calls it once per step; `auto` (default) takes `reshape` unless the layer
   * is batch-coupled (its result for a sample depends on the rest of the batch).
   */
  strategy?: TimeDistributedStrategy;
  /** Steps per inner call on the reshape path; bounds the inner layer's peak memory on long sequences. */
  chunkSize?: number;
  /**
   * Noise of layers like Dropout while training: `perStep` (default) draws it
   * for every step; `shared` draws it once per sample and reuses it at every step.
   */
  noise?: StepLayout['noise'];
  /**
   * Batch statistics of layers like BatchNormalization while training:
   * `merged` (default, tf.keras 2) over all `batch*time` slices; `perStep` over the batch, step by step.
   */
  statistics?: StepLayout['statistics'];
  /** Indices of inputs that are the same for every step (`[batch, ...]`, not `[batch, time, ...]`); passed whole. */
  broadcastInputs?: number[];
}

const STRATEGIES: readonly TimeDistributedStrategy[] = ['auto', 'reshape', 'loop'];

/**
 * Applies one layer, with one set of weights, to every slice along axis 1 of
 * `[batch, time, ...rest]` inputs (Keras' `TimeDistributed`).
 */
export class TimeDistributed extends Layer {
  static override readonly className = 'TimeDistributed';
  /** The wrapped layer; its weights are this layer's weights. */
  readonly layer: Layer;
  readonly strategy: TimeDistributedStrategy;
  readonly chunkSize: number | undefined;
  readonly broadcastInputs: readonly number[];
  readonly noise: StepLayout['noise'];
  readonly statistics: StepLayout['statistics'];

  constructor(layer: Layer, options: TimeDistributedOptions = {}) {
    assertLayer(layer, 'TimeDistributed');
    super(options);
    const {
      strategy = 'auto',
      chunkSize,
      broadcastInputs = [],
      noise = 'perStep',
      statistics = 'merged',
    } = options;
    if (noise !== 'perStep' && noise !== 'shared') {
      throw new ConfigError(
        `noise must be perStep or shared, received ${JSON.stringify(noise)}`,
        this.name,
      );
    }
    if (statistics !== 'merged' && statistics !== 'perStep') {
      throw new ConfigError(
        `statistics must be merged or perStep, received ${JSON.stringify(statistics)}`,
        this.name,
      );
    }
    if (!STRATEGIES.includes(strategy)) {
      throw new ConfigError(
        `strategy must be one of ${STRATEGIES.join(', ')}, received ${JSON.stringify(strategy)}`,
        this.name,
      );
    }
    if (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize > 0)) {
      throw new ConfigError(
        `chunkSize must be a positive integer, received ${String(chunkSize)}`,
        this.name,
      );
    }
    if (
      !Array.isArray(broadcastInputs) ||
      broadcastInputs.some((i) => !Number.isInteger(i) || i < 0)
    ) {
      throw new ConfigError(
        `broadcastInputs must list input indices, received ${JSON.stringify(broadcastInputs)}`,
        this.name,
      );
    }
    this.layer = layer;
    this.strategy = strategy;
    this.chunkSize = chunkSize;
    this.broadcastInputs = broadcastInputs.slice();
    this.noise = noise;
    this.statistics = statistics;
    this.supportsMasking = true;
  }

  override get trainable(): boolean {
    return super.trainable;
  }
  // Keras: freezing the wrapper freezes the layer inside.
  override set trainable(value: boolean) {
    super.trainable = value;
    if (this.layer) this.layer.trainable = value;
  }

  override get trainableWeights(): LayerVariable[] {
    return this.trainable ? this.layer.trainableWeights : [];
  }
  override get nonTrainableWeights(): LayerVariable[] {
    return this.trainable ? this.layer.nonTrainableWeights : this.layer.weights;
  }

  override sublayers(): Layer[] {
    return [this.layer];
  }

  /**
   * The wrapper's own activity penalty plus its inner layer's. tf.keras 2
   * calls the inner layer once on the steps merged into the batch, so the
   * inner penalty is `regularizer(output) / (batch · steps)`, once per call,
   * whichever strategy runs the steps here.
   */
  override activityLoss(outputs: tf.Tensor[]): tf.Scalar | undefined {
    const own = super.activityLoss(outputs);
    const inner = activityPenalty(this.layer.activityRegularizer, outputs, 2);
    if (own === undefined || inner === undefined) return own ?? inner;
    return tf.add(own, inner) as tf.Scalar;
  }

  /** The strategy a call will take. */
  resolveStrategy(training: boolean): 'reshape' | 'loop' {
    if (this.strategy !== 'auto') return this.strategy;
    return this.layer.isBatchCoupled(training) ? 'loop' : 'reshape';
  }

  override isBatchCoupled(training: boolean): boolean {
    return this.layer.isBatchCoupled(training);
  }

  /** Each step goes through the inner layer on its own: any chunk of steps streams exactly. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return this.layer.isBatchCoupled(false)
      ? { kind: 'refused', reason: `its inner layer ${this.layer.name} keeps state across calls` }
      : { kind: 'perStep' };
  }

  private isDistributed(count: number): boolean[] {
    const flags = Array.from({ length: count }, (_, i) => !this.broadcastInputs.includes(i));
    const outOfRange = this.broadcastInputs.find((i) => i >= count);
    if (outOfRange !== undefined) {
      throw new ConfigError(
        `broadcastInputs names input ${outOfRange}, but the layer got ${count} input(s)`,
        this.name,
      );
    }
    if (!flags.includes(true)) {
      throw new ConfigError(
        'at least one input must be distributed over time; all are marked broadcast',
        this.name,
      );
    }
    return flags;
  }

  /** Shapes the inner layer sees: `[batch, ...rest]` for distributed inputs, broadcast ones unchanged. */
  private childShapes(inputShape: Shapes): {
    shapes: Shape[];
    lead: [number | null, number | null];
  } {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape];
    const distributed = this.isDistributed(shapes.length);
    let lead: [number | null, number | null] | undefined;
    const child = shapes.map((s, i) => {
      if (!distributed[i]) return s;
      if (s.length < 3) {
        throw new ShapeError(
          `expected input${shapes.length > 1 ? ` ${i}` : ''} of rank 3 or more [batch, time, ...], received rank ${s.length}: ${formatShape(s)}`,
          this.name,
        );
      }
      const [batch = null, time = null, ...rest] = s;
      if (lead && !(sizesCompatible(lead[0], batch) && sizesCompatible(lead[1], time))) {
        throw new ShapeError(
          `distributed inputs must share [batch, time]: ${formatShape(lead)} and ${formatShape(s.slice(0, 2))}`,
          this.name,
        );
      }
      lead = lead ?? [batch, time];
      return [batch, ...rest];
    });
    // isDistributed() guarantees a distributed input, so the map has set it.
    if (lead === undefined)
      throw new InternalError('[batch, time] of the distributed inputs is missing');
    return { shapes: child, lead };
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    const { shapes, lead } = this.childShapes(inputShape);
    const inner = this.layer.inferOutputShape(singletonOrArray(shapes));
    const add = (s: Shape): Shape => [...lead, ...s.slice(1)];
    return isShapeList(inner) ? inner.map(add) : add(inner);
  }

  override build(inputShape: Shapes): void {
    const { shapes } = this.childShapes(inputShape);
    // The merged batch*time axis has no fixed size.
    const open = shapes.map((s, i) =>
      this.broadcastInputs.includes(i) ? s : [null, ...s.slice(1)],
    );
    this.layer.ensureBuilt(singletonOrArray(open));
  }

  override countParams(): number {
    return this.layer.countParams();
  }

  override macs(inputShape: Shapes): number {
    const { shapes, lead } = this.childShapes(inputShape);
    const steps = lead[1];
    return steps === null ? 0 : steps * this.layer.macs(singletonOrArray(shapes));
  }

  private stepInputs(inputs: Tensors, options: CallOptions): StepInputs {
    const values = Array.isArray(inputs) ? inputs : [inputs];
    const masks = values.map((x, i) => {
      const m = Array.isArray(options.mask) ? options.mask[i] : i === 0 ? options.mask : null;
      if (m === undefined || m === null) return null;
      checkMask(m, x, this.name);
      return m;
    });
    return {
      values,
      distributed: this.isDistributed(values.length),
      masks,
      training: options.training ?? false,
      layerName: this.name,
      noise: this.noise,
      statistics: this.statistics,
    };
  }

  /** Innermost layer and how many axes after the batch merge into it (nested wrappers merge at once). */
  private mergePlan(training: boolean, single: boolean): { layer: Layer; depth: number } {
    let layer: Layer = this.layer;
    let depth = 1;
    while (
      single &&
      layer instanceof TimeDistributed &&
      layer.broadcastInputs.length === 0 &&
      layer.resolveStrategy(training) === 'reshape'
    ) {
      layer = layer.layer;
      depth++;
    }
    return { layer, depth };
  }

  override call(inputs: Tensors, options: CallOptions): Tensors {
    // The steps run in tf.tidy blocks: the inner layer's penalty is taken from the outputs instead
    // (see activityLoss); those of layers nested deeper (a model inside) are not counted.
    return withoutActivityLosses(() => this.callSteps(inputs, options));
  }

  private callSteps(inputs: Tensors, options: CallOptions): Tensors {
    const step = this.stepInputs(inputs, options);
    let out: tf.Tensor[];
    if (this.resolveStrategy(step.training) === 'loop') {
      // One call per step cannot share noise across steps: refuse rather than ignore the option.
      if (this.noise === 'shared' && this.layer.readsStepLayout(step.training)) {
        throw new ConfigError(
          `noise: 'shared' needs the reshape strategy (one call that sees every step); this call runs the loop strategy`,
          this.name,
        );
      }
      out = loopCall(this.layer, step);
    } else {
      const { layer, depth } = this.mergePlan(step.training, step.values.length === 1);
      out =
        this.chunkSize === undefined
          ? mergedCall(layer, step, depth)
          : chunkedCall(layer, step, depth, this.chunkSize);
    }
    return singletonOrArray(out);
  }

  override computeMask(inputs: Tensors, mask: Masks | undefined): Masks {
    const noMask =
      mask === undefined || mask === null || (Array.isArray(mask) && mask.every((m) => m === null));
    // Most layers only pass masks on; skip the reshapes when none is given and none can be made.
    if (noMask && !computesOwnMask(this.layer)) return null;
    // The merged views are intermediates: only the returned mask may outlive the call.
    const kept = tf.tidy((): tf.Tensor | undefined => {
      const step = this.stepInputs(inputs, { mask: mask ?? null });
      const lead = leadingShape(step, 1);
      const first = step.values.findIndex((_, i) => step.distributed[i]);
      const x = at(step.values, first, 'distributed input');
      const merged = step.values.map((v, i) =>
        step.distributed[i] ? tf.reshape(v, [-1, ...v.shape.slice(2)]) : v,
      );
      const innerMask = step.masks.map((m) => (m ? mergeMask(m, lead) : null));
      const single = merged.length === 1;
      const out = this.layer.computeMask(
        singletonOrArray(merged),
        single ? innerMask[0] : innerMask,
      );
      const own = Array.isArray(out) ? out[0] : out;
      if (own) return tf.reshape(own, [...lead, ...own.shape.slice(1)]);
      const given = step.masks[first];
      return given ? reduceMask(given, Math.min(2, x.rank)) : undefined;
    });
    return kept ?? null;
  }

  override getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      ...super.getConfig(),
      layer: serializeLayer(this.layer),
    };
    if (this.strategy !== 'auto') config['strategy'] = this.strategy;
    if (this.chunkSize !== undefined) config['chunk_size'] = this.chunkSize;
    if (this.broadcastInputs.length > 0) config['broadcast_inputs'] = this.broadcastInputs.slice();
    if (this.noise !== 'perStep') config['noise'] = this.noise;
    if (this.statistics !== 'merged') config['statistics'] = this.statistics;
    return config;
  }
}

/** Wraps a layer so it runs on every time step with shared weights. */
export function timeDistributed(layer: Layer, options?: TimeDistributedOptions): TimeDistributed;
/** tfjs-layers' form: `timeDistributed({layer, ...options})`. */
export function timeDistributed(
  options: TimeDistributedOptions & { layer: Layer },
): TimeDistributed;
export function timeDistributed(
  layerOrOptions: Layer | (TimeDistributedOptions & { layer: Layer }),
  options?: TimeDistributedOptions,
): TimeDistributed {
  if (layerOrOptions instanceof Layer) return new TimeDistributed(layerOrOptions, options);
  const { layer, ...rest } = (layerOrOptions ?? {}) as TimeDistributedOptions & { layer: Layer };
  // Plain-JS callers may pass anything here; the check names what came.
  const inner: unknown = layer ?? layerOrOptions;
  assertLayer(inner, 'TimeDistributed');
  return new TimeDistributed(inner, rest);
}

/** Registry entry: reads and writes Keras' `TimeDistributed` JSON. */
export const timeDistributedPlugin: LayerPlugin<TimeDistributedOptions & { layer: Layer }> = {
  className: 'TimeDistributed',
  create: (options) => timeDistributed(options),
  fromConfig(config) {
    const { layer, ...rest } = config;
    // The wrapper's own fields map one to one (chunk_size -> chunkSize ...); the constructor checks them.
    const options = fromKerasConfig(rest, ['dtype']) as TimeDistributedOptions;
    return new TimeDistributed(deserializeLayer(layer as SerializedLayer), options);
  },
};
