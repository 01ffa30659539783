import { bytesText, countText, percentText, readableBytes, readableCount } from './units.js';

describe('units', () => {
  it('writes bytes as Keras 3 does: two decimals, 1 KB = 1024 bytes', () => {
    expect(readableBytes(0)).toBe('0.00 B');
    expect(readableBytes(1023)).toBe('1023.00 B');
    expect(readableBytes(3584)).toBe('3.50 KB');
    expect(readableBytes(14_318_997 * 4)).toBe('54.62 MB');
    expect(readableBytes(3 * 1024 ** 3)).toBe('3.00 GB');
    // Ties go to even, as Python's '{:.2f}' rounds: 1152 / 1024 = 1.125 exactly.
    expect(readableBytes(1152)).toBe('1.12 KB');
    expect(readableBytes(1664)).toBe('1.62 KB');
  });

  it('writes counts with thousands separators, SI prefixes for FLOPs', () => {
    expect(countText(12_846_080)).toBe('12,846,080');
    expect(countText(null)).toBe('?');
    expect(bytesText(null)).toBe('?');
    expect(readableCount(960, 'FLOPs')).toBe('960 FLOPs');
    expect(readableCount(21_233_664, 'FLOPs')).toBe('21.23 MFLOPs');
    expect(readableCount(1_425_000_000, 'FLOPs')).toBe('1.43 GFLOPs');
  });

  it('writes shares as percentages with two decimals', () => {
    expect(percentText(90, 180)).toBe('50.00%');
    expect(percentText(12_846_080, 14_318_997)).toBe('89.71%');
    expect(percentText(0, 0)).toBe('0.00%');
  });
});
