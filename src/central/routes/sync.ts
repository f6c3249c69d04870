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

/** Desk event `data` is a flat record from the hub; deeper nesting is refused (thousands of levels overflow JSON.stringify). */
const MAX_EVENT_DATA_DEPTH = 8;

/** Whether `value` nests objects/arrays more than `maxDepth` levels (breadth-first, so no recursion). */
function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  let level = [value];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > maxDepth) return true;
    level = level.flatMap((item) => (item !== null && typeof item === 'object' ? Object.values(item) : []));
  }
  return false;
}

/** The office of the request's device token; 401 without a valid token. */
async function deviceOffice(store: Store, request: FastifyRequest): Promise<string> {
  const token = bearerToken(request);
  const tokenOffice = token ? await store.officeOfDeviceToken(token) : null;
  if (!tokenOffice) throw new ApiError(401, 'unauthorized');
  return tokenOffice;
}

/** 401 without a valid device token, 403 when it asks for another office. */
export async function requireOffice(store: Store, request: FastifyRequest, officeId: string): Promise<void> {
  if ((await deviceOffice(store, request)) !== officeId) throw new ApiError(403, 'forbidden');
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
    // Authenticate before validating up to 500 events: this route is outside the rate limit.
    const tokenOffice = await deviceOffice(store, request);
    const body = parseInput(SyncEventsRequestSchema, request.body);
    if (body.officeId !== tokenOffice) throw new ApiError(403, 'forbidden');
    const deep = body.events.findIndex((event) => nestsDeeperThan(event.data, MAX_EVENT_DATA_DEPTH));
    if (deep >= 0) {
      const message = `lồng quá ${MAX_EVENT_DATA_DEPTH} cấp`;
      throw new ApiError(400, 'invalid_input', { detail: `events.${deep}.data: ${message}` }, { fields: { [`events.${deep}.data`]: message } });
    }
    return store.applyDeskEvents(body.officeId, body.events);
  });
}
