// The vocabulary shared by the client, the scheduler and the views. Wire shapes stay in the
// client; everything past it sees these validated types only.

/** An App ID and its token. The token must never reach a log line, an error or a document. */
export interface Credentials {
  readonly app: string;
  readonly token: string;
}

/** What the server said about its rate limit on one reply (headers X-RATELIMIT-*). */
export interface RateLimitInfo {
  /** Requests left in the current window, when the server said. */
  readonly remaining?: number;
  /** Milliseconds until the window resets, when the server said. */
  readonly resetMs?: number;
}

/** Every successful call answers with its value and the rate-limit headers that came with it. */
export interface ApiReply<T> {
  readonly value: T;
  readonly rateLimit: RateLimitInfo;
}

/** An error or warning object as the API writes it: `{ code, message }`. */
export interface ApiNotice {
  readonly code: string;
  readonly message: string;
}

/** The API's own task status (`entity.status`). Other strings may come; they are kept as is. */
export type EntityStatus = 'running' | 'completed';

/** The conversion outcome (`result.output.status` of a convert task). */
export type ConversionOutcome = 'successful' | 'failed';

/** One validated reading of `task/response` for a monitored connector. */
export interface TaskSnapshot {
  /** The monitored task's id, as the entity reports it (falls back to the asked connector). */
  readonly connector: string;
  /** `entity.status`; `undefined` when the reply had no entity. */
  readonly status: EntityStatus | string | undefined;
  /** Known once the monitored task's result holds an output status. */
  readonly outcome: ConversionOutcome | string | undefined;
  /** True when the monitored task's `result` has been written (not empty). */
  readonly resultReady: boolean;
  /** vCredits spent, from `entity.vcredits`. */
  readonly vcredits: number | undefined;
  /** The first error found at any of the places the API puts one. */
  readonly error: ApiNotice | undefined;
  /** The first warning found at any of the places the API puts one. */
  readonly warning: ApiNotice | undefined;
  /** The reply as parsed JSON, for the result document. Never holds the token. */
  readonly raw: unknown;
}

/** Why a call failed, in terms a UI can act on. */
export type FailureKind =
  | 'credential' //     403 INVALID_CREDENTIAL and the other auth codes: ask for new credentials
  | 'rateLimited' //    429 TOO_MANY_REQUESTS / FREE_APP_LIMITED: wait `retryAfterMs`
  | 'notFound' //       unknown task or bad connector: polling it again will not help
  | 'rejected' //       any other error code the API returned for this request
  | 'server' //         5xx without a more specific code
  | 'network' //        refused, reset, DNS, TLS
  | 'timeout' //        connect, headers or body took too long
  | 'badResponse' //    not JSON, truncated, wrong shape, too large, redirected
  | 'cancelled' //      the caller's AbortSignal fired
  | 'insecure'; //      the base URL is not https (and not loopback) or is not a URL
