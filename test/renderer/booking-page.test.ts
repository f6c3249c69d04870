// The citizen booking page in Chromium at 360×740 against a real central: book, QR, look up, cancel, reschedule, refusals.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentral } from '../../src/central/create-central.js';
import { weekdayOf } from '../../src/shared/time.js';
import {
  bookThroughApi,
  CENTRE,
  contrastFailures,
  decodeQrDataUrl,
  fillSlot,
  freshPhone,
  getBooking,
  getSlots,
  GPLX_DOI,
  OFFICE_NOW,
  openPhonePage,
  startWorld,
  STATIC_DIR,
  TODAY,
  verifyWithJwks,
  type BookingWorld,
  eventually,
} from './booking-fixture.js';

let world: BookingWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Office → procedure → (today is preselected) → slot. */
async function chooseSlot(page: Page, slot: string, procedure = GPLX_DOI): Promise<void> {
  await page.getByLabel('Nơi làm thủ tục').selectOption(CENTRE);
  await page.locator(`label[data-procedure="${procedure}"]`).click();
  await page.locator(`label[data-slot="${slot}"]`).click();
}

async function fillCitizen(page: Page, name: string, phone: string): Promise<void> {
  await page.getByLabel('Họ và tên', { exact: true }).fill(name);
  await page.getByLabel('Số điện thoại di động').fill(phone);
}

describe('citizen booking page', () => {
  it('books a Department of Transport procedure; the QR on the page is a valid MC1 token for it; look up; cancel', async () => {
    const page = await openPhonePage(world);
    await eventually(() => page.title()).toContain('Đặt lịch');
    await chooseSlot(page, '09:00');
    const phone = freshPhone();
    await fillCitizen(page, 'Nguyễn Văn An', `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`);
    await page.getByLabel('Số CCCD (không bắt buộc)').fill('093201001234');
    await page.getByRole('button', { name: 'Đặt lịch hẹn' }).click();

    await page.getByRole('heading', { name: /Đặt lịch thành công/ }).waitFor();
    const code = await page.locator('.confirmation [data-code]').getAttribute('data-code');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    const sms = await page.locator('[data-sms]').textContent();
    expect(sms).toContain(code!);
    expect(sms).toContain('09:00 ngay 06/01/2022');
    expect(sms).toMatch(/^[\x20-\x7e]+$/);
    expect(await page.getByRole('link', { name: 'Lưu ảnh' }).getAttribute('download')).toBe(`lich-hen-${code}.png`);
    await eventually(() => page.getByRole('link', { name: 'Lưu ảnh' }).getAttribute('href')).toMatch(/^data:image\/png;base64,/);

    // The QR image as shown on the page decodes to a token signed by the server's published key.
    const qr = await page.locator('.confirmation img.qr').getAttribute('src');
    const [token, ...others] = await decodeQrDataUrl(qr!);
    expect(others).toEqual([]);
    const payload = await verifyWithJwks(world, token!);
    expect(payload).toMatchObject({ bookingCode: code, officeId: CENTRE, date: TODAY, slot: '09:00' });
    // "Lưu ảnh" saves a composed picture (QR + code + time + place) whose QR still reads as the same token.
    await eventually(async () => (await page.getByRole('link', { name: 'Lưu ảnh' }).getAttribute('href')) !== qr).toBe(true);
    expect(await decodeQrDataUrl((await page.getByRole('link', { name: 'Lưu ảnh' }).getAttribute('href'))!)).toEqual([token]);

    const stored = await getBooking(world, code!, phone);
    expect(stored).toMatchObject({ status: 'booked', procedureCode: GPLX_DOI, citizen: { fullName: 'Nguyễn Văn An', phone, idNumber: '093201001234' } });
    expect(stored.bookedBy.kind).toBe('self');

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/booking-360.png', fullPage: true });

    // Look it up (lower case and a spaced code are accepted), then cancel with a confirmation step.
    await page.getByRole('button', { name: 'Tra cứu / Hủy / Đổi lịch' }).click();
    // The booking is kept on this phone, one tap away.
    expect(await page.locator(`[data-saved="${code}"]`).textContent()).toContain('09:00 · 06/01/2022');
    await page.getByLabel('Mã lịch hẹn').fill(`${code!.slice(0, 4).toLowerCase()} ${code!.slice(4)}`);
    await page.getByLabel('Số điện thoại di động').fill(phone);
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await eventually(() => page.locator('[data-status]').getAttribute('data-status')).toBe('booked');
    expect(await page.locator('[data-status]').textContent()).toContain('Đã đặt lịch');
    await page.getByRole('button', { name: 'Hủy lịch hẹn' }).click();
    await page.getByRole('button', { name: 'Xác nhận hủy lịch hẹn này' }).click();
    await eventually(() => page.locator('[data-status]').getAttribute('data-status')).toBe('cancelled');
    expect(await page.locator('[data-status]').textContent()).toContain('Đã hủy');
    await eventually(() => page.locator(`[data-saved="${code}"]`).count()).toBe(0);
    expect((await getBooking(world, code!, phone)).status).toBe('cancelled');
    await page.context().close();
  });

  it('offers only open days, shows the places left, and refuses a bad phone number on the page', async () => {
    const page = await openPhonePage(world);
    await page.getByLabel('Nơi làm thủ tục').selectOption(CENTRE);
    await page.locator(`label[data-procedure="${GPLX_DOI}"]`).click();
    // The open days arrive with the slots request: wait for them rather than read an empty strip.
    await eventually(() => page.locator('.chips input[type="radio"]').count()).toBe(11);
    const dates = await page.locator('.chips input[type="radio"]').evaluateAll((inputs) => inputs.map((input) => input.getAttribute('value')));
    expect(dates[0]).toBe(TODAY);
    // Up to the demo catalog's 14-day horizon: Thu 6 → Thu 20 January, weekdays only (11 days).
    expect(dates.at(-1)).toBe('2022-01-20');
    expect(dates).toHaveLength(11);
    // Saturdays and Sundays (closed at the centre) are never offered.
    expect(dates.filter((d) => [0, 6].includes(weekdayOf(d)))).toEqual([]);

    const slots = await getSlots(world, TODAY);
    const nine = slots.find((s) => s.start === '09:15')!;
    expect(await page.locator('label[data-slot="09:15"]').textContent()).toContain(`Còn ${nine.available} chỗ`);
    // Slots already past at 08:00 are not offered today.
    expect(await page.locator('label[data-slot="07:30"]').count()).toBe(0);

    await page.locator('label[data-slot="09:15"]').click();
    await fillCitizen(page, 'Lê Văn Cường', '12345');
    await page.screenshot({ path: 'test-results/booking-form-360.png', fullPage: true });
    const before = (await getSlots(world, TODAY)).find((s) => s.start === '09:15')!.booked;
    await page.getByRole('button', { name: 'Đặt lịch hẹn' }).click();
    await page.getByText('Số điện thoại di động không hợp lệ').waitFor();
    expect(await page.getByLabel('Số điện thoại di động').getAttribute('aria-invalid')).toBe('true');
    expect((await getSlots(world, TODAY)).find((s) => s.start === '09:15')!.booked).toBe(before);
    await page.context().close();
  });

  it('never offers public holidays (Tết 2022: 31 January – 4 February)', async () => {
    world.clock.set('2022-01-27T08:00:00+07:00');
    try {
      const page = await openPhonePage(world);
      await page.getByLabel('Nơi làm thủ tục').selectOption(CENTRE);
      await page.locator(`label[data-procedure="${GPLX_DOI}"]`).click();
      await page.locator('.chips input').first().waitFor({ state: 'attached' });
      const dates = await page.locator('.chips input[type="radio"]').evaluateAll((inputs) => inputs.map((input) => input.getAttribute('value')));
      expect(dates).toEqual(['2022-01-27', '2022-01-28', '2022-02-07', '2022-02-08', '2022-02-09', '2022-02-10']);
      await page.context().close();
    } finally {
      world.clock.set(OFFICE_NOW);
    }
  });

  it('a slot that fills up meanwhile is refused and the nearest free slots are offered', async () => {
    const page = await openPhonePage(world);
    await chooseSlot(page, '10:00');
    await fillCitizen(page, 'Phạm Thị Dung', freshPhone());
    // Someone else takes the last places while this citizen is typing.
    await fillSlot(world, '10:00');
    await page.getByRole('button', { name: 'Đặt lịch hẹn' }).click();

    await page.getByText('Khung giờ này đã đủ người').waitFor();
    const offered = await page.locator('[data-alternative]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-alternative')));
    expect(offered).toEqual(expect.arrayContaining(['09:45', '10:15']));
    expect(offered).not.toContain('10:00');
    expect(offered.length).toBe(3);
    await page.getByRole('alert').screenshot({ path: 'test-results/booking-full-slot-360.png' });
    // The refreshed list shows the full slot plainly and it can't be picked.
    await eventually(() => page.locator('label[data-slot="10:00"]').textContent()).toContain('Hết chỗ');
    expect(await page.locator('label[data-slot="10:00"] input').isDisabled()).toBe(true);

    await page.locator('[data-alternative="10:15"]').click();
    await page.getByRole('heading', { name: /Đặt lịch thành công/ }).waitFor();
    const code = await page.locator('.confirmation [data-code]').getAttribute('data-code');
    const qr = await page.locator('.confirmation img.qr').getAttribute('src');
    const [token] = await decodeQrDataUrl(qr!);
    expect(await verifyWithJwks(world, token!)).toMatchObject({ bookingCode: code, slot: '10:15' });
    await page.context().close();
  });

  it('a duplicate booking shows the existing one; reschedule moves it', async () => {
    const phone = freshPhone();
    const existing = await bookThroughApi(world, '13:30', TODAY, phone);
    const page = await openPhonePage(world);
    await chooseSlot(page, '14:00');
    await fillCitizen(page, 'Võ Minh Em', phone);
    await page.getByRole('button', { name: 'Đặt lịch hẹn' }).click();
    await page.getByText(`(mã ${existing.code})`).waitFor();
    await page.getByRole('button', { name: /Xem lịch hẹn đã có/ }).click();
    await eventually(() => page.locator('[data-booking]').getAttribute('data-booking')).toBe(existing.code);

    await page.getByRole('button', { name: 'Đổi ngày giờ' }).click();
    // The chosen slot fills up before the citizen confirms: refused, the old booking stands.
    await page.locator('.reschedule label[data-slot="14:45"]').click();
    await fillSlot(world, '14:45');
    await page.getByRole('button', { name: 'Đổi sang giờ đã chọn' }).click();
    await page.getByText('Khung giờ này đã đủ người').waitFor();
    expect((await getBooking(world, existing.code, phone)).slot).toBe('13:30');
    await eventually(() => page.locator('.reschedule label[data-slot="14:45"]').textContent()).toContain('Hết chỗ');

    await page.locator('.reschedule label[data-slot="15:00"]').click();
    await page.getByRole('button', { name: 'Đổi sang giờ đã chọn' }).click();
    await page.getByText('Đã đổi lịch hẹn').waitFor();
    await eventually(async () => (await getBooking(world, existing.code, phone)).slot).toBe('15:00');
    // A reload keeps the (moved) booking on the phone; one tap shows it again.
    await page.reload();
    await page.getByRole('button', { name: 'Tra cứu / Hủy / Đổi lịch' }).click();
    expect(await page.locator(`[data-saved="${existing.code}"]`).textContent()).toContain('15:00');
    await page.locator(`[data-saved="${existing.code}"]`).click();
    await eventually(() => page.locator('[data-booking]').getAttribute('data-booking')).toBe(existing.code);
    const qr = await page.locator('[data-booking] img.qr').getAttribute('src');
    const [token] = await decodeQrDataUrl(qr!);
    expect(await verifyWithJwks(world, token!)).toMatchObject({ bookingCode: existing.code, slot: '15:00' });
    await page.context().close();
  });

  it('fits a 360 px phone: no sideways scroll, tap targets of 44 px or more, every field labelled; English on request; print shows the ticket', async () => {
    const page = await openPhonePage(world);
    await chooseSlot(page, '11:00');
    await page.getByLabel('Người thân đặt giúp').check();
    await page.getByLabel('Họ và tên người đặt giúp').waitFor();

    const layout = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number }; querySelectorAll(q: string): ArrayLike<Element> } }).document;
      type Element = { getBoundingClientRect(): { height: number; width: number }; outerHTML: string; labels?: ArrayLike<unknown>; getAttribute(n: string): string | null; type?: string };
      const controls = Array.from(doc.querySelectorAll('button, a.button, select, input:not([type="radio"]), label.option, label.chip, label.slot'));
      const small = controls.filter((el) => el.getBoundingClientRect().height < 44).map((el) => el.outerHTML.slice(0, 80));
      const fields = Array.from(doc.querySelectorAll('input, select'));
      const unlabelled = fields.filter((el) => !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label')).map((el) => el.outerHTML.slice(0, 80));
      return { scrollWidth: doc.documentElement.scrollWidth, controls: controls.length, small, unlabelled };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(360);
    expect(layout.controls).toBeGreaterThan(40);
    expect(layout.small).toEqual([]);
    expect(layout.unlabelled).toEqual([]);
    expect(await contrastFailures(page)).toEqual([]);

    // A relative books for the citizen: the relative's details are checked too, and recorded.
    const phone = freshPhone();
    await fillCitizen(page, 'Đặng Thị Hạnh', phone);
    await page.getByLabel('Họ và tên người đặt giúp').fill('Đặng Văn Khoa');
    await page.getByLabel('Số điện thoại người đặt giúp').fill('0123');
    await page.getByRole('button', { name: 'Đặt lịch hẹn' }).click();
    await page.getByText('Số điện thoại di động không hợp lệ').waitFor();
    expect(await contrastFailures(page)).toEqual([]);
    await page.getByLabel('Số điện thoại người đặt giúp').fill('+84 987 654 321');

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByRole('button', { name: 'Book this slot' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Book this slot' }).click();
    await page.getByRole('heading', { name: /Booked/ }).waitFor();
    const code = (await page.locator('.confirmation [data-code]').getAttribute('data-code'))!;
    expect(await contrastFailures(page)).toEqual([]);
    expect((await getBooking(world, code, phone)).bookedBy).toMatchObject({ kind: 'relative', name: 'Đặng Văn Khoa', phone: '0987654321' });

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.tabs').isVisible()).toBe(false);
    expect(await page.locator('.confirmation img.qr').isVisible()).toBe(true);
    expect(await page.locator('.confirmation [data-code]').isVisible()).toBe(true);
    await page.context().close();
  });

  it('says plainly when the server turns the page away (rate limit), and lets the citizen retry', async () => {
    // A second central with a tiny public rate limit: the 15 day lookups exceed it.
    const strict = await createCentral({ demo: true, clock: world.clock, staticDir: STATIC_DIR, rateLimitPerMinute: 12 });
    try {
      const url = await strict.listen({ port: 0, host: '127.0.0.1' });
      const page = await openPhonePage({ ...world, url });
      await page.getByLabel('Nơi làm thủ tục').selectOption(CENTRE);
      await page.locator(`label[data-procedure="${GPLX_DOI}"]`).click();
      await page.getByRole('alert').getByText('Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.').waitFor();
      expect(await page.getByRole('button', { name: 'Thử lại' }).isVisible()).toBe(true);
      expect(await page.locator('.chips').count()).toBe(0);
      await page.context().close();
    } finally {
      await strict.close();
    }
  });
});
