import type { Layer } from './layer.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

/**
 * One call of a layer in a model graph (Keras' `Node`): which tensors went in,
 * which came out. A layer called twice has two inbound nodes and one set of weights.
 */
export class Node {
  /** The layers that produced each input, with the call and output index of each. */
  readonly inboundLayers: Layer[];
  readonly nodeIndices: number[];
  readonly tensorIndices: number[];

  constructor(
    /** The layer that was called. */
    readonly outboundLayer: Layer,
    readonly inputTensors: SymbolicTensor[],
    readonly outputTensors: SymbolicTensor[],
    /** Keyword arguments of the call that reach `call()` (e.g. `training`). */
    readonly callArgs: { training?: boolean } = {},
    /**
     * False for the node a model gets when it is created (Keras 2 does the same,
     * so a model's first call as a layer is node 1): it connects to no layer.
     */
    readonly connected = true,
  ) {
    this.inboundLayers = connected ? inputTensors.map((t) => t.sourceLayer) : [];
    this.nodeIndices = connected ? inputTensors.map((t) => t.nodeIndex) : [];
    this.tensorIndices = connected ? inputTensors.map((t) => t.tensorIndex) : [];
  }
}
