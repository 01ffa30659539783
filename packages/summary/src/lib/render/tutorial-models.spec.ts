import { resetNames } from '@framewise/core';
import {
  conv2dTutorial,
  denseComparison,
  denseTutorial,
  twoInputModel,
} from '../../testing/models.test-helpers.js';
import { renderSummary, summaryStyles } from '../format.js';
import { summarize } from '../summarize.js';
import { renderClassic } from './classic.js';

const MODELS = { conv2dTutorial, denseTutorial, denseComparison, twoInputModel };

beforeEach(() => resetNames());

describe.each(Object.entries(MODELS))('the %s model', (_, build) => {
  it.each(summaryStyles)('renders in the %s style as recorded', (style) => {
    expect(renderSummary(summarize(build()), { style }).join('\n')).toMatchSnapshot();
  });

  it('renders every optional column in the wide style', () => {
    const columns = ['input', 'output', 'params', 'percent', 'trainable', 'macs'] as const;
    const lines = renderSummary(summarize(build()), {
      style: 'wide',
      columns: [...columns, 'param-bytes', 'output-bytes', 'connected'],
      lineLength: 140,
    });
    expect(lines.join('\n')).toMatchSnapshot();
  });
});

describe('the classic style on a functional model with two inputs', () => {
  it('prints the 98-column table with Connected to, byte for byte as Keras 2.2.4', () => {
    // Layer order as Keras 2 sorts it: by depth, ties by discovery order from the output
    // (flatten_1 before meta). Rows are padded to 98 columns; cells cut at column ends.
    expect(renderClassic(summarize(twoInputModel()))).toEqual([
      '__________________________________________________________________________________________________',
      'Layer (type)                    Output Shape         Param #     Connected to                     ',
      '==================================================================================================',
      'frames (InputLayer)             (None, 12, 8)        0                                            ',
      '__________________________________________________________________________________________________',
      'time_distributed_1 (TimeDistrib (None, 12, 10)       90          frames[0][0]                     ',
      '__________________________________________________________________________________________________',
      'flatten_1 (Flatten)             (None, 120)          0           time_distributed_1[0][0]         ',
      '__________________________________________________________________________________________________',
      'meta (InputLayer)               (None, 4)            0                                            ',
      '__________________________________________________________________________________________________',
      'concatenate_1 (Concatenate)     (None, 124)          0           flatten_1[0][0]                  ',
      '                                                                 meta[0][0]                       ',
      '__________________________________________________________________________________________________',
      'dense_2 (Dense)                 (None, 3)            375         concatenate_1[0][0]              ',
      '==================================================================================================',
      'Total params: 465',
      'Trainable params: 465',
      'Non-trainable params: 0',
      '__________________________________________________________________________________________________',
    ]);
  });
});
