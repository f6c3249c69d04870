// The confirmation SMS text. One place, so the page shows exactly what the server's SMS sender would send.

export interface SmsBooking {
  code: string;
  officeName: string;
  date: string; // YYYY-MM-DD
  slot: string; // HH:MM
  hotline: string;
}

/**
 * Vietnamese SMS gateways bill Unicode texts per 70 characters, so confirmations go out without
 * diacritics (the usual practice); the text stays readable and fits one or two 160-character parts.
 */
export function buildSmsText(booking: SmsBooking): string {
  const [y, m, d] = booking.date.split('-');
  const text =
    `MotCua: Lich hen ${booking.code} tai ${booking.officeName}, ` +
    `${booking.slot} ngay ${d}/${m}/${y}. Mang CCCD va ma QR/ma lich hen khi den. ` +
    `Huy/doi lich: tra cuu bang ma + SDT. Tong dai ${booking.hotline}`;
  return stripDiacritics(text);
}

export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}
