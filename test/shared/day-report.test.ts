import { describe, expect, it } from 'vitest';
import { buildDayReport, dayReportCsv, dayReportHtml, type ReportRow } from '../../src/shared/day-report.js';
import { instantOf } from '../../src/shared/time.js';

const at = (hhmm: string) => instantOf('2022-01-06', hhmm);
const row = (over: Partial<ReportRow>): ReportRow => ({
  code: 'AAAAAAAA', procedureCode: 'P1', slot: '08:00', status: 'booked', ticketNumber: null, checkedInAt: null, calledAt: null, closedAt: null, ...over,
});

describe('day report', () => {
  const rows: ReportRow[] = [
    row({ code: 'A0000001', status: 'served', ticketNumber: '1001', checkedInAt: at('07:50'), calledAt: at('08:00'), closedAt: at('08:10') }),
    row({ code: 'A0000002', status: 'served', ticketNumber: '1002', checkedInAt: at('07:55'), calledAt: at('08:15'), closedAt: at('08:20') }),
    row({ code: 'A0000003', status: 'no_show', ticketNumber: '1003', checkedInAt: at('08:10'), calledAt: at('08:20'), closedAt: at('08:21') }),
    row({ code: 'A0000004', status: 'cancelled' }),
    row({ code: 'A0000005', slot: '08:15', status: 'booked' }),
    row({ code: null, slot: null, status: 'served', ticketNumber: '1004', checkedInAt: at('08:20'), calledAt: at('08:50'), closedAt: at('09:00') }),
  ];
  const report = buildDayReport({
    officeId: 'hg-ttphcc', officeName: 'Trung tâm Phục vụ hành chính công tỉnh Hậu Giang', date: '2022-01-06', cap: 30,
    slotCapacity: [{ slot: '08:00', capacity: 4 }, { slot: '08:15', capacity: 4 }], rows,
  });

  it('counts each outcome once', () => {
    expect(report.totals).toEqual({ bookings: 5, cancelled: 1, checkedIn: 4, served: 3, noShows: 1, notArrived: 1, walkIns: 1 });
    expect(report.perSlot).toEqual([
      { slot: '08:00', capacity: 4, booked: 3, arrived: 3 },
      { slot: '08:15', capacity: 4, booked: 1, arrived: 0 },
    ]);
  });
  it('measures waits and peak occupancy from the timelines', () => {
    // waits: 10, 20, 10, 30 minutes
    expect(report.wait).toEqual({ count: 4, meanMinutes: 17.5, p95Minutes: 30 });
    // 07:50 +1, 07:55 +2, 08:10 (1001 leaves, 1003 arrives) 2, 08:20 (1002 leaves, 1004 arrives) 2, …
    expect(report.peakOccupancy).toBe(2);
  });
  it('renders CSV with a BOM and one line per row, and printable HTML with charts', () => {
    const csv = dayReportCsv(report);
    expect(csv.startsWith('\uFEFFoffice,hg-ttphcc')).toBe(true);
    expect(csv).toContain('A0000001,P1,08:00,served,1001,07:50,08:00,08:10');
    expect(csv.trim().split('\r\n')).toHaveLength(15 + rows.length);
    const html = dayReportHtml(report);
    expect(html).toContain('<svg');
    expect(html).toContain('Báo cáo tiếp nhận hồ sơ ngày 2022-01-06');
    expect(html).toContain('2 / 30');
  });
});
