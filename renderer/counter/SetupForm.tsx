// Asks once which counter this is and for its token (or the hub's pairing code), then remembers it.
import { useState, type FormEvent } from 'react';
import type { ErrorBody } from '../../src/shared/reasons.js';
import { CounterIdSchema, CounterTokenSchema, PairingCodeSchema, type CounterSession } from './lib/session.js';

interface Props {
  initialCounterId: string | null;
  /** Shown when a remembered token was refused. */
  notice: string | null;
  onDone: (session: CounterSession) => void;
}

type Mode = 'pair' | 'token';

export function SetupForm({ initialCounterId, notice, onDone }: Props) {
  const [counterId, setCounterId] = useState(initialCounterId ?? '');
  const [mode, setMode] = useState<Mode>('pair');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const id = CounterIdSchema.safeParse(counterId.trim());
    if (!id.success) return setError('Mã quầy không hợp lệ (chữ, số, "-" hoặc "_", ví dụ q1).');
    if (mode === 'token') {
      const token = CounterTokenSchema.safeParse(secret);
      if (!token.success) return setError('Mã truy cập không hợp lệ: 8–512 ký tự ASCII, không có dấu cách.');
      return onDone({ counterId: id.data, token: token.data });
    }
    const code = PairingCodeSchema.safeParse(secret);
    if (!code.success) return setError('Mã ghép nối gồm 4–16 chữ hoặc số (có thể có dấu "-").');
    setBusy(true);
    try {
      const response = await fetch('/api/v1/pair', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: code.data, counterId: id.data }),
      });
      const body = (await response.json().catch(() => null)) as Partial<{ counterId: string; token: string } & ErrorBody> | null;
      if (response.ok && typeof body?.token === 'string') {
        onDone({ counterId: typeof body.counterId === 'string' ? body.counterId : id.data, token: body.token });
      } else {
        setError(typeof body?.message === 'string' ? body.message : 'Không ghép nối được. Vui lòng thử lại.');
      }
    } catch {
      setError('Không kết nối được tới máy chủ văn phòng (hub). Kiểm tra mạng LAN rồi thử lại.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="setup">
      <form className="card setup-card" onSubmit={submit}>
        <h1>Thiết lập quầy tiếp nhận</h1>
        <p className="muted">Counter setup — done once on this computer.</p>
        {notice && <p className="refusal-text">{notice}</p>}
        <label>
          Mã quầy <span className="muted">(counter id, ví dụ q1)</span>
          <input value={counterId} onChange={(e) => setCounterId(e.target.value)} autoFocus={!initialCounterId} required />
        </label>
        <div className="mode-switch" role="radiogroup">
          <label>
            <input type="radio" checked={mode === 'pair'} onChange={() => setMode('pair')} /> Mã ghép nối trên máy hub
          </label>
          <label>
            <input type="radio" checked={mode === 'token'} onChange={() => setMode('token')} /> Mã truy cập của quầy
          </label>
        </div>
        <label>
          {mode === 'pair' ? 'Mã ghép nối (pairing code)' : 'Mã truy cập (counter token)'}
          <input value={secret} onChange={(e) => setSecret(e.target.value)} autoFocus={!!initialCounterId} autoComplete="off" required />
        </label>
        {error && <p className="refusal-text" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Đang ghép nối…' : 'Bắt đầu'}
        </button>
      </form>
    </main>
  );
}
