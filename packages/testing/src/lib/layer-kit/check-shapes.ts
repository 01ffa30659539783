import * as tf from '@tensorflow/tfjs-core';
import { at, isShapeList, type Shape, type Shapes } from '@framewise/core';
import { outcome, type CheckOutcome } from './check-outcome.js';
import { errorText, formatShapes, shapeFits } from './kit-compare.js';
import {
  applyConcrete,
  asCall,
  concreteShape,
  inputList,
  isMultiInput,
  makeInputs,
  makeLayer,
  makeMask,
  openShape,
  applySymbolic,
  type AnyLayerKitSpec,
} from './kit-inputs.js';
import type { CallShape } from './spec.js';

const shapeList = (s: Shapes): Shape[] => (isShapeList(s) ? s : [s]);
const sameShapes = (a: Shape[], b: Shape[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Where the declared shapes do not fit the ones a call gave; undefined when they do. */
function mismatch(declared: Shape[], actual: number[][]): string | undefined {
  const fits =
    declared.length === actual.length &&
    declared.every((d, i) => shapeFits(d, at(actual, i, 'given shape')));
  return fits ? undefined : `${formatShapes(declared)} declared, ${formatShapes(actual)} given`;
}

/**
 * Check 1: `computeOutputShape` on the open shapes (batch and every `null` left open), before
 * and after the build, equals the shape of symbolic `apply` on `input()`, and fits the shape
 * `apply` gives on concrete tensors, with open sizes filled in two ways and in both modes.
 */
export async function checkShapes(spec: AnyLayerKitSpec): Promise<CheckOutcome> {
  const result = outcome();
  for (const call of spec.inputShapes) {
    result.problems.push(...(await checkCall(spec, call, result.notes)));
  }
  return result;
}

async function checkCall(
  spec: AnyLayerKitSpec,
  call: CallShape,
  notes: string[],
): Promise<string[]> {
  const problems: string[] = [];
  const multi = isMultiInput(call);
  const shapes = inputList(call);
  const open = shapes.map(openShape);
  const where = `on ${formatShapes(open)}`;
  const layer = makeLayer(spec);
  try {
    const declared = shapeList(layer.computeOutputShape(asCall(open, multi)));
    const symbolic = applySymbolic(layer, open, multi).map((t) => t.shape);
    if (!sameShapes(declared, symbolic)) {
      problems.push(
        `${where}: computeOutputShape gave ${formatShapes(declared)}, symbolic apply ${formatShapes(symbolic)}`,
      );
    }
    const rebuilt = shapeList(layer.computeOutputShape(asCall(open, multi)));
    if (!sameShapes(declared, rebuilt)) {
      problems.push(
        `${where}: computeOutputShape changed with the build: ${formatShapes(declared)} before, ${formatShapes(rebuilt)} after`,
      );
    }
    const hasOpenSizes = shapes.some((s) => s.slice(1).includes(null));
    for (const fill of hasOpenSizes ? [3, 4] : [3]) {
      const concrete = shapes.map((s) => concreteShape(s, fill));
      const inputs = makeInputs(spec, concrete);
      const mask = makeMask(spec, at(concrete, 0, 'first input shape'));
      try {
        const exact = shapeList(layer.computeOutputShape(asCall(concrete, multi)));
        for (const training of [false, true]) {
          const outputs = applyConcrete(layer, spec, inputs, { training, mask });
          const actual = outputs.map((o) => o.shape);
          tf.dispose(outputs.filter((o) => !inputs.includes(o)));
          const mode = training ? 'training' : 'inference';
          const vsOpen = mismatch(declared, actual);
          if (vsOpen)
            problems.push(`${where}, apply on ${formatShapes(concrete)} (${mode}): ${vsOpen}`);
          const full = mismatch(exact, actual);
          if (full) {
            problems.push(
              `computeOutputShape on ${formatShapes(concrete)} does not fit apply (${mode}): ${full}`,
            );
          }
        }
      } finally {
        tf.dispose([...inputs, ...(mask ? [mask] : [])]);
      }
    }
    notes.push(`${formatShapes(open)} -> ${formatShapes(declared)}`);
  } catch (e) {
    problems.push(`${where}: ${errorText(e)}`);
  } finally {
    layer.dispose();
  }
  return problems;
}
