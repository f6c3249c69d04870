// `npm run simulate -- --bookings 300 --seed 1 [--date YYYY-MM-DD] [--out DIR] [--json]`: a whole office day, end to end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { simulateDay } from './sim/run-day.js';

const { values } = parseArgs({
  options: {
    bookings: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    date: { type: 'string' },
    out: { type: 'string', default: 'data/simulation' },
    json: { type: 'boolean', default: false },
  },
});
const bookings = Number(values.bookings);
const seed = Number(values.seed);
if (!Number.isInteger(bookings) || bookings < 1 || bookings > 5000 || !Number.isInteger(seed)) {
  console.error('Usage: npm run simulate -- --bookings <1..5000> --seed <integer> [--date YYYY-MM-DD] [--out DIR] [--json]');
  process.exit(2);
}

const started = Date.now();
const result = await simulateDay({ bookings, seed, date: values.date, log: values.json ? undefined : (line) => console.log(line) });
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, `report-${result.date}.csv`), result.hubReportCsv);
writeFileSync(join(values.out, `report-${result.date}.html`), result.hubReportHtml);

const f = result.figures;
const agree = result.disagreements.length === 0 && result.reportMismatches.length === 0 && f.outboxLeft === 0;
if (values.json) {
  console.log(JSON.stringify({ date: result.date, figures: f, disagreements: result.disagreements, reportMismatches: result.reportMismatches, agree }));
} else {
  const refused = Object.entries(f.refused).map(([reason, n]) => `${reason} ${n}`).join(', ') || '0';
  console.log(`
Ngày ${result.date} — ${bookings} lịch hẹn, seed ${seed} (simulated in ${((Date.now() - started) / 1000).toFixed(1)} s)
  bookings            ${f.bookings} (of which ${f.sameDayBookings} booked during the outage, ${f.cancelled} cancelled, ${f.moved} moved)
  check-ins           ${f.checkIns}
  served              ${f.served}
  no-shows            ${f.noShows} called and absent; ${f.notArrived} never came
  refused             ${refused}
  wait check-in→call  mean ${f.waitMeanMinutes} min, p95 ${f.waitP95Minutes} min
  peak occupancy      ${f.peakOccupancy} / cap ${f.cap}
  events to central   ${f.eventsDelivered} delivered, ${f.outboxLeft} left in the outbox
  report              ${join(values.out, `report-${result.date}.html`)} (and .csv)
  central vs hub      ${result.disagreements.length === 0 ? 'agree on every booking' : `${result.disagreements.length} DISAGREEMENTS`}
  report vs own count ${result.reportMismatches.length === 0 ? 'agree' : result.reportMismatches.join('; ')}`);
  for (const line of result.disagreements.slice(0, 20)) console.log(`    ${line}`);
}
process.exit(agree ? 0 : 1);
