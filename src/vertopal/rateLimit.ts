import type { RateLimitInfo } from './types';

/** Response headers as undici hands them over: lower-case names. */
export type ReplyHeaders = Record<string, string | string[] | undefined>;

/** Used when a 429 arrives without any hint of how long to wait. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

// A reset value this large cannot be a number of seconds to wait; some servers send the
// epoch second at which the window resets instead, so it is read that way.
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

export function headerValue(headers: ReplyHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.trim();
}

function nonNegativeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function resetSecondsToMs(seconds: number, nowMs: number): number {
  if (seconds >= EPOCH_SECONDS_THRESHOLD) return Math.max(0, seconds * 1000 - nowMs);
  return Math.round(seconds * 1000);
}

/** Reads X-RATELIMIT-REMAINING / X-RATELIMIT-RESET; absent or unreadable values stay absent. */
export function readRateLimit(headers: ReplyHeaders, nowMs: number = Date.now()): RateLimitInfo {
  const remaining = nonNegativeNumber(headerValue(headers, 'x-ratelimit-remaining'));
  const reset = nonNegativeNumber(headerValue(headers, 'x-ratelimit-reset'));
  const info: { remaining?: number; resetMs?: number } = {};
  if (remaining !== undefined) info.remaining = Math.floor(remaining);
  if (reset !== undefined) info.resetMs = resetSecondsToMs(reset, nowMs);
  return info;
}

/** Retry-After wins over the window reset, as the API documents; it may be seconds or a date. */
function retryAfterHeaderMs(headers: ReplyHeaders, nowMs: number): number | undefined {
  const text = headerValue(headers, 'retry-after');
  if (text === undefined || text === '') return undefined;
  const seconds = nonNegativeNumber(text);
  if (seconds !== undefined) return Math.round(seconds * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

// FREE_APP_LIMITED messages say "try again in the next [DELAY] hours" and may come without headers.
function delayFromMessage(message: string | undefined): number | undefined {
  const match = message === undefined ? null : /(\d+)\s*hours?/i.exec(message);
  return match ? Number(match[1]) * 3_600_000 : undefined;
}

/** How long a rate-limited caller should wait before trying again. */
export function retryDelayMs(
  headers: ReplyHeaders,
  serverMessage?: string,
  nowMs: number = Date.now(),
): number {
  return (
    retryAfterHeaderMs(headers, nowMs) ??
    readRateLimit(headers, nowMs).resetMs ??
    delayFromMessage(serverMessage) ??
    DEFAULT_RETRY_AFTER_MS
  );
}
