import { ProgressBar, type ProgressStream } from './progress-bar.js';

/** A terminal-like stream that records what is written. */
class Recorder implements ProgressStream {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns?: number,
  ) {}
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

const CLEAR = '\x1b[K';

describe('ProgressBar', () => {
  it('draws in place on a TTY with the values after the bar, then ends the line', () => {
    const tty = new Recorder(true);
    const bar = new ProgressBar({ total: 4, title: 'Epoch 1/2', width: 8, stream: tty });
    expect(bar.active).toBe(true);
    bar.update(1, { loss: 0.693147, accuracy: 0.5 });
    bar.update(2, { loss: 0.5 });
    bar.done({ loss: 0.25, note: 'ok' });
    bar.update(3, { loss: 9 });
    const lines = tty.text.split('\n');
    expect(lines[0]).toBe('Epoch 1/2');
    // Each draw starts with a carriage return and ends with "clear to end of line".
    const draws = lines[1]!
      .split('\r')
      .filter(Boolean)
      .map((d) => {
        expect(d.endsWith(CLEAR)).toBe(true);
        return d.slice(0, -CLEAR.length);
      });
    expect(draws[0]).toMatch(/^1\/4 \[==>\.\.\.\.\.\] .*- loss: 0\.6931 - accuracy: 0\.5000$/);
    expect(draws[1]).toMatch(/^2\/4 \[====>\.\.\.\] /);
    expect(draws[2]).toMatch(/^4\/4 \[========\] \d+ms - loss: 0\.2500 - note: ok$/);
    expect(lines[2]).toBe('');
    expect(lines).toHaveLength(3);
  });

  it('is silent where the stream is not a TTY, or null', () => {
    const pipe = new Recorder(false);
    const bar = new ProgressBar({ total: 3, title: 'x', stream: pipe });
    bar.update(1, { loss: 1 });
    bar.done();
    expect(bar.active).toBe(false);
    expect(pipe.text).toBe('');
    expect(new ProgressBar({ total: 3, stream: null }).active).toBe(false);
  });

  it('cuts lines to the terminal width', () => {
    const narrow = new Recorder(true, 20);
    const bar = new ProgressBar({ total: 10, width: 10, stream: narrow });
    bar.update(5, { a_long_metric_name: 1.5 });
    expect(narrow.text.replace('\r', '').replace('\x1b[K', '')).toHaveLength(19);
  });
});
