import { pythonRow, pythonShape, pythonThousands } from './python-text.js';

describe('python text', () => {
  it("groups thousands like '{:,}'.format", () => {
    expect([0, 999, 1000, 123456, 1234567, 1000000000].map(pythonThousands)).toEqual([
      '0',
      '999',
      '1,000',
      '123,456',
      '1,234,567',
      '1,000,000,000',
    ]);
  });

  it('writes shapes as tuples and lists of tuples', () => {
    expect(pythonShape([null])).toBe('(None,)');
    expect(pythonShape([null, 12, 10])).toBe('(None, 12, 10)');
    expect(pythonShape([[null, 3], [null]])).toBe('[(None, 3), (None,)]');
    expect(pythonShape('multiple')).toBe('multiple');
  });

  it("cuts and pads like Keras' print_row, on code points", () => {
    expect(pythonRow(['ab', 'cd'], [4, 8])).toBe('ab  cd  ');
    expect(pythonRow(['abcdef', 'gh'], [4, 8])).toBe('abc gh  ');
    expect(pythonRow(['', '', 'x'], [2, 4, 6])).toBe('    x ');
    // A position before the previous one cuts back, as a Python slice does; no negative padding.
    expect(pythonRow(['abcd', 'ef'], [4, 2])).toBe('ab');
    expect(pythonRow(['\u{1F600}x', 'y'], [2, 4])).toBe('\u{1F600} y ');
  });
});
