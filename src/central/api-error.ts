// A refusal with an HTTP status and a reason code from src/shared/reasons.ts; the error handler turns it into errorBody().
import { errorBody, type ErrorBody, type ReasonCode } from '../shared/reasons.js';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ReasonCode,
    readonly params: Record<string, string | number> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }

  body(): ErrorBody {
    return errorBody(this.code, this.params, this.extra);
  }
}

/** HTTP status of each booking-rule refusal (one place for this mapping). */
export const REFUSAL_STATUS: Partial<Record<ReasonCode, number>> = {
  slot_full: 409,
  duplicate_booking: 409,
  phone_limit: 409,
  not_cancellable: 409,
  office_not_found: 404,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
};

export function refuse(code: ReasonCode, params: Record<string, string | number> = {}, extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(REFUSAL_STATUS[code] ?? 400, code, params, extra);
}
