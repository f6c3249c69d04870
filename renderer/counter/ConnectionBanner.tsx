// The link to the hub and the hub's link to central, in one line staff notice at once.
import type { HubStatus } from '../../src/shared/hub-events.js';
import { localDate, localTime } from '../../src/shared/time.js';
import type { PendingAction } from './lib/hub-client.js';

interface Props {
  hubReachable: boolean;
  status: HubStatus | null;
  pending: PendingAction[];
}

function when(ms: number | null): string {
  if (ms === null) return 'chưa đồng bộ lần nào';
  return `${localTime(ms)} ngày ${localDate(ms).split('-').reverse().join('/')}`;
}

export function ConnectionBanner({ hubReachable, status, pending }: Props) {
  const waiting = pending.length > 0 ? ` ${pending.length} thao tác đang chờ gửi (${pending.map((p) => p.label).join(', ')}) — sẽ tự gửi lại, không mất, không trùng.` : '';
  if (!hubReachable) {
    return (
      <div className="banner banner-down" role="status">
        <strong>Mất kết nối tới máy chủ văn phòng (hub).</strong> Đang thử kết nối lại…{waiting}
        <span className="en"> Hub unreachable — retrying.</span>
      </div>
    );
  }
  if (status && !status.online) {
    return (
      <div className="banner banner-offline" role="status">
        <strong>Máy chủ trung tâm đang mất kết nối.</strong> Quầy vẫn tiếp nhận bình thường bằng dữ liệu đã tải. Đồng bộ lần cuối:{' '}
        {when(status.lastSyncAt)}.{status.outbox > 0 ? ` ${status.outbox} sự kiện chờ gửi lên trung tâm.` : ''}
        {waiting}
        <span className="en"> Central server offline; last sync {status.lastSyncAt ? new Date(status.lastSyncAt).toISOString() : 'never'}.</span>
      </div>
    );
  }
  if (pending.length > 0) {
    return (
      <div className="banner banner-offline" role="status">
        Đang gửi lại thao tác.{waiting}
        <span className="en"> Sending the actions saved while the hub was unreachable.</span>
      </div>
    );
  }
  return null;
}
