import { VertopalError } from './errors';
import type { ApiNotice, FailureKind, RateLimitInfo } from './types';
import { headerValue, readRateLimit, retryDelayMs, type ReplyHeaders } from './rateLimit';

/** What the caller was doing, used to open every message ("Checking the task failed: ..."). */
export interface FailureContext {
  /** A short phrase for a person, e.g. "Checking the task". */
  readonly action: string;
  /** Removed from every text that reaches an error, in case a server echoes it back. */
  readonly token: string;
}

const CREDENTIAL_CODES = new Set([
  'INVALID_CREDENTIAL',
  'MISSING_AUTHORIZATION_HEADER',
  'INVALID_AUTHORIZATION_HEADER',
  'FREE_PLAN_DISALLOWED',
  'DISABLED_FOR_FREE_APP',
]);
const RATE_LIMIT_CODES = new Set(['TOO_MANY_REQUESTS', 'FREE_APP_LIMITED']);
const NOT_FOUND_CODES = new Set([
  'NO_CONNECTOR_DEPENDENT_TASK',
  'NOT_FOUND',
  'FILE_NOT_EXISTS',
  'DOWNLOAD_EXPIRED',
]);

/** Maps an API error code to what a caller can do about it. */
export function kindForCode(code: string, message: string): FailureKind {
  if (CREDENTIAL_CODES.has(code)) return 'credential';
  if (RATE_LIMIT_CODES.has(code)) return 'rateLimited';
  if (NOT_FOUND_CODES.has(code)) return 'notFound';
  // The same code covers every bad data key; only a bad connector means the task is unknown.
  if (code === 'WRONG_VALUE_DATA_KEY' && /connector/i.test(message)) return 'notFound';
  if (code === 'INTERNAL_SERVER_ERROR') return 'server';
  return 'rejected';
}

/** An unrecognised code says nothing more specific than a 5xx or 429 status does. */
function kindForStatus(kind: FailureKind, httpStatus: number): FailureKind {
  if (kind !== 'rejected') return kind;
  if (httpStatus >= 500) return 'server';
  return httpStatus === 429 ? 'rateLimited' : kind;
}

/** Replaces the token wherever it occurs; servers are not trusted to keep it out of messages. */
export function redact(text: string, token: string): string {
  return token === '' ? text : text.split(token).join('[token]');
}

/** The server's own words, quoted after our sentence so neither garbles the other. */
function serverSaid(notice: ApiNotice): string {
  const text = notice.message.trim();
  return ` Vertopal said: ${notice.code}${text === '' ? '' : ` \u2013 ${text}`}`;
}

function seconds(ms: number): string {
  return ms >= 120_000 ? `${Math.ceil(ms / 60_000)} min` : `${Math.ceil(ms / 1000)} s`;
}

// Codes whose generic wording would mislead the reader about what to do next.
const CODE_TEXT: Record<string, string> = {
  DOWNLOAD_EXPIRED: 'the download link has expired; ask Vertopal for a new one.',
  FREE_APP_LIMITED: "the free app's daily limit was reached.",
};

function reasonFor(kind: FailureKind, code?: string, status?: number): string {
  if (code !== undefined && Object.hasOwn(CODE_TEXT, code)) return CODE_TEXT[code];
  const http = status === undefined ? '' : ` (HTTP ${status})`;
  switch (kind) {
    case 'credential':
      return `Vertopal did not accept the App ID and token${http}. Check the credentials.`;
    case 'rateLimited':
      return `Vertopal's rate limit was reached.`;
    case 'notFound':
      return `Vertopal does not know this task, or it is no longer available${http}.`;
    case 'server':
      return `the Vertopal server had an internal problem${http}.`;
    default:
      return `Vertopal refused the request${http}.`;
  }
}

function build(
  ctx: FailureContext,
  kind: FailureKind,
  reason: string,
  details: ConstructorParameters<typeof VertopalError>[2],
): VertopalError {
  return new VertopalError(kind, redact(`${ctx.action} failed: ${reason}`, ctx.token), details);
}

/** An error code the API returned, on any HTTP status. */
export function failureFromNotice(
  ctx: FailureContext,
  notice: ApiNotice,
  httpStatus: number,
  headers: ReplyHeaders,
): VertopalError {
  const safe = { code: redact(notice.code, ctx.token), message: redact(notice.message, ctx.token) };
  const kind = kindForStatus(kindForCode(safe.code, safe.message), httpStatus);
  const rateLimit = readRateLimit(headers);
  let reason = reasonFor(kind, safe.code);
  let retryAfterMs: number | undefined;
  if (kind === 'rateLimited') {
    retryAfterMs = retryDelayMs(headers, safe.message);
    reason += ` Try again in ${seconds(retryAfterMs)}.`;
  }
  reason += serverSaid(safe);
  return build(ctx, kind, reason, {
    code: safe.code,
    serverMessage: safe.message,
    httpStatus,
    rateLimit,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** A non-2xx reply whose body named no error code. */
export function failureFromStatus(
  ctx: FailureContext,
  httpStatus: number,
  headers: ReplyHeaders,
): VertopalError {
  const rateLimit = readRateLimit(headers);
  if (httpStatus === 429) {
    const retryAfterMs = retryDelayMs(headers);
    const reason = `${reasonFor('rateLimited')} Try again in ${seconds(retryAfterMs)}.`;
    return build(ctx, 'rateLimited', reason, { httpStatus, rateLimit, retryAfterMs });
  }
  if (httpStatus >= 500) {
    return build(ctx, 'server', reasonFor('server', undefined, httpStatus), {
      httpStatus,
      rateLimit,
    });
  }
  if (httpStatus === 401 || httpStatus === 403) {
    return build(ctx, 'credential', reasonFor('credential', undefined, httpStatus), {
      httpStatus,
      rateLimit,
    });
  }
  if (httpStatus === 404) {
    return build(ctx, 'notFound', reasonFor('notFound', undefined, httpStatus), {
      httpStatus,
      rateLimit,
    });
  }
  return build(ctx, 'rejected', reasonFor('rejected', undefined, httpStatus), {
    httpStatus,
    rateLimit,
  });
}

/** The reply arrived but cannot be used: redirected, not JSON, cut short, too large, odd shape. */
export function badResponse(
  ctx: FailureContext,
  problem: string,
  httpStatus?: number,
  rateLimit?: RateLimitInfo,
): VertopalError {
  return build(ctx, 'badResponse', `the Vertopal server sent ${problem}.`, {
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  });
}

/** A redirect is never followed: the token must not travel to whatever origin it names. */
export function redirectFailure(
  ctx: FailureContext,
  httpStatus: number,
  headers: ReplyHeaders,
): VertopalError {
  const target = headerValue(headers, 'location') ? ' to another address' : '';
  return badResponse(
    ctx,
    `a redirect${target} (HTTP ${httpStatus}), which is not followed to protect the token`,
    httpStatus,
    readRateLimit(headers),
  );
}

export function cancelled(ctx: FailureContext): VertopalError {
  return build(ctx, 'cancelled', 'the request was cancelled.', {});
}

export type TimeoutPhase = 'connect' | 'headers' | 'body';

const PHASE_TEXT: Record<TimeoutPhase, string> = {
  connect: 'could not connect to the Vertopal server in time',
  headers: 'the Vertopal server did not start answering in time',
  body: 'the Vertopal server took too long to send its reply',
};

export function timedOut(
  ctx: FailureContext,
  phase: TimeoutPhase,
  limitMs?: number,
): VertopalError {
  const limit = limitMs === undefined ? '' : ` (limit ${seconds(limitMs)})`;
  return build(ctx, 'timeout', `${PHASE_TEXT[phase]}${limit}.`, {});
}

/** A local problem (reading the file to upload, writing the download) carries no API code. */
export function localFailure(ctx: FailureContext, what: string, err: unknown): VertopalError {
  const code = errorCode(err);
  return build(ctx, 'rejected', `${what}${code ? ` (${code})` : ''}.`, {});
}

/** The `code` of a Node or undici error, looking through AggregateError and `cause`. */
export function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (e as { errors?: unknown[] }).errors;
    e = Array.isArray(inner) && inner.length > 0 ? inner[0] : (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const NETWORK_TEXT: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  ENOTFOUND: 'the server name could not be resolved',
  EAI_AGAIN: 'the server name could not be resolved right now',
  EHOSTUNREACH: 'the server cannot be reached',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  UND_ERR_CLOSED: 'the connection was closed',
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: 'the file changed while it was being sent',
};

const TIMEOUT_CODES: Record<string, TimeoutPhase> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  ETIMEDOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

/**
 * Turns anything undici or the socket threw into a VertopalError. The original error is not
 * attached: its text is not ours to vouch for, and only its code is needed.
 */
export function failureFromException(ctx: FailureContext, err: unknown): VertopalError {
  if (err instanceof VertopalError) return err;
  const code = errorCode(err) ?? '';
  if (Object.hasOwn(TIMEOUT_CODES, code)) return timedOut(ctx, TIMEOUT_CODES[code]);
  if (code.startsWith('HPE_') || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return badResponse(ctx, 'a reply that is not valid HTTP');
  }
  if (code.startsWith('ERR_TLS') || /CERT|SSL/.test(code)) {
    return build(ctx, 'network', `the secure connection could not be set up (${code}).`, {});
  }
  const text = Object.hasOwn(NETWORK_TEXT, code)
    ? NETWORK_TEXT[code]
    : 'the Vertopal server could not be reached';
  return build(ctx, 'network', `${text}${code ? ` (${code})` : ''}.`, {});
}
