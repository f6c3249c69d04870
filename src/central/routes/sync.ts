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

/**
 * Device-token routes: 401 without a valid token, checked before anything of the request is parsed (a stranger
 * gets no validation detail, and these routes are outside the rate limit); then `parse()` (400) and 403 when
 * the request names another office than the token's.
 */
export async function requireOffice<T extends { officeId: string }>(store: Store, request: FastifyRequest, parse: () => T): Promise<T> {
  const token = bearerToken(request);
  const tokenOffice = token ? await store.officeOfDeviceToken(token) : null;
  if (!tokenOffice) throw new ApiError(401, 'unauthorized');
  const parsed = parse();
  if (parsed.officeId !== tokenOffice) throw new ApiError(403, 'forbidden');
  return parsed;
}

export function syncRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/sync/office', async (request) => {
    const { officeId } = await requireOffice(store, request, () => parseInput(OfficeQuerySchema, request.query));
    return officeConfig(store.office(officeId), store.catalog.offices.values());
  });

  app.get('/api/v1/sync/bookings', async (request) => {
    const query = await requireOffice(store, request, () => parseInput(SyncBookingsQuerySchema, request.query));
    const cursor = Number(parseInput(CursorSchema, query.cursor) || 0);
    const page = await store.syncBookings(query.officeId, query.date, cursor);
    return { bookings: page.bookings.map(store.toSync), cursor: String(page.cursor), more: page.more };
  });

  app.post('/api/v1/sync/events', async (request) => {
    const body = await requireOffice(store, request, () => parseInput(SyncEventsRequestSchema, request.body));
    const deep = body.events.findIndex((event) => nestsDeeperThan(event.data, MAX_EVENT_DATA_DEPTH));
    if (deep >= 0) {
      const message = `lồng quá ${MAX_EVENT_DATA_DEPTH} cấp`;
      throw new ApiError(400, 'invalid_input', { detail: `events.${deep}.data: ${message}` }, { fields: { [`events.${deep}.data`]: message } });
    }
    return store.applyDeskEvents(body.officeId, body.events);
  });
}
