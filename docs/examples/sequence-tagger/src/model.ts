import { input, model, timeDistributed, type Model } from '@framewise/core';
import { bidirectional, dense, embedding, lstm } from '@framewise/layers';

/** Options of {@link sequenceTagger}. */
export interface SequenceTaggerOptions {
  /** Vocabulary size, padding index 0 included. Default 20. */
  vocabularySize?: number;
  /** Size of each token's vector. Default 8. */
  embeddingSize?: number;
  /** Units of each LSTM direction (the features are twice this). Default 6. */
  lstmUnits?: number;
  /** Number of tags (part of speech, named-entity labels ...). Default 5. */
  tags?: number;
}

/**
 * A sequence tagger: token ids `[batch, time]` (int32, any length, padded at
 * the end with 0) → one probability distribution over the tags per token,
 * `[batch, time, tags]`.
 *
 * Embedding with `maskZero` turns id 0 into a mask, `[batch, time]`, that
 * travels with the tensors: the Bidirectional LSTM skips the padded steps in
 * both directions (the backward LSTM starts at each sentence's last real
 * token, not at the end of the padding), so a token's tags do not depend on
 * how much padding follows.
 *
 * Why TimeDistributed: the Dense classifier is applied to every token with one
 * set of weights, and the wrapper passes the mask on unchanged. (Dense alone
 * contracts only the last axis, so on this 3-D input it computes the same
 * numbers with the same parameters, as with `Dense(10)` on `(12, 8)`; the wrapper
 * says per token and is needed as soon as the per-token layer is not a Dense.)
 */
export function sequenceTagger(options: SequenceTaggerOptions = {}): Model {
  const { vocabularySize = 20, embeddingSize = 8, lstmUnits = 6, tags = 5 } = options;
  const tokens = input({ shape: [null], dtype: 'int32', name: 'tokens' });
  const vectors = embedding({
    inputDim: vocabularySize,
    outputDim: embeddingSize,
    maskZero: true,
  }).apply(tokens);
  const context = bidirectional({
    layer: lstm({ units: lstmUnits, returnSequences: true }),
  }).apply(vectors);
  const probabilities = timeDistributed(dense({ units: tags, activation: 'softmax' })).apply(
    context,
  );
  return model({ inputs: tokens, outputs: probabilities, name: 'sequence_tagger' });
}
