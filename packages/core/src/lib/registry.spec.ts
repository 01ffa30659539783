import { DuplicateRegistrationError, UnknownLayerError } from './errors.js';
import { Affine } from './test-layers.test-helpers.js';
import {
  deserializeLayer,
  getLayerPlugin,
  registeredLayers,
  registerLayer,
  serializeLayer,
  unregisterLayer,
} from './registry.js';
import { resetNames } from './names.js';
import { TimeDistributed } from './time-distributed/time-distributed.js';
import '../index.js';

const affinePlugin = {
  className: 'Affine',
  create: (o: { name?: string }) => new Affine(o),
  fromConfig: (c: Record<string, unknown>) => new Affine({ name: c['name'] as string }),
};

describe('layer registry', () => {
  afterEach(() => unregisterLayer('Affine'));

  it('registers a plugin once and refuses the same class name again, naming it', () => {
    registerLayer(affinePlugin);
    expect(registeredLayers()).toContain('Affine');
    expect(() => registerLayer({ ...affinePlugin })).toThrow(DuplicateRegistrationError);
    expect(() => registerLayer({ ...affinePlugin })).toThrow(/'Affine' is already registered/);
  });

  it('names the registered classes when a class is unknown', () => {
    registerLayer(affinePlugin);
    let error: unknown;
    try {
      getLayerPlugin('Conv9D');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownLayerError);
    expect((error as UnknownLayerError).registered).toEqual(
      expect.arrayContaining(['Affine', 'TimeDistributed']),
    );
    expect(String(error)).toMatch(/unknown layer class 'Conv9D'.*Affine.*TimeDistributed/);
  });

  it('round-trips TimeDistributed through Keras JSON with its inner layer', () => {
    registerLayer(affinePlugin);
    resetNames();
    const td = new TimeDistributed(new Affine(), {
      strategy: 'loop',
      chunkSize: 4,
      noise: 'shared',
      statistics: 'perStep',
    });
    const json = serializeLayer(td);
    expect(json).toEqual({
      class_name: 'TimeDistributed',
      config: {
        name: 'time_distributed_1',
        trainable: true,
        dtype: 'float32',
        layer: { class_name: 'Affine', config: { name: 'affine_1' } },
        strategy: 'loop',
        chunk_size: 4,
        noise: 'shared',
        statistics: 'perStep',
      },
    });
    const back = deserializeLayer(JSON.parse(JSON.stringify(json))) as TimeDistributed;
    expect(back).toBeInstanceOf(TimeDistributed);
    expect(back.name).toBe('time_distributed_1');
    expect(back.strategy).toBe('loop');
    expect(back.chunkSize).toBe(4);
    expect([back.noise, back.statistics]).toEqual(['shared', 'perStep']);
    expect(back.getConfig()).toEqual(json.config);
    expect(back.layer.name).toBe('affine_1');
  });
});
