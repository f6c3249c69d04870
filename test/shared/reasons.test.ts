import { describe, expect, it } from 'vitest';
import { errorBody, REASONS, type ReasonCode } from '../../src/shared/reasons.js';

describe('reason messages', () => {
  it.each(Object.keys(REASONS) as ReasonCode[])('%s: Vietnamese in NFC, English free of Vietnamese even with Vietnamese details', (code) => {
    const body = errorBody(code, { detail: 'số điện thoại', officeName: 'Bộ phận Một cửa thành phố Vị Thanh', date: '2022-01-06', slot: '08:00', opensAt: '07:30', hotline: '0293.3554567', level: 3, limit: 3, code: 'ABCD1234', number: '1001', status: 'đã hủy', days: 14 });
    expect(body.error).toBe(code);
    expect(body.message).toBe(body.message.normalize('NFC'));
    expect(body.message).not.toMatch(/\{\w+\}/);
    expect(body.messageEn).not.toMatch(/\{\w+\}/);
    // Office names are proper nouns and may stay Vietnamese; everything else in English is ASCII.
    expect(body.messageEn.replace('Bộ phận Một cửa thành phố Vị Thanh', '')).toMatch(/^[\x20-\x7e]+$/);
  });
});
