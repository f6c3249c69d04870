/**
 * Wire contract of the central server's REST API (`/api/v1`), shared by central (validation), the desk
 * hub (sync client), the booking pages and tests. zod schemas are the single source; types are inferred.
 */
import { z } from 'zod';
import { BOOKING_CODE_PATTERN } from './crockford.js';
import { isValidDate, isValidHhmm } from './time.js';
import { OFFICE_ID_PATTERN } from './token.js';

export const DateSchema = z.string().refine(isValidDate, 'Ngày phải có dạng YYYY-MM-DD');
export const HhmmSchema = z.string().refine(isValidHhmm, 'Giờ phải có dạng HH:MM');
export const OfficeIdSchema = z.string().regex(OFFICE_ID_PATTERN, 'Mã đơn vị không hợp lệ');
export const BookingCodeSchema = z.string().regex(BOOKING_CODE_PATTERN, 'Mã đặt lịch gồm 8 ký tự');
export const ProcedureCodeSchema = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'Mã thủ tục không hợp lệ');

/** Vietnamese mobile numbers: 0xxxxxxxxx or +84xxxxxxxxx (10 digits, prefixes 3/5/7/8/9), spaces/dots allowed. */
export const VN_MOBILE_PATTERN = /^0(3|5|7|8|9)\d{8}$/;
export function normalizePhone(text: string): string | null {
  const digits = text.replace(/[\s.()-]/g, '').replace(/^\+?84/, '0');
  return VN_MOBILE_PATTERN.test(digits) ? digits : null;
}
export const PhoneSchema = z
  .string()
  .max(20)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'Số điện thoại di động không hợp lệ (ví dụ 0912345678)' });
      return z.NEVER;
    }
    return phone;
  });
export const FullNameSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(2, 'Vui lòng nhập họ và tên')
      .max(100)
      .regex(/^[\p{L}\p{M} .'-]+$/u, 'Họ tên chỉ gồm chữ cái')
      .regex(/\p{L}.*\p{L}/u, 'Vui lòng nhập họ và tên'),
  );
/** CCCD (12 digits) or old CMND (9 digits). */
export const IdNumberSchema = z.string().regex(/^(\d{9}|\d{12})$/, 'Số CCCD gồm 12 chữ số (CMND 9 chữ số)');

export const OFFICE_KINDS = ['province_centre', 'district', 'commune'] as const;
export const EpidemicLevelSchema = z.number().int().min(1).max(4);

export const OfficeSchema = z.object({
  id: OfficeIdSchema,
  name: z.string(),
  kind: z.enum(OFFICE_KINDS),
  parentId: OfficeIdSchema.nullable(),
  address: z.string(),
  hotline: z.string(),
  epidemicLevel: EpidemicLevelSchema,
  waitingRoomCap: z.number().int().positive(),
});
export type Office = z.infer<typeof OfficeSchema>;

export const ProcedureSchema = z.object({
  code: ProcedureCodeSchema,
  name: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  /** Service group at this office (the counters of one agency); ticket numbers and slot capacity are per group. */
  groupId: z.string(),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

export const SlotSchema = z.object({
  start: HhmmSchema,
  end: HhmmSchema,
  capacity: z.number().int().nonnegative(),
  booked: z.number().int().nonnegative(),
  available: z.number().int().nonnegative(),
});
export type Slot = z.infer<typeof SlotSchema>;

export const BOOKED_BY_KINDS = ['self', 'relative', 'hotline'] as const;
export const BookedBySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('self') }),
  z.object({ kind: z.literal('relative'), name: FullNameSchema, phone: PhoneSchema }),
  z.object({ kind: z.literal('hotline'), operatorId: z.string().min(1).max(64) }),
]);
export type BookedBy = z.infer<typeof BookedBySchema>;

export const CitizenSchema = z.object({
  fullName: FullNameSchema,
  phone: PhoneSchema,
  idNumber: IdNumberSchema.optional(),
});
export type Citizen = z.infer<typeof CitizenSchema>;

export const CreateBookingRequestSchema = z.object({
  officeId: OfficeIdSchema,
  procedureCode: ProcedureCodeSchema,
  date: DateSchema,
  slot: HhmmSchema,
  citizen: CitizenSchema,
  bookedBy: BookedBySchema,
});
export type CreateBookingRequest = z.input<typeof CreateBookingRequestSchema>;

export const BookingCreatedSchema = z.object({
  code: BookingCodeSchema,
  token: z.string(),
  officeId: OfficeIdSchema,
  procedureCode: ProcedureCodeSchema,
  date: DateSchema,
  slot: HhmmSchema,
  /** PNG data URL of the token's QR code. */
  qr: z.string(),
});
export type BookingCreated = z.infer<typeof BookingCreatedSchema>;

export const BOOKING_STATUSES = ['booked', 'checked_in', 'served', 'no_show', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** What `GET /api/v1/bookings/:code?phone=` returns (the phone proves ownership). */
export const BookingViewSchema = BookingCreatedSchema.extend({
  procedureName: z.string(),
  officeName: z.string(),
  slotEnd: HhmmSchema,
  status: z.enum(BOOKING_STATUSES),
  citizen: z.object({ fullName: z.string(), phone: z.string(), idNumber: z.string().optional() }),
  bookedBy: z.object({ kind: z.enum(BOOKED_BY_KINDS), name: z.string().optional(), phone: z.string().optional(), operatorId: z.string().optional() }),
});
export type BookingView = z.infer<typeof BookingViewSchema>;

export const CancelRequestSchema = z.object({ phone: PhoneSchema });
export const RescheduleRequestSchema = z.object({ phone: PhoneSchema, date: DateSchema, slot: HhmmSchema });

export const JwkSchema = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), kid: z.string(), x: z.string() });
export type Jwk = z.infer<typeof JwkSchema>;
export const JwksSchema = z.object({ keys: z.array(JwkSchema) });
export type Jwks = z.infer<typeof JwksSchema>;

// ---------- Desk sync (Authorization: Bearer <device token>) ----------

/** `GET /api/v1/sync/office?officeId=` — what a hub needs to run its office offline. */
export const OfficeConfigSchema = z.object({
  office: OfficeSchema,
  serviceGroups: z.array(
    z.object({ id: z.string(), name: z.string(), agencyId: z.string(), ticketPrefix: z.string(), capacityPerSlot: z.number().int().nonnegative().optional() }),
  ),
  procedures: z.array(ProcedureSchema),
  counters: z.array(
    z.object({ id: z.string(), name: z.string(), number: z.number().int().positive(), groupIds: z.array(z.string()), procedureCodes: z.array(ProcedureCodeSchema) }),
  ),
  /** Names of the province's other offices, so a booking for another office can be named at the counter, offline. */
  officeNames: z.record(z.string(), z.string()).optional(),
  schedule: z.object({ slotMinutes: z.number().int().positive(), workingDays: z.array(z.number().int().min(0).max(6)), sessions: z.array(z.object({ start: HhmmSchema, end: HhmmSchema })) }),
});
export type OfficeConfig = z.infer<typeof OfficeConfigSchema>;

export const SyncBookingSchema = z.object({
  code: BookingCodeSchema,
  officeId: OfficeIdSchema,
  procedureCode: ProcedureCodeSchema,
  groupId: z.string(),
  date: DateSchema,
  slot: HhmmSchema,
  slotEnd: HhmmSchema,
  status: z.enum(BOOKING_STATUSES),
  citizen: z.object({ fullName: z.string(), phone: z.string(), idNumber: z.string().optional() }),
  bookedByKind: z.enum(BOOKED_BY_KINDS),
  /** Epoch ms of the last change at central. */
  updatedAt: z.number(),
});
export type SyncBooking = z.infer<typeof SyncBookingSchema>;

/** `GET /api/v1/sync/bookings?officeId=&date=&cursor=` — changes since the opaque cursor, cancellations included. */
export const SyncBookingsQuerySchema = z.object({ officeId: OfficeIdSchema, date: DateSchema, cursor: z.string().max(200).optional() });
export const SyncBookingsResponseSchema = z.object({ bookings: z.array(SyncBookingSchema), cursor: z.string(), more: z.boolean().optional() });
export type SyncBookingsResponse = z.infer<typeof SyncBookingsResponseSchema>;

export const DESK_EVENT_TYPES = ['checked_in', 'called', 'recalled', 'no_show', 'transferred', 'finished', 'walk_in_issued', 'priority_set'] as const;
export type DeskEventType = (typeof DESK_EVENT_TYPES)[number];

export const DeskEventSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(DESK_EVENT_TYPES),
    bookingCode: BookingCodeSchema.optional(),
    /** Epoch ms at the desk. */
    at: z.number().int().nonnegative(),
    ticketNumber: z.string().max(20).optional(),
    counterId: z.string().max(64).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type DeskEvent = z.infer<typeof DeskEventSchema>;

/** `POST /api/v1/sync/events` — each event id is the idempotency key; a replay is acknowledged, never stored twice. */
export const SyncEventsRequestSchema = z.object({ officeId: OfficeIdSchema, events: z.array(DeskEventSchema).min(1).max(500) });
export const SyncEventsResponseSchema = z.object({ accepted: z.array(z.string()), duplicates: z.array(z.string()) });
export type SyncEventsResponse = z.infer<typeof SyncEventsResponseSchema>;

/** How a desk event moves the central booking status (one place for this rule). */
export const BOOKING_STATUS_AFTER_EVENT: Partial<Record<DeskEventType, BookingStatus>> = {
  checked_in: 'checked_in',
  finished: 'served',
  no_show: 'no_show',
};
