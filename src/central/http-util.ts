// Request parsing helpers: zod at the edge, refusals as ApiError with field-level messages.
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parserRefusalResponse, routerRefusal } from '../shared/http-refusals.js';
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

/** Fastify's router refusals (`%ZZ`, a path segment over 100 characters) in the common shape. */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = routerRefusal(error.code, { fields: {} });
  void reply.code(status).send(body);
}

/** Node's HTTP parser refusals (oversized headers, garbage, slow requests) in the common shape, then close as Node would. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (socket.destroyed) return;
  const response = parserRefusalResponse(error.code, { fields: {} });
  if (response && socket.writable) socket.write(response);
  socket.destroy();
}
