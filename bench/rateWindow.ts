// The server's rate limit as the benchmark models it: a fixed window per credential that opens
// with the first request after the previous one ended (as the local simulator does). Refused
// requests do not spend the quota.

export interface RateRule {
  readonly windowMs: number;
  /** Requests allowed per window. */
  readonly limit: number;
}

export type WindowVerdict =
  | { readonly allowed: true; readonly remaining: number; readonly resetMs: number }
  | { readonly allowed: false; readonly retryAfterMs: number };

export class RateWindow {
  private start = -Infinity;
  private used = 0;

  constructor(private readonly rule: RateRule) {}

  /** Counts one request at `now`. */
  hit(now: number): WindowVerdict {
    if (now - this.start >= this.rule.windowMs) {
      this.start = now;
      this.used = 0;
    }
    // Headers carry whole seconds, rounded up, so a client that obeys them is never early.
    const resetMs = Math.ceil((this.start + this.rule.windowMs - now) / 1000) * 1000;
    if (this.used >= this.rule.limit) return { allowed: false, retryAfterMs: resetMs };
    this.used++;
    return { allowed: true, remaining: this.rule.limit - this.used, resetMs };
  }
}
