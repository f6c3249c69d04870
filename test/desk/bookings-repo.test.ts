// What the hub keeps when central's view of a booking arrives: the counter's facts win over older or cancelled states.
import { describe, expect, it } from 'vitest';
import type { BookingStatus, SyncBooking } from '../../src/shared/api.js';
import { migrate } from '../../src/desk/db/migrate.js';
import { HUB_MIGRATIONS } from '../../src/desk/db/migrations/index.js';
import { openDb } from '../../src/desk/db/open-db.js';
import { findBooking, setBookingStatus, upsertSyncedBookings } from '../../src/desk/store/bookings-repo.js';

const synced = (status: BookingStatus, updatedAt: number): SyncBooking => ({
  code: 'A0000001', officeId: 'hg-ttphcc', procedureCode: 'GTVT-GPLX-CAPLAI', groupId: 'sgtvt', date: '2022-01-06', slot: '08:00', slotEnd: '08:15',
  status, citizen: { fullName: 'Nguyễn Văn An', phone: '0912345678' }, bookedByKind: 'self', updatedAt,
});

describe('applying central’s bookings at the hub', () => {
  it.each([
    ['booked', 'checked_in', 'booked', 'checked_in'],
    ['booked', 'checked_in', 'cancelled', 'checked_in'],
    ['booked', 'served', 'cancelled', 'served'],
    ['booked', 'no_show', 'cancelled', 'no_show'],
    ['booked', null, 'cancelled', 'cancelled'],
    ['booked', 'checked_in', 'served', 'served'],
  ] as const)('local %s→%s, then central says %s: keeps %s', (first, local, incoming, expected) => {
    const db = openDb(':memory:');
    migrate(db, HUB_MIGRATIONS);
    upsertSyncedBookings(db, [synced(first, 1)]);
    if (local) setBookingStatus(db, 'A0000001', local);
    upsertSyncedBookings(db, [synced(incoming, 2)]);
    expect(findBooking(db, 'A0000001')?.status).toBe(expected);
    db.close();
  });
});
