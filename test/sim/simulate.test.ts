import { describe, expect, it } from 'vitest';
import { simulateDay } from '../../scripts/sim/run-day.js';

describe('a simulated day at the provincial centre (60 bookings)', () => {
  it('runs booking → check-in → calls → outage → report, and central and hub agree', async () => {
    const result = await simulateDay({ bookings: 60, seed: 7 });
    const f = result.figures;
    console.log(`simulation: ${JSON.stringify(f)}`);
    expect(f.bookings).toBeGreaterThanOrEqual(55);
    expect(f.sameDayBookings).toBeGreaterThan(0);
    expect(f.checkIns).toBeGreaterThan(30);
    // Every citizen who checked in was called and either served or marked absent.
    expect(f.served + f.noShows).toBe(f.checkIns);
    // Level 3 at the provincial centre: walk-ins are refused.
    expect(f.refused.walk_in_not_allowed ?? 0).toBeGreaterThan(0);
    expect(f.outboxLeft).toBe(0);
    expect(f.eventsDelivered).toBeGreaterThanOrEqual(f.checkIns * 3);
    expect(result.disagreements).toEqual([]);
    expect(result.reportMismatches).toEqual([]);
    // The report's own totals match the simulation's counts (also checked inside, by name).
    expect(result.hubReport.totals.checkedIn).toBe(f.checkIns);
    expect(result.hubReport.totals.served).toBe(f.served);
    expect(result.centralReport.totals.served).toBe(f.served);
    expect(result.hubReportCsv).toContain('served');
    expect(result.hubReportHtml).toContain('<svg');
  }, 180_000);
});
