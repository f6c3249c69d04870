/**
 * The SMS texts a citizen receives. One place: the booking page shows exactly what central's SMS sender sends.
 * Vietnamese SMS gateways bill Unicode texts per 70 characters, so messages go out without diacritics (the usual
 * practice); each stays readable and fits one or two 160-character parts.
 */

export interface SmsBooking {
  code: string;
  officeName: string;
  date: string; // YYYY-MM-DD
  slot: string; // HH:MM
  hotline: string;
}

export type SmsKind = 'booked' | 'rescheduled' | 'cancelled';

const OPENING: Record<SmsKind, string> = {
  booked: 'Lịch hẹn',
  rescheduled: 'Đã đổi lịch hẹn',
  cancelled: 'Đã hủy lịch hẹn',
};

export function buildSmsText(booking: SmsBooking, kind: SmsKind = 'booked'): string {
  const [y, m, d] = booking.date.split('-');
  const when = `${booking.slot} ngày ${d}/${m}/${y}`;
  const text =
    kind === 'cancelled'
      ? `MotCua: ${OPENING[kind]} ${booking.code} tại ${booking.officeName}, ${when}. Đặt lịch mới: tổng đài ${booking.hotline}`
      : `MotCua: ${OPENING[kind]} ${booking.code} tại ${booking.officeName}, ${when}. Mang CCCD và mã QR/mã lịch hẹn khi đến. ` +
        `Hủy/đổi lịch: tra cứu bằng mã + SĐT. Tổng đài ${booking.hotline}`;
  return stripDiacritics(text);
}

export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}
