// tfjs-layers' LSTM initialiser needs the chained ops that only the umbrella package registers.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  model,
  modelFromJSON,
  resetNames,
  sequential,
  timeDistributed,
  type Model,
  type SymbolicTensor,
} from '@framewise/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { add, conv2d, dense, lstm } from './index.js';
import { maxAbsDiff } from './testing/reference.test-helpers.js';

beforeEach(() => resetNames());

const fixture = (...parts: string[]): string =>
  readFileSync(join(__dirname, '../fixtures', ...parts), 'utf8');

/** Rebuilds from JSON text, copies the weights, and checks the same topology and numbers. */
function roundTrip(m: Model, data: tf.Tensor | tf.Tensor[]): Model {
  const back = modelFromJSON(JSON.stringify(m));
  expect(back.layers.map((l) => [l.name, l.className])).toEqual(
    m.layers.map((l) => [l.name, l.className]),
  );
  expect(back.countParams()).toBe(m.countParams());
  expect(back.toJSON()).toEqual(m.toJSON());
  back.setWeights(m.getWeights());
  const a = [m.predict(data)].flat();
  const b = [back.predict(data)].flat();
  a.forEach((t, i) => expect(maxAbsDiff(t, b[i]!)).toBe(0));
  return back;
}

describe('Keras model JSON', () => {
  it('round-trips the tutorial models', () => {
    const x = input({ shape: [12, 32, 32, 3] });
    const m = model({
      inputs: x,
      outputs: timeDistributed(conv2d({ filters: 4, kernelSize: 3, padding: 'same' })).apply(x),
    });
    const json = m.toJSON();
    expect(json.class_name).toBe('Model');
    expect((json.config as { layers: unknown[] }).layers[1]).toMatchObject({
      name: 'time_distributed_1',
      class_name: 'TimeDistributed',
      inbound_nodes: [[['input_1', 0, 0, {}]]],
    });
    roundTrip(m, tf.randomNormal([1, 12, 32, 32, 3]));
  });

  it('keeps shared layers, several inputs and outputs, and renumbers nodes per model as Keras does', () => {
    const a = input({ shape: [4] });
    const b = input({ shape: [4] });
    const shared = dense({ units: 3 });
    const sum = add().apply([shared.apply(a), shared.apply(b)]) as SymbolicTensor;
    const m = model({
      inputs: [a, b],
      outputs: [sum, dense({ units: 2 }).apply(sum) as SymbolicTensor],
    });
    const layers = (m.toJSON().config as { layers: { name: string; inbound_nodes: unknown }[] })
      .layers;
    expect(layers.find((l) => l.name === 'add_1')!.inbound_nodes).toEqual([
      [
        ['dense_1', 0, 0, {}],
        ['dense_1', 1, 0, {}],
      ],
    ]);
    roundTrip(m, [tf.randomNormal([2, 4]), tf.randomNormal([2, 4])]);
  });

  it('round-trips a Sequential model and a model nested in another', () => {
    const s = sequential({
      layers: [dense({ units: 5, inputShape: [3] }), dense({ units: 2, activation: 'softmax' })],
    });
    expect(s.toJSON()).toMatchObject({
      class_name: 'Sequential',
      config: { name: 'sequential_1' },
    });
    roundTrip(s, tf.randomNormal([2, 3]));
    const x = input({ shape: [6, 3] });
    const outer = model({ inputs: x, outputs: timeDistributed(s).apply(x) });
    roundTrip(outer, tf.randomNormal([2, 6, 3]));
  });

  it('reads the Keras 2.3.1 functional fixture', () => {
    const m = modelFromJSON(fixture('keras231-td-dense-config', 'time_distributed.json'));
    const reference = JSON.parse(fixture('keras231-td-dense-config', 'reference.json'));
    expect(m.countParams()).toBe(reference.params);
    expect(m.outputs[0]!.shape).toEqual(reference.outputShape);
    expect(m.layers.map((l) => l.name)).toEqual(['input_1', 'time_distributed_1']);
  });

  it("reads tfjs-layers' model.json with the legacy Sequential list", () => {
    const m = modelFromJSON(fixture('tfjs-layers-td-lstm', 'model.json'));
    expect(m.className).toBe('Sequential');
    expect(m.countParams()).toBe(2408);
    expect(m.outputs[0]!.shape).toEqual([null, 10, 2]);
  });

  it('writes JSON that tfjs-layers loads into the same architecture', async () => {
    const x = input({ shape: [null, 6] });
    const m = model({
      inputs: x,
      outputs: timeDistributed(dense({ units: 3 })).apply(
        lstm({ units: 4, returnSequences: true }).apply(x) as SymbolicTensor,
      ),
    });
    const theirs = await tfl.models.modelFromJSON({ modelTopology: m.toJSON() as never });
    expect(theirs.countParams()).toBe(m.countParams());
    expect(theirs.outputs[0]!.shape).toEqual(m.outputs[0]!.shape);
  });

  it('says what is wrong with broken JSON', () => {
    expect(() => modelFromJSON('{')).toThrow(/model JSON does not parse/);
    expect(() => modelFromJSON('null')).toThrow(
      /expected Keras model JSON \{class_name, config\}, received null/,
    );
    expect(() => modelFromJSON({ class_name: 'Model' } as never)).toThrow(
      /model JSON of class Model has no config object/,
    );
    expect(() => modelFromJSON({ class_name: 'Graph', config: {} })).toThrow(
      /expected a Sequential, Model or Functional model, received class Graph/,
    );
    const json = JSON.parse(fixture('keras231-td-dense-config', 'time_distributed.json'));
    json.config.layers[1].inbound_nodes = [[['input_9', 0, 0, {}]]];
    expect(() => modelFromJSON(json)).toThrow(
      /cannot connect layer time_distributed_1: its inputs input_9\[0\]\[0\] are never produced/,
    );
    json.config.layers[1].class_name = 'TimeDistributedDense';
    expect(() => modelFromJSON(json)).toThrow(/unknown layer class 'TimeDistributedDense'/);
  });
});
