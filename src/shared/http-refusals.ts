/**
 * Refusals written below the route handlers — fastify's router (an undecodable `%ZZ`, an over-long path segment)
 * and Node's HTTP parser (oversized headers, garbage, a request sent too slowly) — in the common
 * `{ error, message }` shape instead of their own English one. One place for central and the hub.
 */
import { errorBody, type ErrorBody } from './reasons.js';

/** `extra` lets a server add its usual fields (central's invalid_input always carries `fields`). */
export function routerRefusal(code: string | undefined, extra: Record<string, unknown> = {}): { status: number; body: ErrorBody } {
  const tooLong = code === 'FST_ERR_MAX_PARAM_LENGTH';
  return { status: tooLong ? 414 : 400, body: errorBody('invalid_input', { detail: tooLong ? 'đường dẫn quá dài' : 'đường dẫn không hợp lệ' }, extra) };
}

/** The raw HTTP answer for a request Node's parser refused, or null when the client is already gone. */
export function parserRefusalResponse(code: string | undefined, extra: Record<string, unknown> = {}): string | null {
  if (code === 'ECONNRESET') return null;
  const [status, body] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, errorBody('payload_too_large')]
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, errorBody('invalid_input', { detail: 'yêu cầu gửi quá chậm' }, extra)]
        : [400, errorBody('invalid_input', { detail: 'yêu cầu HTTP không đọc được' }, extra)];
  const text = JSON.stringify(body);
  const length = new TextEncoder().encode(text).length;
  return `HTTP/1.1 ${status} Refused\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n${text}`;
}
