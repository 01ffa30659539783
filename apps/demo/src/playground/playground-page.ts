import { formatShape } from '@framewise/core';
import { renderHtml, renderWide, summarize } from '@framewise/summary';
import { el } from '../site/dom.js';
import { activateEngine, engineLabel, type ActiveEngine, type EngineRequest } from './backend.js';
import { buildModel, isFieldError, type BuiltModel, type PlaygroundForm } from './build-model.js';
import { compareDense, isDenseOn3d } from './dense-equivalence.js';
import { createForm, CONV2D_EXAMPLE_FORM } from './form.js';
import { runSteps } from './run-model.js';
import { renderSteps } from './steps-view.js';

/** Reads the form from the query of the hash route (`#/playground?layer=Dense&rest=8`), if any. */
function formFromRoute(rest: string): PlaygroundForm {
  const query = new URLSearchParams(rest.replace(/^[^?]*\?/u, ''));
  query.delete('engine');
  if (![...query.keys()].length) return CONV2D_EXAMPLE_FORM;
  const own: Record<string, string> = {};
  for (const [key, value] of query) {
    if (!['batch', 'time', 'rest', 'layer', 'wrap'].includes(key)) own[key] = value;
  }
  const layer = query.get('layer') ?? CONV2D_EXAMPLE_FORM.layer;
  const fields =
    layer === CONV2D_EXAMPLE_FORM.layer ? { ...CONV2D_EXAMPLE_FORM.fields, ...own } : own;
  return {
    batch: query.get('batch') ?? CONV2D_EXAMPLE_FORM.batch,
    time: query.get('time') ?? CONV2D_EXAMPLE_FORM.time,
    rest: query.get('rest') ?? CONV2D_EXAMPLE_FORM.rest,
    layer,
    fields,
    json: fields['json'] ?? '{}',
    wrap: query.get('wrap') !== 'false',
  };
}

function engineStatus(engine: ActiveEngine): HTMLElement[] {
  const running = el('strong', {}, [`Running on ${engineLabel(engine.engine)}`]);
  const parts: HTMLElement[] = [el('p', {}, [running, `: ${engine.reason}`])];
  if (engine.fallback) {
    parts.unshift(
      el('p', { class: 'fallback', 'data-testid': 'engine-fallback' }, [
        `No ${engineLabel(engine.requested)} here, so the page runs on wasm instead. Why: ${engine.fallback}`,
      ]),
    );
  }
  return parts;
}

/**
 * `#/playground`: an input shape, a layer and its options, with or without TimeDistributed; the
 * summary, output shape and parameter count at every change, and a run on WebGPU, WebGL or wasm that
 * shows every step going through the same kernel.
 */
export function renderPlayground(root: HTMLElement, rest: string): () => void {
  const form = createForm(formFromRoute(rest));
  const engineChoice = el('select', { id: 'field-engine', 'data-testid': 'field-engine' }, [
    el('option', { value: 'webgpu' }, ['WebGPU']),
    el('option', { value: 'webgl' }, ['WebGL']),
    el('option', { value: 'wasm' }, ['wasm (XNNPACK)']),
  ]);
  engineChoice.value = new URLSearchParams(rest.replace(/^[^?]*\?/u, '')).get('engine') ?? 'webgpu';
  const runButton = el(
    'button',
    { type: 'button', id: 'run-button', 'data-testid': 'run-button' },
    ['Run again'],
  );
  const status = el(
    'div',
    { id: 'engine-status', 'data-testid': 'engine-status', 'aria-live': 'polite' },
    ['Starting the engine…'],
  );
  const outputShape = el('output', { id: 'output-shape', 'data-testid': 'output-shape' }, ['…']);
  const params = el('output', { id: 'param-count', 'data-testid': 'param-count' }, ['…']);
  const summary = el('div', { id: 'summary', class: 'summary', 'data-testid': 'summary' });
  const denseNote = el('div', {
    id: 'dense-note',
    class: 'callout',
    'data-testid': 'dense-note',
    hidden: '',
  });
  const steps = el('div', { id: 'steps-host', 'data-testid': 'steps-host' });
  const runState = el('p', { id: 'run-state', class: 'note', 'data-testid': 'run-state' });

  root.append(
    el('h1', {}, ['Playground']),
    el('p', { class: 'lead' }, [
      'Pick an input shape and a layer, wrap it in TimeDistributed or not: the summary, output shape and parameter count follow every change, and the layer runs in this browser on the frames below.',
    ]),
    el('div', { class: 'playground' }, [
      el('div', { class: 'controls' }, [
        form.element,
        el('fieldset', {}, [
          el('legend', {}, ['Engine']),
          el('div', { class: 'engine-row' }, [engineChoice, runButton]),
          status,
        ]),
      ]),
      el('div', { class: 'results' }, [
        el('div', { class: 'figures' }, [
          el('div', {}, [el('span', { class: 'figure-label' }, ['Output shape']), outputShape]),
          el('div', {}, [el('span', { class: 'figure-label' }, ['Parameters']), params]),
        ]),
        summary,
        denseNote,
      ]),
    ]),
    el('h2', {}, ['Every step, the same weights']),
    runState,
    steps,
  );

  let current: BuiltModel | undefined;
  let engine: ActiveEngine | undefined;
  // One piece of work at a time: a model is never freed while it runs, nor run half-built.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>): void => {
    queue = queue.then(work).catch((e: unknown) => {
      runState.textContent = `Something failed: ${(e as Error).message}`;
      runState.classList.add('error');
    });
  };

  const show = (m: BuiltModel): void => {
    outputShape.textContent = formatShape(m.outputShape);
    params.textContent = m.params.toLocaleString('en');
    const data = summarize(m.model);
    summary.innerHTML = renderHtml(data).join('\n');
    const wide = el('pre', { class: 'wide' }, [renderWide(data).join('\n')]);
    summary.append(
      el('details', {}, [el('summary', {}, ['The same summary as text (wide renderer)']), wide]),
    );
  };

  const run = async (): Promise<void> => {
    if (!current || !engine) return;
    runState.classList.remove('error');
    runState.textContent = `Running ${current.model.name} on ${engineLabel(engine.engine)}…`;
    const result = await runSteps(current.model, current.layer, current.inputShape);
    steps.replaceChildren(renderSteps(result));
    runState.textContent = `Ran input (${result.inputShape.join(', ')}) on ${engineLabel(engine.engine)} in ${result.milliseconds.toFixed(1)} ms (first run includes compiling the kernels). Sample 0 below.`;
    root.dataset['ran'] = engine.engine;
  };

  const rebuild = async (): Promise<void> => {
    const values = form.read();
    current?.model.dispose();
    current = undefined;
    const built = buildModel(values);
    if (isFieldError(built)) {
      form.showError(built.field, `${built.errorClass}: ${built.message}`);
      outputShape.textContent = '—';
      params.textContent = '—';
      summary.replaceChildren(
        el('p', { class: 'note' }, ['Fix the highlighted field to see the summary.']),
      );
      denseNote.hidden = true;
      steps.replaceChildren();
      runState.textContent = '';
      root.dataset['state'] = 'error';
      return;
    }
    form.showError();
    current = built;
    root.dataset['state'] = 'built';
    show(built);
    denseNote.hidden = true;
    if (isDenseOn3d(values, built.inputShape)) await explainDense(values);
    await run();
  };

  const explainDense = async (values: PlaygroundForm): Promise<void> => {
    const c = await compareDense(values);
    if (!c) return;
    denseNote.hidden = false;
    denseNote.replaceChildren(
      el('h3', {}, ['Wrapping Dense makes no difference here']),
      el('p', {}, [
        `Dense alone: ${formatShape(c.plainShape)}, ${c.plainParams} parameters. TimeDistributed(Dense): ${formatShape(c.wrappedShape)}, ${c.wrappedParams} parameters. With the same weights the outputs differ by at most `,
        el('output', { 'data-testid': 'dense-diff' }, [c.maxAbsDiff.toExponential(1)]),
        '.',
      ]),
      el('p', {}, [
        'Why: Dense multiplies the last axis by its kernel, at every position of the axes before it. On (batch, time, features) it already treats every step alike with one kernel (features × units) and one bias (units); TimeDistributed only merges batch and time into one axis, applies the same Dense, and splits them back.',
      ]),
    );
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => enqueue(rebuild), 200);
  };
  form.element.addEventListener('input', schedule);
  form.element.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).id === 'field-layer') {
      form.showOptions((event.target as HTMLSelectElement).value);
    }
    schedule();
  });
  form.element.addEventListener('submit', (event) => event.preventDefault());
  const switchEngine = (): void =>
    enqueue(async () => {
      status.textContent = 'Starting the engine…';
      engine = await activateEngine(engineChoice.value as EngineRequest);
      status.replaceChildren(...engineStatus(engine));
      status.dataset['engine'] = engine.engine;
      root.dataset['engine'] = engine.engine;
      await run();
    });
  engineChoice.addEventListener('change', switchEngine);
  runButton.addEventListener('click', () => enqueue(run));

  enqueue(async () => {
    engine = await activateEngine(engineChoice.value as EngineRequest);
    status.replaceChildren(...engineStatus(engine));
    status.dataset['engine'] = engine.engine;
    root.dataset['engine'] = engine.engine;
  });
  enqueue(rebuild);

  // Leaving the page: stop reacting, and free the model's weights once its work is done.
  return () => {
    clearTimeout(timer);
    enqueue(async () => {
      current?.model.dispose();
      current = undefined;
    });
  };
}
