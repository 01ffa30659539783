/**
 * A layer's input or output shape as Keras' `layer.output_shape` gives it: one
 * shape, a list of shapes for a layer with several inputs or outputs, or
 * `'multiple'` when the layer's calls disagree (or it was never called).
 * `null` is a size left open: the batch, and any axis the model leaves open.
 */
export type SummaryShape = (number | null)[] | (number | null)[][] | 'multiple';

/**
 * One input of one call: the layer that produced it, which of that layer's
 * calls (node), and which of that call's outputs. Keras prints it as
 * `layer[nodeIndex][tensorIndex]`.
 */
export interface SummaryConnection {
  layer: string;
  nodeIndex: number;
  tensorIndex: number;
}

/**
 * One layer of the model, or (as a child row) a layer inside a wrapper or a
 * nested model. Costs are per sample. Children describe their parent in
 * detail and are never part of the totals.
 */
export interface SummaryRow {
  /**
   * Where the row sits: the layer name for the model's own layers,
   * `parent/child` below (`time_distributed_1/conv2d_1`). Unique within a summary.
   */
  path: string;
  name: string;
  /** Keras class name (`Dense`, `TimeDistributed`, `InputLayer` ...). */
  className: string;
  /**
   * For wrappers (TimeDistributed, Bidirectional): the class of the layer they
   * run, so a row can say `TimeDistributed(Conv2D)` without its children.
   */
  innerClassName?: string;
  /** 0 for the model's own layers, 1 for their children, and so on. */
  depth: number;
  /** The layer's `trainable` flag. */
  trainable: boolean;
  /** Shapes going in (an input layer's is its own shape). */
  inputShape: SummaryShape;
  outputShape: SummaryShape;
  /** `countParams()`: what Keras prints in `Param #`, weights shared with other rows included. */
  params: number;
  trainableParams: number;
  nonTrainableParams: number;
  /**
   * The part of `params` an earlier row (see `sharesWith`) already counted: a
   * layer used twice, or a layer that also runs inside a wrapper. Totals are
   * the sum of `params - sharedParams` over the top-level rows.
   */
  sharedParams: number;
  /** Paths of the earlier rows whose weights this row reuses; absent when it reuses none. */
  sharesWith?: string[];
  /**
   * Multiply-accumulates per sample (1 MAC = 2 FLOPs), summed over this
   * model's calls of the layer. `null` when the cost depends on a size the
   * model leaves open (a time axis of `null`); summarize with `inputShapes` to
   * fix one. On a TimeDistributed's child: for one step.
   */
  macs: number | null;
  /** Bytes the layer's weights take (elements × dtype width). */
  paramBytes: number;
  /** `paramBytes` split by dtype (`{float32: 3584}`); empty for a layer without weights. */
  paramBytesByDtype: Record<string, number>;
  /**
   * Bytes of the outputs of this model's calls of the layer, per sample;
   * `null` when a size is left open.
   */
  outputBytes: number | null;
  /**
   * Bytes of every tensor the layer's calls produce per sample: `outputBytes`
   * plus, inside a nested model or wrapper, the outputs of the layers it runs
   * (for a TimeDistributed, those of every step). `null` when a size is open.
   */
  activationBytes: number | null;
  /**
   * How many times its model calls the layer; a wrapper's child row describes
   * one call (1). MACs and bytes cover every call.
   */
  calls: number;
  /** Inputs of this layer's calls that belong to this model, in call order. */
  connectedTo: SummaryConnection[];
  /**
   * What the layer is made of: a wrapper's layer (TimeDistributed: as one step
   * sees it, with no time axis; Bidirectional: its forward and backward
   * layers) or a nested model's layers. Absent for a layer with none.
   */
  children?: SummaryRow[];
}

/** Whole-model figures: shared weights counted once; costs per sample. */
export interface SummaryTotals {
  params: number;
  trainable: number;
  nonTrainable: number;
  paramBytes: number;
  trainableBytes: number;
  nonTrainableBytes: number;
  paramBytesByDtype: Record<string, number>;
  /** Sum of the top-level rows' MACs; `null` when any of them is unknown. */
  macs: number | null;
  /** Bytes of the model's inputs per sample. */
  inputBytes: number | null;
  /** Sum of `activationBytes` over the top-level rows that are not input layers. */
  activationBytes: number | null;
  /**
   * `inputBytes + activationBytes`: the most a forward pass holds per sample
   * if every tensor it produces is kept, those inside nested models and
   * wrappers included (training keeps them; inference frees them as it goes,
   * so it is an upper bound there). Weights not included.
   */
  forwardBytes: number | null;
}

/** The current version of {@link SummaryData}. */
export const SUMMARY_VERSION = 2;

/**
 * Everything a renderer needs, as plain JSON-serializable data, so a summary
 * can be rendered later, elsewhere (CLI `--json`, the demo site), or diffed.
 * `summaryJsonSchema` describes it as a JSON Schema.
 */
export interface SummaryData {
  /**
   * Bumped when the shape of this data changes incompatibly. 2 added paths,
   * depth, input shapes, shared weights, bytes, calls and nested children.
   */
  version: typeof SUMMARY_VERSION;
  modelName: string;
  modelClass: string;
  /**
   * Whether Keras 2.2.4 would print the short three-column table (no
   * `Connected to`): a Sequential model, or a graph that is one chain with no
   * layer called twice.
   */
  sequentialLike: boolean;
  /** The model's input shapes the figures are for (the model's own, or those given to `summarize`). */
  inputShapes: (number | null)[][];
  rows: SummaryRow[];
  totals: SummaryTotals;
}
