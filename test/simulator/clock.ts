/**
 * The simulator's notion of "now". Tests freeze or advance it so that task durations, download
 * expiry and rate-limit windows play out without real waiting.
 */
export class SimClock {
  private fixed: number | undefined;

  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.fixed ?? this.source();
  }

  /** Freezes time at `ms`; it moves only through further setNow/advance calls. */
  setNow(ms: number): void {
    this.fixed = ms;
  }

  /** Moves time forward, freezing it first if it was following the source. */
  advance(ms: number): number {
    this.fixed = this.now() + ms;
    return this.fixed;
  }

  /** Follows the source clock again. */
  release(): void {
    this.fixed = undefined;
  }
}

/** UTC "YYYY-MM-DD HH:MM:SS", the format the API uses for timestamps such as `expires_at`. */
export function apiTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
