// The camera view, its device list and the auto-start setting; decoded texts go to `onText`.
import { useCallback, useEffect, useRef, useState } from 'react';
import { listCameras, prepareDecoder, startScanner, type CameraInfo, type ScannerHandle } from './lib/camera.js';
import { autoStartKey, cameraKey } from './lib/session.js';

/** Why the camera is not running: permission refused, no camera at all, or one that would not open. */
type CameraProblem = 'denied' | 'missing' | 'unavailable';

const PROBLEM_TEXT: Record<CameraProblem, { vi: string; en: string }> = {
  denied: { vi: 'Trình duyệt chưa cho phép dùng camera (bấm biểu tượng camera trên thanh địa chỉ để cho phép).', en: 'Camera permission not granted.' },
  missing: { vi: 'Không tìm thấy camera.', en: 'No camera found.' },
  unavailable: { vi: 'Không mở được camera (chưa cắm, hoặc phần mềm khác đang dùng).', en: 'The camera could not be opened.' },
};

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'TypeError') return 'missing';
  return 'unavailable';
}

export function CameraPanel({ onText, scannerReads = 0 }: { onText: (text: string) => void; scannerReads?: number }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const handleRef = useRef<ScannerHandle | null>(null);
  const onTextRef = useRef(onText);
  onTextRef.current = onText;
  const [cameras, setCameras] = useState<CameraInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(() => localStorage.getItem(cameraKey));
  const [autoStart, setAutoStart] = useState(() => localStorage.getItem(autoStartKey) !== 'false');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<CameraProblem | null>(null);
  /** The handheld scanner works: camera problems from automatic starts are no longer worth a note. */
  const quietRef = useRef(false);
  /** The last start found no camera at all: one plugged in later is started by itself. */
  const missingRef = useRef(false);
  const autoStartRef = useRef(autoStart);
  autoStartRef.current = autoStart;

  /** Bumped by every start and stop, so a camera that opens after staff moved on is closed at once. */
  const generationRef = useRef(0);
  const retryRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stop = useCallback(() => {
    generationRef.current++;
    clearTimeout(retryRef.current);
    handleRef.current?.stop();
    handleRef.current = null;
    setRunning(false);
  }, []);

  const start = useCallback(
    async (id: string | null, attempt = 1, byStaff = false) => {
      if (byStaff) quietRef.current = false;
      missingRef.current = false;
      stop();
      const generation = generationRef.current;
      setError(null);
      try {
        const handle = await startScanner({
          video: videoRef.current!,
          deviceId: id,
          onText: (text) => onTextRef.current(text),
          onFirstFrame: () => performance.mark('camera-first-frame'),
        });
        if (generation !== generationRef.current) return handle.stop();
        handleRef.current = handle;
        setRunning(true);
        if (handle.deviceId) {
          setDeviceId(handle.deviceId);
          localStorage.setItem(cameraKey, handle.deviceId);
        }
        setCameras(await listCameras());
      } catch (e) {
        if (generation !== generationRef.current) return;
        const problem = problemOf(e);
        missingRef.current = problem === 'missing';
        if (!quietRef.current) setError(problem);
        // A camera still held by another program at startup is often free a moment later. (No camera at all: the
        // devicechange listener starts one that is plugged in.)
        if (problem === 'unavailable' && attempt < 3) retryRef.current = setTimeout(() => void start(id, attempt + 1), 3000);
      }
    },
    [stop],
  );

  useEffect(() => {
    void prepareDecoder();
    if (autoStart) void start(localStorage.getItem(cameraKey));
    // A webcam plugged in or out: refresh the list.
    const refresh = () => {
      void listCameras().then((list) => {
        setCameras(list);
        // A camera plugged in at a desk that starts its camera by itself: start it.
        if (list.length > 0 && missingRef.current && !handleRef.current && autoStartRef.current) void start(localStorage.getItem(cameraKey));
      }, () => {});
    };
    navigator.mediaDevices?.addEventListener('devicechange', refresh);
    return () => {
      navigator.mediaDevices?.removeEventListener('devicechange', refresh);
      stop();
    };
    // Start once on open; later changes come from the controls.
  }, []);

  // A read from the handheld scanner went through: this desk scans without the camera, so drop the camera note.
  useEffect(() => {
    if (scannerReads === 0) return;
    quietRef.current = true;
    clearTimeout(retryRef.current);
    setError(null);
  }, [scannerReads]);

  return (
    <div className="card camera">
      <video ref={videoRef} className={running ? 'camera-video' : 'camera-video off'} muted playsInline aria-label="Camera quét mã QR" />
      {!running && !error && <p className="muted small">Camera đang tắt.</p>}
      {error && (
        <div className="camera-note" role="status" data-testid="camera-note">
          <p>
            <strong>{PROBLEM_TEXT[error].vi}</strong> Máy quét cầm tay vẫn dùng bình thường. Có camera: chọn ở danh sách dưới đây rồi bấm “Bật camera”.
            Quầy không dùng camera: bỏ chọn “Tự bật camera khi mở trang”.
          </p>
          <span className="en">
            {PROBLEM_TEXT[error].en} The handheld scanner still works. Choose a camera below, or untick auto-start if this desk has none.
          </span>
        </div>
      )}
      <div className="row camera-controls">
        <select
          aria-label="Chọn camera"
          value={deviceId ?? ''}
          onChange={(e) => {
            e.currentTarget.blur(); // a focused list would take a scanner's letters as a new choice
            const id = e.target.value || null;
            setDeviceId(id);
            if (id) localStorage.setItem(cameraKey, id);
            void start(id, 1, true);
          }}
        >
          {cameras.length === 0 && <option value="">Camera mặc định</option>}
          {cameras.map((c) => (
            <option key={c.deviceId} value={c.deviceId}>
              {c.label}
            </option>
          ))}
        </select>
        {running ? (
          <button type="button" onClick={stop}>
            Tắt camera
          </button>
        ) : (
          <button type="button" onClick={() => void start(deviceId, 1, true)}>
            Bật camera
          </button>
        )}
      </div>
      <label className="small">
        <input
          type="checkbox"
          checked={autoStart}
          onChange={(e) => {
            setAutoStart(e.target.checked);
            localStorage.setItem(autoStartKey, String(e.target.checked));
          }}
        />{' '}
        Tự bật camera khi mở trang
      </label>
    </div>
  );
}
