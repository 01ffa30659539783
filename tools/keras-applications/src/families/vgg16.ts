import { Graph, type KerasModelJSON } from '../graph.js';
import { conv2d, dense, flatten, maxPooling2d } from '../layers.js';
import { resolve, type ApplicationOptions } from '../options.js';

/** keras.applications.VGG16 (Simonyan & Zisserman, 2014). */
export function vgg16(options: ApplicationOptions = {}): KerasModelJSON {
  const o = resolve('VGG16', options, 224, 32);
  const g = new Graph();
  const input = g.input(o.inputShape);
  let x = input;
  const blocks: [number, number][] = [
    [64, 2],
    [128, 2],
    [256, 3],
    [512, 3],
    [512, 3],
  ];
  blocks.forEach(([filters, convs], b) => {
    for (let i = 1; i <= convs; i++) {
      x = conv2d(g, x, filters, 3, {
        activation: 'relu',
        padding: 'same',
        name: `block${b + 1}_conv${i}`,
      });
    }
    x = maxPooling2d(g, x, 2, { strides: 2, name: `block${b + 1}_pool` });
  });
  if (o.includeTop) {
    x = flatten(g, x, 'flatten');
    x = dense(g, x, 4096, { activation: 'relu', name: 'fc1' });
    x = dense(g, x, 4096, { activation: 'relu', name: 'fc2' });
    x = dense(g, x, o.classes, { activation: 'softmax', name: 'predictions' });
  }
  return g.toJSON('vgg16', x);
}
