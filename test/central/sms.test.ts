// SMS to citizens: one message per booking change through the pluggable sender; a failing gateway never fails a booking.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogSmsSender, maskPhoneForLog, type SmsMessage } from '../../src/central/sms.js';
import { bookingRequest, call, nextPhone, startCentral, type TestCentral } from './central-helpers.js';

describe('SMS to citizens', () => {
  let central: TestCentral | undefined;
  afterEach(async () => {
    await central?.dispose();
    central = undefined;
  });

  it('sends the booking, reschedule and cancel texts to the citizen, without diacritics', async () => {
    const sent: SmsMessage[] = [];
    central = await startCentral('sqlite', { sms: { send: async (message) => void sent.push(message) } });
    const phone = nextPhone();
    const created = await call<{ code: string }>(central.url, 'POST', '/api/v1/bookings', bookingRequest({ citizen: { fullName: 'Phạm Thị Lụa', phone } }));
    expect(created.status).toBe(201);
    const code = created.body.code;
    expect(sent).toEqual([
      {
        to: phone,
        text: `MotCua: Lich hen ${code} tai Trung tam Phuc vu hanh chinh cong tinh Hau Giang, 09:00 ngay 06/01/2022. Mang CCCD va ma QR/ma lich hen khi den. Huy/doi lich: tra cuu bang ma + SDT. Tong dai 0293.3554567`,
      },
    ]);
    expect((await call(central.url, 'POST', `/api/v1/bookings/${code}/reschedule`, { phone, date: '2022-01-07', slot: '14:00' })).status).toBe(200);
    expect(sent[1]).toMatchObject({ to: phone, text: expect.stringMatching(/^MotCua: Da doi lich hen .* 14:00 ngay 07\/01\/2022\./) });
    expect((await call(central.url, 'POST', `/api/v1/bookings/${code}/cancel`, { phone })).status).toBe(200);
    expect(sent[2]).toMatchObject({ to: phone, text: expect.stringMatching(/^MotCua: Da huy lich hen /) });
    // A refused change sends nothing.
    expect((await call(central.url, 'POST', `/api/v1/bookings/${code}/cancel`, { phone })).status).toBe(409);
    expect(sent).toHaveLength(3);
    for (const message of sent) expect(message.text).toMatch(/^[\x20-\x7e]+$/);
  });

  it('keeps the booking when the SMS gateway fails', async () => {
    central = await startCentral('sqlite', { sms: { send: async () => Promise.reject(new Error('gateway down')) } });
    const created = await call<{ code: string }>(central.url, 'POST', '/api/v1/bookings', bookingRequest());
    expect(created.status).toBe(201);
    expect(created.body.code).toMatch(/^[0-9A-Z]{8}$/);
  });

  it('the default sender writes the text to the log with the phone masked', async () => {
    const lines: Array<{ obj: object; msg: string }> = [];
    const sender = createLogSmsSender({ info: (obj, msg) => void lines.push({ obj, msg }), warn: () => {} });
    await sender.send({ to: '0912345678', text: 'MotCua: Lich hen ABCD1234' });
    expect(lines).toEqual([{ obj: { sms: { to: '*******678', text: 'MotCua: Lich hen ABCD1234' } }, msg: 'SMS (log sender)' }]);
    expect(maskPhoneForLog('0912345678')).not.toContain('091234');
  });
});
