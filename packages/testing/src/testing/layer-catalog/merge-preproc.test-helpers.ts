import * as layers from '@framewise/layers';
import { plugin, type CatalogEntry } from './entry.test-helpers.js';

/** Two inputs that do not broadcast, and a single input: every merge layer refuses both. */
const MERGE_BAD = [
  {
    shapes: [
      [2, 3],
      [2, 4],
    ],
  },
  { shapes: [[2, 3]] },
];

/** An element-wise merge of a sequence with a per-sample input, and of two plain inputs. */
const MERGE_SHAPES = [
  [
    [2, 3],
    [2, 3],
  ],
  [
    [2, 4, 3],
    [2, 3],
  ],
];

/** Subtract, Average, Maximum, Minimum, Dot; Rescaling, Normalization, Resizing, CenterCrop. */
export const mergePreprocEntries: CatalogEntry[] = [
  {
    title: 'Subtract',
    spec: {
      plugin: plugin(layers.subtractPlugin),
      options: {},
      inputShapes: MERGE_SHAPES,
      wrongRanks: [],
      badInputs: [
        ...MERGE_BAD,
        {
          shapes: [
            [2, 3],
            [2, 3],
            [2, 3],
          ],
        },
      ],
    },
  },
  ...(
    [
      ['Average', layers.averagePlugin],
      ['Maximum', layers.maximumPlugin],
      ['Minimum', layers.minimumPlugin],
    ] as const
  ).map(([title, p]): CatalogEntry => ({
    title,
    spec: {
      plugin: plugin(p),
      options: {},
      inputShapes: MERGE_SHAPES,
      wrongRanks: [],
      badInputs: MERGE_BAD,
    },
  })),
  {
    title: 'Dot',
    spec: {
      plugin: plugin(layers.dotPlugin),
      options: { axes: -1, normalize: true },
      inputShapes: [
        [
          [2, 3, 4],
          [2, 5, 4],
        ],
        [
          [2, 4],
          [2, 4],
        ],
      ],
      wrongRanks: [],
      badInputs: [
        {
          shapes: [
            [2, 3, 4],
            [2, 5, 3],
          ],
        },
        { shapes: [[2, 3, 4]] },
      ],
    },
  },
  {
    title: 'Rescaling',
    spec: {
      plugin: plugin(layers.rescalingPlugin),
      options: { scale: 0.5, offset: 1 },
      inputShapes: [
        [2, 3],
        [2, 4, 3],
      ],
      wrongRanks: [1],
    },
  },
  {
    title: 'Normalization (fixed mean and variance)',
    spec: {
      plugin: plugin(layers.normalizationPlugin),
      options: { mean: [1, 2, 3], variance: [1, 4, 9] },
      inputShapes: [
        [2, 3],
        [2, 4, 3],
      ],
      params: 0,
      wrongRanks: [1],
      badInputs: [{ shapes: [2, 5] }],
    },
  },
  {
    title: 'Normalization (adapted weights)',
    spec: {
      plugin: plugin(layers.normalizationPlugin),
      options: { axis: [1, 2] },
      inputShapes: [[2, 4, 3]],
      params: 25,
      // Any rank from 3 up has axes 1 and 2 before the build.
      wrongRanks: [1, 2],
      badInputs: [{ shapes: [2, 4, 5], onceBuilt: true }],
    },
  },
  {
    title: 'Resizing (cropToAspectRatio)',
    spec: {
      plugin: plugin(layers.resizingPlugin),
      options: { height: 3, width: 2, cropToAspectRatio: true },
      inputShapes: [
        [2, 4, 5, 2],
        [2, null, null, 2],
      ],
    },
  },
  {
    title: 'Resizing (nearest)',
    spec: {
      plugin: plugin(layers.resizingPlugin),
      options: { height: 5, width: 3, interpolation: 'nearest' },
      inputShapes: [[2, 4, 4, 1]],
    },
  },
  {
    title: 'CenterCrop',
    spec: {
      plugin: plugin(layers.centerCropPlugin),
      options: { height: 2, width: 3 },
      inputShapes: [
        [2, 4, 5, 2],
        [2, 1, 2, 2],
      ],
    },
  },
];
