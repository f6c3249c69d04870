// The desk app's settings page (first run and later): role, servers, device token, pairing, printer,
// waiting-room screen, sound, start on login. Talks only to `window.desk`; main validates everything again.
import { useEffect, useState, type ReactNode } from 'react';
import {
  DESK_ROLES,
  SaveSettingsArgsSchema,
  type DeskBridge,
  type DeskIpcError,
  type DeskRole,
  type DeskSettings,
  type HubInfo,
  type OfficeChoice,
  type PrinterSummary,
  type ScreenSummary,
  type SettingsView,
} from '../../src/shared/ipc-contract.js';

const ROLE_LABELS: Record<DeskRole, { title: string; hint: string }> = {
  'hub-counter': { title: 'Máy chủ quầy + quầy tiếp nhận', hint: 'Máy chính của bộ phận: đồng bộ với máy chủ trung tâm, phục vụ các quầy và màn hình chờ trong mạng nội bộ.' },
  counter: { title: 'Chỉ quầy tiếp nhận', hint: 'Máy của một quầy, kết nối tới máy chủ quầy trong mạng nội bộ (cần ghép nối).' },
  display: { title: 'Chỉ màn hình chờ', hint: 'Máy nối với TV phòng chờ; hiện toàn màn hình số đang gọi.' },
};

type Notice = { kind: 'ok' | 'error' | 'info'; text: string } | null;

function messageOf(error: unknown): string {
  const ipc = error as Partial<DeskIpcError>;
  return typeof ipc?.message === 'string' ? ipc.message : 'Đã có lỗi. Vui lòng thử lại.';
}

function Field(props: { label: string; hint?: string; error?: string | undefined; children: ReactNode }) {
  return (
    <div>
      <label>
        {props.label}
        {props.children}
      </label>
      {props.hint && <p className="hint">{props.hint}</p>}
      {props.error && <p className="field-error">{props.error}</p>}
    </div>
  );
}

export function SettingsApp() {
  const desk: DeskBridge | undefined = window.desk;
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<DeskSettings | null>(null);
  const [deviceToken, setDeviceToken] = useState('');
  const [pairingCode, setPairingCode] = useState('');
  const [printers, setPrinters] = useState<PrinterSummary[]>([]);
  const [screens, setScreens] = useState<ScreenSummary[]>([]);
  const [version, setVersion] = useState('');
  const [hubInfo, setHubInfo] = useState<HubInfo | null>(null);
  const [offices, setOffices] = useState<OfficeChoice[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!desk) return;
    void (async () => {
      try {
        const [current, printerList, screenList, versions, info] = await Promise.all([
          desk['settings:read'](),
          desk['printer:list']().catch(() => []),
          desk['screen:list'](),
          desk['app:version'](),
          desk['hub:info'](),
        ]);
        setHubInfo(info);
        setView(current);
        setForm(current.settings);
        setPrinters(printerList);
        setScreens(screenList);
        setVersion(`MotCua ${versions.app} · Electron ${versions.electron} · ${versions.platform}`);
      } catch (error) {
        setNotice({ kind: 'error', text: messageOf(error) });
      }
    })();
    return desk.on('settings:changed', (next) => setView(next));
  }, [desk]);

  if (!desk) {
    return (
      <main>
        <h1>Cài đặt MotCua</h1>
        <p className="notice info">Trang này chỉ dùng trong ứng dụng MotCua trên máy quầy. / This page works inside the MotCua desk app only.</p>
      </main>
    );
  }
  if (!form || !view) return <main aria-busy="true">Đang tải cài đặt…</main>;

  const set = <K extends keyof DeskSettings>(key: K, value: DeskSettings[K]) => setForm({ ...form, [key]: value });
  const text = (value: string) => (value.trim() === '' ? null : value.trim());

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setNotice(null);
    try {
      await action();
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(async () => {
      const payload = { settings: form, ...(deviceToken.trim() ? { deviceToken: deviceToken.trim() } : {}) };
      const checked = SaveSettingsArgsSchema.safeParse(payload);
      if (!checked.success) {
        setFieldErrors(Object.fromEntries(checked.error.issues.map((issue) => [issue.path.at(-1)?.toString() ?? '', issue.message])));
        setNotice({ kind: 'error', text: 'Vui lòng sửa các ô được đánh dấu.' });
        return;
      }
      setFieldErrors({});
      await desk['settings:save'](payload);
      setNotice({ kind: 'ok', text: 'Đã lưu. Ứng dụng đang khởi động lại để áp dụng cài đặt…' });
    });

  const pair = () =>
    run(async () => {
      if (!form.hubUrl || !form.counterId) {
        setNotice({ kind: 'error', text: 'Nhập địa chỉ máy chủ quầy và mã quầy trước khi ghép nối.' });
        return;
      }
      const result = await desk['hub:pair']({ hubUrl: form.hubUrl, code: pairingCode, counterId: form.counterId });
      setPairingCode('');
      setNotice({ kind: 'ok', text: `Đã ghép nối quầy ${result.counterId}. Bấm "Lưu và khởi động lại" để dùng.` });
    });

  const loadOffices = () =>
    run(async () => {
      if (!form.centralUrl) {
        setNotice({ kind: 'error', text: 'Nhập địa chỉ máy chủ trung tâm trước.' });
        return;
      }
      const list = await desk['central:offices']({ centralUrl: form.centralUrl });
      setOffices(list);
      setNotice({ kind: 'info', text: `Máy chủ trung tâm có ${list.length} đơn vị. Chọn đơn vị của máy này.` });
    });

  const testPrint = () =>
    run(async () => {
      const result = await desk['printer:test']();
      setNotice(result.printed ? { kind: 'ok', text: 'Đã gửi trang in thử.' } : { kind: 'error', text: result.failureReason ?? 'Không in được.' });
    });

  const exportDiagnostics = () =>
    run(async () => {
      const result = await desk['diagnostics:export']();
      if (result.path) setNotice({ kind: 'ok', text: `Đã lưu tệp chẩn đoán: ${result.path}` });
    });

  const isHub = form.role === 'hub-counter';
  return (
    <main>
      <h1>Cài đặt MotCua</h1>
      <p className="lead">Thiết lập máy quầy. Sau khi lưu, ứng dụng tự khởi động lại.</p>
      {view.demo && <p className="notice info">Máy đang chạy bản dùng thử (dữ liệu mẫu). Lưu cài đặt để dùng với máy chủ thật.</p>}
      {notice && (
        <p className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}

      {hubInfo?.mode === 'hub' && hubInfo.pairingCode && (
        <fieldset className="hub-info">
          <legend>Máy chủ quầy đang chạy trên máy này</legend>
          {hubInfo.lanUrls.length > 0 && <p>Địa chỉ cho các máy quầy và TV: {hubInfo.lanUrls.join(' · ')}</p>}
          <p>
            <strong>Mã ghép nối: {hubInfo.pairingCode}</strong>
          </p>
          <p className="hint">Nhập mã này trên máy “Chỉ quầy” để ghép nối.</p>
        </fieldset>
      )}

      <fieldset>
        <legend>Vai trò của máy</legend>
        {DESK_ROLES.map((role) => (
          <label key={role} className="inline">
            <input type="radio" name="role" value={role} checked={form.role === role} onChange={() => set('role', role)} />
            <span>
              <strong>{ROLE_LABELS[role].title}</strong>
              <br />
              <span className="hint">{ROLE_LABELS[role].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {isHub ? (
        <fieldset>
          <legend>Máy chủ trung tâm</legend>
          <Field label="Địa chỉ máy chủ trung tâm" hint="Ví dụ: https://motcua.haugiang.gov.vn" error={fieldErrors.centralUrl}>
            <input type="url" name="centralUrl" value={form.centralUrl ?? ''} onChange={(e) => set('centralUrl', text(e.target.value))} />
          </Field>
          <div className="row">
            <Field label="Mã đơn vị" hint="Ví dụ: hg-ttphcc" error={fieldErrors.officeId}>
              <input type="text" name="officeId" value={form.officeId ?? ''} onChange={(e) => set('officeId', text(e.target.value))} />
            </Field>
            <button type="button" onClick={loadOffices} disabled={busy}>
              Tải danh sách đơn vị
            </button>
          </div>
          {offices.length > 0 && (
            <Field label="Chọn đơn vị">
              <select name="officeChoice" value={form.officeId ?? ''} onChange={(e) => set('officeId', text(e.target.value))}>
                <option value="">—</option>
                {offices.map((office) => (
                  <option key={office.id} value={office.id}>
                    {`${office.name} (${office.id})`}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field
            label="Mã thiết bị (device token)"
            hint={view.hasDeviceToken ? 'Đã lưu. Để trống để giữ mã cũ.' : 'Do quản trị máy chủ trung tâm cấp cho đơn vị.'}
            error={fieldErrors.deviceToken}
          >
            <input type="password" name="deviceToken" autoComplete="off" value={deviceToken} onChange={(e) => setDeviceToken(e.target.value)} />
          </Field>
          <Field label="Cổng máy chủ quầy (mạng nội bộ)" error={fieldErrors.hubPort}>
            <input type="number" name="hubPort" min={1024} max={65535} value={form.hubPort} onChange={(e) => set('hubPort', Number(e.target.value))} />
          </Field>
          <Field label="Mã quầy của máy này" hint="q1, q2, …" error={fieldErrors.counterId}>
            <input type="text" name="counterId" value={form.counterId ?? ''} onChange={(e) => set('counterId', text(e.target.value))} />
          </Field>
        </fieldset>
      ) : (
        <fieldset>
          <legend>Máy chủ quầy</legend>
          <Field label="Địa chỉ máy chủ quầy" hint="Ví dụ: http://192.168.1.10:3100 (xem trên máy chủ quầy)" error={fieldErrors.hubUrl}>
            <input type="url" name="hubUrl" value={form.hubUrl ?? ''} onChange={(e) => set('hubUrl', text(e.target.value))} />
          </Field>
          {form.role === 'counter' && (
            <>
              <Field label="Mã quầy của máy này" hint="q1, q2, …" error={fieldErrors.counterId}>
                <input type="text" name="counterId" value={form.counterId ?? ''} onChange={(e) => set('counterId', text(e.target.value))} />
              </Field>
              <div className="row">
                <Field label="Mã ghép nối" hint={view.hasCounterToken ? 'Máy đã được ghép nối.' : 'Mã hiện trên biểu tượng MotCua của máy chủ quầy.'}>
                  <input type="text" name="pairingCode" inputMode="numeric" value={pairingCode} onChange={(e) => setPairingCode(e.target.value)} />
                </Field>
                <button type="button" onClick={pair} disabled={busy || pairingCode.trim().length < 4}>
                  Ghép nối
                </button>
              </div>
            </>
          )}
        </fieldset>
      )}

      {form.role !== 'display' && (
        <fieldset>
          <legend>Máy in phiếu (khổ 80 mm)</legend>
          <div className="row">
            <Field label="Máy in">
              <select name="printerName" value={form.printerName ?? ''} onChange={(e) => set('printerName', text(e.target.value))}>
                <option value="">Máy in mặc định của hệ thống</option>
                {printers.map((printer) => (
                  <option key={printer.name} value={printer.name}>
                    {printer.displayName}
                  </option>
                ))}
              </select>
            </Field>
            <button type="button" onClick={testPrint} disabled={busy}>
              In thử
            </button>
          </div>
        </fieldset>
      )}

      <fieldset>
        <legend>Màn hình chờ</legend>
        <Field label="Màn hình hiển thị" hint="Cửa sổ màn hình chờ mở toàn màn hình trên màn hình này.">
          <select
            name="displayScreenId"
            value={form.displayScreenId === null ? '' : String(form.displayScreenId)}
            onChange={(e) => set('displayScreenId', e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">Tự chọn (màn hình phụ đầu tiên)</option>
            {screens.map((info) => (
              <option key={info.id} value={String(info.id)}>
                {`${info.label || `Màn hình ${info.id}`} – ${info.width}×${info.height}${info.primary ? ' (chính)' : ''}`}
              </option>
            ))}
          </select>
        </Field>
        <label className="inline">
          <input type="checkbox" name="sound" checked={form.sound} onChange={(e) => set('sound', e.target.checked)} />
          Đọc số bằng giọng nói
        </label>
      </fieldset>

      <fieldset>
        <legend>Khởi động</legend>
        <label className="inline">
          <input type="checkbox" name="startOnLogin" checked={form.startOnLogin} onChange={(e) => set('startOnLogin', e.target.checked)} />
          Tự mở MotCua khi đăng nhập Windows
        </label>
      </fieldset>

      <div className="actions">
        <button type="button" className="primary" onClick={save} disabled={busy}>
          Lưu và khởi động lại
        </button>
        <button type="button" onClick={exportDiagnostics} disabled={busy}>
          Xuất chẩn đoán…
        </button>
      </div>
      <footer>
        {version}
        {!view.secretsEncrypted && ' · Hệ điều hành không hỗ trợ mã hóa: mã truy cập được lưu không mã hóa trong thư mục ứng dụng.'}
      </footer>
    </main>
  );
}
