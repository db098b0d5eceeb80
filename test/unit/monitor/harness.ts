// Wires a scheduler to a fake clock, a scripted API and an in-memory store, for the scheduler
// tests. Jitter is off unless a test turns it on, so intervals are exact.

import type { SchedulerOptions } from '../../../src/monitor/scheduler';
import { DEFAULT_SCHEDULER_OPTIONS, PollScheduler } from '../../../src/monitor/scheduler';
import { MemoryPersistence } from '../../../src/tasks/persistence';
import { TaskStore } from '../../../src/tasks/taskStore';
import { FakeClock } from '../../support/fakeClock';
import { ScriptedApi } from './scriptedApi';

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export class Harness {
  readonly clock = new FakeClock();
  readonly store = new TaskStore(new MemoryPersistence(), undefined, () => this.clock.now());
  readonly api = new ScriptedApi(this.clock);
  readonly logs: string[] = [];
  /** When the harness was made: tasks added by `start` are added at this time. */
  readonly t0 = this.clock.now();
  options: SchedulerOptions;
  private current: PollScheduler | undefined;

  constructor(
    options: Partial<SchedulerOptions> = {},
    private readonly random: () => number = () => 0.5,
  ) {
    // The tests fix their own intervals, so retuning the product's defaults does not move them.
    this.options = {
      ...DEFAULT_SCHEDULER_OPTIONS,
      minIntervalMs: 3_000,
      maxIntervalMs: 30_000,
      jitter: 0,
      ...options,
    };
  }

  /** The scheduler; created (and so started) on first use, after the test's scripts are set. */
  get scheduler(): PollScheduler {
    this.current ??= new PollScheduler({
      store: this.store,
      check: this.api.check,
      clock: this.clock,
      random: this.random,
      options: () => this.options,
      log: {
        trace: () => {},
        info: (message) => this.logs.push(message),
        warn: (message) => this.logs.push(message),
        error: (message) => this.logs.push(message),
      },
    });
    return this.current;
  }

  /** Adds tasks, starts the scheduler and lets the first checks' answers land. */
  async start(...connectors: string[]): Promise<PollScheduler> {
    for (const connector of connectors) this.store.add(connector);
    const scheduler = this.scheduler;
    await this.clock.settle();
    return scheduler;
  }

  state(connector: string): string | undefined {
    return this.store.get(connector)?.state;
  }

  dispose(): void {
    this.current?.dispose();
    this.store.dispose();
  }
}
