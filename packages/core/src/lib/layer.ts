import * as tf from '@tensorflow/tfjs-core';
import { at } from './checked.js';
import { BackendMismatchError, ConfigError, ShapeError } from './errors.js';
import {
  getInitializer,
  type Initializer,
  type InitializerIdentifier,
  type SerializedInitializer,
} from './initializers.js';
import { checkInputSpec, type InputSpec } from './input-spec.js';
import { LayerVariable } from './layer-variable.js';
import { snakeCasePrefix, uniqueName } from './names.js';
import { Node } from './node.js';
import { checkShape, type Shape } from './shape.js';
import { isSymbolic, SymbolicTensor } from './symbolic-tensor.js';
import { activityPenalty } from './weight-training/penalties.js';
import {
  getRegularizer,
  serializeRegularizer,
  type Regularizer,
} from './weight-training/regularizers.js';

import type {
  CallOptions,
  LayerClass,
  LayerOptions,
  Masks,
  Shapes,
  StreamStepResult,
  StreamSupport,
  Tensors,
  WeightExtras,
} from './layer-types.js';

export type {
  CallOptions,
  LayerClass,
  LayerOptions,
  Masks,
  Shapes,
  StepLayout,
  StreamStepResult,
  StreamSupport,
  Tensors,
  WeightExtras,
} from './layer-types.js';
import { checkWeight } from './weight-guard.js';

/**
 * Base class of every layer. Subclasses set `static className`, and implement
 * `computeOutputShape` and `call`; those with weights implement `build` and
 * create them with `addWeight`. `apply` does the rest: input checks, the lazy
 * build from the first input shape, graph nodes for symbolic inputs, `tf.tidy`
 * for concrete ones.
 */
export abstract class Layer {
  /** Keras class name; every subclass overrides it. */
  static readonly className: string = 'Layer';

  readonly name: string;
  /** Set by `build`; weights exist from then on. */
  built = false;
  /** Calls of this layer in model graphs, in order. */
  readonly inboundNodes: Node[] = [];
  /** True when the layer passes an input mask on (see `computeMask`). */
  supportsMasking = false;
  /** Checked before every call; `build` usually pins the feature sizes. */
  inputSpec: InputSpec | undefined;
  /** From `inputShape`/`batchInputShape`: where a Sequential model starts. */
  readonly batchInputShape: Shape | undefined;
  /** Penalty on this layer's outputs while training (`activityRegularizer`). */
  readonly activityRegularizer: Regularizer | undefined;

  private trainableFlag: boolean;
  private readonly ownWeights: LayerVariable[] = [];
  private weightsBackendName: string | undefined;

  constructor(options: LayerOptions = {}) {
    const className = this.className;
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
      throw new ConfigError(
        `layer name must be a non-empty string, received ${JSON.stringify(options.name)}`,
      );
    }
    this.name = options.name ?? uniqueName(snakeCasePrefix(className));
    this.trainableFlag = options.trainable ?? true;
    this.activityRegularizer = getRegularizer(options.activityRegularizer, this.name);
    if (options.batchInputShape) {
      this.batchInputShape = checkShape(options.batchInputShape, 'batchInputShape', this.name);
    } else if (options.inputShape) {
      const rest = checkShape(options.inputShape, 'inputShape', this.name);
      this.batchInputShape = [options.batchSize ?? null, ...rest];
    }
  }

  /** Keras class name of this layer (`Dense`, `TimeDistributed` ...). */
  get className(): string {
    return (this.constructor as unknown as LayerClass).className;
  }

  /** Whether training may change the weights. Wrappers forward this to the inner layer. */
  get trainable(): boolean {
    return this.trainableFlag;
  }
  set trainable(value: boolean) {
    this.trainableFlag = value;
    this.syncVariableTrainability(true);
  }

  /**
   * Sets each weight's `tf.Variable.trainable` to whether training may move it
   * (its own flag, this layer's and those of the layers it calls), as
   * tfjs-layers does, so that `tf.variableGrads(f)` and
   * `optimizer.minimize(f)` without a variable list leave frozen weights alone too.
   */
  protected syncVariableTrainability(enabled: boolean): void {
    const on = enabled && this.trainableFlag;
    this.ownWeights.forEach((w) => (w.value.trainable = on && w.trainable));
    // A wrapper's setter may run before its inner layer is assigned.
    this.sublayers().forEach((l) => l?.syncVariableTrainability(on));
  }

  /** Every weight, trainable ones first (Keras order). */
  get weights(): LayerVariable[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }
  get trainableWeights(): LayerVariable[] {
    return this.trainable ? this.ownWeights.filter((w) => w.trainable) : [];
  }
  get nonTrainableWeights(): LayerVariable[] {
    return this.trainable ? this.ownWeights.filter((w) => !w.trainable) : this.ownWeights.slice();
  }

  /** Creates the weights for an input shape. Called once, by `apply`, before the first call. */
  build(inputShape: Shapes): void {
    void inputShape;
    this.built = true;
  }

  /** Output shape for an input shape, `null` sizes kept. Throws `ShapeError` on bad input. */
  abstract computeOutputShape(inputShape: Shapes): Shapes;

  /** The computation, on concrete tensors. Runs inside `tf.tidy` (apply, predict). */
  abstract call(inputs: Tensors, options: CallOptions): Tensors;

  /** Output mask. By default a masking-aware layer passes its input mask on; others drop it. */
  computeMask(inputs: Tensors, mask: Masks | undefined): Masks {
    void inputs;
    return this.supportsMasking ? (mask ?? null) : null;
  }

  /**
   * True when this layer's result for one sample depends on the other samples of
   * the batch (stateful RNNs; BatchNormalization while training). TimeDistributed
   * then keeps the batch apart instead of merging batch and time.
   */
  isBatchCoupled(training: boolean): boolean {
    void training;
    return false;
  }

  /**
   * True when a call in this mode uses `options.steps` (batch statistics,
   * noise shared across steps): TimeDistributed then gives it the whole merged
   * batch in one call, never in chunks, so the statistics see every slice.
   */
  readsStepLayout(training: boolean): boolean {
    return this.sublayers().some((l) => l.readsStepLayout(training));
  }

  /**
   * How this layer runs on a sequence fed a few steps at a time, for an input
   * whose axis 1 is time (see `StreamSupport`). A layer that does not say is
   * run on a window of steps: always correct, never the cheapest.
   */
  streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: `${this.className} does not say whether it is causal` };
  }

  /** For `carried` layers: the state before the first step, for `batch` samples. */
  initialStreamState(batch: number, inputShape: Shapes): tf.Tensor[] {
    void batch;
    void inputShape;
    throw new ConfigError(`${this.className} does not carry a stream state`, this.name);
  }

  /**
   * For `carried` layers: runs the steps of a chunk `[batch, n, ...]` (with its
   * `[batch, n]` mask, if any) from `state`; inference only. Runs inside `tf.tidy`.
   */
  callStream(inputs: Tensors, state: tf.Tensor[], options: CallOptions): StreamStepResult {
    void inputs;
    void state;
    void options;
    throw new ConfigError(`${this.className} does not carry a stream state`, this.name);
  }

  /** Multiply-accumulate operations per sample for an input shape; 0 when the layer does not say. */
  macs(inputShape: Shapes): number {
    void inputShape;
    return 0;
  }

  /** Keras JSON config (snake_case keys), enough for the plugin's `fromConfig` to rebuild the layer. */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      name: this.name,
      trainable: this.trainable,
      dtype: 'float32',
    };
    if (this.batchInputShape) config['batch_input_shape'] = this.batchInputShape.slice();
    if (this.activityRegularizer)
      config['activity_regularizer'] = serializeRegularizer(this.activityRegularizer);
    return config;
  }

  /** Number of weight values (trainable or not); weights shared with another layer count here too. */
  countParams(): number {
    if (!this.built) {
      throw new ConfigError(
        `countParams() needs the weights, which exist once the layer is built: call it on an input, ` +
          `or give it an inputShape`,
        this.name,
      );
    }
    return this.weights.reduce((n, w) => n + w.size, 0);
  }

  /** Current weight values in `weights` order (the variables themselves: do not dispose them). */
  getWeights(): tf.Tensor[] {
    return this.weights.map((w) => w.value);
  }

  /** Replaces every weight at once; nothing changes unless all counts and shapes match. */
  setWeights(values: tf.Tensor[]): void {
    const weights = this.weights;
    if (!Array.isArray(values) || values.length !== weights.length) {
      throw new ShapeError(
        `setWeights expected ${weights.length} tensors (${weights.map((w) => w.name).join(', ')}), ` +
          `received ${Array.isArray(values) ? values.length : String(values)}`,
        this.name,
      );
    }
    weights.forEach((w, i) => w.check(at(values, i, 'weight value'), this.name));
    // Assigning a variable its own value would free the data it is about to keep.
    weights.forEach((w, i) => {
      const value = at(values, i, 'weight value');
      if (value.dataId !== w.value.dataId) w.value.assign(value);
    });
  }

  /**
   * Creates a weight; for `build` implementations. `extras` carries its
   * regularizer (a training-loss penalty) and constraint (applied after each step).
   */
  protected addWeight(
    name: string,
    shape: number[],
    initializer: InitializerIdentifier | SerializedInitializer | Initializer,
    trainable = true,
    extras: WeightExtras = {},
  ): LayerVariable {
    checkWeight(this.name, name, shape);
    const init = getInitializer(initializer, this.name);
    const value = tf.tidy(() => init.apply(shape));
    const variable = tf.variable(value, trainable && this.trainableFlag);
    const w = new LayerVariable(
      `${this.name}/${name}`,
      variable,
      trainable,
      extras.regularizer,
      extras.constraint,
    );
    value.dispose();
    this.ownWeights.push(w);
    this.weightsBackendName = tf.getBackend();
    return w;
  }

  /** The TensorFlow.js backend this layer's own weights were made on; undefined without weights. */
  get weightsBackend(): string | undefined {
    return this.ownWeights.length > 0 ? this.weightsBackendName : undefined;
  }

  /** Layers this one calls (a wrapper's inner layer, a model's layers); their weights are its weights. */
  sublayers(): Layer[] {
    return [];
  }

  /**
   * The activity penalty of one call's outputs while training, undefined
   * without one: `activityRegularizer(output) / batch` per output (tf.keras 2).
   * Wrappers add their inner layer's (see TimeDistributed).
   */
  activityLoss(outputs: tf.Tensor[]): tf.Scalar | undefined {
    return activityPenalty(this.activityRegularizer, outputs);
  }

  /** Every weight of this layer and its sublayers, each once (a shared weight is one weight). */
  allWeights(): LayerVariable[] {
    return [...new Set(this.selfAndSublayers().flatMap((l) => l.ownWeights))];
  }

  private selfAndSublayers(): Layer[] {
    const seen = new Set<Layer>();
    const visit = (l: Layer): void => {
      if (seen.has(l)) return;
      seen.add(l);
      l.sublayers().forEach(visit);
    };
    visit(this);
    return [...seen];
  }

  /**
   * Throws `BackendMismatchError` when weights were made on another backend
   * than the active one: Framewise never moves weights behind your back.
   */
  checkBackend(): void {
    const active = tf.getBackend();
    for (const layer of this.selfAndSublayers()) {
      const home = layer.weightsBackend;
      if (home !== undefined && home !== active) {
        throw new BackendMismatchError(
          `the weights of ${layer.name} live on the '${home}' backend, but '${active}' is active. ` +
            `Call moveToActiveBackend() on the model to copy them over, or switch back with useBackend()`,
          this.name,
        );
      }
    }
  }

  /**
   * Copies every weight (this layer's and its sublayers') to the active
   * backend, once, explicitly. Asynchronous because GPU backends read back
   * asynchronously; every value is read before any is replaced.
   */
  async moveToActiveBackend(): Promise<void> {
    const active = tf.getBackend();
    const moving = this.selfAndSublayers().filter(
      (l) => l.weightsBackend !== undefined && l.weightsBackend !== active,
    );
    const weights = moving.flatMap((l) => l.ownWeights);
    const values = await Promise.all(weights.map((w) => w.value.data()));
    weights.forEach((w, i) => {
      const copy = tf.tensor(at(values, i, 'weight data'), w.shape, w.value.dtype);
      w.value.assign(copy);
      copy.dispose();
    });
    moving.forEach((l) => (l.weightsBackendName = active));
  }

  /** Checks the input against `inputSpec`, then returns `computeOutputShape`. Wrappers call it on inner layers. */
  inferOutputShape(inputShape: Shapes): Shapes {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape];
    shapes.forEach((s, i) =>
      checkInputSpec(this.inputSpec, s, this.name, shapes.length > 1 ? `input ${i}` : 'input'),
    );
    return this.computeOutputShape(inputShape);
  }

  /**
   * Builds the layer for an input shape unless it is built. If `build` throws,
   * the weights it made are disposed and the layer stays unbuilt.
   */
  ensureBuilt(inputShape: Shapes): void {
    if (this.built) return;
    const before = this.ownWeights.length;
    const spec = this.inputSpec;
    try {
      this.build(inputShape);
      this.built = true;
    } catch (e) {
      this.ownWeights.splice(before).forEach((w) => w.value.dispose());
      this.inputSpec = spec;
      throw e;
    }
  }

  /**
   * Calls the layer. On `SymbolicTensor`s it adds a node to the graph and
   * returns symbolic outputs; on `tf.Tensor`s it computes (inside `tf.tidy`).
   */
  apply(inputs: SymbolicTensor, options?: CallOptions): SymbolicTensor;
  apply(inputs: SymbolicTensor[], options?: CallOptions): SymbolicTensor | SymbolicTensor[];
  apply(
    inputs: SymbolicTensor | SymbolicTensor[],
    options?: CallOptions,
  ): SymbolicTensor | SymbolicTensor[];
  apply(inputs: tf.Tensor, options?: CallOptions): tf.Tensor;
  apply(inputs: Tensors, options?: CallOptions): Tensors;
  apply(
    inputs: SymbolicTensor | SymbolicTensor[] | Tensors,
    options: CallOptions = {},
  ): SymbolicTensor | SymbolicTensor[] | Tensors {
    const list: unknown[] = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length === 0)
      throw new ShapeError('apply() needs at least one input, received none', this.name);
    if (list.every(isSymbolic))
      return this.applySymbolic(inputs as SymbolicTensor | SymbolicTensor[], options);
    if (list.every((x) => x instanceof tf.Tensor))
      return this.applyEager(inputs as Tensors, options);
    throw new ConfigError(
      `apply() takes SymbolicTensors (from input()) or tf.Tensors, not a mix or other values; received ` +
        list.map(describeValue).join(', '),
      this.name,
    );
  }

  private applySymbolic(
    inputs: SymbolicTensor | SymbolicTensor[],
    options: CallOptions,
  ): SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const inputShape = Array.isArray(inputs) ? inputs.map((t) => t.shape) : inputs.shape;
    const outputShape = this.inferOutputShape(inputShape);
    this.ensureBuilt(inputShape);
    const shapes = isShapeList(outputShape) ? outputShape : [outputShape];
    const nodeIndex = this.inboundNodes.length;
    const outputs = shapes.map((s, i) => new SymbolicTensor(s, 'float32', this, nodeIndex, i));
    const callArgs = options.training === undefined ? {} : { training: options.training };
    this.inboundNodes.push(new Node(this, list, outputs, callArgs));
    return isShapeList(outputShape) ? outputs : at(outputs, 0, 'symbolic output');
  }

  private applyEager(inputs: Tensors, options: CallOptions): Tensors {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    // The batch stays open so one build serves every batch size.
    const shapes: Shape[] = list.map((t) => [null, ...t.shape.slice(1)]);
    const inputShape = Array.isArray(inputs) ? shapes : at(shapes, 0, 'input shape');
    this.inferOutputShape(inputShape);
    this.ensureBuilt(inputShape);
    this.checkBackend();
    return tf.tidy(() => this.call(inputs, options));
  }

  /**
   * Frees the weights' memory, this layer's and its sublayers' (a model's
   * layers, a wrapper's inner layer). None of them can be called afterwards.
   */
  dispose(): void {
    for (const layer of this.selfAndSublayers()) {
      layer.ownWeights.splice(0).forEach((w) => w.value.dispose());
      layer.built = false;
    }
    // Sublayers may hold more than weights (a stateful RNN's kept states): their own
    // dispose() frees it. Their weights are gone already, so this frees nothing twice.
    this.sublayers().forEach((layer) => layer.dispose());
  }
}

/** True when the value is a list of shapes rather than one shape. */
export function isShapeList(s: Shapes): s is Shape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

function describeValue(x: unknown): string {
  if (x instanceof tf.Tensor) return `tf.Tensor ${JSON.stringify(x.shape)}`;
  if (isSymbolic(x)) return x.toString();
  return x === null ? 'null' : typeof x;
}

/** True when a layer can make a mask from its inputs alone (it overrides `computeMask`). */
export function computesOwnMask(layer: Layer): boolean {
  return layer.computeMask !== Layer.prototype.computeMask;
}

/** Throws unless `x` is a Layer; for wrappers and model builders. */
export function assertLayer(x: unknown, what: string): asserts x is Layer {
  if (!(x instanceof Layer)) {
    throw new ConfigError(`${what} expects a Layer, received ${describeValue(x)}`);
  }
}
