// The citizen's own bookings, kept on their device so the QR can be reopened without retyping code and phone.
// Only the citizen page keeps them (never the hotline desk, a shared machine).
import { z } from 'zod';

const STORAGE_KEY = 'motcua.bookings';
const MAX_SAVED = 10;

const SavedBookingSchema = z.object({ code: z.string(), phone: z.string(), date: z.string(), slot: z.string(), officeName: z.string() });
export type SavedBooking = z.infer<typeof SavedBookingSchema>;

export function loadSavedBookings(today: string): SavedBooking[] {
  try {
    const parsed = z.array(SavedBookingSchema).safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]'));
    // Past appointments are of no further use on the phone.
    return parsed.success ? parsed.data.filter((booking) => booking.date >= today) : [];
  } catch {
    return [];
  }
}

export function saveBooking(booking: SavedBooking, today: string): void {
  const others = loadSavedBookings(today).filter((saved) => saved.code !== booking.code);
  const next = [...others, booking].sort((a, b) => `${a.date} ${a.slot}`.localeCompare(`${b.date} ${b.slot}`)).slice(0, MAX_SAVED);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Private mode or a full storage: the SMS and the saved image still carry the booking.
  }
}

export function forgetBooking(code: string, today: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(loadSavedBookings(today).filter((saved) => saved.code !== code)));
  } catch {
    // Nothing to undo.
  }
}
