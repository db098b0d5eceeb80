import { requestError, type SimReply } from './wire';

export interface RateLimitRule {
  /** Window length in milliseconds. */
  readonly windowMs: number;
  /** Requests allowed per window. */
  readonly limit: number;
}

interface Window {
  start: number;
  used: number;
}

/** A fixed-window counter per App ID, driven by the simulator's clock. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly ruleFor: (app: string) => RateLimitRule) {}

  /**
   * Counts one request. Returns the headers every reply carries and, when over the limit, the
   * 429 reply to send instead.
   */
  hit(app: string, now: number): { headers: Record<string, string>; refusal?: SimReply } {
    const rule = this.ruleFor(app);
    let window = this.windows.get(app);
    if (!window || now - window.start >= rule.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(app, window);
    }
    const resetSeconds = String(
      Math.max(0, Math.ceil((window.start + rule.windowMs - now) / 1000)),
    );
    if (window.used >= rule.limit) {
      const headers = {
        'X-RATELIMIT-LIMIT': String(rule.limit),
        'X-RATELIMIT-REMAINING': '0',
        'X-RATELIMIT-RESET': resetSeconds,
      };
      const refusal = requestError(429, 'TOO_MANY_REQUESTS');
      refusal.headers['Retry-After'] = resetSeconds;
      return { headers, refusal };
    }
    window.used += 1;
    return {
      headers: {
        'X-RATELIMIT-LIMIT': String(rule.limit),
        'X-RATELIMIT-REMAINING': String(rule.limit - window.used),
        'X-RATELIMIT-RESET': resetSeconds,
      },
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
