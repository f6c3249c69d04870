// The hotline desk in Chromium against a real central: operator sign-in, a keyboard-only booking for a caller
// with its operator recorded, the code read back, and search by phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRE, eventually, decodeQrDataUrl, freshPhone, getBooking, openPhonePage, startWorld, TODAY, verifyWithJwks, type BookingWorld } from './booking-fixture.js';

let world: BookingWorld;
let operatorId: string;
const OPERATOR = { username: 'tongdai01', password: 'Mat-khau-tong-dai-1', name: 'Nguyễn Thị Hoa' };

beforeAll(async () => {
  world = await startWorld();
  ({ operatorId } = await world.central.createOperator(OPERATOR));
});
afterAll(async () => {
  await world?.close();
});

/** The name (or id) of the focused element; page.evaluate runs in the browser, typed here without DOM libs. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { name?: string; id?: string } | null } }).document.activeElement;
    return active?.name || active?.id || '';
  });

async function signIn(page: Page, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(OPERATOR.username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByLabel('Mật khẩu').press('Enter');
}

describe('hotline page', () => {
  it('refuses a wrong password in plain Vietnamese', async () => {
    const page = await openPhonePage(world, '/hotline');
    await signIn(page, 'sai-mat-khau');
    await page.getByRole('alert').getByText('Sai tên đăng nhập hoặc mật khẩu.').waitFor();
    expect(await page.getByLabel('Tên đăng nhập').isVisible()).toBe(true);
    await page.context().close();
  });

  it('books for a caller with the keyboard only; the booking records the operator; the code is read back; search by phone finds it', async () => {
    const page = await openPhonePage(world, '/hotline');
    await signIn(page, OPERATOR.password);
    await page.getByText(`Tổng đài viên: ${OPERATOR.name}`).waitFor();
    await eventually(() => focusedName(page)).toBe('office');

    await page.getByLabel('Nơi làm thủ tục').selectOption(CENTRE);
    await page.getByLabel('Tìm thủ tục').waitFor(); // the office's procedures have arrived
    await page.keyboard.press('Tab'); // → procedure filter
    await page.keyboard.type('Cấp mới Giấy phép lái xe');
    await page.keyboard.press('Tab'); // → the only procedure left
    await page.keyboard.press('Space');
    await eventually(() => page.locator('input[name="procedure"]:checked').getAttribute('value')).toBe('GTVT-GPLX-CAPMOI');
    await page.locator('.chips input:checked').waitFor({ state: 'attached' });
    await page.keyboard.press('Tab'); // → the date group (today chosen)
    await page.keyboard.press('Tab'); // → the slot group
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    const slot = await page.locator('label[data-slot] input:checked').getAttribute('value');
    expect(slot).toMatch(/^\d\d:\d\d$/);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Huỳnh Văn Giàu');
    await page.keyboard.press('Tab');
    const phone = freshPhone();
    await page.keyboard.type(phone);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: /Đặt lịch thành công/ }).waitFor();
    const code = (await page.locator('.confirmation [data-code]').getAttribute('data-code'))!;
    expect(await page.locator('.confirmation .code').textContent()).toBe(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect(await page.locator('.confirmation .read-aloud').textContent()).toContain('Đọc lại cho người gọi');
    await page.screenshot({ path: 'test-results/hotline-360.png' });

    const stored = await getBooking(world, code, phone);
    expect(stored).toMatchObject({ officeId: CENTRE, procedureCode: 'GTVT-GPLX-CAPMOI', date: TODAY, slot, citizen: { fullName: 'Huỳnh Văn Giàu' } });
    expect(stored.bookedBy).toMatchObject({ kind: 'hotline', operatorId });
    const [token] = await decodeQrDataUrl((await page.locator('.confirmation img.qr').getAttribute('src'))!);
    expect(await verifyWithJwks(world, token!)).toMatchObject({ bookingCode: code, slot });

    // Alt+S: search by the caller's phone (spaced as read over the phone).
    await page.keyboard.press('Alt+s');
    await eventually(() => focusedName(page)).toBe('searchPhone');
    await page.keyboard.type(`${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`);
    await page.keyboard.press('Enter');
    await page.locator(`.search-hit [data-booking="${code}"]`).waitFor();
    expect(await page.locator(`.search-hit [data-booking="${code}"] [data-status]`).getAttribute('data-status')).toBe('booked');

    // The caller wants to cancel: from the hit straight to cancel.
    await page.getByRole('button', { name: 'Hủy hoặc đổi lịch này' }).click();
    await eventually(() => page.locator('[data-booking] [data-status]').getAttribute('data-status')).toBe('booked');
    await page.getByRole('button', { name: 'Hủy lịch hẹn' }).click();
    await page.getByRole('button', { name: 'Xác nhận hủy lịch hẹn này' }).click();
    await eventually(() => page.locator('[data-booking] [data-status]').getAttribute('data-status')).toBe('cancelled');
    expect((await getBooking(world, code, phone)).status).toBe('cancelled');

    // Alt+N: a new call starts an empty form.
    await page.keyboard.press('Alt+n');
    await eventually(() => focusedName(page)).toBe('office');
    expect(await page.getByLabel('Nơi làm thủ tục').inputValue()).toBe('');
    await page.context().close();
  });

  it('a stale operator session goes back to the sign-in form', async () => {
    const page = await openPhonePage(world, '/hotline');
    await page.evaluate(() => {
      const storage = (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage;
      storage.setItem('motcua.hotline.session', JSON.stringify({ token: 'expired-token', operatorId: 'x', name: 'Cũ' }));
    });
    await page.reload();
    // The shortcuts listen once the signed-in screen is up (under load, a key pressed earlier is lost).
    await page.getByText('Cũ').first().waitFor();
    await page.keyboard.press('Alt+s');
    await page.getByLabel('Số điện thoại di động').fill('0912345678');
    await page.getByLabel('Số điện thoại di động').press('Enter');
    await page.getByLabel('Tên đăng nhập').waitFor();
    await page.context().close();
  });
});
