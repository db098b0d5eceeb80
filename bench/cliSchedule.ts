// The official Vertopal CLI's polling schedule, as its own tiny poller on the same clock: the
// first check at once, the next two after 10 s each, then one every 15 s until the task is
// done. It has no rate-limit handling, so a refused check is simply wasted and the schedule
// goes on (the most charitable reading: the real CLI would report the error).

import type { Clock } from '../src/monitor/clock';
import { readSnapshot } from '../src/tasks/task';
import type { CheckFn } from './timelineApi';
import { SECOND } from './time';

/** Wait after the `checksMade`-th check (1-based) before the next one. */
export function cliWaitMs(checksMade: number): number {
  return checksMade <= 2 ? 10 * SECOND : 15 * SECOND;
}

/** Offsets from the start at which the CLI checks, up to and including `untilMs`. */
export function cliCheckOffsets(untilMs: number): number[] {
  const offsets: number[] = [];
  for (let at = 0, n = 1; at <= untilMs; at += cliWaitMs(n), n++) offsets.push(at);
  return offsets;
}

export class CliPoller {
  private readonly signal = new AbortController().signal;

  constructor(
    private readonly clock: Clock,
    private readonly check: CheckFn,
  ) {}

  /** Starts following `connector` now. */
  watch(connector: string): void {
    void this.poll(connector, 1);
  }

  private async poll(connector: string, nth: number): Promise<void> {
    try {
      const reply = await this.check(connector, this.signal);
      const reading = readSnapshot(reply.value);
      if (reading === 'succeeded' || reading === 'failed') return;
    } catch {
      // No handling: the CLI neither backs off nor waits for the reset.
    }
    this.clock.setTimeout(() => void this.poll(connector, nth + 1), cliWaitMs(nth));
  }
}
