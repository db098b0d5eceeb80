// The rate-limit gate for one credential: closed while the server wants us to wait, and closed
// early, before the server has to refuse us, when its quota is nearly spent.

import type { Disposable } from '../tasks/emitter';
import { Emitter } from '../tasks/emitter';
import type { RateLimitInfo } from '../vertopal/types';

/** `rateLimited`: the server refused us (429). `slowDown`: we paused before it had to. */
export type GatePauseReason = 'rateLimited' | 'slowDown';

/**
 * Pause once this few requests are left in the window. A little headroom, because requests
 * already in flight (up to the scheduler's concurrency cap) spend it too.
 */
export const LOW_REMAINING = 2;

export class RateGate implements Disposable {
  private until: number | undefined;
  private why: GatePauseReason | undefined;
  /** Least time between two requests, so that the quota left lasts until the window resets. */
  private spacing = 0;
  /** The window those figures describe ends here; after it the quota is fresh. */
  private spacingEnds = 0;
  private lastStart: number | undefined;
  private readonly changes = new Emitter<void>();

  /** Fires when the gate closes, opens or moves its opening time (e.g. "paused until 14:05"). */
  readonly onDidChange = this.changes.event;

  /** When the gate opens again, while it is closed. */
  get openAt(): number | undefined {
    return this.until;
  }

  get reason(): GatePauseReason | undefined {
    return this.why;
  }

  isOpen(now: number): boolean {
    return this.until === undefined || now >= this.until;
  }

  /** Keeps the gate closed until `untilMs`. A shorter wait never cuts a longer one short. */
  block(untilMs: number, reason: GatePauseReason = 'rateLimited'): void {
    if (this.until !== undefined && untilMs <= this.until) {
      // Same or earlier end: only a refusal may replace a self-imposed pause as the reason.
      if (reason === 'rateLimited' && this.why !== reason) this.set(this.until, reason);
      return;
    }
    this.set(untilMs, reason);
  }

  /**
   * Reads the quota headers of a reply: spreads the requests left evenly over the rest of the
   * window, and pauses until the reset when little is left. Spreading matters under a tight
   * limit: a burst would spend the quota in seconds and leave every task waiting for the reset.
   */
  observe(info: RateLimitInfo, now: number): void {
    const { remaining, resetMs } = info;
    if (remaining === undefined || resetMs === undefined || resetMs <= 0) return;
    this.spacing = resetMs / Math.max(1, remaining);
    this.spacingEnds = now + resetMs;
    if (remaining <= LOW_REMAINING) this.block(now + resetMs, 'slowDown');
  }

  /** The earliest time the next request may start. */
  nextStartAt(now: number): number {
    if (this.lastStart === undefined || now >= this.spacingEnds) return now;
    return this.lastStart + this.spacing;
  }

  /** Notes that a request started now. */
  started(now: number): void {
    this.lastStart = now;
  }

  /** Opens the gate if its time has come; the owner calls this when its wake-up timer fires. */
  expire(now: number): void {
    if (this.until !== undefined && now >= this.until) this.set(undefined, undefined);
  }

  /** Opens at once: a new credential comes with its own quota. */
  reset(): void {
    this.spacing = 0;
    if (this.until !== undefined) this.set(undefined, undefined);
  }

  dispose(): void {
    this.changes.dispose();
  }

  private set(until: number | undefined, why: GatePauseReason | undefined): void {
    this.until = until;
    this.why = why;
    this.changes.fire();
  }
}
