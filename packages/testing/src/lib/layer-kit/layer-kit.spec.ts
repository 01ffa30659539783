import * as tf from '@tensorflow/tfjs-core';
import { registeredLayers } from '@framewise/core';
import {
  HiddenBatchCoupling,
  LeakingLayer,
  LossyConfig,
  LyingShape,
  Miscounting,
  ReturnsInput,
  ScaleShift,
  scaleShiftPlugin,
  UntypedErrors,
  type ScaleShiftOptions,
} from '../../testing/kit-layers.test-helpers.js';
import { checkLayerPlugin, formatLayerKitReport } from './check-layer-plugin.js';
import type { LayerKitReport, LayerKitSpec } from './spec.js';

function spec(
  Ctor: new (options: ScaleShiftOptions) => ScaleShift,
  extra: Partial<LayerKitSpec<ScaleShiftOptions>> = {},
): LayerKitSpec<ScaleShiftOptions> {
  return {
    plugin: scaleShiftPlugin(Ctor),
    options: { offset: 0.5 },
    inputShapes: [
      [2, 3],
      [2, null, 3],
    ],
    wrongRanks: [1],
    badInputs: [{ shapes: [2, 4], onceBuilt: true }],
    ...extra,
  };
}

const failed = (report: LayerKitReport): string[] =>
  report.checks.filter((c) => !c.passed).map((c) => c.name);
const details = (report: LayerKitReport, name: string): string =>
  report.checks.find((c) => c.name === name)?.details ?? '';

describe('checkLayerPlugin', () => {
  it('passes a well-behaved plugin, registering it only for the config check', async () => {
    const report = await checkLayerPlugin(spec(ScaleShift, { params: 3 }));
    expect(failed(report)).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual([
      'shapes',
      'params',
      'config',
      'time-distributed',
      'leaks',
      'bad-input',
    ]);
    expect(report.checks.every((c) => c.skipped === undefined)).toBe(true);
    expect(registeredLayers()).not.toContain('ScaleShift');
    expect(details(report, 'shapes')).toBe(
      '(None, 3) -> (None, 3); (None, None, 3) -> (None, None, 3)',
    );
    expect(details(report, 'bad-input')).toBe(
      'rank 1, (2, 4) (once built) refused with ShapeError',
    );
  });

  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await checkLayerPlugin(spec(ScaleShift));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('catches a computeOutputShape that lies, with the shapes', async () => {
    const report = await checkLayerPlugin(spec(LyingShape));
    expect(failed(report)).toEqual(['shapes', 'time-distributed']);
    expect(details(report, 'shapes')).toContain(
      'on (None, 3), apply on (2, 3) (inference): (None, 4) declared, (2, 3) given',
    );
    expect(details(report, 'time-distributed')).toContain(
      'reshape: computeOutputShape((None, None, 3)) is (None, None, 4), the outputs (2, 3, 3)',
    );
  });

  it('catches a layer that leaks a tensor per call', async () => {
    const report = await checkLayerPlugin(spec(LeakingLayer));
    expect(failed(report)).toEqual(['leaks']);
    expect(details(report, 'leaks')).toMatch(
      /3 apply calls \(inference\): tf.memory\(\).numTensors went from \d+ to \d+ \(\+3\)/,
    );
  });

  it('catches a config that loses an option: the restored layer computes something else', async () => {
    const report = await checkLayerPlugin(spec(LossyConfig));
    expect(failed(report)).toEqual(['config']);
    expect(details(report, 'config')).toMatch(
      /the restored layer's outputs \(inference\): output 0 differs by 0\.5\d* \(tolerance 0\.00001\)/,
    );
  });

  it('catches a config that fromConfig does not read back', async () => {
    const plugin = scaleShiftPlugin(ScaleShift);
    const forgetful = { ...plugin, fromConfig: () => new ScaleShift({}) };
    const report = await checkLayerPlugin({ ...spec(ScaleShift), plugin: forgetful });
    expect(failed(report)).toEqual(['config']);
    expect(details(report, 'config')).toContain("the restored layer's config differs: name:");
    expect(details(report, 'config')).toContain('offset: 0.5 -> 0');
  });

  it('catches a wrong countParams, and a count the spec does not expect', async () => {
    const report = await checkLayerPlugin(spec(Miscounting));
    expect(failed(report)).toEqual(['params']);
    expect(details(report, 'params')).toContain('countParams() is 4, the weights hold 3 values');
    const expected = await checkLayerPlugin(spec(ScaleShift, { params: 5 }));
    expect(details(expected, 'params')).toBe('countParams() is 3, the spec expects 5');
  });

  it('catches untyped errors that name no layer, and refusals that never come', async () => {
    const report = await checkLayerPlugin(
      spec(UntypedErrors, { inputShapes: [[2, 3]], badInputs: [] }),
    );
    expect(failed(report)).toEqual(['bad-input']);
    const text = details(report, 'bad-input');
    expect(text).toContain('after the build, symbolic apply on (None,) did not throw');
    expect(text).toContain(
      'after the build, apply on (2,) threw Error: wrong rank, not a FramewiseError (ShapeError ...)',
    );
    expect(text).toContain('refusing rank 1 added 1 inbound node(s)');
  });

  it('catches a layer that couples the samples of a batch without saying so', async () => {
    const report = await checkLayerPlugin(spec(HiddenBatchCoupling));
    expect(failed(report)).toEqual(['time-distributed']);
    expect(details(report, 'time-distributed')).toMatch(
      /^reshape \(inference\) against step by step: output 0 differs by/,
    );
  });

  it('catches a layer that hands its input back as its output', async () => {
    const report = await checkLayerPlugin(spec(ReturnsInput));
    expect(failed(report)).toContain('leaks');
    expect(details(report, 'leaks')).toContain('apply returned its input tensor itself');
  });

  it('skips what the spec says to skip, with the reason, and runs only what is asked', async () => {
    const report = await checkLayerPlugin(
      spec(LyingShape, { skip: { shapes: 'known to lie', 'time-distributed': 'also lies' } }),
      { only: ['shapes', 'params'] },
    );
    expect(report.checks).toEqual([
      expect.objectContaining({ name: 'shapes', passed: true, skipped: 'known to lie' }),
      expect.objectContaining({ name: 'params', passed: true }),
    ]);
    expect(formatLayerKitReport(report)).toMatch(/^SKIP LyingShape shapes: known to lie\nPASS/);
  });

  it('refuses a spec without input shapes or a way to make the layer', async () => {
    await expect(
      checkLayerPlugin({ plugin: scaleShiftPlugin(ScaleShift), inputShapes: [] }),
    ).rejects.toThrow(/needs inputShapes for ScaleShift, e.g. inputShapes: \[\[2, 3\]\]/);
    const report = await checkLayerPlugin({
      plugin: scaleShiftPlugin(ScaleShift),
      inputShapes: [[2, 3]],
    });
    expect(details(report, 'shapes')).toContain(
      'the layer kit needs options for ScaleShift.create, or a create() factory',
    );
  });
});
