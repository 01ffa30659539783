import * as tf from '@tensorflow/tfjs-core';
import { at, FramewiseError, type Layer } from '@framewise/core';
import { outcome, type CheckOutcome } from './check-outcome.js';
import { compareOutputs, DEFAULT_TOLERANCE, errorText, formatShapes } from './kit-compare.js';
import {
  applyConcrete,
  applySymbolic,
  concreteShape,
  firstCall,
  firstIsMulti,
  firstShapes,
  inputList,
  isMultiInput,
  makeInputs,
  makeLayer,
  openShape,
  type AnyLayerKitSpec,
} from './kit-inputs.js';
import type { BadInput } from './spec.js';

/** One input the layer must refuse. */
interface BadCall {
  label: string;
  shapes: number[][];
  multi: boolean;
  onceBuilt: boolean;
}

/** The ranks of the first input the layer must refuse: the spec's, or rank + 2 (and 1 from rank 3). */
export function wrongRanksOf(spec: AnyLayerKitSpec): number[] {
  if (spec.wrongRanks) return spec.wrongRanks;
  const rank = at(inputList(firstCall(spec)), 0, 'first input shape').length;
  return rank >= 3 ? [rank + 2, 1] : [rank + 2];
}

/** `shape` with another rank: sizes of 2 added after the batch, or axes after the batch dropped. */
export function withRank(shape: number[], rank: number): number[] {
  const batch = at(shape, 0, 'batch size');
  if (rank <= 1) return [batch];
  if (rank <= shape.length) return [batch, ...shape.slice(shape.length - rank + 1)];
  return [batch, ...Array<number>(rank - shape.length).fill(2), ...shape.slice(1)];
}

function badCall(spec: AnyLayerKitSpec, bad: BadInput): BadCall {
  const onceBuilt = bad.onceBuilt ?? false;
  if (bad.shapes !== undefined) {
    const shapes = inputList(bad.shapes).map((s) => concreteShape(s));
    return { label: formatShapes(shapes), shapes, multi: isMultiInput(bad.shapes), onceBuilt };
  }
  if (bad.rank === undefined) throw new Error('a bad input needs a rank or shapes');
  const first = firstShapes(spec);
  const shapes = [withRank(at(first, 0, 'first input shape'), bad.rank), ...first.slice(1)];
  return { label: `rank ${bad.rank}`, shapes, multi: firstIsMulti(spec), onceBuilt };
}

/** Every bad input of a spec: its wrong ranks, then its `badInputs`. */
export function badInputsOf(spec: AnyLayerKitSpec): BadInput[] {
  return [...wrongRanksOf(spec).map((rank) => ({ rank })), ...(spec.badInputs ?? [])];
}

/** True when `message` has `name` as a whole word (`dense_1`, not the start of `dense_12`). */
function mentions(message: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|\\W)${escaped}($|\\W)`).test(message);
}

/** The layer and every layer inside it (a wrapper's inner layer, Bidirectional's copies). */
function layerNames(layer: Layer): string[] {
  const names: string[] = [];
  const visit = (l: Layer): void => {
    if (names.includes(l.name)) return;
    names.push(l.name);
    l.sublayers().forEach(visit);
  };
  visit(layer);
  return names;
}

/**
 * Problems with what `fn` threw (or that it did not throw). The message must name the layer,
 * or a layer inside it: wrappers let the layer they wrap check its own input, as core's
 * TimeDistributed does; `named` collects which.
 */
function refusalProblems(
  fn: () => unknown,
  layer: Layer,
  what: string,
  named: Set<string>,
): string[] {
  try {
    const made = fn();
    tf.dispose((Array.isArray(made) ? made : [made]).filter((t) => t instanceof tf.Tensor));
  } catch (e) {
    if (!(e instanceof FramewiseError)) {
      return [`${what} threw ${errorText(e)}, not a FramewiseError (ShapeError ...)`];
    }
    const name = layerNames(layer).find((n) => mentions(e.message, n));
    if (name === undefined) {
      return [`${what}: the ${e.name} does not name the layer '${layer.name}': "${e.message}"`];
    }
    named.add(name === layer.name ? e.name : `${e.name} naming an inner layer`);
    return [];
  }
  return [`${what} did not throw`];
}

/** Tries a bad call symbolically and concretely; the layer must refuse both and keep its state. */
function refuse(layer: Layer, spec: AnyLayerKitSpec, bad: BadCall, seen: Set<string>): string[] {
  const when = layer.built ? 'after the build' : 'before the build';
  const nodes = layer.inboundNodes.length;
  const weights = layer.weights;
  const built = layer.built;
  const open = bad.shapes.map(openShape);
  const problems = refusalProblems(
    () => applySymbolic(layer, open, bad.multi),
    layer,
    `${when}, symbolic apply on ${formatShapes(open)}`,
    seen,
  );
  const inputs = makeInputs(spec, bad.shapes);
  const tensors = tf.memory().numTensors;
  problems.push(
    ...refusalProblems(
      () => applyConcrete(layer, spec, inputs, { multi: bad.multi }),
      layer,
      `${when}, apply on ${formatShapes(bad.shapes)}`,
      seen,
    ),
  );
  const left = tf.memory().numTensors - tensors;
  tf.dispose(inputs);
  if (left !== 0) problems.push(`${when}, the refused call on ${bad.label} left ${left} tensor(s)`);
  if (layer.inboundNodes.length !== nodes) {
    problems.push(
      `${when}, refusing ${bad.label} added ${layer.inboundNodes.length - nodes} inbound node(s)`,
    );
  }
  const now = layer.weights;
  if (now.length !== weights.length || now.some((w, i) => w !== weights[i])) {
    problems.push(
      `${when}, refusing ${bad.label} changed the weights (${weights.length} -> ${now.length})`,
    );
  }
  if (layer.built !== built)
    problems.push(`${when}, refusing ${bad.label} changed built to ${layer.built}`);
  return problems;
}

/**
 * Check 6: inputs of the wrong rank (and the spec's `badInputs`), symbolic and concrete,
 * before the build (unless `onceBuilt`) and after it, throw a FramewiseError whose message names the layer; the
 * layer keeps its inbound nodes, weights and built state, no tensor is left behind, and the
 * layer still gives the same outputs on good input.
 */
export async function checkBadInput(spec: AnyLayerKitSpec): Promise<CheckOutcome> {
  const result = outcome();
  const seen = new Set<string>();
  const tolerance = spec.tolerance ?? DEFAULT_TOLERANCE;
  const calls = badInputsOf(spec).map((b) => badCall(spec, b));
  for (const bad of calls) {
    const layer = makeLayer(spec);
    const good = firstShapes(spec);
    const inputs = makeInputs(spec, good);
    const held: tf.Tensor[] = [...inputs];
    try {
      if (!bad.onceBuilt) result.problems.push(...refuse(layer, spec, bad, seen));
      applySymbolic(layer, good.map(openShape), firstIsMulti(spec));
      const before = applyConcrete(layer, spec, inputs);
      const again = applyConcrete(layer, spec, inputs);
      held.push(...before, ...again);
      // A layer that keeps state between calls (stateful RNNs) cannot be compared call to call.
      const steady = (await compareOutputs('', before, again, tolerance)) === undefined;
      result.problems.push(...refuse(layer, spec, bad, seen));
      const after = applyConcrete(layer, spec, inputs);
      held.push(...after);
      const what = `after refusing ${bad.label}, the outputs`;
      const p = steady ? await compareOutputs(what, before, after, tolerance) : undefined;
      if (p) result.problems.push(p);
    } catch (e) {
      result.problems.push(`${bad.label}: ${errorText(e)}`);
    } finally {
      tf.dispose([...new Set(held)].filter((t) => !t.isDisposed));
      layer.dispose();
    }
  }
  const labels = calls.map((b) => `${b.label}${b.onceBuilt ? ' (once built)' : ''}`);
  result.notes.push(`${labels.join(', ')} refused with ${[...seen].join(', ') || 'no error'}`);
  return result;
}
