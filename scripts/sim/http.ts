/** A small JSON client for the simulation: every answer comes back with its status, nothing throws on 4xx. */
export interface JsonAnswer<T = unknown> {
  status: number;
  body: T;
}

export async function callJson<T = Record<string, unknown>>(
  base: string,
  path: string,
  options: { method?: string; body?: unknown; token?: string; idempotencyKey?: string } = {},
): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(new URL(path, base), {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Non-JSON answers (HTML, CSV) stay as text.
  }
  return { status: response.status, body: body as T };
}
