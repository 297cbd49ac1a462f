/**
 * Reads barcodes from the camera. The browser's own BarcodeDetector where it has one (Android
 * Chrome: fast, native), else ZXing, which is imported only here, on first use, so it stays out of
 * the initial bundle (Linux and desktop Chromium lack BarcodeDetector).
 */

export type CameraReader = { stop(): void; engine: 'native' | 'zxing' };

/** The formats a warehouse meets: GS1-128 / Code 128 labels, EAN/UPC, ITF-14 cases, DataMatrix and QR. */
const NATIVE_FORMATS = ['code_128', 'ean_13', 'ean_8', 'upc_a', 'upc_e', 'itf', 'code_39', 'data_matrix', 'qr_code'];
const NATIVE_INTERVAL_MS = 120;

type DetectedBarcode = { rawValue: string };
type NativeDetector = { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> };
type NativeDetectorClass = {
  new (options?: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
};

async function nativeDetector(): Promise<NativeDetector | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    const supported = await Detector.getSupportedFormats();
    const formats = NATIVE_FORMATS.filter((f) => supported.includes(f));
    return formats.length > 0 ? new Detector({ formats }) : undefined;
  } catch {
    return undefined;
  }
}

export async function openCameraStream(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
  });
}

/** Starts reading from `stream` shown in `video`; `onText` gets each decoded text. */
export async function startReader(
  stream: MediaStream,
  video: HTMLVideoElement,
  onText: (text: string) => void,
  options: { preferNative?: boolean } = {},
): Promise<CameraReader> {
  const native = options.preferNative === false ? undefined : await nativeDetector();
  if (native) return startNative(native, stream, video, onText);
  return startZxing(stream, video, onText);
}

async function startNative(
  detector: NativeDetector,
  stream: MediaStream,
  video: HTMLVideoElement,
  onText: (text: string) => void,
): Promise<CameraReader> {
  video.srcObject = stream;
  await video.play().catch(() => undefined);
  let stopped = false;
  let timer: number | undefined;
  const loop = async () => {
    if (stopped) return;
    try {
      if (video.readyState >= 2) {
        const found = await detector.detect(video);
        const text = found[0]?.rawValue;
        if (text && !stopped) onText(text);
      }
    } catch {
      // A frame that could not be read: try the next one.
    }
    if (!stopped) timer = window.setTimeout(() => void loop(), NATIVE_INTERVAL_MS);
  };
  void loop();
  return {
    engine: 'native',
    stop() {
      stopped = true;
      window.clearTimeout(timer);
    },
  };
}

async function startZxing(
  stream: MediaStream,
  video: HTMLVideoElement,
  onText: (text: string) => void,
): Promise<CameraReader> {
  const [{ BrowserMultiFormatReader }, { BarcodeFormat, DecodeHintType }] = await Promise.all([
    import('@zxing/browser'),
    import('@zxing/library'),
  ]);
  const hints = new Map<unknown, unknown>([
    // FNC1 first becomes "]C1" and later ones GS: classifyScan then knows a GS1-128 label for what it is.
    [DecodeHintType.ASSUME_GS1, true],
    // Real labels are creased, skewed and badly lit: look harder per frame rather than miss them.
    [DecodeHintType.TRY_HARDER, true],
    [
      DecodeHintType.POSSIBLE_FORMATS,
      [
        BarcodeFormat.CODE_128,
        BarcodeFormat.EAN_13,
        BarcodeFormat.EAN_8,
        BarcodeFormat.UPC_A,
        BarcodeFormat.UPC_E,
        BarcodeFormat.ITF,
        BarcodeFormat.CODE_39,
        BarcodeFormat.DATA_MATRIX,
        BarcodeFormat.QR_CODE,
      ],
    ],
  ]);
  const reader = new BrowserMultiFormatReader(hints as never, {
    delayBetweenScanAttempts: 100,
    delayBetweenScanSuccess: 800,
  });
  const controls = await reader.decodeFromStream(stream, video, (result) => {
    if (result) onText(result.getText());
  });
  return { engine: 'zxing', stop: () => controls.stop() };
}
