import { bytesPerElement, sampleBytes } from './bytes.js';

describe('bytes per element', () => {
  it('sizes the tfjs dtypes and counts any other dtype as 4 bytes', () => {
    expect(['float32', 'int32', 'bool', 'complex64'].map(bytesPerElement)).toEqual([4, 4, 1, 8]);
    expect(bytesPerElement('float64')).toBe(4);
  });

  it('counts a dtype named after an Object.prototype member as 4 bytes, not NaN', () => {
    expect(bytesPerElement('constructor')).toBe(4);
    expect(sampleBytes([[null, 2]], ['valueOf'])).toBe(8);
  });
});
