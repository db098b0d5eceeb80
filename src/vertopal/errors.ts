import type { FailureKind, RateLimitInfo } from './types';

/**
 * The one error type the client throws. Its message is written for a person and never contains
 * the token, a header or the request body.
 */
export class VertopalError extends Error {
  override readonly name = 'VertopalError';

  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly details: {
      /** The API's error code, e.g. INVALID_CREDENTIAL, when it sent one. */
      readonly code?: string;
      /** The API's own message for that code. */
      readonly serverMessage?: string;
      /** HTTP status, when a response arrived. */
      readonly httpStatus?: number;
      /** How long the server asked us to wait (429), in milliseconds. */
      readonly retryAfterMs?: number;
      readonly rateLimit?: RateLimitInfo;
    } = {},
  ) {
    super(message);
  }

  /** Whether trying the same request later may succeed. */
  get transient(): boolean {
    return (
      this.kind === 'server' ||
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.kind === 'badResponse' ||
      this.kind === 'rateLimited'
    );
  }
}
