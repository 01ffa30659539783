import {
  ConfigError,
  input,
  model,
  resetNames,
  sequential,
  timeDistributed,
  type SymbolicTensor,
} from '@framewise/core';
import { dense } from '@framewise/layers';
import { summarize } from '../summarize.js';
import type { SummaryData, SummaryRow } from '../types.js';
import { renderClassic } from './classic.js';
import { conv2dTutorial, denseTutorial } from '../../testing/models.test-helpers.js';
import { TUTORIAL_CONV2D, TUTORIAL_DENSE } from '../../testing/tutorial-tables.test-helpers.js';

// The fields the classic table does not read.
const BLANK_ROW: SummaryRow = {
  path: '',
  name: '',
  className: '',
  depth: 0,
  trainable: true,
  inputShape: 'multiple',
  outputShape: 'multiple',
  params: 0,
  trainableParams: 0,
  nonTrainableParams: 0,
  sharedParams: 0,
  macs: 0,
  paramBytes: 0,
  paramBytesByDtype: {},
  outputBytes: 0,
  activationBytes: 0,
  calls: 1,
  connectedTo: [],
};

beforeEach(() => resetNames());

describe('renderClassic', () => {
  it("prints the tutorial's Conv2D table exactly as Keras 2.2 did", () => {
    const lines = renderClassic(summarize(conv2dTutorial()));
    expect(lines).toEqual(TUTORIAL_CONV2D);
    expect(lines.filter((l) => !/params:/.test(l)).every((l) => l.length === 65)).toBe(true);
  });

  it("prints the tutorial's Dense table: 90 params, (None, 12, 10)", () => {
    expect(renderClassic(summarize(denseTutorial()))).toEqual(TUTORIAL_DENSE);
  });

  it('prints the 98-column layout with Connected to for a branched model', () => {
    // The tutorial author's comparison: TimeDistributed(Dense) and Dense side by side on one input.
    const x = input({ shape: [12, 8] });
    const a = timeDistributed(dense({ units: 10 })).apply(x) as SymbolicTensor;
    const b = dense({ units: 10 }).apply(x) as SymbolicTensor;
    const lines = renderClassic(summarize(model({ inputs: x, outputs: [a, b] })));
    expect(lines).toEqual([
      '__________________________________________________________________________________________________',
      'Layer (type)                    Output Shape         Param #     Connected to                     ',
      '==================================================================================================',
      'input_1 (InputLayer)            (None, 12, 8)        0                                            ',
      '__________________________________________________________________________________________________',
      'time_distributed_1 (TimeDistrib (None, 12, 10)       90          input_1[0][0]                    ',
      '__________________________________________________________________________________________________',
      'dense_2 (Dense)                 (None, 12, 10)       90          input_1[0][0]                    ',
      '==================================================================================================',
      'Total params: 180',
      'Trainable params: 180',
      'Non-trainable params: 0',
      '__________________________________________________________________________________________________',
    ]);
  });

  it('puts the further calls of a shared layer on rows of their own', () => {
    const x = input({ shape: [3] });
    const shared = dense({ units: 3 });
    const y = shared.apply(shared.apply(x) as SymbolicTensor) as SymbolicTensor;
    expect(renderClassic(summarize(model({ inputs: x, outputs: y })))).toEqual([
      '__________________________________________________________________________________________________',
      'Layer (type)                    Output Shape         Param #     Connected to                     ',
      '==================================================================================================',
      'input_1 (InputLayer)            (None, 3)            0                                            ',
      '__________________________________________________________________________________________________',
      'dense_1 (Dense)                 (None, 3)            12          input_1[0][0]                    ',
      '                                                                 dense_1[0][0]                    ',
      '==================================================================================================',
      'Total params: 12',
      'Trainable params: 12',
      'Non-trainable params: 0',
      '__________________________________________________________________________________________________',
    ]);
  });

  it('prints a Sequential model without an input row', () => {
    const m = sequential({ layers: [dense({ units: 4, inputShape: [3] }), dense({ units: 2 })] });
    expect(renderClassic(summarize(m))).toEqual([
      '_________________________________________________________________',
      'Layer (type)                 Output Shape              Param #   ',
      '=================================================================',
      'dense_1 (Dense)              (None, 4)                 16        ',
      '_________________________________________________________________',
      'dense_2 (Dense)              (None, 2)                 10        ',
      '=================================================================',
      'Total params: 26',
      'Trainable params: 26',
      'Non-trainable params: 0',
      '_________________________________________________________________',
    ]);
  });

  it('scales the default positions to lineLength', () => {
    const lines = renderClassic(summarize(denseTutorial()), { lineLength: 80 });
    expect(lines.slice(0, 6)).toEqual([
      '________________________________________________________________________________',
      'Layer (type)                        Output Shape                    Param #     ',
      '================================================================================',
      'input_1 (InputLayer)                (None, 12, 8)                   0           ',
      '________________________________________________________________________________',
      'time_distributed_1 (TimeDistributed (None, 12, 10)                  90          ',
    ]);
  });

  it('takes relative positions', () => {
    const lines = renderClassic(summarize(denseTutorial()), {
      lineLength: 50,
      positions: [0.5, 0.8, 1],
    });
    expect(lines.slice(0, 6)).toEqual([
      '__________________________________________________',
      'Layer (type)             Output Shape   Param #   ',
      '==================================================',
      'input_1 (InputLayer)     (None, 12, 8)  0         ',
      '__________________________________________________',
      'time_distributed_1 (Time (None, 12, 10) 90        ',
    ]);
  });

  it('takes absolute positions, keeping the rules at lineLength as Keras does', () => {
    const lines = renderClassic(summarize(denseTutorial()), { positions: [20, 40, 50] });
    expect(lines.slice(0, 6)).toEqual([
      '_________________________________________________________________',
      'Layer (type)        Output Shape        Param #   ',
      '=================================================================',
      'input_1 (InputLayer (None, 12, 8)       0         ',
      '_________________________________________________________________',
      'time_distributed_1  (None, 12, 10)      90        ',
    ]);
  });

  it("writes 'multiple', lists of shapes, cut cells and thousands separators as Python would", () => {
    const data: SummaryData = {
      version: 2,
      modelName: 'm',
      modelClass: 'Model',
      sequentialLike: false,
      inputShapes: [[null, 3]],
      rows: [
        {
          ...BLANK_ROW,
          path: 'a_layer_with_a_rather_long_name',
          name: 'a_layer_with_a_rather_long_name',
          className: 'Custom',
          outputShape: 'multiple',
          params: 1234567,
          trainableParams: 1234567,
          connectedTo: [
            { layer: 'in_1', nodeIndex: 0, tensorIndex: 0 },
            { layer: 'a_really_long_input_layer_name_here', nodeIndex: 12, tensorIndex: 3 },
          ],
        },
        {
          ...BLANK_ROW,
          path: 'split',
          name: 'split',
          className: 'Split',
          outputShape: [
            [null, 3],
            [null, 4],
          ],
        },
      ],
      totals: {
        ...summarize(denseTutorial()).totals,
        params: 1235567,
        trainable: 1234567,
        nonTrainable: 1000,
      },
    };
    expect(renderClassic(data)).toEqual([
      '__________________________________________________________________________________________________',
      'Layer (type)                    Output Shape         Param #     Connected to                     ',
      '==================================================================================================',
      'a_layer_with_a_rather_long_name multiple             1234567     in_1[0][0]                       ',
      '                                                                 a_really_long_input_layer_name_he',
      '__________________________________________________________________________________________________',
      'split (Split)                   [(None, 3), (None, 4 0                                            ',
      '==================================================================================================',
      'Total params: 1,235,567',
      'Trainable params: 1,234,567',
      'Non-trainable params: 1,000',
      '__________________________________________________________________________________________________',
    ]);
  });

  it('refuses options Keras would crash on', () => {
    const data = summarize(denseTutorial());
    expect(() => renderClassic(data, { lineLength: 0 })).toThrow(ConfigError);
    expect(() => renderClassic(data, { lineLength: 12.5 })).toThrow(/lineLength/);
    expect(() => renderClassic(data, { positions: [0.5, 1] })).toThrow(/one number per column \(3/);
    expect(() => renderClassic(data, { positions: [10.5, 20, 30] })).toThrow(/integers/);
    expect(() => renderClassic({ ...data, version: 1 } as never)).toThrow(
      /expects summary data of version 2, received 1/,
    );
  });
});
