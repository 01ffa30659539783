import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  formatShape,
  getInitializer,
  Layer,
  required,
  serializeInitializer,
  ShapeError,
  type CallOptions,
  type Initializer,
  type ConstraintOption,
  type LayerOptions,
  type RegularizerOption,
  type WeightExtras,
  type LayerPlugin,
  type LayerVariable,
  type Masks,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { PER_STEP } from '../common/stream.js';
import { optionsFromKeras, positiveInt, type InitializerOption } from '../common/options.js';
import { weightTraining, weightTrainingConfig } from '../common/training-fields.js';

/** Options of `embedding()` (tfjs-layers' names). */
export interface EmbeddingOptions extends LayerOptions {
  /** Penalty on the embeddings added to the training loss: `'l2'` ... */
  embeddingsRegularizer?: RegularizerOption;
  /** Projection of the embeddings after each optimizer step: `'maxNorm'` ... */
  embeddingsConstraint?: ConstraintOption;
  /** Vocabulary size: indices run from 0 to `inputDim - 1`. */
  inputDim: number;
  /** Size of each vector. */
  outputDim: number;
  /** Default `randomUniform` (±0.05), as Keras' `uniform`. */
  embeddingsInitializer?: InitializerOption;
  /** When true, index 0 is padding: the layer's mask is `input != 0`, so later layers skip those steps. */
  maskZero?: boolean;
  /** Length of the input sequences (a list for several axes), when fixed; sets the input shape. */
  inputLength?: number | (number | null)[];
}

/**
 * Looks up a learned vector for each integer index (Keras `Embedding`):
 * `[batch, time]` indices -> `[batch, time, outputDim]`. Takes int32 tensors
 * or float32 ones holding whole numbers (cast, as Keras does).
 */
export class Embedding extends Layer {
  static override readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly maskZero: boolean;
  readonly inputLength: number | (number | null)[] | undefined;
  /** Regularizer and constraint of the embeddings. */
  readonly training: Record<'embeddings', WeightExtras>;
  private embeddings: LayerVariable | undefined;

  constructor(options: EmbeddingOptions) {
    const opts = options ?? ({} as EmbeddingOptions);
    // tfjs-layers and Keras 2: without an input shape, one comes from inputLength (or stays open).
    const lengths = opts.inputLength === undefined ? [null] : [opts.inputLength].flat();
    super(
      opts.inputShape || opts.batchInputShape
        ? opts
        : { ...opts, batchInputShape: [opts.batchSize ?? null, ...lengths] },
    );
    this.inputDim = positiveInt(opts.inputDim, 'inputDim', this.name);
    this.outputDim = positiveInt(opts.outputDim, 'outputDim', this.name);
    this.embeddingsInitializer = getInitializer(
      opts.embeddingsInitializer ?? 'randomUniform',
      this.name,
    );
    if (opts.maskZero !== undefined && typeof opts.maskZero !== 'boolean') {
      throw new ConfigError(
        `maskZero must be true or false, received ${JSON.stringify(opts.maskZero)}`,
        this.name,
      );
    }
    this.maskZero = opts.maskZero ?? false;
    this.supportsMasking = this.maskZero;
    if (
      lengths.some((d) => d !== null && !(typeof d === 'number' && Number.isInteger(d) && d >= 1))
    ) {
      throw new ConfigError(
        `inputLength must be an integer ≥ 1, or a list of them (null for open sizes), received ${JSON.stringify(opts.inputLength)}`,
        this.name,
      );
    }
    this.inputLength = Array.isArray(opts.inputLength)
      ? opts.inputLength.slice()
      : opts.inputLength;
    this.inputSpec = { minNdim: 1, describe: '[batch, ...indices]' };
    this.training = weightTraining(opts, ['embeddings'], this.name);
  }

  override build(_inputShape: Shapes): void {
    this.embeddings = this.addWeight(
      'embeddings',
      [this.inputDim, this.outputDim],
      this.embeddingsInitializer,
      true,
      this.training.embeddings,
    );
  }

  /** A lookup per index: every step alone. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return PER_STEP;
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const s = inputShape as Shape;
    if (this.inputLength === undefined) return [...s, this.outputDim];
    const lengths = [this.inputLength].flat();
    const fits =
      lengths.length === s.length - 1 &&
      lengths.every((d, k) => d === null || s[k + 1] === null || d === s[k + 1]);
    if (!fits) {
      throw new ShapeError(
        `inputLength ${JSON.stringify(this.inputLength)} does not match the input ${formatShape(s)}`,
        this.name,
      );
    }
    const [batch = null, ...sizes] = s;
    return [batch, ...lengths.map((d, k) => d ?? at(sizes, k, 'input axis')), this.outputDim];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const indices = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
    const rows = tf.gather(
      required(this.embeddings, 'embeddings').value,
      tf.reshape(indices, [-1]),
    );
    return tf.reshape(rows, [...x.shape, this.outputDim]);
  }

  /** With `maskZero`, the mask says which indices are not padding: `[batch, time]` for `[batch, time]` input. */
  override computeMask(inputs: Tensors, _mask: Masks | undefined): Masks {
    if (!this.maskZero) return null;
    return tf.notEqual(inputs as tf.Tensor, 0);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      input_dim: this.inputDim,
      output_dim: this.outputDim,
      embeddings_initializer: serializeInitializer(this.embeddingsInitializer),
      ...weightTrainingConfig(this.training, { activity: this.activityRegularizer }),
      mask_zero: this.maskZero,
      input_length: Array.isArray(this.inputLength)
        ? this.inputLength.slice()
        : (this.inputLength ?? null),
    };
  }
}

/** An Embedding layer: `embedding({inputDim: 1000, outputDim: 64, maskZero: true})`. */
export function embedding(options: EmbeddingOptions): Embedding {
  return new Embedding(options);
}

/** Registry entry for `Embedding`. */
export const embeddingPlugin: LayerPlugin<EmbeddingOptions> = {
  className: 'Embedding',
  create: embedding,
  fromConfig: (config) => new Embedding(optionsFromKeras<EmbeddingOptions>(config, 'Embedding')),
};
