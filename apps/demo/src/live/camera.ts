import type { Frame } from './generated-clip.js';

/** Why the camera cannot be used: no API, no device, permission refused, or no answer in time. */
export class CameraUnavailable extends Error {}

/** A running camera, read one downscaled grey frame at a time. */
export interface Camera {
  /** The camera's picture, for the page to show. */
  video: HTMLVideoElement;
  read(): Frame;
  stop(): void;
}

function stopTracks(media: MediaStream): void {
  for (const track of media.getTracks()) track.stop();
}

/** The first video stream, or why there is none; a stream granted after `timeoutMs` is stopped. */
async function requestVideo(timeoutMs: number): Promise<MediaStream> {
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!devices?.getUserMedia) {
    throw new CameraUnavailable('this browser gives pages no camera (navigator.mediaDevices)');
  }
  let late = false;
  const request = devices.getUserMedia({ video: { width: 320, height: 240 }, audio: false });
  // A permission prompt nobody answers must not keep the page waiting.
  const timeout = new Promise<never>((_, fail) =>
    setTimeout(() => {
      late = true;
      fail(new CameraUnavailable(`no answer from the camera within ${timeoutMs / 1000} s`));
    }, timeoutMs),
  );
  void request.then((media) => late && stopTracks(media)).catch(() => undefined);
  try {
    return await Promise.race([request, timeout]);
  } catch (e) {
    if (e instanceof CameraUnavailable) throw e;
    const name = e instanceof Error ? e.name : 'Error';
    const why =
      name === 'NotAllowedError'
        ? 'permission to use the camera was refused'
        : name === 'NotFoundError'
          ? 'no camera was found'
          : `the camera could not start (${name})`;
    throw new CameraUnavailable(why);
  }
}

/**
 * Opens the camera and plays it in a muted video element; `read()` draws the current picture
 * into a `size × size` canvas and returns its grey levels in [0, 1].
 */
export async function openCamera(size: number, timeoutMs = 10_000): Promise<Camera> {
  const media = await requestVideo(timeoutMs);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = media;
  try {
    await video.play();
  } catch (e) {
    stopTracks(media);
    throw new CameraUnavailable(`the camera's picture could not play (${(e as Error).name})`);
  }
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) {
    stopTracks(media);
    throw new CameraUnavailable('this browser has no 2D canvas to scale the picture down with');
  }
  return {
    video,
    read: () => {
      context.drawImage(video, 0, 0, size, size);
      const { data } = context.getImageData(0, 0, size, size);
      const pixels = new Float32Array(size * size);
      for (let i = 0; i < pixels.length; i++) {
        // Rec. 601 luma: the classifier sees one grey channel.
        const r = data[i * 4] ?? 0;
        const g = data[i * 4 + 1] ?? 0;
        const b = data[i * 4 + 2] ?? 0;
        pixels[i] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
      }
      return { pixels };
    },
    stop: () => {
      stopTracks(media);
      video.srcObject = null;
    },
  };
}
