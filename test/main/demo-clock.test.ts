import { describe, expect, it } from 'vitest';
import { demoClockStart } from '../../src/demo/demo-stack.js';

describe('demoClockStart', () => {
  it.each([
    ['Thursday 09:00 (office hours) → real time', '2026-12-03T09:00:00+07:00', null],
    ['Thursday 14:00 (afternoon session) → real time', '2026-12-03T14:00:00+07:00', null],
    ['Thursday 12:00 (lunch) → 08:00 today', '2026-12-03T12:00:00+07:00', '2026-12-03T08:00:00+07:00'],
    ['Thursday 23:30 office time (16:30 UTC) → 08:00 today, not UTC date', '2026-12-03T16:30:00Z', '2026-12-03T08:00:00+07:00'],
    ['Friday 00:30 office time (Thursday 17:30 UTC) → Friday 08:00', '2026-12-03T17:30:00Z', '2026-12-04T08:00:00+07:00'],
    ['Saturday → next Monday', '2026-12-05T10:00:00+07:00', '2026-12-07T08:00:00+07:00'],
    ['Sunday → next Monday', '2026-12-06T10:00:00+07:00', '2026-12-07T08:00:00+07:00'],
  ])('%s', (_name, now, expected) => {
    expect(demoClockStart(Date.parse(now))).toBe(expected);
  });
});
