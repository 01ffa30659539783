import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { input, model, resetNames, timeDistributed, type Model } from '@framewise/core';
import { conv2d, dense, lstm } from '@framewise/layers';
import { saveModel } from '@framewise/io';
import type { SummaryData } from '@framewise/summary';
import { run } from '../main.js';

let dir: string;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

/** Runs `framewise summary` on the cpu backend; the backend's note goes to stderr. */
async function summary(...args: string[]) {
  const c = capture();
  const code = await run(['summary', ...args, '--backend', 'cpu'], c.io);
  return { code, out: c.out, err: c.err };
}

/** Saves a model as Framewise writes it (Keras JSON) and returns the path. */
function save(name: string, m: Model, wrap?: (json: unknown) => unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(wrap ? wrap(m.toJSON()) : m.toJSON()));
  return path;
}

function conv2dTutorial(): Model {
  const x = input({ shape: [12, 32, 32, 3] });
  const y = timeDistributed(conv2d({ filters: 32, kernelSize: [3, 3], padding: 'same' })).apply(x);
  return model({ inputs: x, outputs: y });
}

/** Clips of any length: frame features through an LSTM. */
function clipModel(): Model {
  const clips = input({ shape: [null, 6], name: 'clips' });
  const features = timeDistributed(dense({ units: 4 })).apply(clips);
  return model({ inputs: clips, outputs: lstm({ units: 3 }).apply(features), name: 'clip_model' });
}

beforeEach(() => {
  resetNames();
  dir = mkdtempSync(join(tmpdir(), 'framewise-summary-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('framewise summary', () => {
  it('prints the wide table of a saved Keras JSON model, wrappers expanded', async () => {
    const r = await summary(save('conv2d.json', conv2dTutorial()));
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'Model: "model_1" (Model)',
      '─'.repeat(77),
      'Layer (type)                                  Output Shape            Param #',
      '═'.repeat(77),
      'input_1 (InputLayer)                          (None, 12, 32, 32, 3)         0',
      '─'.repeat(77),
      'time_distributed_1 (TimeDistributed(Conv2D))  (None, 12, 32, 32, 32)      896',
      '└ conv2d_1 (Conv2D)                           (None, 32, 32, 32)          896',
      '═'.repeat(77),
      'Total params: 896 (3.50 KB)',
      'Trainable params: 896 (3.50 KB)',
      'Non-trainable params: 0 (0.00 B)',
      'Total MACs per sample: 10,616,832 (21.23 MFLOPs at 2 FLOPs per MAC)',
      'Estimated forward memory per sample: 1.64 MB (inputs 144.00 KB + layer outputs 1.50 MB), plus 3.50 KB of weights',
    ]);
  });

  it("prints Keras 2.2's table with --style classic, byte for byte", async () => {
    const r = await summary(save('conv2d.json', conv2dTutorial()), '--style', 'classic');
    expect(r.out.slice(3, 6)).toEqual([
      'input_1 (InputLayer)         (None, 12, 32, 32, 3)     0         ',
      '_________________________________________________________________',
      'time_distributed_1 (TimeDist (None, 12, 32, 32, 32)    896       ',
    ]);
    expect(r.out).toHaveLength(11);
  });

  it('gives the summary data with --json, for other programs', async () => {
    const r = await summary(save('conv2d.json', conv2dTutorial()), '--json');
    const data = JSON.parse(r.out.join('\n')) as SummaryData;
    expect(data.version).toBe(2);
    expect(data.totals).toMatchObject({ params: 896, macs: 10_616_832, paramBytes: 3584 });
    expect(data.rows[1]!.children![0]!.path).toBe('time_distributed_1/conv2d_1');
  });

  it('takes columns, depth, line length and a layer range', async () => {
    const file = save('conv2d.json', conv2dTutorial());
    const r = await summary(file, '--columns', 'params,macs', '--depth', '0');
    expect(r.out[2]).toBe('Layer (type)                                  Param #        MACs');
    expect(r.out[6]).toBe('time_distributed_1 (TimeDistributed(Conv2D))      896  10,616,832');
    expect(r.out).not.toContainEqual(expect.stringContaining('conv2d_1'));
    const narrow = await summary(file, '--line-length', '52');
    expect(Math.max(...narrow.out.slice(0, 12).map((l) => l.length))).toBe(52);
    const range = await summary(file, '--layer-range', 'time,time', '--style', 'markdown');
    expect(range.out.filter((l) => l.startsWith('| '))).toHaveLength(4);
  });

  it('works out open sizes from --input-shape', async () => {
    const file = save('clips.json', clipModel());
    const open = await summary(file, '--columns', 'macs');
    expect(open.out).toContain(
      'Total MACs per sample: ? (depends on a size the model leaves open; give input shapes to fix it)',
    );
    const r = await summary(file, '--input-shape', '10,6', '--json');
    // 10 frames × 6·4, then 10 steps × (4 + 3) × 4 gates × 3 units.
    expect((JSON.parse(r.out.join('\n')) as SummaryData).totals.macs).toBe(240 + 840);
  });

  it('reads a tfjs-layers model.json, its own and one tfjs-layers wrote', async () => {
    const own = save('model.json', conv2dTutorial(), (t) => ({
      format: 'layers-model',
      modelTopology: t,
      weightsManifest: [],
    }));
    expect((await summary(own)).out).toContain('Total params: 896 (3.50 KB)');
    // Written by tfjs-layers 1.1.0: Embedding → LSTM → TimeDistributed(Dense), Sequential.
    const fixtures = join(__dirname, '../../../../packages/layers/fixtures');
    copyFileSync(join(fixtures, 'tfjs-layers-td-lstm/model.json'), join(dir, 'tfjs.json'));
    const r = await summary(join(dir, 'tfjs.json'), '--columns', 'output,params');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Total params: 2,408 (9.41 KB)');
    // Written by Keras 2.3.1's model.to_json().
    copyFileSync(
      join(fixtures, 'keras231-td-dense-config/time_distributed.json'),
      join(dir, 'keras.json'),
    );
    const k = await summary(join(dir, 'keras.json'), '--style', 'classic');
    expect(k.out).toContain('time_distributed_1 (TimeDist (None, 3, 4)              12        ');
  });

  it('reads Keras 3 .keras and legacy .h5 files through @framewise/io', async () => {
    await saveModel(conv2dTutorial(), join(dir, 'conv2d.keras'), { format: 'keras' });
    expect((await summary(join(dir, 'conv2d.keras'))).out).toContain('Total params: 896 (3.50 KB)');
    // In Keras 2.12's .h5 layout (an emulation; see packages/io/fixtures/keras-layout/SOURCE.txt).
    const h5 = join(__dirname, '../../../../packages/io/fixtures/keras-layout/keras2-seq.h5');
    const r = await summary(h5, '--json');
    expect(r.code).toBe(0);
    // TD(Dense(5)) on 3 features, LSTM(6) on 5, TD(Dense(2)) on 6: the weights values.json records.
    const dense = (inputs: number, units: number) => inputs * units + units;
    const lstm = (inputs: number, units: number) => 4 * (inputs * units + units * units + units);
    expect((JSON.parse(r.out.join('\n')) as SummaryData).totals.params).toBe(
      dense(3, 5) + lstm(5, 6) + dense(6, 2),
    );
  });

  it('summarizes a converter model.json whose 64 shards are not there', async () => {
    const vgg = join(
      __dirname,
      '../../../../packages/io/fixtures/public/converter-vgg16-transfer/model.json',
    );
    const r = await summary(vgg, '--json');
    expect(r.code).toBe(0);
    const { totals } = JSON.parse(r.out.join('\n')) as SummaryData;
    // VGG16's frozen base (14,714,688) + Dense 25088→2048, 2048→256, 256→8.
    expect(totals.params).toBe(14_714_688 + 51_382_272 + 524_544 + 2_056);
    expect(totals.trainable).toBe(51_382_272 + 524_544 + 2_056);
  }, 30_000);

  it.each([
    [
      'model.h5',
      Buffer.from('\x89HDF\r\n\x1a\n....', 'latin1'),
      /model\.h5: not a readable HDF5 file/,
    ],
    [
      'weights.bin',
      Buffer.from('\x89HDF\r\n\x1a\n....', 'latin1'),
      /weights\.bin: not a readable HDF5 file/,
    ],
    ['model.keras', Buffer.from('PK\x03\x04....'), /model\.keras: not a readable zip archive/],
    [
      'notes.txt',
      Buffer.from('hello'),
      /notes\.txt: unrecognised model file: expected a Keras \.keras zip, an HDF5 \.h5 file, Keras model JSON or a tfjs model\.json$/,
    ],
    [
      'bare.json',
      Buffer.from('{"class_name": "Model"}'),
      /bare\.json \(config\): model JSON of class Model has no config object$/,
    ],
    [
      'odd.json',
      Buffer.from(
        '{"class_name": "Model", "config": {"layers": [{"class_name": "Frobnicate", "config": {}}]}}',
      ),
      /odd\.json \(config\.layers\[0\]\): the layer class Frobnicate is not one Framewise has\. Replace the layer before saving the model, or load the file from code with a layer plugin for it registered \(docs\/guides\/writing-a-layer-plugin\.md\); docs\/guides\/model-files\.md lists what loads$/,
    ],
    [
      'wrapped.json',
      Buffer.from(
        JSON.stringify({
          class_name: 'Sequential',
          config: {
            layers: [
              { class_name: 'InputLayer', config: { batch_input_shape: [null, 4, 8, 8, 3] } },
              {
                class_name: 'TimeDistributed',
                config: {
                  name: 'td',
                  layer: {
                    class_name: 'Conv2D',
                    config: { name: 'c', filters: 4, kernel_size: 3, groups: 2 },
                  },
                },
              },
            ],
          },
        }),
      ),
      /wrapped\.json \(config\.layers\[1\]\.config\.layer\): Conv2D 'c': groups must be 1 \(grouped convolutions are not supported\), received 2\. Change this option before saving the model; docs\/guides\/model-files\.md lists the layers and options that load$/,
    ],
  ])('refuses %s with one line saying why, exit code 1', async (name, bytes, message) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const r = await summary(path);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^framewise: /);
    expect(r.err[0]).toMatch(message);
    expect(r.out).toEqual([]);
  });

  it('says when the file is not there', async () => {
    const r = await summary(join(dir, 'missing.json'));
    expect([r.code, r.err]).toEqual([
      1,
      [`framewise: ${join(dir, 'missing.json')}: file not found`],
    ]);
  });

  it.each([
    [[], /^framewise: summary needs a model file/],
    [
      ['m.json', '--style', 'rich'],
      /--style must be one of classic, wide, markdown, html, json, received 'rich'/,
    ],
    [
      ['m.json', '--json', '--style', 'wide'],
      /--json prints the JSON style; it cannot go with --style wide/,
    ],
    [
      ['m.json', '--columns', 'params,flops'],
      /--columns: unknown column 'flops'; columns: input, output/,
    ],
    [['m.json', '--depth', 'two'], /--depth must be an integer from 0 to 100, received 'two'/],
    [['m.json', '--input-shape', '16,x'], /--input-shape takes sizes separated by commas/],
    [
      ['m.json', '--layer-range', 'dense'],
      /--layer-range takes two layer names or patterns, FIRST,LAST/,
    ],
    [['m.json', 'other.json'], /unexpected argument 'other\.json'/],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const c = capture();
    expect(await run(['summary', ...args], c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(message);
  });

  it('prints its help, naming the formats that load', async () => {
    const c = capture();
    expect(await run(['summary', '--help'], c.io)).toBe(0);
    const help = c.out.join('\n');
    expect(help).toMatch(/Usage: framewise summary <model file>/);
    expect(help).toMatch(
      /Keras 3 \.keras, legacy Keras \.h5 \(Keras 2 or 3\), and TensorFlow\.js model\.json/,
    );
  });

  it('runs from the installed bin script, options before or after the command', () => {
    const bin = join(__dirname, '../../bin/framewise.js');
    const file = save('conv2d.json', conv2dTutorial());
    const r = spawnSync(process.execPath, [bin, '--backend', 'cpu', 'summary', file, '--json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as SummaryData).totals.params).toBe(896);
    writeFileSync(join(dir, 'model.h5'), Buffer.from('\x89HDF\r\n\x1a\n', 'latin1'));
    const bad = spawnSync(process.execPath, [bin, 'summary', join(dir, 'model.h5')], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
