import {
  at,
  FramewiseError,
  getLayerPlugin,
  input,
  model,
  resetNames,
  ShapeError,
  timeDistributed,
  type Layer,
  type Model,
  type Shape,
} from '@framewise/core';
import { layerFields, parseField } from './layer-fields.js';

/** What the playground's form holds, as text. */
export interface PlaygroundForm {
  /** Batch size, or `None` (left open). */
  batch: string;
  /** Number of time steps, or `None`. */
  time: string;
  /** The rest of the input shape, comma-separated: `32, 32, 3`. */
  rest: string;
  /** A registered layer class name. */
  layer: string;
  /** Text of the layer's form fields, by option name. */
  fields: Readonly<Record<string, string>>;
  /** Options as JSON, for layers without form fields. */
  json: string;
  /** Whether the layer is wrapped in TimeDistributed. */
  wrap: boolean;
}

/** A model the form describes. */
export interface BuiltModel {
  model: Model;
  /** The layer the user chose (inside the wrapper when wrapped). */
  layer: Layer;
  inputShape: Shape;
  outputShape: Shape;
  params: number;
}

/** Why the form describes no model, and which field to show it next to. */
export interface FieldError {
  /** `batch`, `time`, `rest`, `layer`, `json`, or an option's name. */
  field: string;
  message: string;
  /** The typed error's class (`ConfigError`, `ShapeError` ...), or `Error` for unreadable text. */
  errorClass: string;
}

/** Field for the JSON options box. */
export const JSON_FIELD = 'json';

function readSize(text: string, field: string, allowNone: boolean): number | null {
  const trimmed = text.trim();
  if (allowNone && /^(none|null|)$/iu.test(trimmed)) return null;
  const value = Number(trimmed);
  if (!Number.isInteger(value) || value < 1) {
    throw new FieldFailure(
      field,
      `${field} must be a whole number ≥ 1${allowNone ? ' or None' : ''}, received "${text}"`,
    );
  }
  return value;
}

class FieldFailure extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The input shape the form describes, batch axis first: `[null, 12, 32, 32, 3]`. */
export function readInputShape(form: PlaygroundForm): Shape {
  const batch = readSize(form.batch, 'batch', true);
  const time = readSize(form.time, 'time', true);
  const parts = form.rest.split(/[\s,]+/u).filter((p) => p !== '');
  const rest = parts.map((p) => readSize(p, 'rest', false) as number);
  return [batch, time, ...rest];
}

/** The layer's options from its form fields, or from the JSON box. */
export function readOptions(form: PlaygroundForm): Record<string, unknown> {
  const specs = layerFields(form.layer);
  if (!specs) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(form.json.trim() || '{}');
    } catch (e) {
      throw new FieldFailure(JSON_FIELD, `options are not valid JSON: ${(e as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new FieldFailure(JSON_FIELD, 'options must be a JSON object, e.g. { "units": 10 }');
    }
    return parsed as Record<string, unknown>;
  }
  const options: Record<string, unknown> = {};
  for (const spec of specs) {
    try {
      options[spec.name] = parseField(spec, form.fields[spec.name] ?? spec.initial);
    } catch (e) {
      throw new FieldFailure(spec.name, (e as Error).message);
    }
  }
  return options;
}

/** The field a layer's typed error is about: the option it names first, else the shape. */
export function fieldOf(error: FramewiseError, options: readonly string[]): string {
  const message = error.message.slice(error.layerName ? error.layerName.length + 2 : 0);
  const named = options
    .map((name) => ({ name, at: message.search(new RegExp(`\\b${name}\\b`, 'u')) }))
    .filter((n) => n.at >= 0)
    .sort((a, b) => a.at - b.at);
  if (named[0]) return named[0].name;
  return error instanceof ShapeError ? 'rest' : 'layer';
}

/**
 * Builds the model the form describes: `input → layer` or `input → TimeDistributed(layer)`,
 * with names counted from 1 each time, as in a fresh Keras session. Either the model, or the
 * error and the field it is about; never a half-built model (its weights are freed on failure).
 */
export function buildModel(form: PlaygroundForm): BuiltModel | FieldError {
  let created: Layer | undefined;
  try {
    const shape = readInputShape(form);
    const options = readOptions(form);
    resetNames();
    const x = input({ batchShape: shape });
    created = getLayerPlugin(form.layer).create(options as never);
    const outer = form.wrap ? timeDistributed(created) : created;
    const y = outer.apply(x);
    const m = model({ inputs: x, outputs: y });
    const outputShape = at(m.outputs, 0, 'model output').shape;
    return { model: m, layer: created, inputShape: shape, outputShape, params: m.countParams() };
  } catch (e) {
    created?.dispose();
    if (e instanceof FieldFailure)
      return { field: e.field, message: e.message, errorClass: 'Error' };
    if (e instanceof FramewiseError) {
      const known = layerFields(form.layer);
      // Layers set up through the JSON box get their option errors shown beside that box.
      const field = known
        ? fieldOf(
            e,
            known.map((f) => f.name),
          )
        : e instanceof ShapeError
          ? 'rest'
          : JSON_FIELD;
      return { field, message: e.message, errorClass: e.name };
    }
    throw e;
  }
}

/** Whether `buildModel` failed. */
export function isFieldError(result: BuiltModel | FieldError): result is FieldError {
  return 'field' in result;
}
