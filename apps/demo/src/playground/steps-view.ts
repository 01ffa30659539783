import { at } from '@framewise/core';
import { el } from '../site/dom.js';
import { drawPicture, kernelPictures, slicePictures, valueRange } from './draw.js';
import type { StepRun } from './run-model.js';

/** Steps drawn at most; longer sequences show their first ones and say how many were left. */
export const MAX_STEPS_SHOWN = 12;
const MAX_MAPS = 4;
const FRAME_WIDTH = 88;

function shapeText(shape: readonly number[]): string {
  return `(${shape.join(', ')})`;
}

/** Each step's pictures (one per channel shown), with one scale per channel across the steps. */
function stepPictures(
  slices: readonly Float32Array[],
  shape: readonly number[],
  kind: string,
): HTMLElement[] {
  const perStep = slices.map((values) => slicePictures(values, shape, MAX_MAPS));
  const ranges = (perStep[0] ?? []).map((_, k) =>
    sharedRange(perStep.map((pics) => at(pics, k, 'step picture').values)),
  );
  return perStep.map((pics) =>
    el(
      'div',
      { class: `pictures ${kind}` },
      pics.map((p, k) => drawPicture(p, 'gray', FRAME_WIDTH, ranges[k])),
    ),
  );
}

/** One scale for pictures that are compared (the same channel at every step, a kernel's filters). */
function sharedRange(slices: readonly ArrayLike<number>[]): [number, number] {
  const ranges = slices.map((s) => valueRange(s));
  return [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
}

/** The shared kernel, drawn once: every step below goes through these weights. */
function kernelPanel(run: StepRun): HTMLElement {
  const kernel = run.kernel;
  if (!kernel) {
    return el(
      'div',
      { class: 'kernel-panel', id: 'shared-kernel', 'data-testid': 'shared-kernel' },
      [
        el('p', {}, [
          'This layer has no kernel: it has no weights to share, and acts on every step the same way.',
        ]),
      ],
    );
  }
  const pictures = kernelPictures(kernel.values, kernel.shape, 8);
  const range = sharedRange(pictures.map((p) => p.values));
  const tiles = pictures.map((p) =>
    drawPicture(p, 'diverging', p.width > 16 ? 200 : Math.max(48, p.width * 16), range),
  );
  return el('div', { class: 'kernel-panel', id: 'shared-kernel', 'data-testid': 'shared-kernel' }, [
    el('h3', {}, ['One kernel for every step']),
    el('p', { class: 'note' }, [
      `${kernel.name} ${shapeText(kernel.shape)}`,
      kernel.shape.length > 2 ? `, first ${tiles.length} filters summed over input channels` : '',
      '. Blue is negative, red positive.',
    ]),
    el('div', { class: 'pictures kernel' }, tiles),
  ]);
}

/**
 * Each step's input frame and output maps side by side (sample 0), with the one shared kernel
 * drawn once above them. A layer that folds the time axis (an RNN without returnSequences)
 * gets one output for the whole sequence.
 */
export function renderSteps(run: StepRun): HTMLElement {
  const shown = Math.min(run.inputs.length, MAX_STEPS_SHOWN);
  const inputs = stepPictures(run.inputs.slice(0, shown), run.stepInputShape, 'input');
  const outputs = stepPictures(
    run.outputs.slice(0, run.perStep ? shown : 1),
    run.stepOutputShape,
    'output',
  );
  const rows: HTMLElement[] = [];
  for (let t = 0; t < shown; t++) {
    rows.push(
      el('div', { class: 'step', 'data-step': String(t), 'data-testid': 'step' }, [
        el('span', { class: 'step-label' }, [`t = ${t}`]),
        at(inputs, t, 'input picture'),
        el('span', { class: 'arrow', 'aria-hidden': 'true' }, [run.perStep ? '→ kernel →' : '']),
        run.perStep ? at(outputs, t, 'output picture') : el('span'),
      ]),
    );
  }
  const mapsNote =
    run.stepOutputShape.length >= 3 &&
    run.stepOutputShape.slice(2).reduce((a, b) => a * b, 1) > MAX_MAPS
      ? ` (first ${MAX_MAPS} of ${run.stepOutputShape.slice(2).reduce((a, b) => a * b, 1)} feature maps)`
      : '';
  return el('div', { class: 'steps', id: 'steps', 'data-testid': 'steps' }, [
    kernelPanel(run),
    el('div', { class: 'step-grid' }, [
      el('div', { class: 'step header' }, [
        el('span', { class: 'step-label' }, ['step']),
        el('span', {}, [`input ${shapeText(run.stepInputShape)}`]),
        el('span'),
        el('span', {}, [run.perStep ? `output ${shapeText(run.stepOutputShape)}${mapsNote}` : '']),
      ]),
      ...rows,
    ]),
    run.inputs.length > shown
      ? el('p', { class: 'note' }, [`The first ${shown} of ${run.inputs.length} steps are shown.`])
      : null,
    run.perStep
      ? null
      : el('div', { class: 'folded' }, [
          el('p', {}, [
            `This layer folds the time axis: one output ${shapeText(run.stepOutputShape)} for the whole sequence, not one per step.`,
          ]),
          at(outputs, 0, 'output picture'),
        ]),
  ]);
}
