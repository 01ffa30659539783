import { FramewiseError } from '@framewise/core';

/**
 * NumPy's `.npy` format (https://numpy.org/devdocs/reference/generated/numpy.lib.format.html):
 * a magic string, a version, a Python-literal header dict, then the raw array in C order.
 *
 * Read: float32, float64 and float16 (to float32; float64 loses precision and values beyond
 * float32's range become ±Infinity), int8/16/32, uint8/16/32 and int64/uint64 (to int32;
 * values outside int32's range are refused), bool. Either byte order; header versions 1, 2, 3.
 * Refused with an {@link NpyError}: Fortran order, object arrays (pickles: never unpickled),
 * structured, string, complex and datetime dtypes.
 * Written: float32 (`<f4`), int32 (`<i4`), bool (`|b1`), version 1.0 header.
 */

/** The array a `.npy` file holds, in tfjs' dtypes. */
export interface NpyArray {
  dtype: 'float32' | 'int32' | 'bool';
  shape: number[];
  /** C-order values; bool arrays hold 0 and 1. */
  data: Float32Array | Int32Array | Uint8Array;
}

/** A `.npy` file that cannot be read or an array that cannot be written: exit code 1. */
export class NpyError extends FramewiseError {}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface Kind {
  size: number;
  to: NpyArray['dtype'];
  get: (view: DataView, at: number, little: boolean) => number | bigint;
}

// A Map, not an object: a dtype like 'constructor' must not find Object.prototype's members.
const KINDS = new Map<string, Kind>(
  Object.entries({
    f2: { size: 2, to: 'float32', get: (v, at, le) => halfToFloat(v.getUint16(at, le)) },
    f4: { size: 4, to: 'float32', get: (v, at, le) => v.getFloat32(at, le) },
    f8: { size: 8, to: 'float32', get: (v, at, le) => v.getFloat64(at, le) },
    i1: { size: 1, to: 'int32', get: (v, at) => v.getInt8(at) },
    i2: { size: 2, to: 'int32', get: (v, at, le) => v.getInt16(at, le) },
    i4: { size: 4, to: 'int32', get: (v, at, le) => v.getInt32(at, le) },
    i8: { size: 8, to: 'int32', get: (v, at, le) => v.getBigInt64(at, le) },
    u1: { size: 1, to: 'int32', get: (v, at) => v.getUint8(at) },
    u2: { size: 2, to: 'int32', get: (v, at, le) => v.getUint16(at, le) },
    u4: { size: 4, to: 'int32', get: (v, at, le) => v.getUint32(at, le) },
    u8: { size: 8, to: 'int32', get: (v, at, le) => v.getBigUint64(at, le) },
    b1: { size: 1, to: 'bool', get: (v, at) => v.getUint8(at) },
  } satisfies Record<string, Kind>),
);

/** The dtypes `readNpy` takes, as numpy names them, for messages and docs. */
export const NPY_READ_DTYPES =
  'float32, float64, float16, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool';

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

interface Header {
  descr: string;
  fortran: boolean;
  shape: number[];
}

function parseHeader(text: string, name: string): Header {
  const fail = (what: string): never => {
    throw new NpyError(`'${name}': ${what} in the .npy header ${JSON.stringify(text.trim())}`);
  };
  const descrField = /['"]descr['"]\s*:\s*/.exec(text);
  if (!descrField) return fail("no 'descr'");
  const descr = /^['"]([^'"]*)['"]/.exec(text.slice(descrField.index + descrField[0].length))?.[1];
  if (descr === undefined) {
    throw new NpyError(
      `'${name}' holds a structured (record) array, which is not supported; ` +
        `save a plain numeric array (supported dtypes: ${NPY_READ_DTYPES})`,
    );
  }
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text);
  if (!fortran) return fail("no 'fortran_order'");
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (shape === undefined) return fail("no 'shape'");
  const sizes = shape
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const dims = sizes.map((s) => (/^\d+L?$/.test(s) ? Number.parseInt(s, 10) : NaN));
  if (dims.some((d) => !Number.isSafeInteger(d))) fail(`a bad shape (${shape})`);
  return { descr, fortran: fortran[1] === 'True', shape: dims };
}

function kindOf(descr: string, name: string): { kind: Kind; little: boolean } {
  const m = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr);
  const order = m?.[1] ?? '';
  const code = m ? `${m[2]}${m[3]}` : descr;
  const kind = KINDS.get(code === '?' ? 'b1' : code);
  if (!kind) {
    const why =
      code === 'O' ? 'an object array (Python pickles are never loaded)' : `dtype '${descr}'`;
    throw new NpyError(
      `'${name}' holds ${why}, which is not supported; supported dtypes: ${NPY_READ_DTYPES}`,
    );
  }
  // '|' (not applicable) and '=' (native, little on every platform numpy writes for) read as little.
  return { kind, little: order !== '>' };
}

/** Reads a `.npy` file's bytes; `name` is the file's name, for messages. */
export function readNpy(bytes: Uint8Array, name = 'array.npy'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new NpyError(`'${name}' is not a .npy file (it does not start with \\x93NUMPY)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = view.getUint8(6);
  if (major < 1 || major > 3) {
    throw new NpyError(`'${name}' is .npy version ${major}.${bytes[7]}; versions 1 to 3 are read`);
  }
  const lengthSize = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lengthSize + headerLength;
  if (bytes.length < 8 + lengthSize || dataStart > bytes.length) {
    throw new NpyError(`'${name}' is truncated inside its .npy header`);
  }
  const headerBytes = bytes.subarray(8 + lengthSize, dataStart);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(headerBytes);
  const header = parseHeader(text, name);
  if (header.fortran) {
    throw new NpyError(
      `'${name}' is in Fortran order, which is not supported; save it in C order ` +
        `(numpy.ascontiguousarray(a) before numpy.save)`,
    );
  }
  const { kind, little } = kindOf(header.descr, name);
  const count = header.shape.reduce((a, b) => a * b, 1);
  const expected = count * kind.size;
  // Checked before allocating: the header cannot ask for more memory than the file holds.
  if (bytes.length - dataStart !== expected) {
    throw new NpyError(
      `'${name}': shape (${header.shape.join(', ')}) of ${header.descr} needs ${expected} bytes ` +
        `of data, the file has ${bytes.length - dataStart}`,
    );
  }
  const data =
    kind.to === 'float32'
      ? new Float32Array(count)
      : kind.to === 'int32'
        ? new Int32Array(count)
        : new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const value = kind.get(view, dataStart + i * kind.size, little);
    if (typeof value === 'bigint') {
      if (value > 2147483647n || value < -2147483648n) {
        throw new NpyError(
          `'${name}': value ${value} at flat index ${i} is outside int32's range; ` +
            `tensors hold int32, so cast the array (a.astype(numpy.int32)) or use float32`,
        );
      }
      data[i] = Number(value);
    } else if (kind.size === 4 && kind.to === 'int32' && value > 2147483647) {
      throw new NpyError(
        `'${name}': value ${value} at flat index ${i} is outside int32's range (uint32 array)`,
      );
    } else {
      data[i] = kind.to === 'bool' ? (value ? 1 : 0) : value;
    }
  }
  return { dtype: kind.to, shape: header.shape, data };
}

const DESCR: Record<NpyArray['dtype'], string> = { float32: '<f4', int32: '<i4', bool: '|b1' };

/** Writes an array as a version 1.0 `.npy` file, little-endian, C order. */
export function writeNpy(array: NpyArray): Uint8Array {
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (array.data.length !== count) {
    throw new NpyError(
      `cannot write .npy: shape [${array.shape.join(', ')}] holds ${count} values, data has ${array.data.length}`,
    );
  }
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${DESCR[array.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  // numpy pads the header with spaces and a newline so the data starts on a 64-byte boundary.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const itemSize = array.dtype === 'bool' ? 1 : 4;
  const out = new Uint8Array(10 + header.length + count * itemSize);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const start = 10 + header.length;
  for (const [i, v] of array.data.entries()) {
    if (array.dtype === 'float32') view.setFloat32(start + 4 * i, v, true);
    else if (array.dtype === 'int32') view.setInt32(start + 4 * i, v, true);
    else out[start + i] = v ? 1 : 0;
  }
  return out;
}
