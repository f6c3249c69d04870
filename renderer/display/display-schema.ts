/**
 * zod schemas for what the hub sends the display (types in src/shared/hub-events.ts). Every payload is
 * checked before it touches the screen; unknown keys are dropped, so even a field the hub should never
 * send (a name, a phone) could not reach the DOM through this page.
 */
import { z } from 'zod';
import type { CallEvent, DisplayCounter, DisplaySnapshot, DisplayState } from '../../src/shared/hub-events.js';

const shortText = z.string().max(200);

/**
 * A list whose bad items are dropped one by one: one odd call (say, with no number) must not blank the
 * whole screen by failing the payload it came in.
 */
function lenientList<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(z.unknown())
    .max(max)
    .transform((items) => items.flatMap((value) => {
      const parsed = item.safeParse(value);
      return parsed.success ? [parsed.data as z.output<T>] : [];
    }));
}
const count = z.number().int().nonnegative().max(1_000_000);

export const CallEventSchema = z.object({
  id: z.string().min(1).max(100),
  ticketNumber: z.string().min(1).max(12),
  counterId: z.string().min(1).max(64),
  counterName: shortText,
  counterNumber: z.number().int().positive().max(999),
  at: z.number().nonnegative(),
  recall: z.boolean(),
}) satisfies z.ZodType<CallEvent>;

const DisplayCounterSchema = z.object({
  id: z.string().min(1).max(64),
  name: shortText,
  number: z.number().int().positive().max(999),
  currentNumber: z.string().max(12).nullable(),
}) satisfies z.ZodType<DisplayCounter>;

export const DisplayStateSchema = z.object({
  counters: lenientList(DisplayCounterSchema, 100),
  recentCalls: lenientList(CallEventSchema, 100),
  waiting: count,
  occupancy: count,
  cap: count,
  online: z.boolean(),
}) satisfies z.ZodType<DisplayState>;

export const DisplaySnapshotSchema = DisplayStateSchema.extend({
  office: z.object({ id: z.string().max(64), name: shortText, hotline: z.string().max(40) }),
  notice: z.string().max(2000),
  serverTime: z.number().positive(),
}) satisfies z.ZodType<DisplaySnapshot>;
