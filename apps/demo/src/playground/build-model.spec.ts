import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
// tfjs-layers' LSTM initializers call chained tensor methods, which the umbrella registers.
import '@tensorflow/tfjs';
import '@framewise/layers';
import {
  buildModel,
  isFieldError,
  type BuiltModel,
  type FieldError,
  type PlaygroundForm,
} from './build-model.js';
import { compareDense } from './dense-equivalence.js';
import { CONV2D_EXAMPLE_FORM } from './form.js';

function built(form: PlaygroundForm): BuiltModel {
  const result = buildModel(form);
  if (isFieldError(result)) throw new Error(`expected a model, got ${result.message}`);
  return result;
}

function failed(form: PlaygroundForm): FieldError {
  const before = tf.memory().numTensors;
  const result = buildModel(form);
  if (!isFieldError(result)) throw new Error('expected an error');
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

/** tfjs-layers' figures for the same wrapped layer: the reference. */
function reference(layer: tfl.layers.Layer, shape: number[]): { params: number; shape: unknown } {
  const m = tfl.sequential({
    layers: [tfl.layers.timeDistributed({ layer, inputShape: shape })],
  });
  const figures = { params: m.countParams(), shape: m.outputs[0]!.shape };
  m.dispose();
  return figures;
}

describe('buildModel', () => {
  it('builds the 896-parameter Conv2D example as tfjs-layers does: same parameters, same output shape', () => {
    const m = built(CONV2D_EXAMPLE_FORM);
    const expected = reference(
      tfl.layers.conv2d({ filters: 32, kernelSize: [3, 3], padding: 'same' }),
      [12, 32, 32, 3],
    );
    expect(m.params).toBe(expected.params);
    expect(m.outputShape).toEqual(expected.shape);
    expect(m.model.layers.map((l) => l.name)).toEqual(['input_1', 'time_distributed_1']);
    m.model.dispose();
  });

  it('reads the form fields of other layers and leaves open axes open', () => {
    const m = built({
      ...CONV2D_EXAMPLE_FORM,
      time: 'None',
      rest: '16',
      layer: 'LSTM',
      fields: { units: '4', returnSequences: 'true' },
      wrap: false,
    });
    const ref = tfl.sequential({
      layers: [tfl.layers.lstm({ units: 4, returnSequences: true, inputShape: [null, 16] })],
    });
    expect(m.outputShape).toEqual(ref.outputs[0]!.shape);
    expect(m.params).toBe(ref.countParams());
    ref.dispose();
    m.model.dispose();
  });

  it('takes JSON options for layers without form fields', () => {
    const m = built({
      ...CONV2D_EXAMPLE_FORM,
      rest: '4, 6',
      layer: 'Reshape',
      json: '{ "targetShape": [24] }',
    });
    expect(m.outputShape).toEqual([null, 12, 24]);
    m.model.dispose();
  });

  it('puts an option out of range next to its field, with the typed error, leaking nothing', () => {
    const error = failed({
      ...CONV2D_EXAMPLE_FORM,
      fields: { ...CONV2D_EXAMPLE_FORM.fields, filters: '0' },
    });
    expect(error).toMatchObject({ field: 'filters', errorClass: 'ConfigError' });
    expect(error.message).toContain('filters must be an integer ≥ 1, received 0');
    expect(
      failed({
        ...CONV2D_EXAMPLE_FORM,
        fields: { ...CONV2D_EXAMPLE_FORM.fields, kernelSize: '3, 0' },
      }).field,
    ).toBe('kernelSize');
  });

  it('takes a layer named after an Object.prototype member as an unknown class', () => {
    const error = failed({ ...CONV2D_EXAMPLE_FORM, layer: 'constructor', fields: {}, json: '{}' });
    expect(error).toMatchObject({ field: 'json', errorClass: 'UnknownLayerError' });
    expect(error.message).toMatch(/constructor.*Dense/);
  });

  it('puts an impossible input shape next to the shape', () => {
    // Conv2D takes (batch, height, width, channels): unwrapped, (None, 12, 32, 32, 3) is one axis too many.
    const error = failed({ ...CONV2D_EXAMPLE_FORM, wrap: false });
    expect(error).toMatchObject({ field: 'rest', errorClass: 'ShapeError' });
    expect(failed({ ...CONV2D_EXAMPLE_FORM, batch: 'two' })).toMatchObject({ field: 'batch' });
    expect(failed({ ...CONV2D_EXAMPLE_FORM, rest: '32, 0, 3' })).toMatchObject({ field: 'rest' });
  });

  it('puts unreadable or refused JSON options next to the JSON box', () => {
    expect(
      failed({ ...CONV2D_EXAMPLE_FORM, layer: 'Reshape', json: '{ targetShape' }),
    ).toMatchObject({
      field: 'json',
    });
    expect(failed({ ...CONV2D_EXAMPLE_FORM, layer: 'Reshape', json: '[]' })).toMatchObject({
      field: 'json',
    });
  });
});

describe('compareDense', () => {
  it('gives Dense on (12, 8) the same parameters and numbers with and without the wrapper', async () => {
    const before = tf.memory().numTensors;
    const form = { ...CONV2D_EXAMPLE_FORM, rest: '8', layer: 'Dense', fields: { units: '10' } };
    const c = (await compareDense(form))!;
    const expected = reference(tfl.layers.dense({ units: 10 }), [12, 8]);
    expect(c.wrappedParams).toBe(expected.params);
    expect(c.plainParams).toBe(expected.params);
    expect(c.plainShape).toEqual(c.wrappedShape);
    expect(c.maxAbsDiff).toBeLessThanOrEqual(1e-6);
    expect(tf.memory().numTensors).toBe(before);
  });
});
