/**
 * TensorFlow.js layers models: `model.json` (`modelTopology` plus
 * `weightsManifest`) and its binary weight shards.
 */
import {
  at,
  ConfigError,
  isJsonObject as isObject,
  WRITER_VERSION,
  type JsonObject as Json,
  type Model,
} from '@framewise/core';
import { ModelFileError } from '../errors.js';
import { checkTensorShape, checkWeightBytes, type IoLimits } from '../limits.js';
import { checkRelative, type ResolvedSource } from '../source.js';
import { tfjsWeightNames } from '../versions/index.js';
import type { RawWeight } from '../weights.js';

const BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

interface Spec {
  name: string;
  shape: number[];
  dtype: string;
  size: number;
  bytes: number;
  quantization?: { dtype: string; scale?: number; min?: number };
  location: string;
}

/** True for a parsed `model.json` of a tfjs layers model. */
export function isTfjsModelJson(json: unknown): boolean {
  return (
    isObject(json) &&
    isObject(json['modelTopology']) &&
    ('weightsManifest' in json || 'format' in json)
  );
}

/**
 * Reads every shard the manifest lists and splits it into weights. Shapes,
 * shard counts and byte totals are checked against `limits` before any
 * shard is read.
 */
export async function readTfjsWeights(
  json: Json,
  source: ResolvedSource,
  limits: IoLimits,
): Promise<RawWeight[]> {
  const file = source.name;
  const manifest = json['weightsManifest'];
  if (manifest === undefined) return [];
  if (!Array.isArray(manifest))
    throw new ModelFileError(file, 'weightsManifest', 'must be a list of {paths, weights} groups');
  const groups = manifest.map((g, gi) => parseGroup(g, gi, file, limits));
  const shardCount = groups.reduce((n, g) => n + g.paths.length, 0);
  if (shardCount > limits.maxShards) {
    throw new ModelFileError(
      file,
      'weightsManifest',
      `lists ${shardCount} shards, more than limits.maxShards (${limits.maxShards})`,
    );
  }
  checkWeightBytes(
    groups.reduce((n, g) => n + g.bytes, 0),
    limits,
    file,
    'weightsManifest',
  );
  const out: RawWeight[] = [];
  for (const g of groups) {
    // One at a time, each read only up to what the manifest leaves for it: a shard that
    // never ends (a device) or is far too long stops there.
    const shards: Uint8Array[] = [];
    let total = 0;
    for (const p of g.paths) {
      const shard = await source.sibling(p, g.bytes - total);
      total += shard.length;
      shards.push(shard);
      if (total > g.bytes) {
        throw new ModelFileError(
          file,
          `shard ${p}`,
          `shard of the wrong size: the weights of ${g.location} need ${g.bytes} bytes, the shards up to ${p} hold more`,
        );
      }
    }
    if (total !== g.bytes) {
      const sizes = g.paths
        .map((p, i) => `${p}: ${at(shards, i, 'shard').length} bytes`)
        .join(', ');
      const suspect = at(g.paths, g.paths.length - 1, 'shard path');
      throw new ModelFileError(
        file,
        `shard ${suspect}`,
        `shard of the wrong size: the weights of ${g.location} need ${g.bytes} bytes, the shards hold ${total} (${sizes})`,
      );
    }
    const data = concat(shards);
    let offset = 0;
    for (const spec of g.specs) {
      out.push({
        name: spec.name,
        shape: spec.shape,
        values: decode(data, offset, spec, file),
        location: spec.location,
      });
      offset += spec.bytes;
    }
  }
  return out;
}

function parseGroup(
  g: unknown,
  gi: number,
  file: string,
  limits: IoLimits,
): { paths: string[]; specs: Spec[]; bytes: number; location: string } {
  const location = `weightsManifest[${gi}]`;
  if (!isObject(g) || !Array.isArray(g['paths']) || !Array.isArray(g['weights'])) {
    throw new ModelFileError(file, location, 'expected {paths: [...], weights: [...]}');
  }
  const paths = g['paths'] as unknown[];
  paths.forEach((p, i) => checkRelative(p as string, file, `${location}.paths[${i}]`));
  let bytes = 0;
  const specs = (g['weights'] as unknown[]).map((w, wi): Spec => {
    const at = `${location}.weights[${wi}]`;
    if (!isObject(w) || typeof w['name'] !== 'string')
      throw new ModelFileError(file, at, 'expected {name, shape, dtype}');
    const size = checkTensorShape(w['shape'], limits, file, `${at}.shape`);
    const q = isObject(w['quantization']) ? (w['quantization'] as Spec['quantization']) : undefined;
    const stored = q ? String(q.dtype) : String(w['dtype'] ?? 'float32');
    const width = Object.hasOwn(BYTES, stored) ? BYTES[stored] : undefined;
    if (width === undefined || (!q && !['float32', 'int32', 'bool'].includes(stored))) {
      throw new ModelFileError(
        file,
        `${at}.dtype`,
        `unsupported weight dtype ${stored}; expected float32, int32, bool, or uint8/uint16/float16 quantization`,
      );
    }
    const spec: Spec = {
      name: w['name'],
      shape: w['shape'] as number[],
      dtype: String(w['dtype'] ?? 'float32'),
      size,
      bytes: size * width,
      location: `${at} (${w['name']})`,
      ...(q ? { quantization: q } : {}),
    };
    bytes += spec.bytes;
    checkWeightBytes(bytes, limits, file, at);
    return spec;
  });
  return { paths: paths as string[], specs, bytes, location };
}

function decode(
  data: Uint8Array,
  offset: number,
  spec: Spec,
  file: string,
): Float32Array | Int32Array {
  const slice = data.slice(offset, offset + spec.bytes); // a copy: aligned for typed-array views
  const q = spec.quantization;
  if (!q) {
    if (spec.dtype === 'int32') return new Int32Array(slice.buffer);
    if (spec.dtype === 'bool') return Int32Array.from(slice);
    return new Float32Array(slice.buffer);
  }
  if (q.dtype === 'float16') return Float32Array.from(new Uint16Array(slice.buffer), halfToFloat);
  const { scale, min } = q;
  if (typeof scale !== 'number' || typeof min !== 'number') {
    throw new ModelFileError(
      file,
      spec.location,
      `${q.dtype} quantization needs numeric scale and min`,
    );
  }
  const raw = q.dtype === 'uint8' ? slice : new Uint16Array(slice.buffer);
  return Float32Array.from(raw as ArrayLike<number>, (v) => v * scale + min);
}

/** IEEE 754 half precision to a number (tfjs' float16 quantization). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The topology with Keras 2's `L1` and `L2` regularizers written as the
 * `L1L2` they equal: tfjs-layers knows only that class, and would refuse the
 * file otherwise. Keras 2 and 3 read `L1L2` too.
 */
function tfjsRegularizers<T>(json: T): T {
  if (Array.isArray(json)) return json.map(tfjsRegularizers) as T;
  if (typeof json !== 'object' || json === null) return json;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const v = value as { class_name?: unknown; config?: Record<string, unknown> } | null;
    const single = v?.class_name === 'L1' || v?.class_name === 'L2';
    Object.defineProperty(out, key, {
      value:
        key.endsWith('_regularizer') && single
          ? { class_name: 'L1L2', config: { l1: v.config?.['l1'] ?? 0, l2: v.config?.['l2'] ?? 0 } }
          : tfjsRegularizers(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}

/**
 * The files of a tfjs layers model: `model.json` text and the shards, named
 * `group1-shard<i>of<n>.bin`, each at most `shardBytes` (tensorflowjs_converter's default: 4 MiB).
 */
export function tfjsFiles(
  model: Model,
  shardBytes = 4 * 1024 * 1024,
): { json: string; shards: { name: string; bytes: Uint8Array }[] } {
  if (typeof shardBytes !== 'number' || !Number.isSafeInteger(shardBytes) || shardBytes < 1) {
    const got = typeof shardBytes === 'number' ? String(shardBytes) : JSON.stringify(shardBytes);
    throw new ConfigError(
      `shardBytes must be a positive whole number of bytes (default 4194304), received ${got}`,
    );
  }
  const named = tfjsWeightNames(model);
  const nameOf = new Map(named.map((n) => [n.variable, n.name]));
  const variables = model.weights;
  const buffers = variables.map((v) => {
    const values = v.value.dataSync();
    return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  });
  const data = concat(buffers);
  const count = Math.max(1, Math.ceil(data.length / shardBytes));
  const shards = Array.from({ length: count }, (_, i) => ({
    name: `group1-shard${i + 1}of${count}.bin`,
    bytes: data.slice(i * shardBytes, Math.min((i + 1) * shardBytes, data.length)),
  }));
  const manifest = [
    {
      paths: shards.map((s) => s.name),
      weights: variables.map((v) => ({
        name: nameOf.get(v) ?? v.name,
        shape: v.shape,
        dtype: v.value.dtype === 'int32' ? 'int32' : 'float32',
      })),
    },
  ];
  const json = {
    format: 'layers-model',
    generatedBy: WRITER_VERSION,
    convertedBy: null,
    modelTopology: tfjsRegularizers(model.toJSON()),
    weightsManifest: manifest,
  };
  return { json: JSON.stringify(json), shards };
}
