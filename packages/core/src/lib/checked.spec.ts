import { at, entry, required, singletonOrArray } from './checked.js';
import { FramewiseError, InternalError } from './errors.js';

describe('at', () => {
  it('returns the item, null included', () => {
    expect(at([null, 3], 0, 'batch size')).toBeNull();
    expect(at(new Int32Array([4, 5]), 1, 'index')).toBe(5);
  });

  it('throws an InternalError naming what is missing', () => {
    expect(() => at([1, 2], 2, 'time size')).toThrow(InternalError);
    expect(() => at([1, 2], -1, 'time size')).toThrow(
      'time size is missing: no index -1 among 2 item(s)',
    );
    expect(new InternalError('x')).toBeInstanceOf(FramewiseError);
  });
});

describe('entry', () => {
  it('returns the value or names the missing key', () => {
    const map = new Map([['cpu', 1]]);
    expect(entry(map, 'cpu', 'probe')).toBe(1);
    expect(() => entry(map, 'wasm', 'probe')).toThrow('probe is missing: no entry wasm');
  });
});

describe('singletonOrArray', () => {
  it('unwraps one item and keeps lists of other lengths', () => {
    expect(singletonOrArray([null])).toBeNull();
    expect(singletonOrArray([1, 2])).toEqual([1, 2]);
    expect(singletonOrArray([])).toEqual([]);
  });
});

describe('required', () => {
  it('passes null through and names an undefined value', () => {
    expect(required(null, 'mask')).toBeNull();
    expect(() => required(undefined, 'kernel')).toThrow('kernel is missing');
  });
});
