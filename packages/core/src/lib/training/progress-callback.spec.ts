import { ProgressCallback } from './progress-callback.js';

class Recorder {
  text = '';
  constructor(readonly isTTY: boolean) {}
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

const params = { epochs: 3, steps: 2, samples: 30, batchSize: 20, verbose: 1, doValidation: true };

describe('ProgressCallback', () => {
  it('shows running means weighted by batch size, then the epoch logs with validation', () => {
    const tty = new Recorder(true);
    const cb = new ProgressCallback(tty);
    cb.setParams(params);
    cb.onEpochBegin(1);
    cb.onBatchEnd(0, { loss: 1, size: 20 });
    cb.onBatchEnd(1, { loss: 4, size: 10 });
    cb.onEpochEnd(1, { loss: 2, val_loss: 3 });
    const draws = tty.text.split(/[\r\n]/).filter(Boolean);
    expect(draws[0]).toBe('Epoch 2/3');
    expect(draws[1]).toMatch(/^1\/2 .* - loss: 1\.0000\x1b\[K$/); // eslint-disable-line no-control-regex
    expect(draws[2]).toMatch(/^2\/2 .* - loss: 2\.0000\x1b\[K$/); // eslint-disable-line no-control-regex
    expect(draws[3]).toMatch(/^2\/2 .* - loss: 2\.0000 - val_loss: 3\.0000\x1b\[K$/); // eslint-disable-line no-control-regex
  });

  it('writes nothing when the stream is not a terminal', () => {
    const pipe = new Recorder(false);
    const cb = new ProgressCallback(pipe);
    cb.setParams(params);
    cb.onEpochBegin(0);
    cb.onBatchEnd(0, { loss: 1, size: 20 });
    cb.onEpochEnd(0, { loss: 1 });
    expect(pipe.text).toBe('');
  });
});
