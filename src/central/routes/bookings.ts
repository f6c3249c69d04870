// Booking routes: create (citizen, relative, hotline operator), look up, cancel, reschedule.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CancelRequestSchema, CreateBookingRequestSchema, PhoneSchema, RescheduleRequestSchema } from '../../shared/api.js';
import { normalizeBookingCode } from '../../shared/crockford.js';
import { ApiError } from '../api-error.js';
import { qrPngDataUrl } from '../qr-png.js';
import { bearerToken, parseInput } from '../http-util.js';
import { notifyCitizen, type SmsSender } from '../sms.js';
import type { BookingRow, Store } from '../store.js';

/** A code as a citizen reads it out or types it: lower case, dashes, spaces and look-alikes (O→0, I/L→1) are fine. */
const CodeParamsSchema = z.object({
  code: z
    .string()
    .max(40)
    .transform((text, ctx) => normalizeBookingCode(text) ?? (ctx.addIssue({ code: 'custom', message: 'Mã đặt lịch gồm 8 ký tự' }), z.NEVER)),
});
const PhoneQuerySchema = z.object({ phone: PhoneSchema });

/** PNG data URL of the token (error level M keeps a typical token at QR version 7). */
export async function qrDataUrl(token: string): Promise<string> {
  return qrPngDataUrl(token);
}

export async function bookingView(store: Store, row: BookingRow) {
  return store.toView(row, await qrDataUrl(row.token));
}

export function bookingRoutes(app: FastifyInstance, store: Store, sms: SmsSender): void {
  app.post('/api/v1/bookings', async (request, reply) => {
    const body = request.body as { bookedBy?: { kind?: unknown; operatorId?: string } } | null;
    if (body && typeof body === 'object' && body.bookedBy?.kind === 'hotline') {
      // The operator comes from the session token, never from the body.
      const token = bearerToken(request);
      const operatorId = token ? await store.operatorOfSession(token) : null;
      if (!operatorId) throw new ApiError(401, 'operator_required');
      body.bookedBy = { kind: 'hotline', operatorId };
    }
    const input = parseInput(CreateBookingRequestSchema, body);
    const row = await store.createBooking(input);
    await notifyCitizen(sms, store, row, 'booked', request.log);
    const qr = await qrDataUrl(row.token);
    reply.code(201);
    return { code: row.code, token: row.token, officeId: row.office_id, procedureCode: row.procedure_code, date: row.date, slot: row.slot, qr };
  });

  app.get('/api/v1/bookings/:code', async (request) => {
    const { code } = parseInput(CodeParamsSchema, request.params);
    const { phone } = parseInput(PhoneQuerySchema, request.query);
    return bookingView(store, await store.findBooking(code, phone));
  });

  app.post('/api/v1/bookings/:code/cancel', async (request) => {
    const { code } = parseInput(CodeParamsSchema, request.params);
    const { phone } = parseInput(CancelRequestSchema, request.body);
    const row = await store.cancelBooking(code, phone);
    await notifyCitizen(sms, store, row, 'cancelled', request.log);
    return bookingView(store, row);
  });

  app.post('/api/v1/bookings/:code/reschedule', async (request) => {
    const { code } = parseInput(CodeParamsSchema, request.params);
    const { phone, date, slot } = parseInput(RescheduleRequestSchema, request.body);
    const row = await store.rescheduleBooking(code, phone, date, slot);
    await notifyCitizen(sms, store, row, 'rescheduled', request.log);
    return bookingView(store, row);
  });
}
