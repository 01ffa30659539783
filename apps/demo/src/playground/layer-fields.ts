import { activationChangesShape, activationNames } from '@framewise/core';

// glu halves the last axis: only an Activation layer takes it, so the kernel layers' forms leave it out.
const keepingShape = activationNames.filter((n) => !activationChangesShape(n));

/** How a form field reads its text into an option value. */
export type FieldKind = 'int' | 'ints' | 'number' | 'choice' | 'bool';

/** One option of a layer, as the playground's form shows it. */
export interface FieldSpec {
  /** The option's name in tfjs-layers' words (`filters`, `kernelSize` ...). */
  name: string;
  kind: FieldKind;
  /** The value the form starts with, as text. */
  initial: string;
  choices?: readonly string[];
  /** A short help text shown as the field's title. */
  help?: string;
}

const activation: FieldSpec = {
  name: 'activation',
  kind: 'choice',
  initial: 'linear',
  choices: keepingShape,
};
const padding: FieldSpec = {
  name: 'padding',
  kind: 'choice',
  initial: 'valid',
  choices: ['valid', 'same'],
};
const useBias: FieldSpec = { name: 'useBias', kind: 'bool', initial: 'true' };
const convolution = (kernel: string): FieldSpec[] => [
  { name: 'filters', kind: 'int', initial: '32' },
  { name: 'kernelSize', kind: 'ints', initial: kernel, help: '3, or 3, 3' },
  { name: 'strides', kind: 'ints', initial: kernel.includes(',') ? '1, 1' : '1' },
  padding,
  activation,
  useBias,
];
const pooling = (pool: string): FieldSpec[] => [
  { name: 'poolSize', kind: 'ints', initial: pool },
  { name: 'strides', kind: 'ints', initial: pool },
  padding,
];
const recurrent: FieldSpec[] = [
  { name: 'units', kind: 'int', initial: '16' },
  { name: 'activation', kind: 'choice', initial: 'tanh', choices: keepingShape },
  { name: 'returnSequences', kind: 'bool', initial: 'false' },
];

/**
 * Form fields for the common layers. Every other registered layer gets a JSON box for its
 * options (tfjs-layers' names), so a plugin registered later works here unchanged.
 */
export const LAYER_FIELDS: Readonly<Record<string, readonly FieldSpec[]>> = {
  Dense: [{ name: 'units', kind: 'int', initial: '10' }, activation, useBias],
  Conv1D: convolution('3'),
  Conv2D: convolution('3, 3'),
  Conv2DTranspose: convolution('3, 3'),
  MaxPooling1D: pooling('2'),
  MaxPooling2D: pooling('2, 2'),
  AveragePooling1D: pooling('2'),
  AveragePooling2D: pooling('2, 2'),
  LSTM: recurrent,
  GRU: recurrent,
  SimpleRNN: recurrent,
  Dropout: [{ name: 'rate', kind: 'number', initial: '0.5' }],
  Activation: [{ ...activation, initial: 'relu' }],
};

/** Options to start the JSON box with, for layers that need some. */
export const JSON_DEFAULTS: Readonly<Record<string, string>> = {
  CenterCrop: '{ "height": 24, "width": 24 }',
  Dot: '{ "axes": -1 }',
  Embedding: '{ "inputDim": 100, "outputDim": 8 }',
  Rescaling: '{ "scale": 0.00392156862745098 }',
  Reshape: '{ "targetShape": [-1] }',
  Resizing: '{ "height": 32, "width": 32 }',
  UpSampling2D: '{ "size": [2, 2] }',
  ZeroPadding2D: '{ "padding": [1, 1] }',
};

/** The form fields of a layer class, or undefined when it gets the JSON box. */
export function layerFields(className: string): readonly FieldSpec[] | undefined {
  // Own keys only: a class named 'constructor' must not find Object.prototype's members.
  return Object.hasOwn(LAYER_FIELDS, className) ? LAYER_FIELDS[className] : undefined;
}

/** The JSON box's starting text for a layer class. */
export function jsonDefault(className: string): string {
  return (Object.hasOwn(JSON_DEFAULTS, className) ? JSON_DEFAULTS[className] : undefined) ?? '{}';
}

/** Reads a field's text as its option value; throws a plain Error saying what is expected. */
export function parseField(spec: FieldSpec, text: string): unknown {
  const trimmed = text.trim();
  switch (spec.kind) {
    case 'bool':
      return trimmed === 'true';
    case 'choice':
      return trimmed;
    case 'number': {
      const value = Number(trimmed);
      if (trimmed === '' || !Number.isFinite(value)) {
        throw new Error(`${spec.name} must be a number, received "${text}"`);
      }
      return value;
    }
    case 'int':
    case 'ints': {
      const parts = trimmed.split(/[\s,]+/u).filter((p) => p !== '');
      const values = parts.map(Number);
      if (parts.length === 0 || values.some((v) => !Number.isFinite(v))) {
        throw new Error(
          `${spec.name} must be ${spec.kind === 'int' ? 'a number' : 'numbers'}, received "${text}"`,
        );
      }
      // Range checks are the layer's: its typed error names what it accepts.
      return values.length === 1 ? values[0] : values;
    }
  }
}
