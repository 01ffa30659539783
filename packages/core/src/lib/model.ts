import * as tf from '@tensorflow/tfjs-core';
import { at, singletonOrArray } from './checked.js';
import { ConfigError, DisposedError, ShapeError } from './errors.js';
import { executeGraph } from './execute.js';
import { buildGraph, type Graph } from './graph.js';
import { InputLayer } from './input-layer.js';
import {
  isShapeList,
  Layer,
  type CallOptions,
  type Masks,
  type Shapes,
  type Tensors,
} from './layer.js';
import type { LayerVariable } from './layer-variable.js';
import { checkModelInputShapes } from './model-input-shapes.js';
import { Node } from './node.js';
import { predictInBatches, type GraphRun } from './predict-batches.js';
import type { KerasModelJSON } from './serialization/keras-json.js';
import { modelToJSON } from './serialization/model-to-json.js';
import { getModelIO, type ModelSaveOptions } from './serialization/model-io.js';
import { isSymbolic, type SymbolicTensor } from './symbolic-tensor.js';
import { compileOptions, type CompileOptions, type CompiledTraining } from './training/compile.js';
import type { History } from './training/callbacks.js';
import type { TensorData } from './training/data.js';
import { evaluate, type EvaluateOptions } from './training/evaluate.js';
import { fit, type FitOptions } from './training/fit.js';
import type { Logs } from './training/logs.js';
import { trainOnBatch, type TrainOnBatchOptions } from './training/train-step.js';

/** Options of `model()`. */
export interface ModelOptions {
  inputs: SymbolicTensor | SymbolicTensor[];
  outputs: SymbolicTensor | SymbolicTensor[];
  name?: string;
}

/** Options of `predict()`. */
export interface PredictOptions {
  /** Runs the batch in slices of this many samples (bounds memory); default: all at once. */
  batchSize?: number;
  /** Masks for the inputs, one per input (`null` where none). */
  masks?: (tf.Tensor | null)[];
}

/**
 * A functional model: a graph of layer calls from `inputs` to `outputs`. It is
 * itself a layer, so models nest.
 */
export class Model extends Layer {
  static override readonly className: string = 'Model';
  inputs: SymbolicTensor[] = [];
  outputs: SymbolicTensor[] = [];
  /** @internal */
  protected graph: Graph = {
    layers: [],
    nodesByDepth: new Map(),
    executionOrder: [],
    nodes: new Set(),
  };
  /** Whether `inputs`/`outputs` were given as lists (predict returns a list then). */
  protected multiOutput = false;
  /** Optimizer, losses and metrics set by `compile()`; undefined before. */
  compiled: CompiledTraining | undefined;
  /** Set to true (by a callback such as EarlyStopping) to end `fit()` after the current epoch. */
  stopTraining = false;
  private disposed = false;
  private readonly disposeListeners = new Set<() => void>();

  constructor(options?: Partial<ModelOptions>) {
    super({ name: options?.name });
    if (options?.inputs !== undefined || options?.outputs !== undefined) {
      this.initGraph(options.inputs ?? [], options.outputs ?? []);
    }
  }

  /** Sets inputs and outputs and orders the graph; leaves the model untouched on error. */
  protected initGraph(
    inputs: SymbolicTensor | SymbolicTensor[],
    outputs: SymbolicTensor | SymbolicTensor[],
  ): void {
    const ins = Array.isArray(inputs) ? inputs : [inputs];
    const outs = Array.isArray(outputs) ? outputs : [outputs];
    ins.forEach((t, i) => {
      if (!isSymbolic(t) || !(t.sourceLayer instanceof InputLayer)) {
        throw new ConfigError(
          `model inputs must be tensors returned by input(); input ${i} is ${isSymbolic(t) ? t.toString() : String(t)}`,
          this.name,
        );
      }
    });
    outs.forEach((t, i) => {
      if (!isSymbolic(t)) {
        throw new ConfigError(
          `model outputs must be SymbolicTensors from layer calls; output ${i} is ${String(t)}`,
          this.name,
        );
      }
    });
    if (ins.length === 0 || outs.length === 0) {
      throw new ConfigError('a model needs at least one input and one output', this.name);
    }
    const graph = buildGraph(ins, outs, this.name);
    this.inputs = ins;
    this.outputs = outs;
    this.graph = graph;
    this.multiOutput = Array.isArray(outputs);
    this.built = true;
    // Layers joined to a model frozen earlier (a Sequential built on its first predict, a layer
    // added later) made their variables by their own flags: freeze them as the model is.
    if (!this.trainable) this.syncVariableTrainability(true);
    const creation = new Node(this, ins, outs, {}, false);
    if (this.inboundNodes[0]?.connected === false) this.inboundNodes[0] = creation;
    else if (this.inboundNodes.length === 0) this.inboundNodes.push(creation);
  }

  /** Layers in Keras 2 order (inputs first, then by depth). */
  get layers(): Layer[] {
    return this.graph.layers.slice();
  }

  /** The nodes of this model's graph, grouped by depth (0 = outputs); for summaries. */
  get nodesByDepth(): ReadonlyMap<number, readonly Node[]> {
    return this.graph.nodesByDepth;
  }

  /** True when a node belongs to this model's graph (a shared layer can be called elsewhere too). */
  ownsNode(node: Node): boolean {
    return this.graph.nodes.has(node);
  }

  override sublayers(): Layer[] {
    return this.graph.layers;
  }

  /** Looks a layer up by name. */
  getLayer(name: string): Layer {
    const found = this.graph.layers.find((l) => l.name === name);
    if (!found) {
      throw new ConfigError(
        `no layer named '${name}'; layers: ${this.graph.layers.map((l) => l.name).join(', ')}`,
        this.name,
      );
    }
    return found;
  }

  private uniqueWeights(pick: (l: Layer) => LayerVariable[]): LayerVariable[] {
    const seen = new Set<LayerVariable>();
    const out: LayerVariable[] = [];
    for (const layer of this.graph.layers) {
      for (const w of pick(layer)) {
        if (!seen.has(w)) {
          seen.add(w);
          out.push(w);
        }
      }
    }
    return out;
  }

  override get trainableWeights(): LayerVariable[] {
    return this.trainable ? this.uniqueWeights((l) => l.trainableWeights) : [];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    if (!this.trainable) return this.uniqueWeights((l) => l.weights);
    const trainable = new Set(this.trainableWeights);
    return this.uniqueWeights((l) => l.nonTrainableWeights).filter((w) => !trainable.has(w));
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape];
    checkModelInputShapes(this.inputs, shapes, this.name);
    const outs = this.outputs.map((t) => t.shape.slice());
    return this.multiOutput ? outs : at(outs, 0, 'output shape');
  }

  override call(inputs: Tensors, options: CallOptions): Tensors {
    const values = Array.isArray(inputs) ? inputs : [inputs];
    const masks =
      options.mask === undefined || options.mask === null
        ? undefined
        : Array.isArray(options.mask)
          ? options.mask
          : [options.mask];
    const result = executeGraph(this.graph, this.inputs, this.outputs, values, {
      training: options.training ?? false,
      masks,
      ...(options.steps ? { steps: options.steps } : {}),
    });
    return this.multiOutput ? result.outputs : at(result.outputs, 0, 'model output');
  }

  // A nested model's output masks come from running its graph again; models only
  // nest with masks where a layer inside produces or consumes one.
  override computeMask(inputs: Tensors, mask: Masks | undefined): Masks {
    if (mask === undefined || mask === null) return null;
    const values = Array.isArray(inputs) ? inputs : [inputs];
    const masks = Array.isArray(mask) ? mask : [mask];
    const { masks: out } = executeGraph(this.graph, this.inputs, this.outputs, values, { masks });
    return this.multiOutput ? out : at(out, 0, 'output mask');
  }

  /**
   * Runs the model on concrete inputs (inference mode). Returns one tensor, or
   * a list when the model was built with a list of outputs. Every intermediate
   * tensor is freed.
   */
  predict(x: tf.Tensor | tf.Tensor[], options: PredictOptions = {}): tf.Tensor | tf.Tensor[] {
    this.throwIfDisposed('predict');
    const values = Array.isArray(x) ? x : [x];
    values.forEach((v, i) => {
      if (!(v instanceof tf.Tensor)) {
        throw new ShapeError(
          `predict() expects tf.Tensors; input ${i} is ${v === null ? 'null' : typeof v}`,
          this.name,
        );
      }
    });
    checkModelInputShapes(
      this.inputs,
      values.map((v) => v.shape),
      this.name,
    );
    this.checkBackend();
    const { batchSize } = options;
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
      throw new ConfigError(
        `predict() batchSize must be a positive integer, received ${String(batchSize)}`,
        this.name,
      );
    }
    const run: GraphRun = (vs, ms) =>
      executeGraph(this.graph, this.inputs, this.outputs, vs, { training: false, masks: ms })
        .outputs;
    const outputs = tf.tidy(() =>
      predictInBatches(run, values, options.masks, batchSize, this.outputs.length),
    );
    return this.multiOutput ? outputs : at(outputs, 0, 'model output');
  }

  /** MACs per sample of every call in the graph, at the shapes the graph was built with. */
  override macs(): number {
    let total = 0;
    for (const node of this.graph.executionOrder) {
      const shapes = node.inputTensors.map((t) => t.shape);
      total += node.outboundLayer.macs(singletonOrArray(shapes));
    }
    return total;
  }

  /** Keras config: the layers with their connections (what `toJSON()` puts under `config`). */
  override getConfig(): Record<string, unknown> {
    const { config } = modelToJSON(this);
    return Array.isArray(config) ? { name: this.name, layers: config } : config;
  }

  /**
   * Keras' `model.to_json()` object (topology, no weights); `JSON.stringify(model)`
   * uses it. `modelFromJSON` reads it back, and so do Keras and tfjs-layers.
   */
  toJSON(): KerasModelJSON {
    return modelToJSON(this);
  }

  // --- Training (implemented in ./training/) ---

  /**
   * Runs the graph on concrete tensors and returns the outputs with their
   * masks, for training and evaluation (masked steps add nothing to losses).
   * Allocates freely: call it inside `tf.tidy` or a gradient function.
   * @internal
   */
  runGraph(
    values: tf.Tensor[],
    options: { training: boolean; masks?: (tf.Tensor | null)[] },
  ): { outputs: tf.Tensor[]; masks: (tf.Tensor | null)[] } {
    return executeGraph(this.graph, this.inputs, this.outputs, values, options);
  }

  /**
   * Sets the optimizer (name or `tf.train` instance), the loss (one, one per
   * output, or a map by output name; summed) and metrics. Checks everything
   * first: on error the model keeps its previous configuration.
   */
  compile(options: CompileOptions): void {
    this.throwIfDisposed('compile');
    const next = compileOptions(this, options);
    this.disposeOwnOptimizer();
    this.compiled = next;
  }

  /** An optimizer compile() made from a name holds slot variables only this model can free. */
  private disposeOwnOptimizer(): void {
    if (this.compiled?.ownsOptimizer) this.compiled.optimizer.dispose();
  }

  /**
   * Frees the weights, and the optimizer when compile() made it from a name.
   * Afterwards the model refuses to predict, train, evaluate, compile, save or
   * load weights (a `DisposedError`); disposing again does nothing.
   */
  override dispose(): void {
    const wasDisposed = this.disposed;
    this.disposeOwnOptimizer();
    this.compiled = undefined;
    super.dispose();
    this.disposed = true;
    if (wasDisposed) return;
    const listeners = [...this.disposeListeners];
    this.disposeListeners.clear();
    for (const listener of listeners) listener();
  }

  /**
   * Calls `listener` once when `dispose()` frees this model, for helpers that hold resources
   * on its behalf (a worker pool with copies of its weights). Returns a function that removes
   * the listener.
   */
  onDispose(listener: () => void): () => void {
    this.disposeListeners.add(listener);
    return () => this.disposeListeners.delete(listener);
  }

  /** True once `dispose()` has freed the weights. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Throws a `DisposedError` naming `what` (`'predict'`, `'fit'`, ...) when the
   * model was disposed; called before anything is allocated or written.
   * @internal
   */
  throwIfDisposed(what: string): void {
    if (this.disposed) {
      throw new DisposedError(
        `${what}() on a disposed model: dispose() freed its weights; build or load the model again`,
        this.name,
      );
    }
  }

  /** Trains for `epochs` passes over `x`/`y`; resolves to the History. See `FitOptions`. */
  fit(x: TensorData, y: TensorData, options?: FitOptions): Promise<History> {
    return fit(this, x, y, options);
  }

  /** Loss and metrics in inference mode, `{loss, ...metrics}`. */
  evaluate(x: TensorData, y: TensorData, options?: EvaluateOptions): Promise<Logs> {
    return evaluate(this, x, y, options);
  }

  /** One optimizer step on one batch; resolves to that batch's loss and metrics. */
  trainOnBatch(x: TensorData, y: TensorData, options?: TrainOnBatchOptions): Promise<Logs> {
    return trainOnBatch(this, x, y, options);
  }

  /** `predict` on one batch, without slicing it. */
  predictOnBatch(x: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return this.predict(x);
  }

  // --- Files (implemented by @framewise/io, which registers itself on import) ---

  /**
   * Writes the model (topology and weights) to `target` in a Keras or
   * TensorFlow.js format; resolves to the files written. Needs `@framewise/io`
   * imported; otherwise rejects with a `ConfigError` saying so.
   */
  async save(target: string, options: ModelSaveOptions): Promise<string[]> {
    this.throwIfDisposed('save');
    return getModelIO('model.save()').save(this, target, options);
  }

  /** Writes the weights only (an HDF5 file in Keras' `save_weights` layout); needs `@framewise/io`. */
  async saveWeights(target: string, options?: Record<string, unknown>): Promise<string[]> {
    this.throwIfDisposed('saveWeights');
    return getModelIO('model.saveWeights()').saveWeights(this, target, options);
  }

  /**
   * Replaces the weights with those of a file (a `save_weights` `.h5`, a `.keras`,
   * a legacy `.h5` or a tfjs `model.json`); all or nothing. Needs `@framewise/io`.
   */
  async loadWeights(source: unknown, options?: Record<string, unknown>): Promise<void> {
    this.throwIfDisposed('loadWeights');
    return getModelIO('model.loadWeights()').loadWeights(this, source, options);
  }
}

/** A functional model from `input()` tensors to the tensors the layers produced. */
export function model(options: ModelOptions): Model {
  return new Model(options);
}
