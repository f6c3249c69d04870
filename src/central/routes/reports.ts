// The day's report of an office (device token of that office): JSON, CSV or printable HTML.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DateSchema, OfficeIdSchema } from '../../shared/api.js';
import { dayReportCsv, dayReportHtml } from '../../shared/day-report.js';
import { parseInput } from '../http-util.js';
import { centralDayReport } from '../report.js';
import type { Store } from '../store.js';
import { requireOffice } from './sync.js';

const ParamsSchema = z.object({ officeId: OfficeIdSchema, date: DateSchema });
const QuerySchema = z.object({ format: z.enum(['json', 'csv', 'html']).default('json') });

export function reportRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/reports/:officeId/:date', async (request, reply) => {
    const { officeId, date } = await requireOffice(store, request, () => parseInput(ParamsSchema, request.params));
    const { format } = parseInput(QuerySchema, request.query);
    const report = await centralDayReport(store, officeId, date);
    if (format === 'csv') {
      reply.header('content-disposition', `attachment; filename="bao-cao-${officeId}-${date}.csv"`);
      return reply.type('text/csv; charset=utf-8').send(dayReportCsv(report));
    }
    if (format === 'html') return reply.type('text/html; charset=utf-8').send(dayReportHtml(report));
    return report;
  });
}
