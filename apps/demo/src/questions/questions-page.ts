import { at, formatShape, resetNames } from '@framewise/core';
import { renderHtml, summarize } from '@framewise/summary';
import { buildModel, isFieldError, type PlaygroundForm } from '../playground/build-model.js';
import { ensureEngine } from '../playground/backend.js';
import { compareDense } from '../playground/dense-equivalence.js';
import { CONV2D_EXAMPLE_FORM } from '../playground/form.js';
import { el } from '../site/dom.js';
import { maskHead } from './mask-head.js';

const denseForm: PlaygroundForm = {
  ...CONV2D_EXAMPLE_FORM,
  time: '12',
  rest: '8',
  layer: 'Dense',
  fields: { units: '10', activation: 'linear', useBias: 'true' },
};

function section(id: string, title: string, body: (HTMLElement | string)[]): HTMLElement {
  return el('section', { class: 'question', id, 'data-testid': id }, [
    el('h2', {}, [title]),
    ...body,
  ]);
}

function tryIt(query: string): HTMLElement {
  return el('p', {}, [
    el('a', { href: `#/playground?${query}`, class: 'button' }, ['Try it in the playground']),
  ]);
}

async function denseAnswer(): Promise<HTMLElement> {
  const c = await compareDense(denseForm);
  const figures = c
    ? el('table', { class: 'figures-table' }, [
        el('tr', {}, [
          el('th', {}, ['model']),
          el('th', {}, ['output shape']),
          el('th', {}, ['parameters']),
        ]),
        el('tr', {}, [
          el('td', {}, ['Dense(10) on (12, 8)']),
          el('td', {}, [formatShape(c.plainShape)]),
          el('td', { 'data-testid': 'dense-plain-params' }, [String(c.plainParams)]),
        ]),
        el('tr', {}, [
          el('td', {}, ['TimeDistributed(Dense(10)) on (12, 8)']),
          el('td', {}, [formatShape(c.wrappedShape)]),
          el('td', { 'data-testid': 'dense-wrapped-params' }, [String(c.wrappedParams)]),
        ]),
      ])
    : el('p', {}, ['(could not build the models)']);
  return section(
    'question-dense',
    'Why does Dense on (12, 8) give 90 parameters, with or without the wrapper?',
    [
      figures,
      el('p', {}, [
        'Dense has one kernel of features × units = 8 × 10 = 80 weights and one bias of 10: 90. It multiplies the ',
        el('em', {}, ['last']),
        ' axis by that kernel, at every position of the axes before it, so on (batch, 12, 8) it already treats each of the 12 steps alike. TimeDistributed merges batch and time into one axis, applies the same Dense, and splits them back: same weights, same numbers.',
      ]),
      el('p', {}, [
        'Computed just now in this page, with the second model given the first one\u2019s weights: the outputs differ by at most ',
        el('output', { 'data-testid': 'dense-max-diff' }, [
          c ? c.maxAbsDiff.toExponential(1) : '?',
        ]),
        '.',
      ]),
      tryIt('layer=Dense&time=12&rest=8&units=10'),
    ],
  );
}

function convAnswer(): HTMLElement {
  const rows = ['1', '4', '12', '100', 'None'].map((time) => {
    const built = buildModel({ ...CONV2D_EXAMPLE_FORM, time });
    if (isFieldError(built)) return el('tr', {}, [el('td', { colspan: '4' }, [built.message])]);
    const macs = summarize(built.model).totals.macs;
    const row = el('tr', { 'data-time': time }, [
      el('td', {}, [time]),
      el('td', {}, [formatShape(built.outputShape)]),
      el('td', { class: 'num', 'data-testid': `conv-params-${time}` }, [String(built.params)]),
      el('td', { class: 'num' }, [
        macs === null ? 'depends on the steps' : macs.toLocaleString('en'),
      ]),
    ]);
    built.model.dispose();
    return row;
  });
  return section(
    'question-conv',
    'Why does TimeDistributed(Conv2D(32, 3×3)) have 896 parameters whatever the number of steps?',
    [
      el('table', { class: 'figures-table' }, [
        el('tr', {}, [
          el('th', {}, ['steps']),
          el('th', {}, ['output shape']),
          el('th', {}, ['parameters']),
          el('th', {}, ['MACs per sample']),
        ]),
        ...rows,
      ]),
      el('p', {}, [
        'The parameters are the kernel, 3 × 3 × 3 input channels × 32 filters = 864, and one bias per filter, 32: 896. None of it depends on the frames: every step goes through the same kernel, so 12 steps or 100 share one set of weights. What grows with the steps is the work (the MACs column) and the memory of the activations, not the model.',
      ]),
      tryIt('time=12&rest=32,32,3'),
    ],
  );
}

function maskAnswer(): HTMLElement {
  const open = maskHead(null);
  resetNames(); // the table shows conv2d_1, as a fresh Keras session would
  const head = maskHead(50);
  const table = el('div', { class: 'summary', 'data-testid': 'mask-summary' });
  table.innerHTML = renderHtml(summarize(head)).join('\n');
  const same = head.countParams() === open.countParams();
  const answer = section('question-mask-rcnn', 'What does the wrapper do in a Mask R-CNN head?', [
    el('p', {}, [
      'In Mask R-CNN the distributed axis is not time but the regions of interest. After ROI Align, an image gives a tensor (batch, ROIs, 14, 14, 256): one 14 × 14 crop of the feature maps per ROI. Conv2D takes (batch, height, width, channels) and cannot see the extra axis, so every layer of the mask head is wrapped: TimeDistributed merges batch and ROIs, runs each layer once on (batch·ROIs, 14, 14, 256), and splits them back. Every ROI goes through the same weights, and the number of ROIs changes nothing in the model.',
    ]),
    el('p', {}, [
      `The mask head built here with 50 ROIs has ${head.countParams().toLocaleString('en')} parameters; with the number of ROIs left open, ${open.countParams().toLocaleString('en')}${same ? ': the same' : ''}. Its output ${formatShape(at(head.outputs, 0, 'mask head output').shape)} holds one 28 × 28 mask per ROI and class.`,
    ]),
    table,
  ]);
  head.dispose();
  open.dispose();
  return answer;
}

/** `#/questions`: three questions about TimeDistributed, answered by models built in this page. */
export async function renderQuestions(root: HTMLElement): Promise<void> {
  root.append(
    el('h1', {}, ['Why 90 and 896?']),
    el('p', { class: 'lead' }, [
      'Three questions people ask about TimeDistributed, answered with models Framewise builds in this page: every figure below is computed, not typed in.',
    ]),
  );
  const status = el('p', { class: 'note' }, ['Building the models…']);
  root.append(status);
  await ensureEngine();
  root.append(await denseAnswer(), convAnswer(), maskAnswer());
  status.remove();
  root.dataset['ready'] = 'true';
}
