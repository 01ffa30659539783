/**
 * The code of the worker thread that reads HDF5 files in Node (see hdf5-worker.ts),
 * as plain JavaScript in a string: the worker is started with `eval: true`, so it
 * runs the same from io's TypeScript sources (tests) and from its built `dist`,
 * and needs no file of its own next to either.
 *
 * It imports h5wasm's Node build from the absolute URL the parent resolved
 * (`workerData.h5wasmUrl`), opens each file it is sent from bytes, and sends back
 * a plain snapshot of the whole tree (see `SnapshotNode` in hdf5-snapshot.ts):
 * child names in HDF5's order, group attributes, dataset shapes, dtypes and values.
 * Everything that can fail is caught per item and sent as an `error` string, so
 * one damaged attribute does not hide the rest of the file. An Emscripten abort
 * (a `WebAssembly.RuntimeError` thrown from inside libhdf5) ends the read with
 * `aborted: true` instead (the rest of the tree is not trusted), and the parent
 * counts it (see `MAX_ABORTS` in hdf5-worker.ts). What it cannot catch is libhdf5 looping forever on
 * some damaged files: that is why this runs in a worker the parent can terminate.
 *
 * Bounds (from the request): no dataset value is read whose declared rank or
 * element count exceeds the limits, nor once the values read so far pass
 * `maxValueBytes`; attribute values stop at `maxAttrBytes` in all; the walk stops
 * at `maxNodes` objects and `maxDepth` levels (hard links can make cycles).
 */
export const HDF5_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

// h5wasm prints HDF5's diagnostics and Emscripten's aborts to the console; here they
// travel in the replies instead (Emscripten binds its printers when the module loads).
console.log = console.warn = console.error = () => undefined;

let h5;
const ready = import(workerData.h5wasmUrl).then(async (m) => {
  const module = await m.ready;
  // HDF5 errors become exceptions carrying the diagnostic, instead of lines printed to stderr.
  module.activate_throwing_error_handler();
  h5 = m;
});
ready.then(
  () => parentPort.postMessage({ ready: true }),
  (e) => parentPort.postMessage({ ready: false, error: message(e) }),
);

// Emscripten's abort() and wasm traps throw a WebAssembly.RuntimeError from the middle of
// a C call: the read stops there, and the parent replaces the worker after a few.
class Aborted extends Error {}

function message(e) {
  return e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
}

const ITEM_BYTES = { f: 4, i: 4, u: 4 };

// A typed array that owns its buffer (h5wasm may hand out views of a larger buffer:
// sending one would copy, or try to transfer, all of it).
function own(v, transfer) {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const copy = v.byteOffset === 0 && v.byteLength === v.buffer.byteLength ? v : v.slice();
    transfer.push(copy.buffer);
    return copy;
  }
  return v;
}

function checked(e) {
  if (e instanceof WebAssembly.RuntimeError || e instanceof Aborted) throw new Aborted(message(e));
  return message(e);
}

function sizeOf(v) {
  if (typeof v === 'string') return v.length * 2;
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (Array.isArray(v)) return v.reduce((n, x) => n + sizeOf(x), 8);
  return 8;
}

function readAttrs(entity, state) {
  const out = [];
  let attrs;
  try {
    attrs = entity.attrs;
  } catch (e) {
    return { attrs: out, error: checked(e) };
  }
  for (const name of Object.keys(attrs)) {
    try {
      const value = attrs[name].value;
      state.attrBytes += sizeOf(value);
      if (state.attrBytes > state.limits.maxAttrBytes) {
        out.push([name, { error: 'attribute values exceed ' + state.limits.maxAttrBytes + ' bytes in all' }]);
      } else {
        out.push([name, { value: own(value, state.transfer) }]);
      }
    } catch (e) {
      out.push([name, { error: checked(e) }]);
    }
  }
  return { attrs: out };
}

function readDataset(ds, path, state) {
  // Dataset attributes are left out: no Keras reader uses them.
  const node = { kind: 'dataset', shape: null, dtype: null };
  try {
    node.shape = ds.shape;
    node.dtype = ds.dtype;
  } catch (e) {
    node.error = checked(e);
    return node;
  }
  const limits = state.limits;
  const shape = node.shape || [];
  if (!state.readValues || limits.skipValues.includes(path.split('/')[0])) {
    node.error = 'values not read (not needed to load a model)';
    return node;
  }
  if (shape.length > limits.maxRank) {
    node.error = 'not read: rank ' + shape.length + ' exceeds limits.maxRank (' + limits.maxRank + ')';
    return node;
  }
  let size = 1;
  for (const d of shape) size *= d;
  if (!(size <= limits.maxTensorElements)) {
    node.error = 'not read: ' + size + ' elements exceed limits.maxTensorElements (' + limits.maxTensorElements + ')';
    return node;
  }
  const item = typeof node.dtype === 'string' ? ITEM_BYTES[node.dtype.replace(/[<>=|]/, '')[0]] || 8 : 8;
  if (state.valueBytes + size * item > limits.maxValueBytes) {
    node.error = 'not read: the datasets read so far and this one pass limits.maxWeightBytes (' + limits.maxValueBytes + ')';
    return node;
  }
  try {
    const value = ds.value;
    state.valueBytes += sizeOf(value);
    node.value = own(value, state.transfer);
  } catch (e) {
    node.error = checked(e);
  }
  return node;
}

function readGroup(g, path, depth, state) {
  const attrs = readAttrs(g, state);
  const node = { kind: 'group', names: [], children: [], attrs: attrs.attrs };
  if (attrs.error) node.error = attrs.error;
  if (depth > state.limits.maxDepth) {
    node.error = 'groups nested deeper than ' + state.limits.maxDepth + ' levels';
    return node;
  }
  let names;
  try {
    names = g.keys();
  } catch (e) {
    node.error = checked(e);
    return node;
  }
  for (const name of names) {
    if (++state.nodes > state.limits.maxNodes) {
      node.error = 'more than ' + state.limits.maxNodes + ' objects';
      return node;
    }
    const childPath = path ? path + '/' + name : name;
    let child;
    try {
      const entity = g.get(name);
      const type = entity && entity.type;
      if (type === 'Group') child = readGroup(entity, childPath, depth + 1, state);
      else if (type === 'Dataset') child = readDataset(entity, childPath, state);
      else child = { kind: 'other', type: String(type) };
    } catch (e) {
      child = { kind: 'other', type: 'unreadable', error: checked(e) };
    }
    node.names.push(name);
    node.children.push(child);
  }
  return node;
}

parentPort.on('message', async (req) => {
  await ready.catch(() => undefined);
  const path = '/framewise-read-' + req.id + '.h5';
  let file;
  try {
    h5.FS.writeFile(path, req.bytes);
    try {
      file = new h5.File(path, 'r');
    } catch (e) {
      const aborted = e instanceof WebAssembly.RuntimeError;
      parentPort.postMessage({ id: req.id, openError: message(e), aborted });
      return;
    }
    const state = {
      limits: req.limits,
      readValues: req.values,
      nodes: 0,
      attrBytes: 0,
      valueBytes: 0,
      transfer: [],
    };
    const root = readGroup(file, '', 0, state);
    try {
      parentPort.postMessage({ id: req.id, root }, state.transfer);
    } catch (e) {
      parentPort.postMessage({ id: req.id, error: 'cannot send the file tree (' + message(e) + ')' });
    }
  } catch (e) {
    // The parent replaces a worker whose module aborted a few times.
    const aborted = e instanceof WebAssembly.RuntimeError || e instanceof Aborted;
    parentPort.postMessage({ id: req.id, error: message(e), aborted });
  } finally {
    try {
      if (file) file.close();
    } catch (e) {
      // Closing a file h5wasm failed to read can fail too; the bytes are deleted below either way.
    }
    try {
      h5.FS.unlink(path);
    } catch (e) {
      // Nothing was written.
    }
  }
});
`;
