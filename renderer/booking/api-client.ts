// The booking pages' one seam to the central REST API: every answer is parsed with the shared wire schemas.
import { z } from 'zod';
import {
  BookingCreatedSchema,
  BookingViewSchema,
  OfficeSchema,
  ProcedureSchema,
  SlotSchema,
  type BookingCreated,
  type BookingView,
  type CreateBookingRequest,
  type Office,
  type Procedure,
  type Slot,
} from '../../src/shared/api.js';
import { errorBody, type ErrorBody } from '../../src/shared/reasons.js';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ErrorBody };

const ErrorBodySchema = z.looseObject({ error: z.string(), message: z.string(), messageEn: z.string().optional() });
const OfficesSchema = z.union([z.array(OfficeSchema), z.object({ offices: z.array(OfficeSchema) }).transform((o) => o.offices)]);
const ProceduresSchema = z.union([
  z.array(ProcedureSchema),
  z.object({ procedures: z.array(ProcedureSchema) }).transform((o) => o.procedures),
]);
const SlotsSchema = z.union([z.array(SlotSchema), z.object({ slots: z.array(SlotSchema) }).transform((o) => o.slots)]);
const LoginSchema = z.object({ token: z.string(), operatorId: z.string(), name: z.string() });
export type OperatorSession = z.infer<typeof LoginSchema>;
const BookingListSchema = z.object({ bookings: z.array(BookingViewSchema) });
/** Any of the usual spellings of the server's clock in `GET /healthz` (epoch ms or ISO). */
const HealthSchema = z.looseObject({
  now: z.union([z.number(), z.string()]).optional(),
  time: z.union([z.number(), z.string()]).optional(),
  serverTime: z.union([z.number(), z.string()]).optional(),
});

async function call<T>(schema: z.ZodType<T>, path: string, init: RequestInit = {}, token?: string): Promise<ApiResult<T>> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('content-type', 'application/json');
  if (token) headers.set('authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    return { ok: false, status: 0, error: errorBody('internal_error') };
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorBodySchema.safeParse(json);
    const error = parsed.success ? (parsed.data as ErrorBody) : errorBody(response.status === 429 ? 'rate_limited' : 'internal_error');
    return { ok: false, status: response.status, error };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, status: response.status, error: errorBody('internal_error') };
}

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const q = encodeURIComponent;

export const api = {
  offices: (): Promise<ApiResult<Office[]>> => call(OfficesSchema, '/api/v1/offices'),
  procedures: (officeId: string): Promise<ApiResult<Procedure[]>> => call(ProceduresSchema, `/api/v1/offices/${q(officeId)}/procedures`),
  slots: (officeId: string, date: string, procedure: string): Promise<ApiResult<Slot[]>> =>
    call(SlotsSchema, `/api/v1/offices/${q(officeId)}/slots?date=${q(date)}&procedure=${q(procedure)}`),
  createBooking: (request: CreateBookingRequest, operatorToken?: string): Promise<ApiResult<BookingCreated>> =>
    call(BookingCreatedSchema, '/api/v1/bookings', post(request), operatorToken),
  booking: (code: string, phone: string, operatorToken?: string): Promise<ApiResult<BookingView>> =>
    call(BookingViewSchema, `/api/v1/bookings/${q(code)}?phone=${q(phone)}`, {}, operatorToken),
  cancel: (code: string, phone: string, operatorToken?: string): Promise<ApiResult<BookingView>> =>
    call(BookingViewSchema, `/api/v1/bookings/${q(code)}/cancel`, post({ phone }), operatorToken),
  reschedule: (code: string, phone: string, date: string, slot: string, operatorToken?: string): Promise<ApiResult<BookingView>> =>
    call(BookingViewSchema, `/api/v1/bookings/${q(code)}/reschedule`, post({ phone, date, slot }), operatorToken),
  hotlineLogin: (username: string, password: string): Promise<ApiResult<OperatorSession>> =>
    call(LoginSchema, '/api/v1/hotline/login', post({ username, password })),
  hotlineBookings: (token: string, phone: string): Promise<ApiResult<BookingView[]>> =>
    call(BookingListSchema.transform((o) => o.bookings), `/api/v1/hotline/bookings?phone=${q(phone)}`, {}, token),
  /** The server's clock (epoch ms) when /healthz tells it, else this device's: "today" must be the office's. */
  async serverNow(): Promise<number> {
    const result = await call(HealthSchema, '/healthz');
    if (result.ok) {
      const value = result.data.now ?? result.data.time ?? result.data.serverTime;
      const ms = typeof value === 'string' ? Date.parse(value) : value;
      if (typeof ms === 'number' && Number.isFinite(ms)) return ms;
    }
    return Date.now();
  },
};
