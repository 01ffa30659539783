/** A parsed JSON object (not null, not an array): what Keras configs and model files are made of. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object, false for null, arrays and every other value. */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One input of a node in Keras 2 JSON: `[layer name, node index, tensor index, call kwargs]`. */
export type KerasInbound = [string, number, number, Record<string, unknown>?];

/** A layer entry of a functional model's Keras JSON. */
export interface KerasLayerJSON {
  name?: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes?: KerasInbound[][];
}

/** Keras' `model.to_json()` object (topology only, no weights). */
export interface KerasModelJSON {
  class_name: string;
  config: Record<string, unknown> | KerasLayerJSON[];
  keras_version?: string;
  backend?: string;
}
