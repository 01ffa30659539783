import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  deserializeLayer,
  isShapeList,
  Layer,
  recordActivityLoss,
  serializeLayer,
  singletonOrArray,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type LayerVariable,
  type Masks,
  type SerializedLayer,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { RecurrentLayer } from '../common/recurrent/base-layer.js';
import { stepsOfMask } from '../common/recurrent/cell-loop.js';

/** How the two directions' outputs are combined; `null` returns both, forward first. */
export type BidirectionalMergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

/** Options of `bidirectional()` (tfjs-layers' names). */
export interface BidirectionalOptions extends LayerOptions {
  /** The recurrent layer to run both ways; the wrapper runs copies of it (`forward_<name>`, `backward_<name>`). */
  layer: RecurrentLayer;
  /** Default `concat` (on the last axis). */
  mergeMode?: BidirectionalMergeMode;
  /** A different layer for the backward direction (Keras): its `goBackwards` must differ from `layer`'s. */
  backwardLayer?: RecurrentLayer;
}

const MERGE_MODES: readonly BidirectionalMergeMode[] = ['concat', 'sum', 'mul', 'ave', null];

/**
 * Runs a recurrent layer over the sequence forwards and a copy of it
 * backwards, and merges the two outputs (Keras' `Bidirectional`). Weights:
 * the forward layer's, then the backward layer's. Initial states, when given
 * as extra inputs, are the forward states followed by the backward ones;
 * with `returnState` the states come back in the same order.
 */
export class Bidirectional extends Layer {
  static override readonly className = 'Bidirectional';
  /** The layer as given (its config is what Keras JSON stores); it is never built or called. */
  readonly layer: RecurrentLayer;
  readonly backwardLayerGiven: RecurrentLayer | undefined;
  readonly forwardLayer: RecurrentLayer;
  readonly backwardLayer: RecurrentLayer;
  readonly mergeMode: BidirectionalMergeMode;

  constructor(options: BidirectionalOptions) {
    const opts = options ?? ({} as BidirectionalOptions);
    super(opts);
    const { layer, backwardLayer } = opts;
    const check = (l: unknown, what: string): void => {
      if (l instanceof RecurrentLayer) return;
      throw new ConfigError(
        `${what} must be a recurrent layer (SimpleRNN, LSTM, GRU, ConvLSTM1D, ConvLSTM2D), received ` +
          (l instanceof Layer ? l.className : (JSON.stringify(l) ?? 'undefined')),
        this.name,
      );
    };
    check(layer, 'layer');
    if (backwardLayer !== undefined) check(backwardLayer, 'backwardLayer');
    const mergeMode = opts.mergeMode === undefined ? 'concat' : opts.mergeMode;
    if (!MERGE_MODES.includes(mergeMode)) {
      throw new ConfigError(
        `mergeMode must be one of concat, sum, mul, ave or null, received ${JSON.stringify(mergeMode)}`,
        this.name,
      );
    }
    if (backwardLayer) checkBackwardLayer(layer, backwardLayer, mergeMode, this.name);
    this.layer = layer;
    this.backwardLayerGiven = backwardLayer;
    this.mergeMode = mergeMode;
    this.forwardLayer = layer.cloneWith({ name: `forward_${layer.name}` });
    this.backwardLayer = backwardLayer
      ? backwardLayer.cloneWith({ name: `backward_${backwardLayer.name}` })
      : layer.cloneWith({ name: `backward_${layer.name}`, goBackwards: !layer.goBackwards });
    this.supportsMasking = true;
    if (!this.trainable) this.trainable = false;
  }

  get returnSequences(): boolean {
    return this.forwardLayer.returnSequences;
  }
  get returnState(): boolean {
    return this.forwardLayer.returnState;
  }

  override get trainable(): boolean {
    return super.trainable;
  }
  // Keras: freezing the wrapper freezes both directions.
  override set trainable(value: boolean) {
    super.trainable = value;
    if (this.forwardLayer) this.forwardLayer.trainable = value;
    if (this.backwardLayer) this.backwardLayer.trainable = value;
  }

  override get trainableWeights(): LayerVariable[] {
    return [...this.forwardLayer.trainableWeights, ...this.backwardLayer.trainableWeights];
  }
  override get nonTrainableWeights(): LayerVariable[] {
    return [...this.forwardLayer.nonTrainableWeights, ...this.backwardLayer.nonTrainableWeights];
  }

  override sublayers(): Layer[] {
    return [this.forwardLayer, this.backwardLayer];
  }

  /** Input shapes for each direction: the sequence plus its half of the initial states. */
  private split<T>(items: T[]): [T[], T[]] {
    const [sequence, ...states] = items;
    if (sequence === undefined)
      throw new ConfigError('expected a sequence input, received none', this.name);
    const half = states.length / 2;
    if (!Number.isInteger(half)) {
      throw new ConfigError(
        `initial states must come in two equal halves (forward, then backward), received ${states.length}`,
        this.name,
      );
    }
    return [
      [sequence, ...states.slice(0, half)],
      [sequence, ...states.slice(half)],
    ];
  }

  private directionShapes(inputShape: Shapes): [Shapes, Shapes] {
    if (!isShapeList(inputShape)) return [inputShape, inputShape];
    const [f, b] = this.split(inputShape);
    return [singletonOrArray(f), singletonOrArray(b)];
  }

  /** The backward half starts from the last step. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: 'its backward half reads the sequence from the end' };
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    const [fShape, bShape] = this.directionShapes(inputShape);
    const forward = this.forwardLayer.inferOutputShape(fShape);
    const backward = this.backwardLayer.inferOutputShape(bShape);
    const fList = this.returnState ? (forward as Shape[]) : [forward as Shape];
    const bList = this.returnState ? (backward as Shape[]) : [backward as Shape];
    const out = at(fList, 0, 'forward output shape');
    const bOut = at(bList, 0, 'backward output shape');
    const fUnits = at(out, out.length - 1, 'forward units');
    const bUnits = at(bOut, bOut.length - 1, 'backward units');
    const merged: Shape[] =
      this.mergeMode === null
        ? [out, bOut]
        : this.mergeMode === 'concat'
          ? [[...out.slice(0, -1), fUnits === null || bUnits === null ? null : fUnits + bUnits]]
          : [out];
    if (!this.returnState) return singletonOrArray(merged);
    return [...merged, ...fList.slice(1), ...bList.slice(1)];
  }

  override build(inputShape: Shapes): void {
    const [fShape, bShape] = this.directionShapes(inputShape);
    this.forwardLayer.ensureBuilt(fShape);
    this.backwardLayer.ensureBuilt(bShape);
  }

  override call(inputs: Tensors, options: CallOptions): Tensors {
    const [fIn, bIn]: [tf.Tensor[], tf.Tensor[]] = Array.isArray(inputs)
      ? this.split(inputs)
      : [[inputs], [inputs]];
    const mask = Array.isArray(options.mask) ? options.mask[0] : options.mask;
    const inner: CallOptions = { ...options, mask: mask ?? null };
    const forward = this.forwardLayer.call(singletonOrArray(fIn), inner);
    const backward = this.backwardLayer.call(singletonOrArray(bIn), inner);
    const fList = Array.isArray(forward) ? forward : [forward];
    const bList = Array.isArray(backward) ? backward : [backward];
    // Keras calls each direction as a layer: each adds its own activity penalty.
    recordActivityLoss(this.forwardLayer.activityLoss(fList));
    recordActivityLoss(this.backwardLayer.activityLoss(bList));
    const y = at(fList, 0, 'forward output');
    const bOut = at(bList, 0, 'backward output');
    // The backward layer returns its sequence in processing order: turn it back.
    const yRev = this.returnSequences ? tf.reverse(bOut, 1) : bOut;
    const merged = this.merge(y, yRev);
    if (!this.returnState) return singletonOrArray(merged);
    return [...merged, ...fList.slice(1), ...bList.slice(1)];
  }

  private merge(y: tf.Tensor, yRev: tf.Tensor): tf.Tensor[] {
    switch (this.mergeMode) {
      case 'concat':
        return [tf.concat([y, yRev], -1)];
      case 'sum':
        return [tf.add(y, yRev)];
      case 'mul':
        return [tf.mul(y, yRev)];
      case 'ave':
        return [tf.mul(0.5, tf.add(y, yRev))];
      default:
        return [y, yRev];
    }
  }

  override computeMask(inputs: Tensors, mask: Masks | undefined): Masks {
    void inputs;
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const out = this.returnSequences && m ? stepsOfMask(m) : null;
    const outputs = this.mergeMode === null ? [out, out] : [out];
    if (!this.returnState) return singletonOrArray(outputs);
    const states = this.forwardLayer.stateSizes.map(() => null);
    return [...outputs, ...states, ...states];
  }

  override isBatchCoupled(training: boolean): boolean {
    return this.forwardLayer.isBatchCoupled(training);
  }

  override macs(inputShape: Shapes): number {
    const [fShape, bShape] = this.directionShapes(inputShape);
    return this.forwardLayer.macs(fShape) + this.backwardLayer.macs(bShape);
  }

  /** Stateful layers only: resets both directions' kept states to zeros. */
  resetStates(): void {
    this.forwardLayer.resetStates();
    this.backwardLayer.resetStates();
  }

  override getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      ...super.getConfig(),
      layer: serializeLayer(this.layer),
      merge_mode: this.mergeMode,
    };
    if (this.backwardLayerGiven) config['backward_layer'] = serializeLayer(this.backwardLayerGiven);
    return config;
  }

  override dispose(): void {
    this.forwardLayer.dispose();
    this.backwardLayer.dispose();
    super.dispose();
  }
}

function checkBackwardLayer(
  layer: RecurrentLayer,
  backward: RecurrentLayer,
  mergeMode: BidirectionalMergeMode,
  name: string,
): void {
  // sum, mul and ave combine the two outputs element by element: they must be the same size.
  if (mergeMode !== 'concat' && mergeMode !== null && backward.units !== layer.units) {
    throw new ConfigError(
      `mergeMode '${mergeMode}' needs both directions to have the same units: layer has ${layer.units}, ` +
        `backwardLayer ${backward.units}`,
      name,
    );
  }
  if (backward.goBackwards === layer.goBackwards) {
    throw new ConfigError(
      `backwardLayer must run the other way: its goBackwards must be ${!layer.goBackwards}, ` +
        `received ${backward.goBackwards}`,
      name,
    );
  }
  for (const key of ['returnSequences', 'returnState', 'stateful'] as const) {
    if (backward[key] !== layer[key]) {
      throw new ConfigError(
        `backwardLayer must have the same ${key} as layer (${layer[key]}), received ${backward[key]}`,
        name,
      );
    }
  }
}

/** A Bidirectional wrapper: `bidirectional({layer: lstm({units: 8}), mergeMode: 'concat'})`. */
export function bidirectional(options: BidirectionalOptions): Bidirectional {
  return new Bidirectional(options);
}

/** Registry entry: reads and writes Keras' `Bidirectional` JSON (the inner classes must be registered). */
export const bidirectionalPlugin: LayerPlugin<BidirectionalOptions> = {
  className: 'Bidirectional',
  create: bidirectional,
  fromConfig(config) {
    const inner = (key: string): RecurrentLayer | undefined => {
      const json = config[key] as SerializedLayer | undefined | null;
      return json ? (deserializeLayer(json) as RecurrentLayer) : undefined;
    };
    const layer = inner('layer');
    if (!layer) throw new ConfigError('a Bidirectional config needs a layer, received none');
    const opts: BidirectionalOptions = { layer };
    const backward = inner('backward_layer');
    if (backward) opts.backwardLayer = backward;
    if ('merge_mode' in config) opts.mergeMode = config['merge_mode'] as BidirectionalMergeMode;
    if (typeof config['name'] === 'string') opts.name = config['name'];
    if (typeof config['trainable'] === 'boolean') opts.trainable = config['trainable'];
    if (Array.isArray(config['batch_input_shape'])) {
      opts.batchInputShape = config['batch_input_shape'] as Shape;
    }
    return new Bidirectional(opts);
  },
};
