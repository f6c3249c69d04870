/**
 * Camera scanning: getUserMedia into a <video>, each new frame drawn to a canvas and decoded by zxing-wasm
 * (ZXing C++ in WebAssembly; tryInvert for light-on-dark phone screens). The .wasm is bundled by Vite and served
 * by the hub itself — never a CDN, the desk may be offline.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import readerWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryInvert: true,
  tryRotate: true,
  maxNumberOfSymbols: 1,
};

let prepared: Promise<unknown> | null = null;

/** Loads and compiles the decoder now (from this app's own /assets), so the first frame is decoded without delay. */
export function prepareDecoder(): Promise<unknown> {
  prepared ??= prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? readerWasmUrl : prefix + path) },
    fireImmediately: true,
  }).catch((error: unknown) => {
    prepared = null; // a failed download (hub restarting) is retried at the next frame, not remembered
    throw error;
  });
  return prepared;
}

export interface CameraInfo {
  deviceId: string;
  label: string;
}

export async function listCameras(): Promise<CameraInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export interface ScannerHandle {
  /** The camera actually opened (the browser may pick one when the remembered one is gone). */
  deviceId: string | null;
  stop(): void;
}

export interface ScannerOptions {
  video: HTMLVideoElement;
  deviceId: string | null;
  onText: (text: string) => void;
  /** The first frame the camera delivered (for the scan-latency measurement). */
  onFirstFrame?: () => void;
}

/** Opens the camera and decodes frames until stopped. Throws the getUserMedia error (no camera, denied). */
export async function startScanner({ video, deviceId, onText, onFirstFrame }: ScannerOptions): Promise<ScannerHandle> {
  void prepareDecoder();
  const constraints: MediaStreamConstraints = {
    audio: false,
    video: deviceId ? { deviceId: { exact: deviceId }, width: { ideal: 1280 } } : { width: { ideal: 1280 }, facingMode: 'user' },
  };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia(constraints);
  } catch (error) {
    // The remembered camera was unplugged: fall back to any camera rather than none.
    if (!deviceId) throw error;
    stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: true });
  }
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();

  let stopped = false;
  let firstFrameSeen = false;
  let busy = false;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;

  const decodeFrame = async () => {
    if (stopped || busy || video.videoWidth === 0) return;
    if (!firstFrameSeen) {
      firstFrameSeen = true;
      onFirstFrame?.();
    }
    busy = true;
    try {
      if (canvas.width !== video.videoWidth) canvas.width = video.videoWidth;
      if (canvas.height !== video.videoHeight) canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      await prepareDecoder();
      const [result] = await readBarcodes(image, READER_OPTIONS);
      if (!stopped && result?.isValid && result.text) onText(result.text);
    } catch {
      // A frame that fails to decode is simply the next frame's job.
    } finally {
      busy = false;
    }
  };

  // Decode each new video frame once; fall back to a timer where requestVideoFrameCallback is missing.
  const loop = () => {
    if (stopped) return;
    void decodeFrame();
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(loop);
    else setTimeout(loop, 80);
  };
  loop();

  const track = stream.getVideoTracks()[0];
  return {
    deviceId: track?.getSettings().deviceId ?? deviceId,
    stop() {
      stopped = true;
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
    },
  };
}
