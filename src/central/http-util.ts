// Request parsing helpers: zod at the edge, refusals as ApiError with field-level messages.
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorBody } from '../shared/reasons.js';
import { ApiError } from './api-error.js';

/** Parses `data` or throws 400 invalid_input with `fields: { "citizen.phone": "…" }` (Vietnamese messages from the schemas). */
const vietnameseErrors = z.locales.vi().localeError;

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data, { error: vietnameseErrors });
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  const detail = Object.entries(fields)
    .map(([path, message]) => (path === '_' ? message : `${path}: ${message}`))
    .join('; ');
  throw new ApiError(400, 'invalid_input', { detail }, { fields });
}

/** The bearer token of a request, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header.trim());
  return match ? match[1]! : null;
}

/**
 * Fastify's router refuses a URL it cannot decode (`%ZZ`) or a path segment over 100 characters before any
 * route or error handler runs; without this hook it answers in its own English shape.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply.code(tooLong ? 414 : 400).send(errorBody('invalid_input', { detail: tooLong ? 'đường dẫn quá dài' : 'đường dẫn không hợp lệ' }, { fields: {} }));
}

/**
 * Node's HTTP parser refuses oversized headers (a 20 KB query string), garbage and slow requests before fastify
 * sees them; answer those in the common shape too, then close the connection as Node would.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, errorBody('payload_too_large')]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, errorBody('invalid_input', { detail: 'yêu cầu gửi quá chậm' }, { fields: {} })]
        : [400, errorBody('invalid_input', { detail: 'yêu cầu HTTP không đọc được' }, { fields: {} })];
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} Refused\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  }
  socket.destroy();
}
