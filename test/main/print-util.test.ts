import { describe, expect, it } from 'vitest';
import { escapeHtml, sampleTicket, ticketHtml, ticketPrintOptions } from '../../src/main/print-util.js';
import { PrintTicketArgsSchema, type PrintTicketArgs } from '../../src/shared/ipc-contract.js';

const ticket: PrintTicketArgs = {
  officeName: 'Trung tâm Phục vụ hành chính công tỉnh Hậu Giang',
  ticketNumber: '1005',
  procedureName: 'Cấp đổi giấy phép lái xe',
  slot: '08:15',
  counterName: 'Quầy 2',
  hotline: '0293.3554567',
  issuedAt: Date.parse('2022-01-06T08:03:00+07:00'),
  waitingAhead: 3,
};

describe('print options', () => {
  it('prints silently on the chosen printer at 80 mm with no margins', () => {
    expect(ticketPrintOptions('XP-80C')).toEqual({
      silent: true,
      printBackground: false,
      color: false,
      margins: { marginType: 'none' },
      pageSize: { width: 80_000, height: 120_000 },
      copies: 1,
      deviceName: 'XP-80C',
    });
  });

  it('uses the system default printer when none is chosen (no deviceName at all)', () => {
    const options = ticketPrintOptions(null);
    expect(options.silent).toBe(true);
    expect('deviceName' in options).toBe(false);
  });
});

describe('ticket layout', () => {
  it('shows office, number, procedure, slot, counter and office time (UTC+7), Vietnamese in NFC', () => {
    const html = ticketHtml(ticket);
    expect(html).toContain('<p class="number">1005</p>');
    expect(html).toContain('Cấp đổi giấy phép lái xe');
    expect(html).toContain('Giờ hẹn:</span> 08:15');
    expect(html).toContain('Lấy số lúc 08:03 06/01/2022');
    expect(html).toContain('Tổng đài: 0293.3554567');
    expect(html).toContain('size: 80mm 120mm');
    expect(html).toBe(html.normalize('NFC'));
  });

  it('omits empty lines and escapes markup from the payload (no script can run in the print window)', () => {
    const html = ticketHtml({ ...ticket, procedureName: null, counterName: '<script>alert(1)</script>', hotline: null, waitingAhead: null });
    expect(html).not.toContain('Thủ tục:');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('Tổng đài');
    expect(html).toContain("default-src 'none'");
  });

  it('normalises decomposed Vietnamese to NFC', () => {
    expect(escapeHtml('Quầy'.normalize('NFD'))).toBe('Quầy'.normalize('NFC'));
  });

  it('prints a sample that passes its own schema', () => {
    expect(PrintTicketArgsSchema.safeParse(sampleTicket(Date.now())).success).toBe(true);
  });
});
