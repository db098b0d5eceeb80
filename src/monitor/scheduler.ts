// Decides when each tracked task is asked about next, and asks. One scheduler serves every task
// of one credential: it owns the timers, the concurrency cap, retries and backoff, and the
// rate-limit gate. What an answer means for a task is the model's business (tasks/task.ts).

import type { Disposable } from '../tasks/emitter';
import { Emitter } from '../tasks/emitter';
import type { TrackedTask } from '../tasks/task';
import {
  applyFailure,
  applySnapshot,
  isFinished,
  liftRateLimit,
  markRateLimited,
  markStale,
  markUnreachable,
  needsPolling,
  readSnapshot,
  settleWithoutOutcome,
} from '../tasks/task';
import type { TaskChange, TaskStore } from '../tasks/taskStore';
import { VertopalError } from '../vertopal/errors';
import type { ApiReply, TaskSnapshot } from '../vertopal/types';
import type { Clock, TimerHandle } from './clock';
import { nextCheckDelay, RESULT_RECHECK_LIMIT, resultRecheckDelay } from './pollPolicy';
import type { GatePauseReason } from './rateGate';
import { RateGate } from './rateGate';

export interface SchedulerOptions {
  /** Shortest wait between two checks of one task. */
  readonly minIntervalMs: number;
  /** Longest wait between two checks of a healthy task (failures may wait longer). */
  readonly maxIntervalMs: number;
  /** A task still running this long after it was added (or revived) turns stale; 0 = never. */
  readonly timeoutMinutes: number;
  /** Waits are multiplied by this while the window is not focused. */
  readonly unfocusedFactor: number;
  /** Requests in flight at once, over all tasks; 4 when not given. */
  readonly maxConcurrent?: number;
  /** Failing this long in a row turns a task `unreachable` (still retried, slowly); 2 min. */
  readonly unreachableAfterMs?: number;
  /** Jitter ratio for the waits; 0.15 when not given. */
  readonly jitter?: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: Required<SchedulerOptions> = {
  minIntervalMs: 3_000,
  maxIntervalMs: 40_000,
  timeoutMinutes: 60,
  unfocusedFactor: 3,
  // Enough to keep a batch moving; small because every request spends the shared rate limit.
  maxConcurrent: 4,
  unreachableAfterMs: 2 * 60_000,
  jitter: 0.15,
};

/** How long to pause after a 429 that said neither Retry-After nor when the window resets. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** Plain message lines. Callers never pass the token: errors from the client don't carry it. */
export interface SchedulerLog {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type PauseReason = 'credential' | GatePauseReason;

export interface SchedulerDeps {
  readonly store: TaskStore;
  /** One `task/response` call for `connector` (the client, injected). */
  readonly check: (connector: string, signal: AbortSignal) => Promise<ApiReply<TaskSnapshot>>;
  readonly clock: Clock;
  /** Uniform in [0, 1), for jitter. */
  readonly random?: () => number;
  /** Read afresh for every decision, so changed settings apply from the next one. */
  readonly options: () => SchedulerOptions;
  readonly log?: SchedulerLog;
}

/** Polling bookkeeping for one task; lives while the scheduler polls it. */
interface Watch {
  readonly connector: string;
  /** Start of the monitoring window that `timeoutMinutes` measures: added, or last revived. */
  windowStart: number;
  failures: number;
  failingSince: number | undefined;
  resultRechecks: number;
  /** The current wait: planned at `plannedAt`, `delay` long by the focused schedule. */
  plannedAt: number;
  delay: number;
  timer: TimerHandle | undefined;
  /** Waiting in `ready` for a free request slot or for the gate to open. */
  queued: boolean;
  request: AbortController | undefined;
}

const silentLog: SchedulerLog = { trace() {}, info() {}, warn() {}, error() {} };

export class PollScheduler implements Disposable {
  private readonly watches = new Map<string, Watch>();
  /** Tasks due for a check, in the order they fell due. */
  private readonly ready: Watch[] = [];
  private readonly inFlight = new Set<AbortController>();
  private readonly gate = new RateGate();
  private readonly pauseChanges = new Emitter<void>();
  private readonly subscriptions: Disposable[] = [];
  private readonly log: SchedulerLog;
  private readonly random: () => number;
  private gateTimer: TimerHandle | undefined;
  /** Wakes the queue when the request spacing allows the next start. */
  private spacingTimer: TimerHandle | undefined;
  private focused = true;
  /** The credentials were refused: nothing is asked until they change. */
  private haltedBy: VertopalError | undefined;
  private disposed = false;

  /** Fires when polling pauses, resumes, or its resume time moves (for the status bar). */
  readonly onDidChangePause = this.pauseChanges.event;

  /**
   * Starts polling at once: every unfinished task in the store is checked now (up to the
   * concurrency cap), and every task added later as soon as it is added.
   */
  constructor(private readonly deps: SchedulerDeps) {
    this.log = deps.log ?? silentLog;
    this.random = deps.random ?? Math.random;
    this.subscriptions.push(
      this.gate.onDidChange(() => {
        this.armGateTimer();
        this.pauseChanges.fire();
      }),
      deps.store.onDidChange((change) => this.onStoreChange(change)),
    );
    const now = this.now();
    for (const task of this.deps.store.all()) {
      // A wait the server asked for outlives a window reload.
      const until = task.state === 'rateLimited' ? task.trouble?.until : undefined;
      if (until !== undefined && until > now) this.gate.block(until);
      if (needsPolling(task)) this.watch(task, task.addedAt);
    }
    this.pump();
  }

  /**
   * Checks now: one task, or every unfinished one. Also revives tasks polling had given up on
   * (stale, not found), with a fresh monitoring window. A pause (rate limit, refused
   * credentials) still applies: the check runs when it ends.
   */
  refresh(connector?: string): void {
    if (this.disposed) return;
    const { store } = this.deps;
    const targets =
      connector !== undefined
        ? [connector]
        : store
            .all()
            .filter((task) => !isFinished(task))
            .map((task) => task.connector);
    for (const target of targets) {
      const task = store.get(target);
      if (!task) continue;
      const watch = this.watches.get(target) ?? this.watch(task, this.now());
      this.clearTimer(watch);
      this.enqueue(watch);
    }
    this.pump();
  }

  /** Unfocused, waits stretch by `unfocusedFactor`; on focus, whatever is overdue runs at once. */
  setFocused(focused: boolean): void {
    if (this.disposed || focused === this.focused) return;
    this.focused = focused;
    for (const watch of this.watches.values()) {
      if (watch.timer !== undefined) this.setTimer(watch);
    }
    this.pump();
  }

  /** New credentials: lift every pause and check all polled tasks at once. */
  resumeAfterCredentialChange(): void {
    if (this.disposed) return;
    const wasHalted = this.halted;
    this.haltedBy = undefined;
    this.gate.reset(); // a new credential has its own quota
    if (wasHalted) this.pauseChanges.fire();
    for (const watch of this.watches.values()) {
      this.clearTimer(watch);
      this.enqueue(watch);
    }
    this.pump();
  }

  /** When polling resumes, while it waits for the rate limit. */
  pausedUntil(): number | undefined {
    return this.gate.isOpen(this.now()) ? undefined : this.gate.openAt;
  }

  get pauseReason(): PauseReason | undefined {
    if (this.halted) return 'credential';
    return this.gate.isOpen(this.now()) ? undefined : this.gate.reason;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const watch of [...this.watches.values()]) this.unwatch(watch);
    this.clearGateTimer();
    if (this.spacingTimer !== undefined) this.deps.clock.clearTimeout(this.spacingTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.gate.dispose();
    this.pauseChanges.dispose();
  }

  private onStoreChange(change: TaskChange): void {
    const { kind, task } = change;
    if (kind === 'added' && needsPolling(task) && !this.watches.has(task.connector)) {
      this.watch(task, task.addedAt);
      this.showCurrentPause(task.connector);
      this.pump();
    } else if (kind === 'removed') {
      const watch = this.watches.get(task.connector);
      if (watch) this.unwatch(watch);
      this.pump(); // its request slot may have been freed
    }
  }

  /** The credentials were refused: nothing is asked until they change. */
  private get halted(): boolean {
    return this.haltedBy !== undefined;
  }

  /** A task added while polling is paused shows why it is not being checked yet. */
  private showCurrentPause(connector: string): void {
    const now = this.now();
    const until = this.gate.openAt;
    if (this.haltedBy) {
      const error = this.haltedBy;
      this.deps.store.update(connector, (task) => applyFailure(task, error, now));
    } else if (until !== undefined && !this.gate.isOpen(now)) {
      const message = 'Waiting for the rate limit to reset.';
      this.deps.store.update(connector, (task) => markRateLimited(task, until, message, now));
    }
  }

  /** Starts polling a task; its first check is due at once. */
  private watch(task: TrackedTask, windowStart: number): Watch {
    const watch: Watch = {
      connector: task.connector,
      windowStart,
      failures: 0,
      failingSince: undefined,
      resultRechecks: 0,
      plannedAt: windowStart,
      delay: 0,
      timer: undefined,
      queued: false,
      request: undefined,
    };
    this.watches.set(task.connector, watch);
    this.enqueue(watch);
    return watch;
  }

  private unwatch(watch: Watch): void {
    this.clearTimer(watch);
    this.dequeue(watch);
    if (watch.request) {
      watch.request.abort();
      this.inFlight.delete(watch.request); // free its slot now, not when the abort lands
      watch.request = undefined;
    }
    if (this.watches.get(watch.connector) === watch) this.watches.delete(watch.connector);
  }

  private enqueue(watch: Watch): void {
    if (watch.queued || watch.request) return; // one request per task at a time
    watch.queued = true;
    this.ready.push(watch);
  }

  private dequeue(watch: Watch): void {
    if (!watch.queued) return;
    watch.queued = false;
    this.ready.splice(this.ready.indexOf(watch), 1);
  }

  /** Starts as many due checks as the pause, the gate and the concurrency cap allow. */
  private pump(): void {
    if (this.disposed || this.halted || !this.gate.isOpen(this.now())) return;
    const cap = Math.max(1, Math.floor(this.options().maxConcurrent));
    while (this.inFlight.size < cap && this.ready.length > 0) {
      const now = this.now();
      const startAt = this.gate.nextStartAt(now);
      if (now < startAt) return this.wakeForSpacing(startAt - now);
      const watch = this.ready.shift()!;
      watch.queued = false;
      this.gate.started(now);
      this.run(watch).catch((error: unknown) => {
        this.log.error(`Polling ${watch.connector} hit a bug: ${String(error)}`);
      });
    }
  }

  private async run(watch: Watch): Promise<void> {
    const request = new AbortController();
    watch.request = request;
    this.inFlight.add(request);
    this.log.trace(`Checking ${watch.connector}`);
    let result: { reply: ApiReply<TaskSnapshot> } | { error: VertopalError };
    try {
      result = { reply: await this.deps.check(watch.connector, request.signal) };
    } catch (error) {
      result = { error: asVertopalError(error) };
    } finally {
      this.inFlight.delete(request);
      if (watch.request === request) watch.request = undefined;
    }
    // Removed, re-added or disposed meanwhile: the answer belongs to no one now.
    if (!request.signal.aborted && this.watches.get(watch.connector) === watch) {
      if ('reply' in result) this.onReply(watch, result.reply);
      else this.onFailure(watch, result.error);
    }
    this.pump();
  }

  private onReply(watch: Watch, reply: ApiReply<TaskSnapshot>): void {
    const now = this.now();
    const { store } = this.deps;
    const connector = watch.connector;
    this.gate.observe(reply.rateLimit, now);
    const before = store.get(connector);
    const snapshot = reply.value;
    const task = store.update(connector, (current) => applySnapshot(current, snapshot, now));
    if (!before || !task) return this.unwatch(watch);
    if (task.state !== before.state) this.log.info(`${connector}: ${before.state} → ${task.state}`);
    watch.failures = 0;
    watch.failingSince = undefined;

    const reading = readSnapshot(snapshot);
    if (isFinished(task)) {
      if (isFinished(before) && (reading === 'running' || reading === 'awaitingResult')) {
        this.log.warn(`${connector}: finished, but Vertopal now says "${String(snapshot.status)}"`);
      }
      return this.unwatch(watch);
    }
    if (reading === 'awaitingResult') {
      watch.resultRechecks++;
      if (watch.resultRechecks <= RESULT_RECHECK_LIMIT) {
        return this.plan(watch, resultRecheckDelay(this.options()));
      }
      store.update(connector, (current) => settleWithoutOutcome(current, now));
      this.log.warn(`${connector}: completed without an outcome; gave up waiting for one`);
      return this.unwatch(watch);
    }
    watch.resultRechecks = 0;
    this.planNext(watch, task, now);
  }

  private onFailure(watch: Watch, error: VertopalError): void {
    const now = this.now();
    const { store } = this.deps;
    const connector = watch.connector;
    this.log.warn(`Checking ${connector} failed (${error.kind}): ${error.message}`);
    if (error.kind === 'credential') return this.halt(error, now);
    if (error.kind === 'rateLimited') return this.pauseForRateLimit(watch, error, now);
    if (error.kind === 'notFound') {
      store.update(connector, (current) => applyFailure(current, error, now));
      return this.unwatch(watch);
    }

    watch.failures++;
    watch.failingSince ??= now;
    const unreachable = now - watch.failingSince >= this.options().unreachableAfterMs;
    const task = store.update(connector, (current) => {
      const failed = applyFailure(current, error, now);
      return unreachable ? markUnreachable(failed, now) : failed;
    });
    if (!task || isFinished(task)) return this.unwatch(watch);
    this.planNext(watch, task, now);
  }

  /** Refused credentials fail every request alike: stop all polling until they change. */
  private halt(error: VertopalError, now: number): void {
    for (const watch of this.watches.values()) {
      this.clearTimer(watch);
      this.dequeue(watch);
      this.deps.store.update(watch.connector, (current) => applyFailure(current, error, now));
    }
    if (this.halted) return;
    this.haltedBy = error;
    this.log.error('Vertopal refused the credentials; polling paused until they change.');
    this.pauseChanges.fire();
  }

  /** A 429 is about the credential, not the task: every task waits until the server allows. */
  private pauseForRateLimit(watch: Watch, error: VertopalError, now: number): void {
    const { retryAfterMs, rateLimit } = error.details;
    this.gate.block(now + (retryAfterMs ?? rateLimit?.resetMs ?? DEFAULT_RATE_LIMIT_WAIT_MS));
    const until = this.gate.openAt;
    this.log.warn(`Rate limited; checks paused until ${new Date(until ?? now).toISOString()}`);
    for (const other of this.watches.values()) {
      this.deps.store.update(other.connector, (task) =>
        markRateLimited(task, until, error.message, now),
      );
    }
    const task = this.deps.store.get(watch.connector);
    if (task) this.planNext(watch, task, now);
  }

  /** The gate opened: tasks paused by it are running as far as we know, until they are asked. */
  private liftRateLimits(): void {
    for (const watch of this.watches.values()) {
      this.deps.store.update(watch.connector, liftRateLimit);
    }
  }

  /** After an answer or a failure: give up if the task ran out of time, else wait per policy. */
  private planNext(watch: Watch, task: TrackedTask, now: number): void {
    const options = this.options();
    const limitMs = options.timeoutMinutes * 60_000;
    if (limitMs > 0 && now - watch.windowStart >= limitMs) {
      this.deps.store.update(watch.connector, (current) => markStale(current, now));
      this.log.info(`${watch.connector}: still running after ${options.timeoutMinutes} min; stale`);
      return this.unwatch(watch);
    }
    const policy = { ...options, random: this.random };
    this.plan(watch, nextCheckDelay(now - task.addedAt, watch.failures, policy));
  }

  private plan(watch: Watch, delay: number): void {
    watch.plannedAt = this.now();
    watch.delay = delay;
    // While halted nothing waits on a timer: resuming checks every task at once anyway.
    if (!this.halted) this.setTimer(watch);
  }

  /** (Re)arms the task's timer for its planned wait, stretched while unfocused. */
  private setTimer(watch: Watch): void {
    this.clearTimer(watch);
    const factor = this.focused ? 1 : Math.max(1, this.options().unfocusedFactor);
    const wait = watch.plannedAt + watch.delay * factor - this.now();
    if (wait <= 0) return this.enqueue(watch);
    watch.timer = this.deps.clock.setTimeout(() => {
      watch.timer = undefined;
      this.enqueue(watch);
      this.pump();
    }, wait);
  }

  private clearTimer(watch: Watch): void {
    if (watch.timer === undefined) return;
    this.deps.clock.clearTimeout(watch.timer);
    watch.timer = undefined;
  }

  /** One wake-up for when the gate opens, re-armed whenever its opening time moves. */
  private wakeForSpacing(delay: number): void {
    if (this.spacingTimer !== undefined) return; // already set for the earliest start
    this.spacingTimer = this.deps.clock.setTimeout(() => {
      this.spacingTimer = undefined;
      this.pump();
    }, delay);
  }

  private armGateTimer(): void {
    this.clearGateTimer();
    const openAt = this.gate.openAt;
    if (openAt === undefined || this.disposed) return;
    this.gateTimer = this.deps.clock.setTimeout(() => {
      this.gateTimer = undefined;
      this.gate.expire(this.now());
      this.liftRateLimits();
      this.pump();
    }, openAt - this.now());
  }

  private clearGateTimer(): void {
    if (this.gateTimer === undefined) return;
    this.deps.clock.clearTimeout(this.gateTimer);
    this.gateTimer = undefined;
  }

  /** The current settings, with defaults for what they leave out. */
  private options(): Required<SchedulerOptions> {
    const given = this.deps.options();
    const defaults = DEFAULT_SCHEDULER_OPTIONS;
    return {
      ...given,
      maxConcurrent: given.maxConcurrent ?? defaults.maxConcurrent,
      unreachableAfterMs: given.unreachableAfterMs ?? defaults.unreachableAfterMs,
      jitter: given.jitter ?? defaults.jitter,
    };
  }

  private now(): number {
    return this.deps.clock.now();
  }
}

/** The client throws only VertopalError; anything else is a bug there, retried like a glitch. */
function asVertopalError(error: unknown): VertopalError {
  if (error instanceof VertopalError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new VertopalError('badResponse', `Unexpected failure while checking: ${message}`);
}
