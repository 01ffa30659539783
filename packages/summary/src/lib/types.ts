/**
 * A layer's output shape as Keras' `layer.output_shape` gives it: one shape,
 * a list of shapes for a layer with several outputs, or `'multiple'` when the
 * layer's calls disagree (or it was never called).
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
 * One layer of the model. Numbers are per sample and describe the layer on its
 * own: a weight this layer shares with another layer is in both rows, while
 * the totals count it once.
 */
export interface SummaryRow {
  name: string;
  /** Keras class name (`Dense`, `TimeDistributed`, `InputLayer` ...). */
  className: string;
  /** For wrappers, the class of the wrapped layer, so a truncated `TimeDist` row can still say what it runs. */
  innerClassName?: string;
  outputShape: SummaryShape;
  /** `countParams()`: what Keras prints in the `Param #` column. */
  params: number;
  trainableParams: number;
  nonTrainableParams: number;
  /**
   * Multiply-accumulates per sample (1 MAC = 2 FLOPs), summed over this
   * model's calls of the layer; 0 where the layer does not report them. On a
   * wrapper's child row: for one call of the wrapped layer (one time step).
   */
  macs: number;
  /** Bytes the layer's weights take (size × dtype width). */
  paramBytes: number;
  /** Inputs of this layer's calls that belong to this model, in call order. */
  connectedTo: SummaryConnection[];
  /**
   * The wrapped layer of a TimeDistributed, as it sees one time step (its
   * output shape has no time axis). Children are not part of the totals.
   */
  children?: SummaryRow[];
}

/** Whole-model figures; shared weights are counted once. */
export interface SummaryTotals {
  params: number;
  trainable: number;
  nonTrainable: number;
  paramBytes: number;
  /** Sum of the top-level rows' MACs (per sample). */
  macs: number;
}

/**
 * Everything a renderer needs, as plain JSON-serializable data, so a summary
 * can be rendered later, elsewhere (CLI `--json`, the demo site), or diffed.
 */
export interface SummaryData {
  /** Bumped when the shape of this data changes incompatibly. */
  version: 1;
  modelName: string;
  modelClass: string;
  /**
   * Whether Keras 2.2.4 would print the short three-column table (no
   * `Connected to`): a Sequential model, or a graph that is one chain with no
   * layer called twice.
   */
  sequentialLike: boolean;
  rows: SummaryRow[];
  totals: SummaryTotals;
}
