// Request parsing helpers: zod at the edge, refusals as ApiError with field-level messages.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
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
