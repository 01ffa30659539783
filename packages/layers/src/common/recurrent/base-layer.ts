import * as tf from '@tensorflow/tfjs-core';
import {
  checkInputSpec,
  ConfigError,
  formatShape,
  isShapeList,
  Layer,
  required,
  ShapeError,
  type CallOptions,
  type Initializer,
  type InputSpec,
  type LayerVariable,
  type Masks,
  type Shape,
  type Shapes,
  type StreamStepResult,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import {
  runRecurrent,
  sequenceMask,
  stepsOfMask,
  type GateWiseCell,
  type RecurrentCell,
} from './cell-loop.js';
import { recurrentConfig } from './keras-config.js';
import {
  recurrentSettings,
  type RecurrentLayerOptions,
  type RecurrentSettings,
} from './options.js';
import { RecurrentStates } from './stateful-states.js';

/** The weights a cell computes with. */
export interface RecurrentWeights {
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias: tf.Tensor | undefined;
}

const SEQUENCE: InputSpec = { ndim: 3, describe: '[batch, time, features]' };

/**
 * Base of SimpleRNN, LSTM and GRU: options, weights (`kernel`,
 * `recurrent_kernel`, `bias`, Keras' names and layouts), shapes, masks,
 * initial and kept states, and the Keras config. A subclass says how many
 * gates its kernel holds and supplies its cell.
 */
export abstract class RecurrentLayer extends Layer {
  readonly settings: RecurrentSettings;
  /** Kept states of a stateful layer. */
  protected readonly kept = new RecurrentStates();
  private kernel: LayerVariable | undefined;
  private recurrentKernel: LayerVariable | undefined;
  private bias: LayerVariable | undefined;
  private sequenceSpec: InputSpec = SEQUENCE;
  private readonly options: RecurrentLayerOptions;

  constructor(options: RecurrentLayerOptions, gates: number, stateCount: number) {
    const opts = options ?? ({} as RecurrentLayerOptions);
    super(
      opts.inputDim !== undefined && !opts.inputShape && !opts.batchInputShape
        ? { ...opts, inputShape: [opts.inputLength ?? null, opts.inputDim] }
        : opts,
    );
    this.options = opts;
    this.settings = recurrentSettings(opts, gates, stateCount, this.name);
    this.supportsMasking = true;
  }

  get units(): number {
    return this.settings.units;
  }
  get returnSequences(): boolean {
    return this.settings.returnSequences;
  }
  get returnState(): boolean {
    return this.settings.returnState;
  }
  get goBackwards(): boolean {
    return this.settings.goBackwards;
  }
  get stateful(): boolean {
    return this.settings.stateful;
  }

  /** Size of each state (the first is the output). */
  get stateSizes(): number[] {
    return Array<number>(this.settings.stateCount).fill(this.units);
  }

  /**
   * The same layer with some options changed (Bidirectional's forward and
   * backward copies): same class, same settings, new weights.
   */
  cloneWith(changes: Partial<RecurrentLayerOptions>): RecurrentLayer {
    const Ctor = this.constructor as new (o: RecurrentLayerOptions) => RecurrentLayer;
    return new Ctor({ ...this.options, ...this.resolvedOptions(), ...changes });
  }

  /** Options with initializers resolved, so that clones share their definitions. */
  protected resolvedOptions(): Partial<RecurrentLayerOptions> {
    const s = this.settings;
    return {
      kernelInitializer: s.kernelInitializer,
      recurrentInitializer: s.recurrentInitializer,
      biasInitializer: s.biasInitializer,
    };
  }

  /** The cell for one call, holding the weights (and dropout masks while training). */
  protected abstract makeCell(
    weights: RecurrentWeights,
    recurrentDropoutMask: tf.Tensor2D | undefined,
  ): RecurrentCell | GateWiseCell;

  /** Shape of the bias weight; GRU with `resetAfter` keeps two rows. */
  protected biasShape(): number[] {
    return [this.settings.gates * this.units];
  }

  /** Initializer of the bias weight; LSTM's `unitForgetBias` builds its own. */
  protected biasInitializerForBuild(): Initializer {
    return this.settings.biasInitializer;
  }

  /** Config entries of the subclass (recurrent activation, unit forget bias ...). */
  protected ownConfig(): Record<string, unknown> {
    return {};
  }

  private splitShapes(inputShape: Shapes): { x: Shape; states: Shape[] } {
    if (isShapeList(inputShape)) {
      const [x = [], ...states] = inputShape;
      return { x, states };
    }
    return { x: inputShape, states: [] };
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    const { x, states } = this.splitShapes(inputShape);
    checkInputSpec(this.sequenceSpec, x, this.name);
    if (x[1] === 0) {
      throw new ShapeError(
        `expected at least one time step, received ${formatShape(x)}`,
        this.name,
      );
    }
    if (states.length > 0) this.checkStateShapes(states);
    const [batch, time] = x as [number | null, number | null];
    const output: Shape = this.returnSequences ? [batch, time, this.units] : [batch, this.units];
    if (!this.returnState) return output;
    return [output, ...this.stateSizes.map((n): Shape => [batch, n])];
  }

  private checkStateShapes(states: Shape[]): void {
    const sizes = this.stateSizes;
    if (states.length !== sizes.length) {
      throw new ShapeError(
        `expected ${sizes.length} initial state(s) after the sequence, received ${states.length}`,
        this.name,
      );
    }
    states.forEach((s, i) => {
      if (s.length !== 2 || (s[1] !== null && s[1] !== sizes[i])) {
        throw new ShapeError(
          `expected initial state ${i} of shape (None, ${sizes[i]}) [batch, units], received ${formatShape(s)}`,
          this.name,
        );
      }
    });
  }

  override build(inputShape: Shapes): void {
    const { x } = this.splitShapes(inputShape);
    const inputDim = x[2];
    if (inputDim === null || inputDim === undefined) {
      throw new ShapeError(
        `the features axis of the input must be known to build, received ${formatShape(x)}`,
        this.name,
      );
    }
    const width = this.settings.gates * this.units;
    const s = this.settings;
    const t = s.training;
    this.kernel = this.addWeight('kernel', [inputDim, width], s.kernelInitializer, true, t.kernel);
    this.recurrentKernel = this.addWeight(
      'recurrent_kernel',
      [this.units, width],
      s.recurrentInitializer,
      true,
      t.recurrent,
    );
    if (s.useBias) {
      const init = this.biasInitializerForBuild();
      this.bias = this.addWeight('bias', this.biasShape(), init, true, t.bias);
    }
    this.sequenceSpec = { ...SEQUENCE, axes: { [-1]: inputDim } };
    if (s.stateful) this.kept.fixBatch(this.batchInputShape?.[0] ?? null);
  }

  override call(inputs: Tensors, options: CallOptions): Tensors {
    const [x, ...given] = (Array.isArray(inputs) ? inputs : [inputs]) as [
      tf.Tensor3D,
      ...tf.Tensor3D[],
    ];
    const mask = sequenceMask(options.mask, x, this.name);
    const batch = x.shape[0];
    given.forEach((h, i) => {
      if (h.shape[0] !== batch) {
        throw new ShapeError(
          `initial state ${i} has a batch of ${h.shape[0]}, the sequence a batch of ${batch}`,
          this.name,
        );
      }
    });
    const initial =
      given.length > 0
        ? (given as unknown as tf.Tensor2D[])
        : this.stateful
          ? this.kept.current(batch, this.stateSizes, this.name)
          : this.stateSizes.map((n) => tf.zeros([batch, n]) as tf.Tensor2D);
    const training = options.training ?? false;
    const s = this.settings;
    const drop = (p: number, shape: number[]): tf.Tensor2D | undefined =>
      training && p > 0 ? (tf.dropout(tf.ones(shape), p) as tf.Tensor2D) : undefined;
    const inputMask = drop(s.dropout, [batch, x.shape[2]]);
    const cell = this.makeCell(
      this.currentWeights(),
      drop(s.recurrentDropout, [batch, this.units]),
    );
    const seq = inputMask ? (tf.mul(x, tf.expandDims(inputMask, 1)) as tf.Tensor3D) : x;
    const run = runRecurrent(cell, seq, initial, {
      mask,
      goBackwards: s.goBackwards,
      returnSequences: s.returnSequences,
    });
    // As tfjs-layers: given initial states replace the kept ones too.
    if (this.stateful) this.kept.replace(run.states);
    const output = s.returnSequences ? required(run.sequence, 'output sequence') : run.last;
    return s.returnState ? [output, ...run.states] : output;
  }

  private currentWeights(): RecurrentWeights {
    return {
      kernel: required(this.kernel, 'kernel').value as tf.Tensor2D,
      recurrentKernel: required(this.recurrentKernel, 'recurrent kernel').value as tf.Tensor2D,
      bias: this.bias?.value,
    };
  }

  /** Forward in time and stateless: the stream carries the states from push to push. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    const s = this.settings;
    if (s.stateful) {
      return {
        kind: 'refused',
        reason:
          'stateful: true keeps states across calls itself; use a stateless layer (the stream carries the states)',
      };
    }
    if (isShapeList(inputShape)) return { kind: 'none', reason: 'its initial states are inputs' };
    if (s.goBackwards)
      return { kind: 'none', reason: 'go_backwards reads the sequence from the end' };
    if (s.returnState) return { kind: 'none', reason: 'return_state is not streamed' };
    return { kind: 'carried', reducesTime: !s.returnSequences };
  }

  override initialStreamState(batch: number): tf.Tensor[] {
    return this.stateSizes.map((n) => tf.zeros([batch, n]));
  }

  /** Runs the chunk's steps from `state`; gives every step's output, also without `returnSequences`. */
  override callStream(inputs: Tensors, state: tf.Tensor[], options: CallOptions): StreamStepResult {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
    const mask = sequenceMask(options.mask, x, this.name);
    const run = runRecurrent(
      this.makeCell(this.currentWeights(), undefined),
      x,
      state as tf.Tensor2D[],
      {
        mask,
        goBackwards: false,
        returnSequences: true,
      },
    );
    return { outputs: required(run.sequence, 'output sequence'), state: run.states };
  }

  override computeMask(inputs: Tensors, mask: Masks | undefined): Masks {
    void inputs;
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const output = this.returnSequences && m ? stepsOfMask(m) : null;
    return this.returnState ? [output, ...this.stateSizes.map(() => null)] : output;
  }

  /** Stateful layers carry each sample's states from call to call: the batch cannot be regrouped. */
  override isBatchCoupled(training: boolean): boolean {
    void training;
    return this.stateful;
  }

  /**
   * Stateful layers only: sets the kept states to zeros (or to `states`, one
   * `[batch, units]` tensor per state; copies are kept).
   */
  resetStates(states?: tf.Tensor | tf.Tensor[]): void {
    if (!this.stateful) {
      throw new ConfigError('resetStates() needs a stateful layer (stateful: true)', this.name);
    }
    this.kept.reset(states, this.stateSizes, this.name);
  }

  /** Kept states of a stateful layer (copies), or null before its first call. */
  getStates(): tf.Tensor[] | null {
    return this.kept.snapshot();
  }

  override macs(inputShape: Shapes): number {
    const { x } = this.splitShapes(inputShape);
    const [, time, features] = x;
    if (time === null || time === undefined || features === null || features === undefined)
      return 0;
    return time * (features + this.units) * this.settings.gates * this.units;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      ...recurrentConfig(this.settings, this.activityRegularizer),
      ...this.ownConfig(),
    };
  }

  override dispose(): void {
    this.kept.clear();
    super.dispose();
  }
}
