/**
 * Sending SMS to citizens goes through this interface, so a province plugs in its gateway (Viettel, VNPT…)
 * without touching the booking code. The default writes the message to the log, with the phone masked.
 */
import { buildSmsText, type SmsKind } from '../shared/sms.js';
import type { BookingRow, Store } from './store.js';

export interface SmsMessage {
  to: string;
  text: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export interface SmsLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Only the last three digits of a phone reach a log line (Decree 13/2023 on personal data). */
export function maskPhoneForLog(phone: string): string {
  return `${'*'.repeat(Math.max(0, phone.length - 3))}${phone.slice(-3)}`;
}

export function createLogSmsSender(log: SmsLog): SmsSender {
  return {
    async send({ to, text }) {
      log.info({ sms: { to: maskPhoneForLog(to), text } }, 'SMS (log sender)');
    },
  };
}

/** Tells the citizen about a booking change. An SMS failure never undoes or fails the booking. */
export async function notifyCitizen(sms: SmsSender, store: Store, row: BookingRow, kind: SmsKind, log: SmsLog): Promise<void> {
  const office = store.office(row.office_id);
  const text = buildSmsText({ code: row.code, officeName: office.name, date: row.date, slot: row.slot, hotline: office.hotline }, kind);
  try {
    await sms.send({ to: row.phone, text });
  } catch (error) {
    log.warn({ code: row.code, error: (error as Error).message }, 'SMS not sent');
  }
}
