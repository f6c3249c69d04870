import { errorBody, type ErrorBody, type ReasonCode } from '../shared/reasons.js';

/** A refusal with its reason code; the HTTP layer turns it into `{ error, message, messageEn }`. */
export class HubError extends Error {
  constructor(
    readonly code: ReasonCode,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }

  body(): ErrorBody {
    return errorBody(this.code, this.params, this.extra);
  }
}
