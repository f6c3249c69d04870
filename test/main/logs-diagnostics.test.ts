import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDiagnosticsZip, diagnosticsFileName } from '../../src/main/diagnostics-util.js';
import { createFileLogger, scrubText, scrubValue } from '../../src/main/log-util.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-logs-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('scrubbing personal data', () => {
  it.each([
    ['checked in 0912345678', 'checked in <phone>'],
    ['phone +84 912 345 678 ok', 'phone <phone> ok'],
    ['phone 0912.345.678', 'phone <phone>'],
    ['cccd 079203001234 and cmnd 361234567', 'cccd <id-number> and cmnd <id-number>'],
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer <redacted>'],
    ['open http://h/counter?counter=q1#token=secret123', 'open http://h/counter?counter=q1#token=<redacted>'],
    [`scan MC1.${'A1B2C3D4'.repeat(20)} refused`, 'scan MC1.<token> refused'],
    ['ticket 1005 booking 7K3M9Q2X at 1764781500000', 'ticket 1005 booking 7K3M9Q2X at 1764781500000'],
  ])('%s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it('drops personal and secret fields whatever they hold, deep inside objects', () => {
    expect(scrubValue({ bookingCode: '7K3M9Q2X', citizen: { fullName: 'Nguyễn Văn A', phone: '0912345678' }, deviceToken: 'x', note: 'call 0912345678' })).toEqual({
      bookingCode: '7K3M9Q2X',
      citizen: { fullName: '<redacted>', phone: '<redacted>' },
      deviceToken: '<redacted>',
      note: 'call <phone>',
    });
  });
});

describe('rotating log file', () => {
  it('writes JSON lines, rotates at the size limit and keeps only the newest files', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, maxBytes: 2_000, keep: 3, now: () => Date.parse('2026-12-03T10:00:00Z') });
    for (let i = 0; i < 200; i++) log.info({ i, bookingCode: '7K3M9Q2X' }, `event ${i} for 0912345678`);
    const files = log.files().map((file) => basename(file));
    expect(files).toEqual(['motcua.log', 'motcua.1.log', 'motcua.2.log', 'motcua.3.log']);
    for (const file of log.files()) expect(statSync(file).size).toBeLessThan(2_000 + 200);
    const lines = readFileSync(log.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.at(-1)).toEqual({ level: 'info', time: '2026-12-03T10:00:00.000Z', msg: 'event 199 for <phone>', i: 199, bookingCode: '7K3M9Q2X' });
    const all = log.files().map((file) => readFileSync(file, 'utf8')).join('');
    expect(all).not.toContain('0912345678');
    expect(all).toContain('"i":150');
    expect(all).not.toContain('"i":0,');
  });
});

describe('diagnostics zip', () => {
  it('holds the logs and the status, with no personal data and no secrets', async () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, maxBytes: 500, keep: 2 });
    for (let i = 0; i < 20; i++) log.warn({ i }, 'sync failed');
    const zipBytes = await buildDiagnosticsZip({
      logFiles: [...log.files(), join(dir, 'missing.log')],
      status: { versions: { app: '0.1.0' }, settings: { role: 'hub-counter', counterToken: 'ctr_secret_1' }, lastScan: 'looked up 0987654321' },
      now: Date.parse('2026-12-03T10:00:00Z'),
    });
    const zip = await JSZip.loadAsync(zipBytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(expect.arrayContaining(['status.json', 'logs/motcua.log', 'logs/motcua.1.log', 'logs/missing.log']));
    const status = JSON.parse(await zip.file('status.json')!.async('string')) as Record<string, unknown>;
    expect(status).toMatchObject({ created: '2026-12-03T10:00:00.000Z', versions: { app: '0.1.0' }, settings: { role: 'hub-counter', counterToken: '<redacted>' } });
    expect(status.lastScan).toBe('looked up <phone>');
    expect(await zip.file('logs/motcua.log')!.async('string')).toContain('sync failed');
    expect(await zip.file('logs/missing.log')!.async('string')).toMatch(/cannot read/);
    expect(diagnosticsFileName(Date.parse('2026-12-03T10:05:00Z'))).toBe('motcua-diagnostics-2026-12-03T10-05-00.zip');
  });
});
