/**
 * The day's report of one office (issue 8): the hub builds it from its tickets, central from the desk events it
 * received; both call `buildDayReport`, so the two agree by construction when they hold the same facts.
 * No names, phones or ID numbers: booking codes and ticket numbers only.
 */
import type { BookingStatus } from './api.js';
import { escapeHtml } from './html.js';
import { localTime } from './time.js';

/** One booking (or walk-in, with `code: null`) and its ticket timeline, epoch ms. */
export interface ReportRow {
  code: string | null;
  procedureCode: string | null;
  /** Slot start `HH:MM`; null for walk-ins. */
  slot: string | null;
  status: BookingStatus;
  ticketNumber: string | null;
  checkedInAt: number | null;
  calledAt: number | null;
  /** Finished or marked no-show: when the citizen left the waiting room. */
  closedAt: number | null;
}

export interface DayReportInput {
  officeId: string;
  officeName: string;
  date: string;
  cap: number;
  /** Capacity per slot start, summed over service groups. */
  slotCapacity: ReadonlyArray<{ slot: string; capacity: number }>;
  rows: ReadonlyArray<ReportRow>;
}

export interface DayReport {
  officeId: string;
  officeName: string;
  date: string;
  totals: { bookings: number; cancelled: number; checkedIn: number; served: number; noShows: number; notArrived: number; walkIns: number };
  /** Minutes from check-in to first call. */
  wait: { count: number; meanMinutes: number; p95Minutes: number };
  peakOccupancy: number;
  cap: number;
  perSlot: Array<{ slot: string; capacity: number; booked: number; arrived: number }>;
  rows: ReportRow[];
}

const ARRIVED: ReadonlySet<BookingStatus> = new Set(['checked_in', 'served', 'no_show']);

export function buildDayReport(input: DayReportInput): DayReport {
  const rows = [...input.rows].sort((a, b) => (a.slot ?? '99').localeCompare(b.slot ?? '99') || (a.code ?? '').localeCompare(b.code ?? ''));
  const booked = rows.filter((r) => r.code !== null);
  const arrivedRows = rows.filter((r) => r.checkedInAt !== null);
  const waits = arrivedRows.filter((r) => r.calledAt !== null).map((r) => (r.calledAt! - r.checkedInAt!) / 60_000);
  const perSlot = input.slotCapacity.map(({ slot, capacity }) => {
    const inSlot = booked.filter((r) => r.slot === slot && r.status !== 'cancelled');
    return { slot, capacity, booked: inSlot.length, arrived: inSlot.filter((r) => ARRIVED.has(r.status)).length };
  });
  return {
    officeId: input.officeId,
    officeName: input.officeName,
    date: input.date,
    totals: {
      bookings: booked.length,
      cancelled: booked.filter((r) => r.status === 'cancelled').length,
      checkedIn: arrivedRows.length,
      served: rows.filter((r) => r.status === 'served').length,
      noShows: rows.filter((r) => r.status === 'no_show').length,
      notArrived: booked.filter((r) => r.status === 'booked').length,
      walkIns: rows.filter((r) => r.code === null).length,
    },
    wait: { count: waits.length, meanMinutes: round1(mean(waits)), p95Minutes: round1(quantile(waits, 0.95)) },
    peakOccupancy: peakOccupancy(arrivedRows),
    cap: input.cap,
    perSlot,
    rows,
  };
}

/** Highest number of people checked in and not yet gone, over the day (a sweep over arrivals and departures). */
function peakOccupancy(rows: ReadonlyArray<ReportRow>): number {
  const changes = rows.flatMap((r) => [
    { at: r.checkedInAt!, delta: 1 },
    ...(r.closedAt !== null ? [{ at: r.closedAt, delta: -1 }] : []),
  ]);
  // Departures before arrivals at the same instant: a seat freed and taken at once is not a peak.
  changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let peak = 0;
  for (const change of changes) {
    current += change.delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0);
const round1 = (value: number) => Math.round(value * 10) / 10;
function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const timeOrEmpty = (ms: number | null) => (ms === null ? '' : localTime(ms));

/** CSV: a summary block, then one line per booking/walk-in. RFC 4180 quoting; UTF-8 with BOM so Excel shows Vietnamese. */
export function dayReportCsv(report: DayReport): string {
  const quote = (value: string | number) => (/[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
  const line = (cells: Array<string | number>) => cells.map(quote).join(',');
  const t = report.totals;
  const lines = [
    line(['office', report.officeId, report.officeName]),
    line(['date', report.date]),
    line(['bookings', t.bookings]),
    line(['cancelled', t.cancelled]),
    line(['checked_in', t.checkedIn]),
    line(['served', t.served]),
    line(['no_shows', t.noShows]),
    line(['not_arrived', t.notArrived]),
    line(['walk_ins', t.walkIns]),
    line(['wait_mean_min', report.wait.meanMinutes]),
    line(['wait_p95_min', report.wait.p95Minutes]),
    line(['peak_occupancy', report.peakOccupancy]),
    line(['cap', report.cap]),
    '',
    line(['code', 'procedure', 'slot', 'status', 'ticket', 'checked_in_at', 'called_at', 'closed_at']),
    ...report.rows.map((r) =>
      line([r.code ?? '', r.procedureCode ?? '', r.slot ?? '', r.status, r.ticketNumber ?? '', timeOrEmpty(r.checkedInAt), timeOrEmpty(r.calledAt), timeOrEmpty(r.closedAt)]),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}


/** A printable page (A4) with the figures, a chart of arrivals against capacity per slot, and the wait distribution. */
export function dayReportHtml(report: DayReport): string {
  const t = report.totals;
  const slotChart = barChart(
    report.perSlot.map((s) => ({ label: s.slot, bars: [s.capacity, s.booked, s.arrived] })),
    ['Sức chứa / Capacity', 'Đã đặt / Booked', 'Đã đến / Arrived'],
  );
  const waitBuckets = [0, 5, 10, 15, 20, 30, 45, 60];
  const waits = report.rows.filter((r) => r.checkedInAt !== null && r.calledAt !== null).map((r) => (r.calledAt! - r.checkedInAt!) / 60_000);
  const waitChart = barChart(
    waitBuckets.map((from, i) => {
      const to = waitBuckets[i + 1] ?? Infinity;
      return { label: to === Infinity ? `≥${from}′` : `${from}–${to}′`, bars: [waits.filter((w) => w >= from && w < to).length] };
    }),
    ['Số người / People'],
    ['#2563eb'],
  );
  const figure = (vi: string, en: string, value: string | number) => `<tr><th>${vi}<small>${en}</small></th><td>${value}</td></tr>`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo cáo ngày ${escapeHtml(report.date)} – ${escapeHtml(report.officeName)}</title>
<style>
  @page { size: A4; margin: 15mm; }
  body { font-family: system-ui, "Segoe UI", Roboto, sans-serif; color: #111; max-width: 190mm; margin: auto; }
  h1 { font-size: 20px; margin-bottom: 0; } h2 { font-size: 16px; margin-top: 24px; }
  table.figures { border-collapse: collapse; } table.figures th, table.figures td { border-bottom: 1px solid #ccc; padding: 4px 12px 4px 0; text-align: left; }
  small { display: block; color: #555; font-weight: normal; font-size: 11px; }
  svg text { font-size: 10px; fill: #222; }
</style></head><body>
<h1>Báo cáo tiếp nhận hồ sơ ngày ${escapeHtml(report.date)}</h1>
<p>${escapeHtml(report.officeName)} (${escapeHtml(report.officeId)})</p>
<table class="figures">
${figure('Lịch hẹn', 'Bookings', t.bookings)}
${figure('Đã hủy', 'Cancelled', t.cancelled)}
${figure('Đã tiếp nhận (check-in)', 'Checked in', t.checkedIn)}
${figure('Đã giải quyết xong', 'Served', t.served)}
${figure('Vắng mặt khi gọi', 'No-shows', t.noShows)}
${figure('Không đến', 'Did not arrive', t.notArrived)}
${figure('Không hẹn trước', 'Walk-ins', t.walkIns)}
${figure('Thời gian chờ trung bình', 'Mean wait (check-in → call)', `${report.wait.meanMinutes} phút`)}
${figure('Thời gian chờ p95', 'p95 wait', `${report.wait.p95Minutes} phút`)}
${figure('Số người trong phòng chờ cao nhất', 'Peak occupancy / cap', `${report.peakOccupancy} / ${report.cap}`)}
</table>
<h2>Lượt đến theo khung giờ <small>Arrivals against capacity per slot</small></h2>
${slotChart}
<h2>Thời gian chờ <small>Wait from check-in to call, minutes</small></h2>
${waitChart}
</body></html>
`;
}

const BAR_COLOURS = ['#c7d2fe', '#2563eb', '#16a34a'];

function barChart(groups: Array<{ label: string; bars: number[] }>, legend: string[], colours: readonly string[] = BAR_COLOURS): string {
  const height = 160;
  const groupWidth = Math.max(18, Math.min(60, Math.floor(680 / Math.max(1, groups.length))));
  const barWidth = Math.max(3, Math.floor((groupWidth - 4) / legend.length));
  const max = Math.max(1, ...groups.flatMap((g) => g.bars));
  const width = groups.length * groupWidth + 40;
  const bars = groups
    .map((g, gi) => {
      const x0 = 30 + gi * groupWidth;
      const rects = g.bars
        .map((value, bi) => {
          const h = Math.round((value / max) * height);
          return `<rect x="${x0 + bi * barWidth}" y="${10 + height - h}" width="${barWidth - 1}" height="${h}" fill="${colours[bi % colours.length]}"><title>${value}</title></rect>`;
        })
        .join('');
      return `${rects}<text x="${x0}" y="${height + 24}" transform="rotate(45 ${x0} ${height + 24})">${escapeHtml(g.label)}</text>`;
    })
    .join('');
  const legendItems = legend
    .map((name, i) => `<tspan fill="${colours[i % colours.length]}">■</tspan> ${escapeHtml(name)} `)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 70}" role="img">
<text x="30" y="${height + 62}">${legendItems}</text>
<line x1="28" y1="${10 + height}" x2="${width}" y2="${10 + height}" stroke="#888"/>
<text x="0" y="18">${max}</text>
${bars}
</svg>`;
}
