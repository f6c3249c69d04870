// Public catalog routes: health, offices, procedures, slots, signing keys.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DateSchema, OfficeIdSchema, ProcedureCodeSchema } from '../../shared/api.js';
import { publicOffice } from '../catalog.js';
import { parseInput } from '../http-util.js';
import type { Store } from '../store.js';

const OfficeParamsSchema = z.object({ officeId: OfficeIdSchema });
const SlotsQuerySchema = z.object({ date: DateSchema, procedure: ProcedureCodeSchema });

export function publicRoutes(app: FastifyInstance, store: Store): void {
  // `now` is the server's clock (which `--clock` may have set), so pages show office time from it.
  app.get('/healthz', async () => ({ ok: true, now: store.now() }));

  app.get('/api/v1/offices', async () => [...store.catalog.offices.values()].map(publicOffice));

  app.get('/api/v1/offices/:officeId/procedures', async (request) => {
    const { officeId } = parseInput(OfficeParamsSchema, request.params);
    return store.office(officeId).procedures;
  });

  app.get('/api/v1/offices/:officeId/slots', async (request) => {
    const { officeId } = parseInput(OfficeParamsSchema, request.params);
    const { date, procedure } = parseInput(SlotsQuerySchema, request.query);
    return store.slots(officeId, procedure, date);
  });

  app.get('/api/v1/keys', async (_request, reply) => {
    // Hubs cache these for offline verification; a short max-age lets a rotation reach them soon.
    reply.header('cache-control', 'public, max-age=300');
    return store.jwks();
  });
}
