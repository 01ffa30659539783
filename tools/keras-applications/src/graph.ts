/**
 * A tiny functional-model writer: each call adds one layer to a Keras 2
 * functional-model JSON config (what `model.to_json()` of tf.keras 2.x writes)
 * and tracks the output shape, which the architectures need to size later
 * layers (`backend.int_shape(x)` in Keras' code).
 */

/** One layer entry of `config.layers`. */
export interface KerasLayerJSON {
  class_name: string;
  config: Record<string, unknown>;
  name: string;
  inbound_nodes: InboundTensor[][];
}

/** `[layer name, node index, tensor index, call kwargs]`, as Keras 2 writes an input. */
export type InboundTensor = [string, number, number, Record<string, never>];

/** The whole `model.to_json()` document. */
export interface KerasModelJSON {
  class_name: 'Functional';
  config: {
    name: string;
    layers: KerasLayerJSON[];
    input_layers: [string, number, number][];
    output_layers: [string, number, number][];
  };
  keras_version: string;
  backend: 'tensorflow';
}

/** A symbolic tensor: the layer that made it and its shape without the batch axis. */
export interface Tensor {
  readonly layer: string;
  readonly shape: readonly number[];
}

/** Keras' `generic_utils.to_snake_case`, which names unnamed layers (`ReLU` → `re_lu`). */
export function toSnakeCase(className: string): string {
  return className
    .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Writes one model; layer names follow Keras in a fresh session (`conv2d`, `conv2d_1` ...). */
export class Graph {
  private readonly layers: KerasLayerJSON[] = [];
  private readonly used = new Map<string, number>();
  private readonly inputs: Tensor[] = [];

  /** `layers.Input(shape)`: Keras names the first one `input_1`. */
  input(shape: readonly number[]): Tensor {
    const name = this.uniqueName('input', false);
    this.layers.push({
      class_name: 'InputLayer',
      config: {
        batch_input_shape: [null, ...shape],
        dtype: 'float32',
        sparse: false,
        ragged: false,
        name,
      },
      name,
      inbound_nodes: [],
    });
    const t = { layer: name, shape: [...shape] };
    this.inputs.push(t);
    return t;
  }

  /** Adds a layer called on `inputs`; `shape` is its output shape without the batch axis. */
  add(
    className: string,
    config: Record<string, unknown>,
    inputs: Tensor | readonly Tensor[],
    shape: readonly number[],
    name?: string,
  ): Tensor {
    const layerName = name ?? this.uniqueName(toSnakeCase(className), true);
    const list = Array.isArray(inputs) ? inputs : [inputs as Tensor];
    this.layers.push({
      class_name: className,
      config: { name: layerName, trainable: true, dtype: 'float32', ...config },
      name: layerName,
      inbound_nodes: [list.map((t): InboundTensor => [t.layer, 0, 0, {}])],
    });
    return { layer: layerName, shape: [...shape] };
  }

  /** The finished `model.to_json()` document. */
  toJSON(name: string, output: Tensor): KerasModelJSON {
    return {
      class_name: 'Functional',
      config: {
        name,
        layers: this.layers.map((l) => structuredClone(l)),
        input_layers: this.inputs.map((t) => [t.layer, 0, 0]),
        output_layers: [[output.layer, 0, 0]],
      },
      keras_version: '2.15.0',
      backend: 'tensorflow',
    };
  }

  // Keras' backend.unique_object_name: layers count from zero (`conv2d`, `conv2d_1`), inputs
  // from one (`input_1`); explicit names are not counted, as in Keras.
  private uniqueName(base: string, zeroBased: boolean): string {
    const n = this.used.get(base) ?? 0;
    this.used.set(base, n + 1);
    if (zeroBased) return n === 0 ? base : `${base}_${n}`;
    return `${base}_${n + 1}`;
  }
}
