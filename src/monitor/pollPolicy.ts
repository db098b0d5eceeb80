// When to ask about a task next. Pure arithmetic: the scheduler supplies the task's age and its
// run of failures, and gets a delay back.

export interface PollPolicyOptions {
  /** Never ask about one task more often than this. */
  readonly minIntervalMs: number;
  /** Never let a healthy task wait longer than this. */
  readonly maxIntervalMs: number;
  /** Spread of the random jitter: 0.15 means each delay is scaled by 0.85–1.15. */
  readonly jitter: number;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  readonly random: () => number;
}

/**
 * A healthy task waits this fraction of its age (within the minimum and maximum interval). Most
 * conversions end within seconds, so young tasks are asked often; a task that has run for ten
 * minutes will most likely run for minutes more. The fraction, with the default 3 s minimum and
 * 40 s maximum, was chosen with `npm run bench`: on its mix of durations it sees a task's end
 * sooner than the official CLI's fixed 10/10/15 s schedule (about a third of the CLI's delay for
 * conversions that end within 30 s) while sending fewer requests. A larger fraction saves
 * requests on long tasks but notices their end later; see the trade-off curve in bench/RESULTS.md.
 */
export const AGE_FRACTION = 0.2;

/** First wait after a failure; it doubles with each further failure in a row. */
export const FAILURE_BASE_MS = 5_000;

/** Longest wait after failures: an outage may last, but a fix should be noticed within minutes. */
export const FAILURE_CAP_MS = 5 * 60_000;

/**
 * "Completed" may arrive a moment before the result is written. Re-ask this soon (or after the
 * minimum interval, if that is longer), at most `RESULT_RECHECK_LIMIT` times; after that the
 * scheduler settles the task as finished without an outcome.
 */
export const RESULT_RECHECK_MS = 1_500;
export const RESULT_RECHECK_LIMIT = 4;

/**
 * Delay before the next check of a task that has been tracked for `ageMs`, after `failures`
 * failed checks in a row (0 when the last check answered). The very first check is not this
 * function's business: it happens at once.
 */
export function nextCheckDelay(
  ageMs: number,
  failures: number,
  options: PollPolicyOptions,
): number {
  const min = Math.max(0, options.minIntervalMs);
  const max = Math.max(min, options.maxIntervalMs);
  const healthy = clamp(Math.max(0, ageMs) * AGE_FRACTION, min, max);
  if (failures <= 0) return clamp(jittered(healthy, options), min, max);

  // Back off exponentially, but never check a failing task more often than a healthy one.
  const cap = Math.max(max, FAILURE_CAP_MS);
  const backoff = Math.min(FAILURE_BASE_MS * 2 ** (failures - 1), FAILURE_CAP_MS);
  return clamp(jittered(Math.max(healthy, backoff), options), min, cap);
}

export function resultRecheckDelay(options: Pick<PollPolicyOptions, 'minIntervalMs'>): number {
  return Math.max(RESULT_RECHECK_MS, options.minIntervalMs);
}

/** Jitter keeps tasks added together (a batch of files) from polling in lockstep. */
function jittered(delay: number, options: PollPolicyOptions): number {
  const spread = clamp(options.jitter, 0, 1);
  return Math.round(delay * (1 + spread * (2 * options.random() - 1)));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
