// The camera view, its device list and the auto-start setting; decoded texts go to `onText`.
import { useCallback, useEffect, useRef, useState } from 'react';
import { listCameras, prepareDecoder, startScanner, type CameraInfo, type ScannerHandle } from './lib/camera.js';
import { autoStartKey, cameraKey } from './lib/session.js';

export function CameraPanel({ onText }: { onText: (text: string) => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const handleRef = useRef<ScannerHandle | null>(null);
  const onTextRef = useRef(onText);
  onTextRef.current = onText;
  const [cameras, setCameras] = useState<CameraInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(() => localStorage.getItem(cameraKey));
  const [autoStart, setAutoStart] = useState(() => localStorage.getItem(autoStartKey) !== 'false');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
    async (id: string | null, attempt = 1) => {
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
        const denied = e instanceof DOMException && e.name === 'NotAllowedError';
        setError(
          denied
            ? 'Trình duyệt chưa cho phép dùng camera. Bấm biểu tượng camera trên thanh địa chỉ để cho phép.'
            : 'Không mở được camera. Kiểm tra camera đã cắm chưa (hoặc đang bị phần mềm khác dùng), hoặc dùng máy quét cầm tay.',
        );
        // A camera still held by another program at startup is often free a moment later.
        if (!denied && attempt < 3) retryRef.current = setTimeout(() => void start(id, attempt + 1), 3000);
      }
    },
    [stop],
  );

  useEffect(() => {
    void prepareDecoder();
    if (autoStart) void start(localStorage.getItem(cameraKey));
    // A webcam plugged in or out: refresh the list.
    const refresh = () => void listCameras().then(setCameras, () => {});
    navigator.mediaDevices?.addEventListener('devicechange', refresh);
    return () => {
      navigator.mediaDevices?.removeEventListener('devicechange', refresh);
      stop();
    };
    // Start once on open; later changes come from the controls.
  }, []);

  return (
    <div className="card camera">
      <video ref={videoRef} className={running ? 'camera-video' : 'camera-video off'} muted playsInline aria-label="Camera quét mã QR" />
      {!running && !error && <p className="muted small">Camera đang tắt.</p>}
      {error && <p className="refusal-text small">{error}</p>}
      <div className="row camera-controls">
        <select
          aria-label="Chọn camera"
          value={deviceId ?? ''}
          onChange={(e) => {
            e.currentTarget.blur(); // a focused list would take a scanner's letters as a new choice
            const id = e.target.value || null;
            setDeviceId(id);
            if (id) localStorage.setItem(cameraKey, id);
            void start(id);
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
          <button type="button" onClick={() => void start(deviceId)}>
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
