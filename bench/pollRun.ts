// Runs one schedule over a set of tasks on simulated time: tasks start on the fake clock, the
// poller checks them through the timeline API, and the books say what it cost and how late each
// end was seen. "ours" is the real PollScheduler with a real TaskStore, driven only through its
// public API; "cli" is the CLI's schedule.

import type { SchedulerOptions } from '../src/monitor/scheduler';
import { PollScheduler } from '../src/monitor/scheduler';
import type { TaskPersistence } from '../src/tasks/persistence';
import { TaskStore } from '../src/tasks/taskStore';
import { FakeClock } from '../test/support/fakeClock';
import { SeededRandom } from '../test/simulator/random';
import { CliPoller } from './cliSchedule';
import type { RateRule } from './rateWindow';
import type { MixTask } from './taskMix';
import { MINUTE } from './time';
import { TimelineApi } from './timelineApi';

export type Schedule =
  { readonly kind: 'ours'; readonly options: SchedulerOptions } | { readonly kind: 'cli' };

export interface TaskOutcome {
  readonly durationMs: number;
  readonly requests: number;
  readonly refused: number;
  /** Completion → first check that saw it; undefined if never seen. */
  readonly lagMs: number | undefined;
}

export interface RunOutcome {
  readonly tasks: readonly TaskOutcome[];
  readonly requests: number;
  readonly refused: number;
  readonly unseen: number;
}

/** Nothing is persisted in these runs: the store's disk writes are the scale test's business. */
const noPersistence: TaskPersistence = { read: () => undefined, write: async () => {} };

/** Time allowed after the last task ends, for schedules held back by a rate limit. */
const GRACE_MS = 30 * MINUTE;

export async function runSchedule(
  tasks: readonly MixTask[],
  schedule: Schedule,
  options: { seed: number; rateRule?: RateRule },
): Promise<RunOutcome> {
  const clock = new FakeClock(0);
  const api = new TimelineApi(clock, options.rateRule);
  const startPolling = pollerFor(schedule, clock, api, options.seed);
  for (const task of tasks) {
    api.add({ connector: task.connector, doneAt: task.startMs + task.durationMs });
    clock.setTimeout(() => startPolling.add(task.connector), task.startMs);
  }
  const lastEnd = Math.max(...tasks.map((task) => task.startMs + task.durationMs));
  await clock.advanceAsync(lastEnd + GRACE_MS);
  startPolling.dispose();

  const outcomes = tasks.map((task): TaskOutcome => {
    const books = api.books.get(task.connector);
    if (!books) throw new Error(`no books for ${task.connector}`);
    return {
      durationMs: task.durationMs,
      requests: books.requests,
      refused: books.refused,
      lagMs: books.seenDoneAt === undefined ? undefined : books.seenDoneAt - books.doneAt,
    };
  });
  const unseen = outcomes.filter((outcome) => outcome.lagMs === undefined).length;
  return { tasks: outcomes, requests: api.requests, refused: api.refused, unseen };
}

interface Poller {
  add(connector: string): void;
  dispose(): void;
}

function pollerFor(schedule: Schedule, clock: FakeClock, api: TimelineApi, seed: number): Poller {
  if (schedule.kind === 'cli') {
    const cli = new CliPoller(clock, api.check);
    return { add: (connector) => cli.watch(connector), dispose: () => {} };
  }
  const store = new TaskStore(noPersistence, undefined, () => clock.now());
  const random = new SeededRandom(seed);
  const scheduler = new PollScheduler({
    store,
    check: api.check,
    clock,
    random: () => random.next(),
    options: () => schedule.options,
  });
  return {
    add: (connector) => store.add(connector),
    dispose: () => {
      scheduler.dispose();
      store.dispose();
    },
  };
}
