import { SUMMARY_VERSION } from './types.js';

const count = { type: 'integer', minimum: 0 } as const;
const countOrUnknown = { anyOf: [count, { type: 'null' }] } as const;
const byDtype = { type: 'object', additionalProperties: count } as const;
const shape = { type: 'array', items: { anyOf: [count, { type: 'null' }] } } as const;

/**
 * JSON Schema (draft 2020-12) of {@link SummaryData}, version 2: what
 * `summarize()` returns and `framewise summary --json` prints, for tools that
 * read summaries without TypeScript. The guide (docs/guides/summary.md)
 * explains every field; units: MACs per sample (1 MAC = 2 FLOPs), bytes.
 */
export const summaryJsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `https://framewise.dev/schemas/summary-v${SUMMARY_VERSION}.json`,
  title: 'Framewise model summary',
  type: 'object',
  required: [
    'version',
    'modelName',
    'modelClass',
    'sequentialLike',
    'inputShapes',
    'rows',
    'totals',
  ],
  additionalProperties: false,
  properties: {
    version: { const: SUMMARY_VERSION },
    modelName: { type: 'string' },
    modelClass: { type: 'string' },
    sequentialLike: { type: 'boolean' },
    inputShapes: { type: 'array', items: shape },
    rows: { type: 'array', items: { $ref: '#/$defs/row' } },
    totals: {
      type: 'object',
      additionalProperties: false,
      required: [
        'params',
        'trainable',
        'nonTrainable',
        'paramBytes',
        'trainableBytes',
        'nonTrainableBytes',
        'paramBytesByDtype',
        'macs',
        'inputBytes',
        'activationBytes',
        'forwardBytes',
      ],
      properties: {
        params: count,
        trainable: count,
        nonTrainable: count,
        paramBytes: count,
        trainableBytes: count,
        nonTrainableBytes: count,
        paramBytesByDtype: byDtype,
        macs: countOrUnknown,
        inputBytes: countOrUnknown,
        activationBytes: countOrUnknown,
        forwardBytes: countOrUnknown,
      },
    },
  },
  $defs: {
    shape,
    summaryShape: {
      anyOf: [
        { $ref: '#/$defs/shape' },
        { type: 'array', items: { $ref: '#/$defs/shape' } },
        { const: 'multiple' },
      ],
    },
    connection: {
      type: 'object',
      additionalProperties: false,
      required: ['layer', 'nodeIndex', 'tensorIndex'],
      properties: { layer: { type: 'string' }, nodeIndex: count, tensorIndex: count },
    },
    row: {
      type: 'object',
      additionalProperties: false,
      required: [
        'path',
        'name',
        'className',
        'depth',
        'trainable',
        'inputShape',
        'outputShape',
        'params',
        'trainableParams',
        'nonTrainableParams',
        'sharedParams',
        'macs',
        'paramBytes',
        'paramBytesByDtype',
        'outputBytes',
        'activationBytes',
        'calls',
        'connectedTo',
      ],
      properties: {
        path: { type: 'string' },
        name: { type: 'string' },
        className: { type: 'string' },
        innerClassName: { type: 'string' },
        depth: count,
        trainable: { type: 'boolean' },
        inputShape: { $ref: '#/$defs/summaryShape' },
        outputShape: { $ref: '#/$defs/summaryShape' },
        params: count,
        trainableParams: count,
        nonTrainableParams: count,
        sharedParams: count,
        sharesWith: { type: 'array', items: { type: 'string' }, minItems: 1 },
        macs: countOrUnknown,
        paramBytes: count,
        paramBytesByDtype: byDtype,
        outputBytes: countOrUnknown,
        activationBytes: countOrUnknown,
        calls: count,
        connectedTo: { type: 'array', items: { $ref: '#/$defs/connection' } },
        children: { type: 'array', items: { $ref: '#/$defs/row' } },
      },
    },
  },
} as const;
