import { APPLICATIONS, kerasApplication, type ApplicationName } from './index.js';
import { toSnakeCase } from './graph.js';

describe('the Keras Applications generator', () => {
  it("names unnamed layers as Keras 2's to_snake_case does", () => {
    expect(
      [
        'Conv2D',
        'ReLU',
        'BatchNormalization',
        'GlobalAveragePooling2D',
        'ZeroPadding2D',
        'DepthwiseConv2D',
      ].map(toSnakeCase),
    ).toEqual([
      'conv2d',
      're_lu',
      'batch_normalization',
      'global_average_pooling2d',
      'zero_padding2d',
      'depthwise_conv2d',
    ]);
    const names = kerasApplication('InceptionV3').config.layers.map((l) => l.name);
    expect(names.slice(0, 5)).toEqual([
      'input_1',
      'conv2d',
      'batch_normalization',
      'activation',
      'conv2d_1',
    ]);
    expect(names).toContain('mixed9_1');
  });

  it('writes as many layers as Keras builds, with their Keras names', () => {
    // Layer counts of len(model.layers) in tf.keras 2 with the classifier.
    const expected: Partial<Record<ApplicationName, number>> = {
      VGG16: 23,
      ResNet50: 177,
      MobileNetV2: 156,
      InceptionV3: 313,
      Xception: 134,
      DenseNet121: 429,
    };
    for (const [name, count] of Object.entries(expected)) {
      expect([name, kerasApplication(name as ApplicationName).config.layers.length]).toEqual([
        name,
        count,
      ]);
    }
    const v2 = kerasApplication('MobileNetV2', { includeTop: false }).config;
    expect(v2.layers.at(-1)?.name).toBe('out_relu');
    expect(v2.layers.map((l) => l.name)).toContain('block_16_project_BN');
    expect(v2.output_layers).toEqual([['out_relu', 0, 0]]);
  });

  it('follows include_top, input shape and alpha', () => {
    const small = kerasApplication('MobileNetV2', {
      includeTop: false,
      alpha: 0.35,
      inputShape: [96, 96, 3],
    });
    expect(small.config.layers[0]?.config).toMatchObject({ batch_input_shape: [null, 96, 96, 3] });
    // _make_divisible(32 * 0.35, 8) = 16 filters in the stem.
    expect(small.config.layers.find((l) => l.name === 'Conv1')?.config).toMatchObject({
      filters: 16,
    });
    expect(small.config.layers.some((l) => l.name === 'predictions')).toBe(false);
    const top = kerasApplication('ResNet50', { classes: 10 }).config.layers.at(-1);
    expect(top).toMatchObject({
      name: 'predictions',
      config: { units: 10, activation: 'softmax' },
    });
  });

  it('refuses inputs smaller than Keras accepts, naming the family and the minimum', () => {
    expect(() => kerasApplication('InceptionV3', { inputShape: [74, 74, 3] })).toThrow(
      /InceptionV3: inputShape must be \[h, w, 3\] with h and w at least 75, received \[74, 74, 3\]/,
    );
    expect(() => kerasApplication('MobileNet', { alpha: 0 })).toThrow(
      /alpha must be positive, received 0/,
    );
    expect(() => kerasApplication('AlexNet' as ApplicationName)).toThrow(
      /unknown application "AlexNet"/,
    );
    for (const [name, app] of Object.entries(APPLICATIONS)) {
      expect(() =>
        app.build({ includeTop: false, inputShape: [app.minSize, app.minSize, 3] }),
      ).not.toThrow();
      expect(name).toBeTruthy();
    }
  });
});
