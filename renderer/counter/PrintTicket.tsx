// The 80 mm thermal ticket, shown only when the browser prints (the desk app lays out its own from the same fields).
import type { PrintTicketArgs } from '../../src/shared/ipc-contract.js';
import { localDate, localTime } from '../../src/shared/time.js';

export function PrintTicket({ args }: { args: PrintTicketArgs }) {
  return (
    <section className="print-ticket" aria-hidden="true">
      <div className="pt-office">{args.officeName}</div>
      <div className="pt-label">SỐ THỨ TỰ</div>
      <div className="pt-number">{args.ticketNumber}</div>
      {args.procedureName && <div className="pt-procedure">{args.procedureName}</div>}
      {args.slot && <div>Giờ hẹn: {args.slot}</div>}
      {args.counterName && <div>Quầy: {args.counterName}</div>}
      {args.waitingAhead !== null && <div>Số người chờ trước: {args.waitingAhead}</div>}
      <div className="pt-time">
        Lấy số lúc {localTime(args.issuedAt)} ngày {localDate(args.issuedAt).split('-').reverse().join('/')}
      </div>
      {args.hotline && <div className="pt-hotline">Tổng đài hỗ trợ: {args.hotline}</div>}
      <div className="pt-foot">Vui lòng chờ gọi số trên màn hình.</div>
    </section>
  );
}
