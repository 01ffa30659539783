import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  checkInputSpec,
  ConfigError,
  formatShape,
  InternalError,
  isShapeList,
  required,
  ShapeError,
  type CallOptions,
  type Initializer,
  type InputSpec,
  type LayerVariable,
  type Shape,
  type Shapes,
  type StreamStepResult,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import type { Padding } from '../conv-arithmetic.js';
import { RecurrentLayer } from './base-layer.js';
import { runRecurrent, sequenceMask, type RecurrentCell } from './cell-loop.js';
import { cellGeometry, convLSTMCell } from './conv-lstm-cell.js';
import { checkInitialStateMaps, checkStateMaps } from './conv-lstm-states.js';
import { unitForgetBiasInitializer } from './forget-bias.js';
import { gatedConfig } from './keras-config.js';
import {
  convLSTMGeometry,
  convLSTMGeometryConfig,
  convLSTMOutputMap,
  withUnits,
  type ConvLSTMGeometry,
  type ConvLSTMOptions,
} from './conv-lstm-options.js';
import { flag, gatedSettings, type GatedSettings } from './options.js';

const product = (xs: readonly number[]): number => xs.reduce((n, d) => n * d, 1);

/**
 * Base of ConvLSTM1D and ConvLSTM2D: an LSTM whose input and recurrent
 * transforms are convolutions, over `[batch, time, ...spatial, channels]`.
 * Weights as Keras: `kernel [...k, channels, 4·filters]`,
 * `recurrent_kernel [...k, filters, 4·filters]`, `bias [4·filters]`, gates
 * i, f, c, o. Options, masks, kept states, Bidirectional cloning and the
 * recurrent Keras fields come from `RecurrentLayer` (its `units` is
 * `filters`); the loop runs on flat views of the maps (see `convLSTMCell`).
 * States outside the layer (`returnState`, initial states, `getStates`,
 * `resetStates`) are maps `[batch, ...spatial, filters]`.
 */
export abstract class ConvLSTMBase extends RecurrentLayer {
  readonly rank: 1 | 2;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: Padding;
  readonly dilationRate: number[];
  readonly gated: GatedSettings;
  readonly unitForgetBias: boolean;
  private readonly conv: ConvLSTMGeometry;
  private convKernel: LayerVariable | undefined;
  private convRecurrentKernel: LayerVariable | undefined;
  private convBias: LayerVariable | undefined;
  private mapSpec: InputSpec;
  /** Spatial size of the states, from the last shape seen (flat state sizes depend on it). */
  private stateMap: number[] | null = null;

  constructor(options: ConvLSTMOptions, rank: 1 | 2) {
    super(withUnits(options), 4, 2);
    const opts = options;
    this.rank = rank;
    this.filters = this.units;
    this.conv = convLSTMGeometry(opts, rank, this.name);
    this.kernelSize = this.conv.kernelSize;
    this.strides = this.conv.strides;
    this.dilationRate = this.conv.dilationRate;
    this.padding = this.conv.padding;
    if (this.settings.unroll) {
      throw new ConfigError('unroll must be false: convolutional recurrent layers loop', this.name);
    }
    this.gated = gatedSettings(opts, this.name);
    this.unitForgetBias = flag(opts.unitForgetBias, 'unitForgetBias', this.name);
    this.mapSpec = {
      ndim: rank + 3,
      describe:
        rank === 1 ? '[batch, time, steps, channels]' : '[batch, time, height, width, channels]',
    };
  }

  /** Flat sizes of the two states (`h`, `c`): spatial size × filters, once a shape is known. */
  override get stateSizes(): number[] {
    const size = this.stateMap ? product(this.stateMap) * this.filters : this.filters;
    return [size, size];
  }

  /** Never called: `call` and `callStream` below run `convLSTMCell`. */
  protected override makeCell(): RecurrentCell {
    throw new InternalError(`${this.className} runs its own convolutional cell`);
  }

  protected override biasInitializerForBuild(): Initializer {
    const init = this.settings.biasInitializer;
    return this.unitForgetBias ? unitForgetBiasInitializer(init, this.filters) : init;
  }

  private splitInputShapes(inputShape: Shapes): { x: Shape; states: Shape[] } {
    if (!isShapeList(inputShape)) return { x: inputShape, states: [] };
    const [x = [], ...states] = inputShape;
    return { x, states };
  }

  /** Spatial size of the output for an input shape; throws when the kernel does not fit. */
  private outputMap(x: Shape): (number | null)[] {
    return convLSTMOutputMap(this.conv, x, this.name);
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    const { x, states } = this.splitInputShapes(inputShape);
    checkInputSpec(this.mapSpec, x, this.name);
    if (x[1] === 0) {
      throw new ShapeError(
        `expected at least one time step, received ${formatShape(x)}`,
        this.name,
      );
    }
    const [batch = null, time = null] = x;
    const state: Shape = [batch, ...this.outputMap(x), this.filters];
    if (states.length > 0) checkInitialStateMaps(states, state, this.name);
    const output: Shape = this.returnSequences ? [batch, time, ...state.slice(1)] : state;
    return this.returnState ? [output, state, state.slice()] : output;
  }

  override build(inputShape: Shapes): void {
    const { x } = this.splitInputShapes(inputShape);
    const channels = x[this.rank + 2];
    if (channels === null || channels === undefined) {
      throw new ShapeError(
        `the channel axis of the input must be known to build, received ${formatShape(x)}`,
        this.name,
      );
    }
    const s = this.settings;
    const width = 4 * this.filters;
    const k = this.kernelSize;
    const t = s.training;
    this.convKernel = this.addWeight(
      'kernel',
      [...k, channels, width],
      s.kernelInitializer,
      true,
      t.kernel,
    );
    this.convRecurrentKernel = this.addWeight(
      'recurrent_kernel',
      [...k, this.filters, width],
      s.recurrentInitializer,
      true,
      t.recurrent,
    );
    if (s.useBias) {
      this.convBias = this.addWeight('bias', [width], this.biasInitializerForBuild(), true, t.bias);
    }
    this.mapSpec = { ...this.mapSpec, axes: { [-1]: channels } };
    const out = this.outputMap(x);
    if (out.every((n) => n !== null)) this.stateMap = out as number[];
    if (s.stateful) this.kept.fixBatch(this.batchInputShape?.[0] ?? null);
  }

  /** Runs the sequence `x` from flat `initial` states; `training` turns dropout on. */
  private run(
    x: tf.Tensor,
    initial: tf.Tensor2D[],
    mask: tf.Tensor | null,
    how: { goBackwards: boolean; returnSequences: boolean; training: boolean },
  ): { output: tf.Tensor; states: tf.Tensor2D[]; map: number[] } {
    const shape = x.shape;
    const [batch, time] = shape as [number, number];
    const g = cellGeometry(this.conv, shape, this.filters, this.outputMap(shape) as number[]);
    const map = [...(this.outputMap(shape) as number[]), this.filters];
    this.stateMap = map.slice(0, -1);
    const s = this.settings;
    const drop = (p: number, size: number): tf.Tensor2D | undefined =>
      how.training && p > 0 ? (tf.dropout(tf.ones([batch, size]), p) as tf.Tensor2D) : undefined;
    const flat = tf.reshape(x, [batch, time, -1]) as tf.Tensor3D;
    const inputMask = drop(s.dropout, at(flat.shape, 2, 'frame size'));
    const seq = inputMask ? (tf.mul(flat, tf.expandDims(inputMask, 1)) as tf.Tensor3D) : flat;
    const to4d = (v: LayerVariable): tf.Tensor4D =>
      (this.rank === 1 ? tf.expandDims(v.value, 0) : v.value) as tf.Tensor4D;
    const cell = convLSTMCell(
      g,
      {
        kernel: to4d(required(this.convKernel, 'kernel')),
        recurrentKernel: to4d(required(this.convRecurrentKernel, 'recurrent kernel')),
        bias: this.convBias?.value as tf.Tensor1D | undefined,
      },
      { activation: s.activation, recurrentActivation: this.gated.recurrentActivation },
      drop(s.recurrentDropout, product(map)),
    );
    const run = runRecurrent(cell, seq, initial, {
      mask,
      goBackwards: how.goBackwards,
      returnSequences: how.returnSequences,
    });
    const output = how.returnSequences
      ? tf.reshape(required(run.sequence, 'output sequence'), [batch, time, ...map])
      : tf.reshape(run.last, [batch, ...map]);
    return { output, states: run.states, map };
  }

  override call(inputs: Tensors, options: CallOptions): Tensors {
    const [x, ...given] = (Array.isArray(inputs) ? inputs : [inputs]) as [
      tf.Tensor,
      ...tf.Tensor[],
    ];
    const mask = sequenceMask(options.mask, x, this.name);
    const batch = at(x.shape, 0, 'batch');
    const map = [...(this.outputMap(x.shape) as number[]), this.filters];
    const size = product(map);
    given.forEach((h, i) => {
      if (h.shape[0] !== batch) {
        throw new ShapeError(
          `initial state ${i} has a batch of ${h.shape[0]}, the sequence a batch of ${batch}`,
          this.name,
        );
      }
    });
    if (given.length > 0) {
      checkInitialStateMaps(
        given.map((t) => t.shape),
        [batch, ...map],
        this.name,
      );
    }
    const initial =
      given.length > 0
        ? given.map((h) => tf.reshape(h, [batch, size]) as tf.Tensor2D)
        : this.stateful
          ? this.kept.current(batch, [size, size], this.name)
          : [0, 1].map(() => tf.zeros([batch, size]) as tf.Tensor2D);
    const s = this.settings;
    const run = this.run(x, initial, mask, {
      goBackwards: s.goBackwards,
      returnSequences: s.returnSequences,
      training: options.training ?? false,
    });
    // As tfjs-layers: given initial states replace the kept ones too.
    if (this.stateful) this.kept.replace(run.states);
    if (!s.returnState) return run.output;
    return [run.output, ...run.states.map((h) => tf.reshape(h, [batch, ...map]))];
  }

  /** As the recurrent base, when the frame size is fixed: the carried states are flat maps. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    const support = super.streamSupport(inputShape);
    if (support.kind !== 'carried') return support;
    const { x } = this.splitInputShapes(inputShape);
    return this.outputMap(x).some((n) => n === null)
      ? { kind: 'none', reason: 'its states need the frame size, which the input leaves open' }
      : support;
  }

  override initialStreamState(batch: number, inputShape?: Shapes): tf.Tensor[] {
    const out = inputShape ? this.outputMap(this.splitInputShapes(inputShape).x) : this.stateMap;
    if (!out || out.some((n) => n === null)) {
      throw new ShapeError(
        `streaming needs the frame size to be known, received ${formatShape(out ?? [])}`,
        this.name,
      );
    }
    const size = product(out as number[]) * this.filters;
    return [0, 1].map(() => tf.zeros([batch, size]));
  }

  /** Runs the chunk's steps from the carried (flat) states; gives every step's output. */
  override callStream(inputs: Tensors, state: tf.Tensor[], options: CallOptions): StreamStepResult {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor;
    const mask = sequenceMask(options.mask, x, this.name);
    const run = this.run(x, state as tf.Tensor2D[], mask, {
      goBackwards: false,
      returnSequences: true,
      training: false,
    });
    return { outputs: run.output, state: run.states };
  }

  /**
   * Stateful layers only: sets the kept states to zeros, or to `states`
   * (`[h, c]`, each `[batch, ...spatial, filters]`; copies are kept).
   */
  override resetStates(states?: tf.Tensor | tf.Tensor[]): void {
    if (states === undefined || !this.stateful) {
      super.resetStates(states);
      return;
    }
    const list = Array.isArray(states) ? states : [states];
    const expected = [null, ...(this.stateMap ?? this.kernelSize.map(() => null)), this.filters];
    checkStateMaps(list, expected, this.stateMap !== null, this.name);
    const flat = tf.tidy(() => list.map((h) => tf.reshape(h, [at(h.shape, 0, 'batch'), -1])));
    super.resetStates(flat);
    tf.dispose(flat);
  }

  /** Kept states of a stateful layer as maps (copies), or null before its first call. */
  override getStates(): tf.Tensor[] | null {
    const flat = super.getStates();
    const map = this.stateMap;
    if (!flat || !map) return flat;
    return flat.map((h) => {
      const maps = tf.reshape(h, [at(h.shape, 0, 'batch'), ...map, this.filters]);
      h.dispose();
      return maps;
    });
  }

  /** Per sample: every step convolves the frame (input kernel) and `h` (recurrent kernel) into 4 gates. */
  override macs(inputShape: Shapes): number {
    const { x } = this.splitInputShapes(inputShape);
    const time = x[1];
    const channels = x[x.length - 1];
    const out = this.outputMap(x);
    if (time === null || time === undefined || channels === null || channels === undefined)
      return 0;
    if (out.some((n) => n === null)) return 0;
    const k = product(this.kernelSize);
    const positions = product(out as number[]);
    return time * positions * k * (channels + this.filters) * 4 * this.filters;
  }

  protected override ownConfig(): Record<string, unknown> {
    return {
      filters: this.filters,
      ...convLSTMGeometryConfig(this.conv),
      recurrent_activation: gatedConfig(this.gated)['recurrent_activation'],
      unit_forget_bias: this.unitForgetBias,
    };
  }

  /** Keras' fields: `filters` in place of `units`, no `implementation`. */
  override getConfig(): Record<string, unknown> {
    const { units: _units, ...config } = super.getConfig();
    return config;
  }
}
