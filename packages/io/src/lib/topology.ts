/**
 * Keras JSON topology to a Framewise model, through core's `modelFromJSON`,
 * with what an untrusted file needs on top: the version mapping, code-carrying
 * layers refused, a layer count limit, errors that name the JSON path of the
 * layer at fault, and unknown config fields reported or refused.
 */
import {
  deserializeLayer,
  FramewiseError,
  isJsonObject as isObject,
  modelFromJSON,
  UnknownLayerError,
  type JsonObject as Json,
  type KerasModelJSON,
  type Layer,
  type Model,
  type SerializedLayer,
} from '@framewise/core';
import { guardedBuild } from './build-guard.js';
import { ModelFileError } from './errors.js';
import type { IoLimits } from './limits.js';
import type { UnknownFieldsPolicy } from './types.js';
import { CODE_LAYERS, flavourOf, IGNORED_FIELDS, normaliseTopology } from './versions/index.js';

/** What building a topology needs to know besides the JSON. */
export interface TopologyContext {
  file: string;
  limits: IoLimits;
  unknownFields: UnknownFieldsPolicy;
  warn: (message: string) => void;
  /** Overrides the flavour read from the JSON (a `.keras` file's metadata, an `.h5` root attribute). */
  kerasVersion?: string;
  /** Prefix of JSON paths in messages (`modelTopology.` for tfjs, `config.json: ` in a zip). */
  root?: string;
}

/** Parses JSON text, naming the file and the position where parsing stopped. */
export function parseJson(
  bytes: Uint8Array | string,
  file: string,
  limits: IoLimits,
  location?: string,
): unknown {
  const size = typeof bytes === 'string' ? bytes.length : bytes.length;
  if (size > limits.maxJsonBytes) {
    throw new ModelFileError(
      file,
      location,
      `JSON of ${size} bytes exceeds limits.maxJsonBytes (${limits.maxJsonBytes})`,
    );
  }
  let text: string;
  try {
    text =
      typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new ModelFileError(file, location, 'not UTF-8 text', e);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const truncated = /end of (JSON )?input|Unterminated/i.test((e as Error).message);
    throw new ModelFileError(
      file,
      location,
      `${truncated ? 'truncated JSON' : 'invalid JSON'}: ${(e as Error).message}`,
      e,
    );
  }
  checkDepth(value, file, limits, location);
  return value;
}

interface Level {
  value: unknown;
  depth: number;
  parent: Level | undefined;
  key: string | number;
}

/**
 * Refuses JSON nested deeper than `limits.maxJsonDepth`, before anything walks it
 * recursively (the readers, core's deserialization, `JSON.stringify`) and runs out of
 * stack with a message that says nothing of where. Walks with its own stack.
 */
function checkDepth(root: unknown, file: string, limits: IoLimits, location?: string): void {
  const stack: Level[] = [{ value: root, depth: 1, parent: undefined, key: '' }];
  for (let level = stack.pop(); level; level = stack.pop()) {
    const { value, depth } = level;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxJsonDepth) {
      const path = jsonPath(level);
      throw new ModelFileError(
        file,
        location ? `${location}: ${path}` : path,
        `JSON nested deeper than limits.maxJsonDepth (${limits.maxJsonDepth}) levels`,
      );
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    for (const [key, child] of entries) {
      if (child !== null && typeof child === 'object') {
        stack.push({ value: child, depth: depth + 1, parent: level, key });
      }
    }
  }
}

/** `config.layers[0].config`, shortened in the middle when long. */
function jsonPath(level: Level): string {
  const parts: string[] = [];
  for (let l: Level | undefined = level; l?.parent; l = l.parent) {
    parts.unshift(
      typeof l.key === 'number'
        ? `[${l.key}]`
        : /^[A-Za-z_$][\w$]*$/.test(l.key)
          ? `.${l.key}`
          : `[${JSON.stringify(l.key)}]`,
    );
  }
  const shown = parts.length > 12 ? [...parts.slice(0, 8), '…', ...parts.slice(-3)] : parts;
  return (shown.join('') || '(top level)').replace(/^\./, '');
}

/** Builds the model a Keras topology describes; weights are freshly initialised. */
export function buildModel(topology: unknown, ctx: TopologyContext): Model {
  const root = ctx.root ?? '';
  const at = (path: string): string => root + path;
  if (!isObject(topology) || typeof topology['class_name'] !== 'string') {
    throw new ModelFileError(
      ctx.file,
      root.replace(/[.:\s]+$/, '') || undefined,
      `expected a Keras model object {class_name, config}, received ${JSON.stringify(topology)?.slice(0, 80)}`,
    );
  }
  const flavour = flavourOf(topology, ctx.kerasVersion);
  const specs = layerSpecs(topology);
  checkLayers(specs, ctx, at);
  const normal = normaliseTopology(topology, flavour, (path, message) =>
    ctx.warn(`${ctx.file} (${at(path)}): ${message}`),
  );
  const normalSpecs = layerSpecs(normal);
  const paths = layerPaths(normalSpecs);
  // Each layer alone first, so a bad one is reported with its JSON path (a wrapped layer's own).
  normalSpecs.forEach(({ spec, path }) => {
    try {
      deserializeLayer(spec as unknown as SerializedLayer).dispose();
    } catch (e) {
      const inner = innerSpec(e, paths, path);
      throw inner !== undefined
        ? layerError(e, ctx.file, at(inner.path), inner.spec)
        : layerError(e, ctx.file, at(path), spec);
    }
  });
  let model: Model;
  try {
    model = guardedBuild(
      () => modelFromJSON(normal as unknown as KerasModelJSON),
      ctx.limits,
      ctx.file,
      (name) => {
        const path = paths.get(name)?.path;
        return path === undefined ? undefined : at(path);
      },
    );
  } catch (e) {
    throw layerError(e, ctx.file, at('config'), undefined);
  }
  try {
    checkUnknownFields(model, normalSpecs, ctx, at);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/**
 * The wrapped layer (inside the spec at `path`) that an error is about: the one named by a
 * config error, or the first of the class an unknown-class error names.
 */
function innerSpec(
  e: unknown,
  paths: Map<string, { spec: Json; path: string }>,
  path: string,
): { spec: Json; path: string } | undefined {
  const inside = [...paths.values()].filter((p) => p.path.startsWith(`${path}.`));
  if (e instanceof UnknownLayerError)
    return inside.find((p) => p.spec['class_name'] === e.className);
  if (e instanceof FramewiseError && e.layerName !== undefined) {
    const name = e.layerName;
    return inside.find((p) => isObject(p.spec['config']) && p.spec['config']['name'] === name);
  }
  return undefined;
}

/** Layer names to their specs and JSON paths, wrapped layers included. */
function layerPaths(
  specs: { spec: Json; path: string }[],
): Map<string, { spec: Json; path: string }> {
  const out = new Map<string, { spec: Json; path: string }>();
  const visit = (spec: unknown, path: string): void => {
    if (!isObject(spec) || !isObject(spec['config'])) return;
    const config = spec['config'];
    if (typeof config['name'] === 'string' && !out.has(config['name']))
      out.set(config['name'], { spec, path });
    for (const key of ['layer', 'backward_layer']) visit(config[key], `${path}.config.${key}`);
  };
  specs.forEach(({ spec, path }) => visit(spec, path));
  return out;
}

/** The layer specs of a topology with their JSON paths, nested ones (wrapped layers, sub-models) included. */
function layerSpecs(topology: Json): { spec: Json; path: string }[] {
  const config = topology['config'];
  const list = Array.isArray(config) ? config : isObject(config) ? config['layers'] : undefined;
  const base = Array.isArray(config) ? 'config' : 'config.layers';
  if (!Array.isArray(list)) return [];
  return list.map((spec, i) => ({ spec: spec as Json, path: `${base}[${i}]` }));
}

function checkLayers(
  specs: { spec: Json; path: string }[],
  ctx: TopologyContext,
  at: (p: string) => string,
): void {
  let count = 0;
  const visit = (spec: unknown, path: string): void => {
    if (!isObject(spec)) return;
    if (++count > ctx.limits.maxLayers) {
      throw new ModelFileError(
        ctx.file,
        at(path),
        `more than limits.maxLayers (${ctx.limits.maxLayers}) layers`,
      );
    }
    const className = spec['class_name'];
    if (typeof className === 'string' && CODE_LAYERS.has(className)) {
      throw new ModelFileError(
        ctx.file,
        at(path),
        `${className} layers hold Python code, which Framewise never runs from a model file. ` +
          `Rewrite the layer as a Framewise plugin (registerLayer) and replace it in the model before saving.`,
      );
    }
    const config = spec['config'];
    if (isObject(config)) {
      checkInitializers(config, ctx, at(`${path}.config`));
      for (const key of ['layer', 'backward_layer']) visit(config[key], `${path}.config.${key}`);
      if (Array.isArray(config['layers']))
        config['layers'].forEach((l, i) => visit(l, `${path}.config.layers[${i}]`));
    }
  };
  specs.forEach(({ spec, path }) => visit(spec, path));
  // Keras requires unique layer names; a repeated one would leave a layer no model owns.
  const seen = new Map<string, string>();
  for (const { spec, path } of specs) {
    const config = spec['config'];
    const name = spec['name'] ?? (isObject(config) ? config['name'] : undefined);
    if (typeof name !== 'string') continue;
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ModelFileError(
        ctx.file,
        at(path),
        `layer name '${name}' is used twice (also at ${at(first)}); layer names must be unique`,
      );
    }
    seen.set(name, path);
  }
}

const INITIALIZER_NUMBERS = ['scale', 'stddev', 'mean', 'minval', 'maxval', 'gain', 'value'];

/**
 * Initializer parameters run before any weight file is read: a non-numeric
 * `scale` or `stddev` would make a truncated normal sample forever (NaN bounds).
 */
function checkInitializers(config: Json, ctx: TopologyContext, path: string): void {
  for (const [key, value] of Object.entries(config)) {
    if (!key.endsWith('_initializer') || !isObject(value) || !isObject(value['config'])) continue;
    for (const field of INITIALIZER_NUMBERS) {
      const v = value['config'][field];
      if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isFinite(v))) {
        throw new ModelFileError(
          ctx.file,
          `${path}.${key}.config.${field}`,
          `initializer ${field} must be a finite number, received ${JSON.stringify(v)?.slice(0, 40)}`,
        );
      }
    }
  }
}

function layerError(
  e: unknown,
  file: string,
  location: string,
  spec: Json | undefined,
): ModelFileError {
  if (e instanceof ModelFileError) return e;
  if (e instanceof UnknownLayerError) {
    return new ModelFileError(
      file,
      location,
      `${e.message} To load your own class, register a plugin first: ` +
        `registerLayer({className, create, fromConfig}) from @framewise/core.`,
      e,
    );
  }
  const className = spec && typeof spec['class_name'] === 'string' ? spec['class_name'] : undefined;
  if (e instanceof FramewiseError)
    return new ModelFileError(
      file,
      location,
      `${layerLabel(className, e)}${bareMessage(e, className)}`,
      e,
    );
  const what = className === undefined ? '' : `${className}: `;
  return new ModelFileError(
    file,
    location,
    `${what}cannot build the layer (${(e as Error).message ?? String(e)})`,
    e,
  );
}

/** `Dense 'dense': `, naming the layer once whether the class, the name or both are known. */
function layerLabel(className: string | undefined, e: FramewiseError): string {
  const name = e.layerName === undefined ? '' : `'${e.layerName}'`;
  const label = [className, name].filter((s) => s !== undefined && s !== '').join(' ');
  return label === '' ? '' : `${label}: `;
}

/** A core error's message without the `<layer name>: ` and `<class>: ` prefixes layers give it. */
function bareMessage(e: FramewiseError, className: string | undefined): string {
  let message = e.message;
  for (const prefix of [e.layerName, className]) {
    if (prefix !== undefined && message.startsWith(`${prefix}: `))
      message = message.slice(prefix.length + 2);
  }
  return message;
}

/** Fields a layer's config had that its `getConfig()` does not write back: unknown to Framewise. */
function checkUnknownFields(
  model: Model,
  specs: { spec: Json; path: string }[],
  ctx: TopologyContext,
  at: (p: string) => string,
): void {
  const byName = new Map<string, Layer>();
  const collect = (l: Layer): void => {
    byName.set(l.name, l);
    l.sublayers().forEach(collect);
  };
  model.layers.forEach(collect);
  const visit = (spec: unknown, path: string): void => {
    if (!isObject(spec) || !isObject(spec['config'])) return;
    const config = spec['config'];
    const layer = typeof config['name'] === 'string' ? byName.get(config['name']) : undefined;
    if (layer) {
      const known = layer.getConfig();
      for (const [key, value] of Object.entries(config)) {
        if (Object.hasOwn(known, key) || IGNORED_FIELDS.has(key) || value === null) continue;
        // Keras 3 writes data_format on more layers than Keras 2; channels last is all Framewise computes.
        if (key === 'data_format' && value === 'channels_last') continue;
        const message = `${String(spec['class_name'])} has no config field '${key}' (value ${JSON.stringify(value)?.slice(0, 40)}); Framewise ignores it`;
        if (ctx.unknownFields === 'error') {
          throw new ModelFileError(
            ctx.file,
            at(`${path}.config.${key}`),
            `${message.replace('; Framewise ignores it', '')} (unknownFields: 'error')`,
          );
        }
        ctx.warn(`${ctx.file} (${at(`${path}.config.${key}`)}): ${message}`);
      }
    }
    for (const key of ['layer', 'backward_layer']) visit(config[key], `${path}.config.${key}`);
  };
  specs.forEach(({ spec, path }) => visit(spec, path));
}
