import { registeredLayers } from '@framewise/core';
import '@framewise/layers';
import { el } from '../site/dom.js';
import type { PlaygroundForm } from './build-model.js';
import { jsonDefault, layerFields, type FieldSpec } from './layer-fields.js';

// Registered classes that are not one layer applied to one input: the input itself, models,
// the wrapper (the checkbox), and layers that take several inputs or another layer.
const NOT_OFFERED = new Set([
  'InputLayer',
  'Functional',
  'Model',
  'Sequential',
  'TimeDistributed',
  'Bidirectional',
  'Add',
  'Concatenate',
  'Multiply',
]);

/** The layers the playground offers: the registry's, so plugins registered later appear too. */
export function offeredLayers(): string[] {
  return registeredLayers().filter((name) => !NOT_OFFERED.has(name));
}

/** Starting values: TimeDistributed(Conv2D(32, 3×3)) on (12, 32, 32, 3), 896 parameters. */
export const CONV2D_EXAMPLE_FORM: PlaygroundForm = {
  batch: 'None',
  time: '12',
  rest: '32, 32, 3',
  layer: 'Conv2D',
  fields: { filters: '32', kernelSize: '3, 3', padding: 'same' },
  json: '{}',
  wrap: true,
};

/** A labelled control with the slot its error message goes into (`#error-<field>`). */
function labelled(field: string, label: string, control: HTMLElement, help?: string): HTMLElement {
  control.id = `field-${field}`;
  control.dataset['testid'] = `field-${field}`;
  control.setAttribute('name', field);
  control.setAttribute('aria-describedby', `error-${field}`);
  if (help) control.title = help;
  return el('div', { class: 'field', 'data-field': field }, [
    el('label', { for: `field-${field}` }, [label]),
    control,
    el('span', {
      class: 'field-error',
      id: `error-${field}`,
      'data-testid': `error-${field}`,
      role: 'alert',
    }),
  ]);
}

function optionControl(spec: FieldSpec, value: string): HTMLElement {
  if (spec.kind === 'choice' || spec.kind === 'bool') {
    const choices = spec.kind === 'bool' ? ['true', 'false'] : (spec.choices ?? []);
    const select = el(
      'select',
      {},
      choices.map((c) => el('option', { value: c }, [c])),
    );
    select.value = value;
    return select;
  }
  const field = el('input', { type: 'text', value, inputmode: 'numeric', autocomplete: 'off' });
  return field;
}

/** The form's controls and a way to read them. */
export interface FormView {
  element: HTMLElement;
  read(): PlaygroundForm;
  /** Rebuilds the option fields for the chosen layer (its defaults, or `keep` values). */
  showOptions(layer: string, keep?: Readonly<Record<string, string>>): void;
  /** Clears every message, then shows `message` next to `field` (or the layer when unknown). */
  showError(field?: string, message?: string): void;
}

/** The playground's form: input shape, layer and options, wrapper, started from `initial`. */
export function createForm(initial: PlaygroundForm): FormView {
  const text = (value: string) => el('input', { type: 'text', value, autocomplete: 'off' });
  const layer = el(
    'select',
    {},
    offeredLayers().map((n) => el('option', { value: n }, [n])),
  );
  layer.value = initial.layer;
  const wrap = el('input', { type: 'checkbox' });
  wrap.checked = initial.wrap;
  const options = el('div', {
    class: 'options',
    id: 'layer-options',
    'data-testid': 'layer-options',
  });
  const element = el(
    'form',
    { class: 'playground-form', id: 'playground-form', 'data-testid': 'playground-form' },
    [
      el('fieldset', {}, [
        el('legend', {}, ['Input shape']),
        el('div', { class: 'shape-row' }, [
          el('span', { class: 'paren' }, ['(']),
          labelled('batch', 'batch', text(initial.batch), 'None leaves the batch size open'),
          labelled('time', 'time', text(initial.time), 'steps; None leaves it open'),
          labelled('rest', 'rest of the shape', text(initial.rest), 'comma-separated: 32, 32, 3'),
          el('span', { class: 'paren' }, [')']),
        ]),
      ]),
      el('fieldset', {}, [
        el('legend', {}, ['Layer']),
        el('div', { class: 'layer-row' }, [
          labelled('layer', 'class', layer),
          el('div', { class: 'field checkbox' }, [
            el('label', {}, [wrap, ' wrap in TimeDistributed']),
          ]),
        ]),
        options,
      ]),
    ],
  );
  wrap.id = 'field-wrap';
  wrap.dataset['testid'] = 'field-wrap';

  const view: FormView = {
    element,
    read() {
      const fields: Record<string, string> = {};
      for (const control of options.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
        '[name]',
      )) {
        fields[control.name] = control.value;
      }
      const value = (id: string): string => {
        const field = element.querySelector<HTMLInputElement>(`#field-${id}`);
        if (!field) throw new Error(`the form has no #field-${id} input`);
        return field.value;
      };
      return {
        batch: value('batch'),
        time: value('time'),
        rest: value('rest'),
        layer: layer.value,
        fields,
        json: fields['json'] ?? '{}',
        wrap: wrap.checked,
      };
    },
    showOptions(name, keep = {}) {
      const specs = layerFields(name);
      if (!specs) {
        const box = el('textarea', { rows: '3', spellcheck: 'false' });
        box.value = keep['json'] ?? jsonDefault(name);
        options.replaceChildren(labelled('json', `${name} options (JSON, tfjs-layers names)`, box));
        return;
      }
      options.replaceChildren(
        ...specs.map((spec) =>
          labelled(
            spec.name,
            spec.name,
            optionControl(spec, keep[spec.name] ?? spec.initial),
            spec.help,
          ),
        ),
      );
    },
    showError(field, message) {
      for (const slot of element.querySelectorAll('.field-error')) slot.textContent = '';
      for (const f of element.querySelectorAll('.field.invalid')) f.classList.remove('invalid');
      if (!field || !message) return;
      const slot =
        element.querySelector(`#error-${CSS.escape(field)}`) ??
        element.querySelector('#error-layer');
      if (!slot) throw new Error('the form has no #error-layer slot');
      slot.textContent = message;
      slot.closest('.field')?.classList.add('invalid');
    },
  };
  view.showOptions(initial.layer, initial.fields);
  return view;
}
