// The tracked-task model and the pure rules that move a task from one state to the next. The
// scheduler decides *when* these rules apply; this file decides *what* each answer means.

import type { VertopalError } from '../vertopal/errors';
import type { ApiNotice, TaskSnapshot } from '../vertopal/types';

/** Every state a tracked task can be shown in. */
export const TASK_STATES = [
  // The task's own state, as the server last reported it.
  'running',
  'succeeded',
  'failed',
  // Trouble polling it: the task itself may be fine, we just cannot tell right now.
  'rateLimited', // the server asked us to wait; `trouble.until` says how long
  'unreachable', // checks have failed for a while; still retried, slowly
  'unauthorized', // the credentials were refused; polling waits for new ones
  'notFound', // the server does not know this connector; polling it stopped
  'stale', // still running past the monitoring time limit; polling it stopped
] as const;

export type TaskState = (typeof TASK_STATES)[number];

/** Why the last check(s) did not give an answer. */
export interface Trouble {
  readonly message: string;
  /** When waiting ends (ms epoch), if known, e.g. the end of a rate-limit pause. */
  readonly until?: number;
  /** When this run of trouble began (ms epoch). */
  readonly since?: number;
}

/** Where a task came from, when we started it ourselves (lets a later feature save the result). */
export interface TaskSource {
  readonly kind: 'file';
  readonly path: string;
}

export interface TrackedTask {
  readonly connector: string;
  readonly label?: string;
  /** When the user started tracking it (ms epoch). */
  readonly addedAt: number;
  readonly state: TaskState;
  readonly lastCheckedAt?: number;
  /** The API's `entity.status` from the last answer. */
  readonly lastStatus?: string;
  /** The conversion outcome (`successful`, `failed`, ...), once known. */
  readonly outcome?: string;
  readonly vcredits?: number;
  /** When we first saw it finished (ms epoch). */
  readonly completedAt?: number;
  /** The last `task/response` reply as parsed JSON. Never holds the token. */
  readonly lastResponse?: unknown;
  readonly trouble?: Trouble;
  readonly error?: ApiNotice;
  readonly warning?: ApiNotice;
  readonly source?: TaskSource;
  /**
   * When a window claimed the right to announce its completion (ms epoch). Every window shares
   * the stored list, so this is what keeps two windows from both notifying (see the store).
   */
  readonly announcedAt?: number;
}

/** Error code we set when the server says "completed" but never gives an outcome. */
export const NO_OUTCOME_CODE = 'MONITOR_NO_OUTCOME';

export function newTask(
  connector: string,
  now: number,
  label?: string,
  source?: TaskSource,
): TrackedTask {
  return tidy({ connector, label, source, addedAt: now, state: 'running' });
}

/** Succeeded or failed: nothing more will happen to it on the server. */
export function isFinished(task: TrackedTask): boolean {
  return task.state === 'succeeded' || task.state === 'failed';
}

/** Whether the scheduler should keep polling it on its own (the user may still refresh it). */
export function needsPolling(task: TrackedTask): boolean {
  return !isFinished(task) && task.state !== 'stale' && task.state !== 'notFound';
}

/** What one snapshot says, before it is merged into a task. */
export type SnapshotReading = 'running' | 'awaitingResult' | 'succeeded' | 'failed';

export function readSnapshot(snapshot: TaskSnapshot): SnapshotReading {
  // Unknown or missing statuses count as running: polling on is the safe way to find out more.
  if (snapshot.status !== 'completed') return 'running';
  if (snapshot.outcome === 'successful') return 'succeeded';
  // A failed conversion may carry only FAILED_CONVERT and no output status.
  if (snapshot.outcome === 'failed' || snapshot.error !== undefined) return 'failed';
  // Completed, but the result (and so the outcome) is not written yet: it usually follows within
  // a second or two, so the scheduler re-checks briefly.
  return 'awaitingResult';
}

/**
 * Merges a successful check into the task.
 *
 * A finished task never goes back to running: if the server walks back a completion we already
 * announced, we keep the finished state (a notification went out, a download may have started)
 * and only note the time of the check; the scheduler logs the oddity. A later *finished* answer
 * does replace an earlier one (e.g. a refresh that finally brings the outcome).
 */
export function applySnapshot(task: TrackedTask, snapshot: TaskSnapshot, now: number): TrackedTask {
  const reading = readSnapshot(snapshot);
  const finished = reading === 'succeeded' || reading === 'failed';
  if (isFinished(task) && !finished) return { ...task, lastCheckedAt: now };
  return tidy({
    ...task,
    state: finished ? reading : 'running',
    lastCheckedAt: now,
    lastStatus: snapshot.status,
    outcome: snapshot.outcome,
    vcredits: snapshot.vcredits ?? task.vcredits,
    completedAt: finished ? (task.completedAt ?? now) : undefined,
    lastResponse: snapshot.raw,
    error: snapshot.error,
    warning: snapshot.warning,
    trouble: undefined, // the server answered, so whatever kept it from answering is over
  });
}

/**
 * Merges a failed check into the task. Finished tasks keep their state: a failed re-check says
 * nothing new about the conversion. Transient failures leave the state as it was (running or
 * already unreachable); the scheduler decides when failing for long means `unreachable`.
 */
export function applyFailure(task: TrackedTask, error: VertopalError, now: number): TrackedTask {
  if (isFinished(task) || error.kind === 'cancelled') return task;
  switch (error.kind) {
    case 'credential':
      return inTrouble(task, 'unauthorized', error.message, now);
    case 'rateLimited':
      return markRateLimited(task, retryAt(error, now), error.message, now);
    case 'notFound':
      return inTrouble(task, 'notFound', error.message, now);
    case 'insecure':
      // The configured address is refused before any request: no answer will come until the
      // user changes it, so say so at once rather than showing the task as running.
      return inTrouble(task, 'unreachable', error.message, now);
    default: {
      const state = task.state === 'unreachable' ? 'unreachable' : 'running';
      return inTrouble(task, state, error.message, now);
    }
  }
}

/** Paused by the server's rate limit (for this task or for the whole credential). */
export function markRateLimited(
  task: TrackedTask,
  until: number | undefined,
  message: string,
  now: number,
): TrackedTask {
  if (isFinished(task)) return task;
  return inTrouble(task, 'rateLimited', message, now, until);
}

/** The rate-limit pause is over: show the task as running again until the next answer. */
export function liftRateLimit(task: TrackedTask): TrackedTask {
  if (task.state !== 'rateLimited') return task;
  return tidy({ ...task, state: 'running', trouble: undefined });
}

/** Checks have failed for long enough that the user should know; keeps the last failure text. */
export function markUnreachable(task: TrackedTask, now: number): TrackedTask {
  if (isFinished(task)) return task;
  const message = task.trouble?.message ?? 'Vertopal has not answered for a while.';
  return inTrouble(task, 'unreachable', message, now);
}

export function markStale(task: TrackedTask, now: number): TrackedTask {
  if (isFinished(task)) return task;
  const message = 'Still running when the monitoring time limit ran out. Refresh to check again.';
  return inTrouble(task, 'stale', message, now);
}

/**
 * The server kept saying "completed" without an outcome. We settle it as failed, not succeeded:
 * there is no result to show or download, and claiming success would be a guess. A refresh asks
 * again, and a later outcome replaces this one.
 */
export function settleWithoutOutcome(task: TrackedTask, now: number): TrackedTask {
  if (isFinished(task)) return task;
  return tidy({
    ...task,
    state: 'failed',
    completedAt: task.completedAt ?? now,
    trouble: undefined,
    error: {
      code: NO_OUTCOME_CODE,
      message: 'Vertopal marked the task completed but reported no conversion outcome.',
    },
  });
}

/** When the server asked us to come back, if it said. */
function retryAt(error: VertopalError, now: number): number | undefined {
  const wait = error.details.retryAfterMs ?? error.details.rateLimit?.resetMs;
  return wait === undefined ? undefined : now + wait;
}

function inTrouble(
  task: TrackedTask,
  state: TaskState,
  message: string,
  now: number,
  until?: number,
): TrackedTask {
  // `since` survives a change of trouble kind: it answers "how long have we been unable to know".
  const trouble = tidy({ message, until, since: task.trouble?.since ?? now });
  return tidy({ ...task, state, trouble });
}

/**
 * Drops keys whose value is `undefined`, so a task equals its stored JSON copy and the store's
 * "did anything change" comparison sees only real differences.
 */
export function tidy<T extends object>(value: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) copy[key] = field;
  }
  return copy as T;
}
