// Runs one IPC call against the implementation: validates the payload with the contract's schema and
// turns every outcome into the `DeskIpcResult` envelope (errors as { type, message }, never a stack).
import { z } from 'zod';
import { DESK_ARG_SCHEMAS, DESK_METHODS, type DeskApi, type DeskIpcError, type DeskIpcResult, type DeskMethod } from '../shared/ipc-contract.js';
import { reasonMessage, type ReasonCode } from '../shared/reasons.js';

/** A refusal meant for the user: its message is Vietnamese and is shown as is. */
export class DeskApiError extends Error {
  constructor(
    message: string,
    readonly code?: ReasonCode,
  ) {
    super(message);
    this.name = 'DeskApiError';
  }
}

export function toIpcError(error: unknown): DeskIpcError {
  if (error instanceof DeskApiError) return { type: 'APIError', message: error.message, ...(error.code ? { code: error.code } : {}) };
  return { type: 'InternalError', message: reasonMessage('internal_error'), code: 'internal_error' };
}

/** zod's own messages in Vietnamese (ours are already); staff read them in the app. */
export const VIETNAMESE_ERRORS = { error: z.locales.vi().localeError };

export function isDeskMethod(name: string): name is DeskMethod {
  return (DESK_METHODS as readonly string[]).includes(name);
}

/**
 * Validate `args` (what ipcRenderer.invoke sent after the channel) and call the method.
 * `onInternalError` gets the real error for the log.
 */
export async function runDeskMethod(
  impl: DeskApi,
  method: DeskMethod,
  args: readonly unknown[],
  onInternalError: (method: DeskMethod, error: unknown) => void = () => {},
): Promise<DeskIpcResult<unknown>> {
  const schema: z.ZodType = DESK_ARG_SCHEMAS[method];
  const parsed = args.length > 1 ? null : schema.safeParse(args[0], VIETNAMESE_ERRORS);
  if (!parsed || !parsed.success) {
    const detail = parsed ? parsed.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`).join('; ') : 'quá nhiều tham số';
    return { ok: false, error: { type: 'APIError', message: reasonMessage('invalid_input', { detail }), code: 'invalid_input' } };
  }
  try {
    const call = impl[method] as (payload?: unknown) => Promise<unknown>;
    return { ok: true, value: await call.call(impl, parsed.data) };
  } catch (error) {
    if (!(error instanceof DeskApiError)) onInternalError(method, error);
    return { ok: false, error: toIpcError(error) };
  }
}
