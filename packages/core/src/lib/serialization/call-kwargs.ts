import { ConfigError } from '../errors.js';
import type { Layer } from '../layer.js';
import type { KerasInbound } from './keras-json.js';

/**
 * Call keyword arguments of Keras 2 that hold tensors, in the order a
 * Framewise layer takes them as further inputs: MultiHeadAttention is called
 * `mha(query, value=v, key=k, attention_mask=m)`, which Keras 2 writes as one
 * inbound entry `[query, 0, 0, {value: [v, 0, 0], ...}]`.
 */
const TENSOR_KWARGS = ['value', 'key', 'attention_mask'] as const;

/** Call flags Framewise takes as layer options instead (the keys a layer's config then holds). */
const FLAG_KWARGS: Record<string, string[]> = {
  use_causal_mask: ['use_causal_mask', 'causal'],
  return_attention_scores: ['return_attention_scores'],
};

/** The tensors of one Keras 2 node: its inbound entries, then the tensors of its kwargs. */
export function nodeInputRefs(inbound: KerasInbound[]): KerasInbound[] {
  const first = inbound[0];
  if (inbound.length !== 1 || first === undefined) return inbound;
  const kwargs = first[3] ?? {};
  const [value, key, mask] = TENSOR_KWARGS.map((k) => tensorRef(kwargs[k]));
  if (value === undefined) return inbound;
  // Keras' key defaults to the value; a mask input comes after the key.
  return [first, value, ...((key ?? mask) ? [key ?? value] : []), ...(mask ? [mask] : [])];
}

/**
 * Throws when a node's kwargs turn on a call flag (`use_causal_mask`,
 * `return_attention_scores`) that the layer's config does not: the graph
 * would silently compute something else.
 */
export function checkCallFlags(inbound: KerasInbound[], layer: Layer): void {
  const kwargs = inbound[0]?.[3] ?? {};
  const config = layer.getConfig();
  for (const [flag, keys] of Object.entries(FLAG_KWARGS)) {
    if (kwargs[flag] === true && !keys.some((k) => config[k] === true)) {
      throw new ConfigError(
        `the model calls ${layer.name} with ${flag}=True, which Framewise takes as a layer option: ` +
          `set ${keys.join(' or ')} to true in the layer's config`,
        layer.name,
      );
    }
  }
}

function tensorRef(value: unknown): KerasInbound | undefined {
  if (!Array.isArray(value) || value.length < 3) return undefined;
  const [name, node, tensor] = value as unknown[];
  return typeof name === 'string' && Number.isInteger(node) && Number.isInteger(tensor)
    ? [name, node as number, tensor as number]
    : undefined;
}
