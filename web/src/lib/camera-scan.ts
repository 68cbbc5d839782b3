import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * Reading a parcel's barcode with the camera: the Barcode Detection API as the `barcode-detector` package gives
 * it (ZXing-C++ compiled to WebAssembly), Code 128 only (the symbology of UPU S10 labels). The package fetches
 * its `.wasm` from jsDelivr unless told otherwise; here Vite bundles the file and Postwatch serves it from
 * `/assets/`, so the camera works on an intranet (and the Content-Security-Policy would refuse the CDN anyway).
 *
 * This module is loaded only when a clerk opens the camera: the wasm (about 0.9 MB) is not part of the
 * dashboard's first load.
 */
prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
});

/** Milliseconds between two frames read; a frame takes a few ms to decode on a branch PC. */
const FRAME_INTERVAL_MS = 150;

/** An S10 identifier somewhere in the decoded text (2 letters, 9 digits, 2 letters), ignoring case and spaces. */
const S10_SHAPED = /[A-Z]{2}\d{9}[A-Z]{2}/;

/** Why the camera could not be used: no camera, permission refused, or anything else (with the browser's words). */
export type CameraFault = { kind: 'unavailable' } | { kind: 'denied' } | { kind: 'failed'; message: string };

/**
 * Opens the camera (the back one on a phone or tablet) into `video` and reads frames until a Code 128 barcode
 * holding an S10-shaped tracking number is seen; other barcodes on the parcel (routing codes, postcodes) are
 * passed over. `onCode` receives the decoded text once, then the camera is closed. `onFault` is called when the
 * camera cannot be opened. Returns a function that closes the camera (idempotent).
 */
export function scanWithCamera(video: HTMLVideoElement, onCode: (text: string) => void, onFault: (fault: CameraFault) => void): () => void {
  let stopped = false;
  let stream: MediaStream | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    stopped = true;
    clearTimeout(timer);
    stream?.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
  };
  if (!navigator.mediaDevices?.getUserMedia) {
    onFault({ kind: 'unavailable' });
    return stop;
  }
  const detector = new BarcodeDetector({ formats: ['code_128'] });
  const readFrame = async (): Promise<void> => {
    if (stopped) return;
    try {
      if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
        for (const code of await detector.detect(video)) {
          if (stopped) return;
          if (S10_SHAPED.test(code.rawValue.toUpperCase().replace(/\s+/g, ''))) {
            stop();
            onCode(code.rawValue);
            return;
          }
        }
      }
    } catch (error) {
      stop();
      onFault({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (!stopped) timer = setTimeout(() => void readFrame(), FRAME_INTERVAL_MS);
  };
  navigator.mediaDevices
    .getUserMedia({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 } }, audio: false })
    .then(async (opened) => {
      if (stopped) {
        opened.getTracks().forEach((track) => track.stop());
        return;
      }
      stream = opened;
      video.srcObject = opened;
      await video.play();
      void readFrame();
    })
    .catch((error: unknown) => {
      if (stopped) return;
      stop();
      const name = error instanceof DOMException ? error.name : '';
      if (name === 'NotAllowedError' || name === 'SecurityError') onFault({ kind: 'denied' });
      else if (name === 'NotFoundError' || name === 'OverconstrainedError') onFault({ kind: 'unavailable' });
      else onFault({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
  return stop;
}
