import * as tf from '@tensorflow/tfjs-core';
import { at } from './checked.js';
import { ConfigError } from './errors.js';
import { normalStream, orthonormalColumns } from './orthogonal-matrix.js';
import { seededRandom } from './seeded-random.js';

/** A Keras-serializable weight initializer. */
export interface Initializer {
  /** Keras class name written to JSON (`VarianceScaling`, `Zeros` ...). */
  readonly className: string;
  /** Keras config (snake_case keys). */
  readonly config: Record<string, unknown>;
  apply(shape: number[], dtype?: 'float32'): tf.Tensor;
}

/** tfjs-layers' identifiers: `'glorotUniform'`, `'zeros'`, `'heNormal'` ... */
export type InitializerIdentifier =
  | 'zeros'
  | 'ones'
  | 'glorotUniform'
  | 'glorotNormal'
  | 'heUniform'
  | 'heNormal'
  | 'lecunUniform'
  | 'lecunNormal'
  | 'randomUniform'
  | 'randomNormal'
  | 'truncatedNormal'
  | 'orthogonal';

type Mode = 'fan_in' | 'fan_out' | 'fan_avg';
type Distribution = 'uniform' | 'normal' | 'truncated_normal';

function fans(shape: number[]): [number, number] {
  // Rank 0 counts as [1, 1], rank 1 as [n, n].
  const [first = 1, second = first] = shape;
  if (shape.length <= 2) return [first, second];
  // Convolution kernels: [...spatial, in, out] (channels last).
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const [fanIn = 1, fanOut = 1] = shape.slice(-2);
  return [fanIn * receptive, fanOut * receptive];
}

function seedOf(seed: unknown): number | undefined {
  return typeof seed === 'number' && Number.isFinite(seed) ? seed : undefined;
}

/**
 * A numeric setting read from Keras JSON, checked before use: a NaN or
 * non-positive spread makes tfjs' truncated-normal sampler reject every draw
 * and never return, and model files are untrusted input.
 */
function setting(
  c: Record<string, unknown>,
  className: string,
  key: string,
  fallback: number,
  rule: 'finite' | 'positive' = 'finite',
): number {
  const raw = c[key] ?? fallback;
  const value = typeof raw === 'number' ? raw : Number.NaN;
  if (!Number.isFinite(value) || (rule === 'positive' && !(value > 0))) {
    throw new ConfigError(
      `initializer ${className}: ${key} must be a ${rule === 'positive' ? 'positive ' : ''}finite number, ` +
        `received ${JSON.stringify(raw) ?? String(raw)}`,
    );
  }
  return value;
}

const MODES: readonly Mode[] = ['fan_in', 'fan_out', 'fan_avg'];

function modeOf(c: Record<string, unknown>): Mode {
  const mode = c['mode'] ?? 'fan_in';
  if (!MODES.includes(mode as Mode)) {
    throw new ConfigError(
      `initializer VarianceScaling: mode must be one of ${MODES.join(', ')}, received ${JSON.stringify(mode)}`,
    );
  }
  return mode as Mode;
}

function varianceScaling(
  scale: number,
  mode: Mode,
  distribution: Distribution,
  seed?: number,
): Initializer {
  return {
    className: 'VarianceScaling',
    config: { scale, mode, distribution, seed: seed ?? null },
    apply(shape) {
      const [fanIn, fanOut] = fans(shape);
      const n = mode === 'fan_in' ? fanIn : mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
      const variance = scale / Math.max(1, n);
      if (distribution === 'uniform') {
        const limit = Math.sqrt(3 * variance);
        return tf.randomUniform(shape, -limit, limit, 'float32', seed);
      }
      // 0.8796... is the stddev of a unit normal truncated at two standard deviations.
      const stddev =
        distribution === 'normal' ? Math.sqrt(variance) : Math.sqrt(variance) / 0.8796256610342398;
      return distribution === 'normal'
        ? tf.randomNormal(shape, 0, stddev, 'float32', seed)
        : tf.truncatedNormal(shape, 0, stddev, 'float32', seed);
    },
  };
}

function constant(className: string, value: number): Initializer {
  return {
    className,
    config: className === 'Constant' ? { value } : {},
    apply: (shape) => tf.fill(shape, value, 'float32'),
  };
}

// Maps, not objects: a name like 'constructor' must not find Object.prototype's members.
const byKerasName = new Map<string, (c: Record<string, unknown>) => Initializer>(
  Object.entries({
    Zeros: () => constant('Zeros', 0),
    Ones: () => constant('Ones', 1),
    Constant: (c) => constant('Constant', setting(c, 'Constant', 'value', 0)),
    VarianceScaling: (c) =>
      varianceScaling(
        setting(c, 'VarianceScaling', 'scale', 1, 'positive'),
        modeOf(c),
        normaliseDistribution(c['distribution']),
        seedOf(c['seed']),
      ),
    GlorotUniform: (c) => varianceScaling(1, 'fan_avg', 'uniform', seedOf(c['seed'])),
    GlorotNormal: (c) => varianceScaling(1, 'fan_avg', 'truncated_normal', seedOf(c['seed'])),
    HeUniform: (c) => varianceScaling(2, 'fan_in', 'uniform', seedOf(c['seed'])),
    HeNormal: (c) => varianceScaling(2, 'fan_in', 'truncated_normal', seedOf(c['seed'])),
    LecunUniform: (c) => varianceScaling(1, 'fan_in', 'uniform', seedOf(c['seed'])),
    LecunNormal: (c) => varianceScaling(1, 'fan_in', 'truncated_normal', seedOf(c['seed'])),
    RandomUniform: (c) => {
      const minval = setting(c, 'RandomUniform', 'minval', -0.05);
      const maxval = setting(c, 'RandomUniform', 'maxval', 0.05);
      if (minval > maxval) {
        throw new ConfigError(
          `initializer RandomUniform: minval (${minval}) must not exceed maxval (${maxval})`,
        );
      }
      const seed = seedOf(c['seed']);
      return {
        className: 'RandomUniform',
        config: { minval, maxval, seed: seed ?? null },
        apply: (shape) => tf.randomUniform(shape, minval, maxval, 'float32', seed),
      };
    },
    RandomNormal: (c) => normalLike('RandomNormal', c, tf.randomNormal),
    TruncatedNormal: (c) => normalLike('TruncatedNormal', c, tf.truncatedNormal),
    Orthogonal: (c) => orthogonal(setting(c, 'Orthogonal', 'gain', 1), seedOf(c['seed'])),
  }),
);

/**
 * Keras' `Orthogonal` (the default recurrent kernel initializer): a normal
 * matrix `[max(r, c), min(r, c)]` (r = product of all axes but the last), its
 * QR decomposition, Q with column signs fixed by R's diagonal so the result is
 * uniformly distributed, transposed back when r < c, times `gain`.
 */
function orthogonal(gain: number, seed?: number): Initializer {
  return {
    className: 'Orthogonal',
    config: { gain, seed: seed ?? null },
    apply(shape) {
      if (shape.length < 2) {
        throw new ConfigError(
          `Orthogonal needs a weight shape of rank 2 or more, received [${shape.join(', ')}]`,
        );
      }
      const cols = at(shape, shape.length - 1, 'last axis of the weight shape');
      const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const [tall, small] = [Math.max(rows, cols), Math.min(rows, cols)];
      const uniform = seed === undefined ? Math.random : seededRandom(seed);
      const q = orthonormalColumns(tall, small, normalStream(uniform));
      // q is column-major [tall, small]: read as row-major it is Qᵀ, already the
      // [rows, cols] layout when rows < cols; otherwise transpose it back.
      const values = new Float32Array(rows * cols);
      if (rows < cols) {
        q.forEach((v, i) => (values[i] = v * gain));
      } else {
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++)
            values[r * cols + c] = at(q, c * rows + r, 'orthogonal entry') * gain;
        }
      }
      return tf.tensor(values, shape, 'float32');
    },
  };
}

function normaliseDistribution(d: unknown): Distribution {
  // Keras 2.2 wrote 'normal' where it meant the truncated normal.
  if (d === 'uniform' || d === 'truncated_normal') return d;
  if (d === 'untruncated_normal') return 'normal';
  return 'truncated_normal';
}

function normalLike(
  className: string,
  c: Record<string, unknown>,
  sample: (s: number[], m: number, sd: number, dt: 'float32', seed?: number) => tf.Tensor,
): Initializer {
  const mean = setting(c, className, 'mean', 0);
  const stddev = setting(c, className, 'stddev', 0.05, 'positive');
  const seed = seedOf(c['seed']);
  return {
    className,
    config: { mean, stddev, seed: seed ?? null },
    apply: (shape) => sample(shape, mean, stddev, 'float32', seed),
  };
}

const identifierToKeras = new Map<string, string>(
  Object.entries({
    zeros: 'Zeros',
    ones: 'Ones',
    glorotUniform: 'GlorotUniform',
    glorotNormal: 'GlorotNormal',
    heUniform: 'HeUniform',
    heNormal: 'HeNormal',
    lecunUniform: 'LecunUniform',
    lecunNormal: 'LecunNormal',
    randomUniform: 'RandomUniform',
    randomNormal: 'RandomNormal',
    truncatedNormal: 'TruncatedNormal',
    orthogonal: 'Orthogonal',
  } satisfies Record<InitializerIdentifier, string>),
);

/** Keras JSON form of an initializer: `{class_name, config}`. */
export interface SerializedInitializer {
  class_name: string;
  config: Record<string, unknown>;
}

/**
 * Resolves a tfjs-style identifier (`'glorotUniform'`), a Keras JSON object
 * (`{class_name: 'VarianceScaling', config: {...}}`) or an initializer object.
 */
export function getInitializer(
  id: InitializerIdentifier | SerializedInitializer | Initializer,
  layerName?: string,
): Initializer {
  if (typeof id === 'object' && id !== null && 'apply' in id) return id;
  const [name, config] =
    typeof id === 'string'
      ? [identifierToKeras.get(id) ?? snakeToPascal(id), {}]
      : [id?.class_name, id?.config ?? {}];
  const make = name === undefined ? undefined : byKerasName.get(name);
  if (!make) {
    throw new ConfigError(
      `unknown initializer ${JSON.stringify(id)}; expected one of ${[...identifierToKeras.keys()].join(', ')} ` +
        `or a Keras object with class_name ${[...byKerasName.keys()].join(', ')}`,
      layerName,
    );
  }
  try {
    return make(config);
  } catch (e) {
    throw e instanceof ConfigError && layerName !== undefined
      ? new ConfigError(e.message, layerName)
      : e;
  }
}

function snakeToPascal(s: string): string {
  return s.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

/** Keras JSON for an initializer. */
export function serializeInitializer(init: Initializer): SerializedInitializer {
  return { class_name: init.className, config: { ...init.config } };
}
