// Pure helpers of the booking pages: nearest free slots, dates, code read-back, SMS text.
import { describe, expect, it } from 'vitest';
import {
  candidateDates,
  codeReadAloud,
  existingCodeOf,
  formatLongDate,
  nearestFreeSlots,
  spacedCode,
  upcomingSlots,
} from '../../renderer/booking/booking-util.js';
import { buildSmsText, stripDiacritics } from '../../src/shared/sms.js';
import type { Slot } from '../../src/shared/api.js';
import { errorBody } from '../../src/shared/reasons.js';

const slot = (start: string, available: number): Slot => ({ start, end: start, capacity: 4, booked: 4 - available, available });
const DAY = [slot('08:00', 1), slot('08:15', 0), slot('08:30', 0), slot('08:45', 0), slot('09:00', 2), slot('13:30', 3)];

describe('nearestFreeSlots', () => {
  it('offers the free slots closest to the refused one, in time order, never the refused one', () => {
    expect(nearestFreeSlots(DAY, '08:30', 2).map((s) => s.start)).toEqual(['08:00', '09:00']);
    expect(nearestFreeSlots(DAY, '09:00', 3).map((s) => s.start)).toEqual(['08:00', '13:30']);
  });
  it('prefers the earlier slot on a tie and returns nothing when the day is full', () => {
    expect(nearestFreeSlots([slot('08:00', 1), slot('08:30', 1)], '08:15', 1).map((s) => s.start)).toEqual(['08:00']);
    expect(nearestFreeSlots([slot('08:00', 0)], '08:15')).toEqual([]);
  });
});

describe('dates and slots', () => {
  it('lists the candidate office dates across a month end', () => {
    expect(candidateDates('2022-01-30', 4)).toEqual(['2022-01-30', '2022-01-31', '2022-02-01', '2022-02-02']);
  });
  it('drops the slots already started today, keeps every slot of another day', () => {
    expect(upcomingSlots(DAY, '2022-01-06', '2022-01-06', '08:30').map((s) => s.start)).toEqual(['08:45', '09:00', '13:30']);
    expect(upcomingSlots(DAY, '2022-01-07', '2022-01-06', '08:30')).toHaveLength(DAY.length);
  });
  it('writes dates the Vietnamese way', () => {
    expect(formatLongDate('2022-01-06')).toBe('Thứ Năm, 06/01/2022');
    expect(formatLongDate('2022-01-09', 'en')).toBe('Sunday, 09/01/2022');
  });
});

describe('reading a code back', () => {
  it('splits it in two groups and names each character in Vietnamese', () => {
    expect(spacedCode('7K3M9X2P')).toBe('7K3M 9X2P');
    expect(codeReadAloud('7K3M9X2P')).toBe('bảy – ca – ba – em mờ – chín – ích xì – hai – pê');
  });
  it('finds the existing booking code in a duplicate refusal', () => {
    expect(existingCodeOf(errorBody('duplicate_booking', { code: 'AB12CD34' }))).toBe('AB12CD34');
    expect(existingCodeOf(errorBody('duplicate_booking', { code: 'x' }, { code: 'ZZ12CD34' }))).toBe('ZZ12CD34');
    expect(existingCodeOf(errorBody('duplicate_booking', { code: '' }))).toBeUndefined();
  });
});

describe('SMS text', () => {
  const sms = buildSmsText({ code: 'AB12CD34', officeName: 'Trung tâm Phục vụ hành chính công tỉnh Hậu Giang', date: '2022-01-06', slot: '09:15', hotline: '0293.3554567' });
  it('carries the code, place, time and hotline, without diacritics (one GSM-7 encoding)', () => {
    expect(sms).toContain('AB12CD34');
    expect(sms).toContain('Trung tam Phuc vu hanh chinh cong tinh Hau Giang');
    expect(sms).toContain('09:15 ngay 06/01/2022');
    expect(sms).toContain('0293.3554567');
    expect(sms).toMatch(/^[\x20-\x7e]+$/);
    expect(sms.length).toBeLessThanOrEqual(2 * 153);
  });
  it('strips Vietnamese diacritics including đ', () => {
    expect(stripDiacritics('Đổi Giấy phép lái xe đường bộ')).toBe('Doi Giay phep lai xe duong bo');
  });
});
