import {
  ConfigError,
  input,
  model,
  resetNames,
  sequential,
  timeDistributed,
} from '@framewise/core';
import { bidirectional, dense, lstm } from '@framewise/layers';
import { conv2dTutorial, denseComparison } from '../../testing/models.test-helpers.js';
import { summarize } from '../summarize.js';
import { renderWide } from './wide.js';

beforeEach(() => resetNames());

/** A TimeDistributed around a model holding a Bidirectional: three levels of children. */
function deepModel() {
  const step = input({ shape: [4, 3], name: 'step' });
  const encoded = bidirectional({ layer: lstm({ units: 2 }) }).apply(step);
  const inner = model({
    inputs: step,
    outputs: dense({ units: 1 }).apply(encoded),
    name: 'step_model',
  });
  const x = input({ shape: [6, 4, 3], name: 'clips' });
  return model({ inputs: x, outputs: timeDistributed(inner).apply(x), name: 'deep' });
}

describe('renderWide', () => {
  it('draws the tree of wrappers and nested models', () => {
    const lines = renderWide(summarize(deepModel()), { columns: ['output', 'params'] });
    expect(lines.slice(0, 13)).toEqual([
      'Model: "deep" (Model)',
      '─'.repeat(69),
      'Layer (type)                                 Output Shape     Param #',
      '═'.repeat(69),
      'clips (InputLayer)                           (None, 6, 4, 3)        0',
      '─'.repeat(69),
      'time_distributed_1 (TimeDistributed(Model))  (None, 6, 1)         101',
      '└ step_model (Model)                         (None, 1)            101',
      '  ├ step (InputLayer)                        (None, 4, 3)           0',
      '  ├ bidirectional_1 (Bidirectional(LSTM))    (None, 4)             96',
      '  │ ├ forward_lstm_1 (LSTM)                  (None, 2)             48',
      '  │ └ backward_lstm_1 (LSTM)                 (None, 2)             48',
      '  └ dense_1 (Dense)                          (None, 1)              5',
    ]);
  });

  it('never cuts: cells wrap within lineLength, numbers stay whole', () => {
    const data = summarize(conv2dTutorial());
    const lines = renderWide(data, { lineLength: 52 });
    expect(lines.slice(2, 12)).toEqual([
      'Layer (type)               Output Shape      Param #',
      '═'.repeat(52),
      'input_1 (InputLayer)       (None, 12, 32,          0',
      '                           32, 3)',
      '─'.repeat(52),
      'time_distributed_1         (None, 12, 32,        896',
      '(TimeDistributed(Conv2D))  32, 32)',
      '└ conv2d_1 (Conv2D)        (None, 32, 32,        896',
      '                           32)',
      '═'.repeat(52),
    ]);
    // Narrower than its longest words, a table stays as narrow as it can and keeps every character.
    expect(renderWide(data, { lineLength: 40 })).toEqual(lines);
  });

  it('is as wide as its content up to lineLength, whatever the terminal', () => {
    const stdout = process.stdout as { columns?: number };
    const saved = stdout.columns;
    stdout.columns = 30;
    try {
      const lines = renderWide(summarize(conv2dTutorial()));
      expect(Math.max(...lines.slice(0, -5).map((l) => l.length))).toBe(77);
    } finally {
      stdout.columns = saved;
    }
  });

  it('takes Keras-style positions for the column ends', () => {
    const lines = renderWide(summarize(denseComparison()), {
      positions: [0.3, 0.55, 0.7, 1],
      lineLength: 80,
    });
    // Column ends at 24, 44, 56 and 80, two spaces before each next column.
    expect(lines.slice(2, 10)).toEqual([
      'Layer (type)            Output Shape           Param #  Connected to',
      '═'.repeat(80),
      'input_1 (InputLayer)    (None, 12, 8)                0',
      '─'.repeat(80),
      'time_distributed_1      (None, 12, 10)              90  input_1[0][0]',
      '(TimeDistributed(',
      'Dense))',
      '└ dense_1 (Dense)       (None, 10)                  90',
    ]);
    expect(() => renderWide(summarize(denseComparison()), { positions: [0.5, 1] })).toThrow(
      /one number per column \(4: Layer \(type\), Output Shape, Param #, Connected to\)/,
    );
    expect(() => renderWide(summarize(denseComparison()), { positions: [10, 11, 30, 40] })).toThrow(
      /leave column 2 \(Output Shape\) no room/,
    );
  });

  it('says under a reused layer whose weights it shares', () => {
    const x = input({ shape: [12, 8] });
    const inner = dense({ units: 10 });
    const m = model({ inputs: x, outputs: [inner.apply(x), timeDistributed(inner).apply(x)] });
    const lines = renderWide(summarize(m), { columns: ['params', 'percent'] });
    expect(lines.slice(4, 12)).toEqual([
      'input_1 (InputLayer)                               0     0.00%',
      '─'.repeat(62),
      'dense_1 (Dense)                                   90   100.00%',
      '─'.repeat(62),
      'time_distributed_1 (TimeDistributed(Dense))       90     0.00%',
      '(shares weights with dense_1)',
      '└ dense_1 (Dense)                                 90     0.00%',
      '  (shares weights with dense_1)',
    ]);
    expect(lines).toContain('Total params: 90 (360.00 B)');
  });

  it('writes ? for costs that depend on an open size, and says why in the totals', () => {
    const m = sequential({
      layers: [timeDistributed(dense({ units: 2 }), { inputShape: [null, 8] })],
    });
    const lines = renderWide(summarize(m), { columns: ['output', 'macs', 'output-bytes'] });
    expect(lines[4]).toBe(
      'time_distributed_1 (TimeDistributed(Dense))  (None, None, 2)     ?            ?',
    );
    expect(lines[5]).toBe(
      '└ dense_1 (Dense)                            (None, 2)          16       8.00 B',
    );
    expect(lines.slice(-2)).toEqual([
      'Total MACs per sample: ? (depends on a size the model leaves open; give input shapes to fix it)',
      'Estimated forward memory per sample: ? (depends on a size the model leaves open; give input shapes to fix it), plus 72.00 B of weights',
    ]);
  });

  it('refuses a bad lineLength or column', () => {
    const data = summarize(conv2dTutorial());
    expect(() => renderWide(data, { lineLength: 0 })).toThrow(ConfigError);
    expect(() => renderWide(data, { columns: ['flops' as never] })).toThrow(
      /unknown summary column "flops"; columns that exist: input, output, params, percent, trainable, macs, param-bytes, output-bytes, connected/,
    );
  });
});
