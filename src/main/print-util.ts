// The 80 mm thermal ticket: its HTML and the options for webContents.print. Pure.
import type { PrintTicketArgs } from '../shared/ipc-contract.js';
import { escapeHtml } from '../shared/html.js';
import { localDate, localTime } from '../shared/time.js';

/** 80 mm roll; Chromium takes page sizes in microns. The height fits the layout below with room to spare. */
export const TICKET_PAGE_MICRONS = { width: 80_000, height: 120_000 } as const;

/** Options for `webContents.print`: silent, on the chosen printer (or the system default), no margins. */
export function ticketPrintOptions(printerName: string | null) {
  return {
    silent: true,
    printBackground: false,
    color: false,
    margins: { marginType: 'none' as const },
    pageSize: { ...TICKET_PAGE_MICRONS },
    copies: 1,
    ...(printerName ? { deviceName: printerName } : {}),
  };
}

export { escapeHtml };

/** The ticket page (no script; shown only in a hidden print window). No name, phone or ID number on paper. */
export function ticketHtml(args: PrintTicketArgs): string {
  const line = (label: string, value: string | null) => (value ? `<p><span>${escapeHtml(label)}</span> ${escapeHtml(value)}</p>` : '');
  const issued = `${localTime(args.issuedAt)} ${localDate(args.issuedAt).split('-').reverse().join('/')}`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Số thứ tự ${escapeHtml(args.ticketNumber)}</title>
<style>
  @page { size: 80mm 120mm; margin: 0; }
  body { width: 72mm; margin: 2mm 4mm; font-family: Arial, 'Noto Sans', sans-serif; color: #000; text-align: center; }
  h1 { font-size: 12pt; margin: 0 0 2mm; }
  .label { font-size: 10pt; margin: 2mm 0 0; }
  .number { font-size: 44pt; font-weight: bold; margin: 0 0 2mm; letter-spacing: 1mm; }
  p { font-size: 10pt; margin: 1mm 0; }
  span { font-weight: bold; }
  .foot { font-size: 8pt; margin-top: 3mm; border-top: 1px dashed #000; padding-top: 2mm; }
</style></head>
<body>
  <h1>${escapeHtml(args.officeName)}</h1>
  <p class="label">SỐ THỨ TỰ CỦA BẠN</p>
  <p class="number">${escapeHtml(args.ticketNumber)}</p>
  ${line('Thủ tục:', args.procedureName)}
  ${line('Giờ hẹn:', args.slot)}
  ${line('Quầy:', args.counterName)}
  ${line('Số người đang chờ:', args.waitingAhead === null ? null : String(args.waitingAhead))}
  <p>Lấy số lúc ${escapeHtml(issued)}</p>
  <p class="foot">Vui lòng theo dõi màn hình và loa gọi số.${args.hotline ? ` Tổng đài: ${escapeHtml(args.hotline)}` : ''}</p>
</body></html>`;
}

/** The ticket the settings page's test button prints. */
export function sampleTicket(now: number): PrintTicketArgs {
  return {
    officeName: 'MotCua – In thử',
    ticketNumber: '1001',
    procedureName: 'Cấp đổi giấy phép lái xe',
    slot: localTime(now),
    counterName: 'Quầy 1',
    hotline: null,
    issuedAt: now,
    waitingAhead: 0,
  };
}
