// Desk sync routes (Authorization: Bearer <device token>): office config, bookings since a cursor, desk events.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OfficeIdSchema, SyncBookingsQuerySchema, SyncEventsRequestSchema } from '../../shared/api.js';
import { ApiError } from '../api-error.js';
import { officeConfig } from '../catalog.js';
import { bearerToken, parseInput } from '../http-util.js';
import type { Store } from '../store.js';

const OfficeQuerySchema = z.object({ officeId: OfficeIdSchema });
// Absent or empty means "from the start".
const CursorSchema = z.union([z.undefined(), z.literal(''), z.string().regex(/^\d{1,15}$/, 'Con trỏ đồng bộ không hợp lệ')]);

/** The office of the request's device token; 401 without a valid token, 403 when it asks for another office. */
export async function requireOffice(store: Store, request: FastifyRequest, officeId: string): Promise<void> {
  const token = bearerToken(request);
  const tokenOffice = token ? await store.officeOfDeviceToken(token) : null;
  if (!tokenOffice) throw new ApiError(401, 'unauthorized');
  if (tokenOffice !== officeId) throw new ApiError(403, 'forbidden');
}

export function syncRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/sync/office', async (request) => {
    const { officeId } = parseInput(OfficeQuerySchema, request.query);
    await requireOffice(store, request, officeId);
    return officeConfig(store.office(officeId));
  });

  app.get('/api/v1/sync/bookings', async (request) => {
    const query = parseInput(SyncBookingsQuerySchema, request.query);
    await requireOffice(store, request, query.officeId);
    const cursor = Number(parseInput(CursorSchema, query.cursor) || 0);
    const page = await store.syncBookings(query.officeId, query.date, cursor);
    return { bookings: page.bookings.map(store.toSync), cursor: String(page.cursor), more: page.more };
  });

  app.post('/api/v1/sync/events', async (request) => {
    const body = parseInput(SyncEventsRequestSchema, request.body);
    await requireOffice(store, request, body.officeId);
    return store.applyDeskEvents(body.officeId, body.events);
  });
}
