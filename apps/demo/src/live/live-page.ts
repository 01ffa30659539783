import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '@framewise/core';
import { MOVING_SQUARES_CLASSES, MOVING_SQUARES_RECIPE as recipe } from '@framewise/examples';
import { streamModel, type ModelStream } from '@framewise/stream';
import { el } from '../site/dom.js';
import { engineLabel, ensureEngine } from '../playground/backend.js';
import { CameraUnavailable, openCamera, type Camera } from './camera.js';
import { GeneratedClip, type Frame } from './generated-clip.js';
import { FRAME_SIZE, trainClassifier, type Training } from './train-classifier.js';
import { drawFrame, FrameLog } from './frame-log.js';
import './live.css';

/** Where the frames come from: the visitor's camera, or the generated clip without one. */
interface Source {
  kind: 'camera' | 'clip';
  read(): Frame;
  stop(): void;
}

/** The window the page streams with: the length of the clips the classifier learned from. */
const WINDOW = recipe.frames;

async function openSource(): Promise<{ source: Source; video?: HTMLVideoElement; why?: string }> {
  try {
    const camera: Camera = await openCamera(FRAME_SIZE);
    return {
      source: { kind: 'camera', read: camera.read, stop: camera.stop },
      video: camera.video,
    };
  } catch (e) {
    if (!(e instanceof CameraUnavailable)) throw e;
    const clip = new GeneratedClip(FRAME_SIZE, recipe.frames);
    return {
      source: { kind: 'clip', read: () => clip.read(), stop: () => undefined },
      why: e.message,
    };
  }
}

/** The class and its probability from a step's output: the last row of probabilities. */
function classify(output: Float32Array): { name: string; probability: number } {
  const probabilities = output.subarray(output.length - MOVING_SQUARES_CLASSES.length);
  let best = 0;
  probabilities.forEach((p, i) => {
    if (p > (probabilities[best] ?? -Infinity)) best = i;
  });
  return { name: MOVING_SQUARES_CLASSES[best] ?? 'unknown', probability: probabilities[best] ?? 0 };
}

/**
 * `#/live`: the moving-squares classifier, trained in the page, classifying the camera's
 * picture frame by frame with `streamModel` (one push per animation frame), or a generated
 * clip where there is no camera. Shows the class and the time of every frame.
 */
export function renderLivePage(root: HTMLElement): () => void {
  const status = el('p', { id: 'live-status', 'data-testid': 'live-status', class: 'note' }, [
    'Starting…',
  ]);
  const sourceLine = el('p', { id: 'live-source', 'data-testid': 'live-source' });
  const modeLine = el('p', { id: 'live-mode', 'data-testid': 'live-mode', class: 'note' });
  const seen = el('canvas', { id: 'live-frame', 'data-testid': 'live-frame', class: 'live-frame' });
  const picture = el('div', { class: 'live-picture' }, [seen]);
  const current = el('output', { id: 'live-class', 'data-testid': 'live-class' }, ['–']);
  const time = el('output', { id: 'live-ms', 'data-testid': 'live-ms' }, ['–']);
  const count = el('output', { id: 'live-count', 'data-testid': 'live-count' }, ['0']);
  const score = el('output', { id: 'live-clips-right', 'data-testid': 'live-clips-right' }, ['–']);
  const scoreBox = el('div', {}, [
    el('span', { class: 'figure-label' }, ['Whole clips classified right']),
    score,
  ]);
  scoreBox.hidden = true;
  const log = new FrameLog();
  root.append(
    el('h1', {}, ['Live']),
    el('p', { class: 'lead' }, [
      'A frame-sequence classifier (TimeDistributed(Conv2D) → LSTM → Dense, from the training ',
      'guide) learns to tell which way a square moves, here in the page, then watches your ',
      `camera: each animation frame is scaled down to ${FRAME_SIZE}×${FRAME_SIZE} grey pixels `,
      'and pushed into a stream of the model (streamModel from @framewise/stream), which answers ',
      'with the class for that frame. Without a camera, it watches generated clips instead.',
    ]),
    status,
    sourceLine,
    modeLine,
    el('div', { class: 'live-view' }, [
      picture,
      el('div', { class: 'figures' }, [
        el('div', {}, [el('span', { class: 'figure-label' }, ['Class now']), current]),
        el('div', {}, [el('span', { class: 'figure-label' }, ['Time of this frame']), time]),
        el('div', {}, [el('span', { class: 'figure-label' }, ['Frames classified']), count]),
        scoreBox,
      ]),
    ]),
    log.table,
  );

  let stopped = false;
  let frame = 0;
  const clips = { seen: 0, right: 0 };
  let source: Source | undefined;
  let stream: ModelStream | undefined;
  let model: Model | undefined;
  let training: Training | undefined;

  const fail = (e: unknown): void => {
    if (stopped) return;
    status.textContent = `Stopped: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    status.classList.add('error');
    status.dataset['state'] = 'error';
  };

  const tick = async (): Promise<void> => {
    if (stopped || !source || !stream) return;
    const { pixels, truth } = source.read();
    const started = performance.now();
    const live = stream;
    const output = tf.tidy(() => {
      const y = live.push(tf.tensor(pixels, [1, 1, FRAME_SIZE, FRAME_SIZE, 1]));
      return tf.reshape(Array.isArray(y) ? (y[0] ?? tf.zeros([0])) : y, [-1]);
    });
    let values: Float32Array;
    try {
      values = (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
    const ms = performance.now() - started;
    if (stopped) return;
    frame++;
    const { name, probability } = classify(values);
    drawFrame(seen, pixels, FRAME_SIZE);
    current.textContent = name;
    time.textContent = `${ms.toFixed(1)} ms`;
    count.textContent = String(frame);
    log.add({ frame, name, probability, ms, ...(truth === undefined ? {} : { truth }) });
    // The source and the stream start together: every WINDOW-th frame, the window holds one clip.
    if (truth !== undefined && frame % WINDOW === 0) {
      clips.seen++;
      if (name === truth) clips.right++;
      score.textContent = `${clips.right} of ${clips.seen}`;
      scoreBox.hidden = false;
    }
    requestAnimationFrame(() => void tick().catch(fail));
  };

  const start = async (): Promise<void> => {
    // The engine first: the classifier's weights are made on it.
    const engine = await ensureEngine();
    // The camera before training: each training batch holds the page's thread, which would
    // slow the camera's answer down past the timeout on a busy machine.
    status.textContent = 'Asking for the camera…';
    const opened = await openSource();
    if (stopped) {
      opened.source.stop();
      return;
    }
    source = opened.source;
    if (opened.video) picture.prepend(opened.video);
    sourceLine.dataset['source'] = source.kind;
    sourceLine.textContent =
      source.kind === 'camera'
        ? 'Watching your camera.'
        : `Watching generated clips of moving squares: ${opened.why ?? 'no camera'}.`;
    status.textContent = 'Training the classifier…';
    training = trainClassifier((epoch, epochs, accuracy) => {
      const shown =
        accuracy === undefined ? '' : ` (validation accuracy ${(accuracy * 100).toFixed(0)}%)`;
      status.textContent = `Training the classifier: epoch ${epoch} of ${epochs}${shown}…`;
    });
    const trained = await training.done;
    if (stopped || !trained) {
      trained?.dispose();
      return;
    }
    model = trained;
    // A window of the training clips' length: the classifier answers for the latest moves, where
    // the exact mode would remember every frame since the start.
    stream = streamModel(model, { mode: 'window', window: WINDOW });
    modeLine.textContent =
      `Streamed in ${stream.mode} mode: each frame, the classifier sees the last ${WINDOW} frames ` +
      '(the length of the clips it learned from); the convolution runs once per frame and is kept.';
    status.textContent = `Running on ${engineLabel(engine.engine)}.`;
    status.dataset['state'] = 'running';
    requestAnimationFrame(() => void tick().catch(fail));
  };
  start().catch(fail);

  return () => {
    stopped = true;
    training?.stop();
    source?.stop();
    stream?.dispose();
    model?.dispose();
  };
}
