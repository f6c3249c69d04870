// Public catalog routes: health, offices, procedures, slots, signing keys.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DateSchema, OfficeIdSchema, ProcedureCodeSchema } from '../../shared/api.js';
import { publicOffice } from '../catalog.js';
import { parseInput } from '../http-util.js';
import type { Store } from '../store.js';

const OfficeParamsSchema = z.object({ officeId: OfficeIdSchema });
const SlotsQuerySchema = z.object({ date: DateSchema, procedure: ProcedureCodeSchema });
const SlotDaysQuerySchema = z.object({ from: DateSchema, days: z.coerce.number().int().min(1).max(31), procedure: ProcedureCodeSchema });

export function publicRoutes(app: FastifyInstance, store: Store): void {
  // `now` is the server's clock (which `--clock` may have set), so pages show office time from it.
  app.get('/healthz', async () => ({ ok: true, now: store.now() }));

  app.get('/api/v1/offices', async () => [...store.catalog.offices.values()].map(publicOffice));

  app.get('/api/v1/offices/:officeId/procedures', async (request) => {
    const { officeId } = parseInput(OfficeParamsSchema, request.params);
    return store.office(officeId).procedures;
  });

  // `?date=` → Slot[] of one day; `?from=&days=` (≤ 31) → [{ date, slots }] in one request, for pickers.
  app.get('/api/v1/offices/:officeId/slots', async (request) => {
    const { officeId } = parseInput(OfficeParamsSchema, request.params);
    const query = request.query as Record<string, unknown>;
    if (query.from !== undefined && query.date === undefined) {
      const { from, days, procedure } = parseInput(SlotDaysQuerySchema, query);
      return store.slotDays(officeId, procedure, from, days);
    }
    const { date, procedure } = parseInput(SlotsQuerySchema, query);
    return store.slots(officeId, procedure, date);
  });

  app.get('/api/v1/keys', async (_request, reply) => {
    // Hubs cache these for offline verification; a short max-age lets a rotation reach them soon.
    reply.header('cache-control', 'public, max-age=300');
    return store.jwks();
  });
}
