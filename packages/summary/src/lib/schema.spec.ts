import { input, model, resetNames, timeDistributed } from '@framewise/core';
import { bidirectional, dense, embedding, lstm } from '@framewise/layers';
import { validate } from '../testing/json-schema.test-helpers.js';
import { conv2dTutorial, denseComparison, twoInputModel } from '../testing/models.test-helpers.js';
import { renderJson } from './render/json.js';
import { summaryJsonSchema } from './schema.js';
import { summarize } from './summarize.js';
import { SUMMARY_VERSION } from './types.js';

function tagger() {
  const tokens = input({ shape: [null], dtype: 'int32' });
  const vectors = embedding({ inputDim: 20, outputDim: 8, maskZero: true }).apply(tokens);
  const context = bidirectional({ layer: lstm({ units: 6, returnSequences: true }) }).apply(
    vectors,
  );
  return model({ inputs: tokens, outputs: timeDistributed(dense({ units: 5 })).apply(context) });
}

beforeEach(() => resetNames());

describe('summaryJsonSchema', () => {
  it('is version 2 of the data', () => {
    expect(SUMMARY_VERSION).toBe(2);
    expect(summaryJsonSchema.properties.version).toEqual({ const: 2 });
    expect(summaryJsonSchema.$id).toMatch(/summary-v2\.json$/);
  });

  it.each([
    ['the tutorial Conv2D', conv2dTutorial],
    ['a branched model', denseComparison],
    ['a model with two inputs', twoInputModel],
    ['a tagger with open sizes, Bidirectional and int32 input', tagger],
  ])('describes the summary of %s, and the JSON renderer output', (_, build) => {
    const data = summarize(build());
    expect(validate(summaryJsonSchema, data)).toEqual([]);
    expect(validate(summaryJsonSchema, JSON.parse(renderJson(data).join('\n')))).toEqual([]);
  });

  it('catches data that does not follow it', () => {
    const data = summarize(conv2dTutorial());
    const bad = { ...data, version: 1, extra: true, rows: [{ ...data.rows[0], macs: -1 }] };
    expect(validate(summaryJsonSchema, bad)).toEqual([
      '$.version: expected 2',
      '$.rows[0].macs: matches no anyOf option',
      '$.extra: not in the schema',
    ]);
  });
});
