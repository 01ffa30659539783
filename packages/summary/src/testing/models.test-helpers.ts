import { input, model, timeDistributed, type Model } from '@framewise/core';
import { concatenate, conv2d, dense, flatten } from '@framewise/layers';

/** The tutorial's Conv2D model: TimeDistributed(Conv2D(32, 3×3, same)) on (12, 32, 32, 3); 896 params. */
export function conv2dTutorial(): Model {
  const x = input({ shape: [12, 32, 32, 3] });
  const layer = timeDistributed(conv2d({ filters: 32, kernelSize: [3, 3], padding: 'same' }));
  return model({ inputs: x, outputs: layer.apply(x) });
}

/** The tutorial's Dense model: TimeDistributed(Dense(10)) on (12, 8); 90 params. */
export function denseTutorial(): Model {
  const x = input({ shape: [12, 8] });
  return model({ inputs: x, outputs: timeDistributed(dense({ units: 10 })).apply(x) });
}

/** The tutorial author's comparison: TimeDistributed(Dense) and Dense side by side on one input. */
export function denseComparison(): Model {
  const x = input({ shape: [12, 8] });
  const a = timeDistributed(dense({ units: 10 })).apply(x);
  const b = dense({ units: 10 }).apply(x);
  return model({ inputs: x, outputs: [a, b] });
}

/**
 * A functional model with two inputs: per-frame features through
 * TimeDistributed(Dense), flattened, joined with per-clip metadata.
 */
export function twoInputModel(): Model {
  const frames = input({ shape: [12, 8], name: 'frames' });
  const meta = input({ shape: [4], name: 'meta' });
  const perFrame = timeDistributed(dense({ units: 10 })).apply(frames);
  const joined = concatenate().apply([flatten().apply(perFrame), meta]);
  return model({ inputs: [frames, meta], outputs: dense({ units: 3 }).apply(joined) });
}
