// A scripted stand-in for the client's task/response call that answers from a timeline: a task
// is running until its duration has passed, then completed and successful with its result
// written. Both schedules ask this same object, so they see the same tasks; it also keeps the
// books the benchmark reports (requests, refusals, when each task was first seen finished).

import type { Clock } from '../src/monitor/clock';
import { VertopalError } from '../src/vertopal/errors';
import type { ApiReply, TaskSnapshot } from '../src/vertopal/types';
import type { RateRule } from './rateWindow';
import { RateWindow } from './rateWindow';

export interface TimelineTask {
  readonly connector: string;
  /** Absolute simulated time at which the task finishes. */
  readonly doneAt: number;
}

export interface TaskBooks {
  readonly doneAt: number;
  requests: number;
  refused: number;
  /** Time of the first answered check that found the task finished. */
  seenDoneAt: number | undefined;
}

export type CheckFn = (connector: string, signal: AbortSignal) => Promise<ApiReply<TaskSnapshot>>;

export class TimelineApi {
  readonly books = new Map<string, TaskBooks>();
  requests = 0;
  refused = 0;
  private readonly window: RateWindow | undefined;

  constructor(
    private readonly clock: Clock,
    rule?: RateRule,
  ) {
    this.window = rule ? new RateWindow(rule) : undefined;
  }

  add(task: TimelineTask): void {
    this.books.set(task.connector, {
      doneAt: task.doneAt,
      requests: 0,
      refused: 0,
      seenDoneAt: undefined,
    });
  }

  readonly check: CheckFn = async (connector) => {
    const now = this.clock.now();
    const books = this.books.get(connector);
    if (!books) throw new VertopalError('notFound', `unknown task ${connector}`);
    this.requests++;
    books.requests++;
    const verdict = this.window?.hit(now);
    if (verdict && !verdict.allowed) {
      this.refused++;
      books.refused++;
      throw new VertopalError('rateLimited', 'Too many requests.', {
        code: 'TOO_MANY_REQUESTS',
        httpStatus: 429,
        retryAfterMs: verdict.retryAfterMs,
        rateLimit: { remaining: 0, resetMs: verdict.retryAfterMs },
      });
    }
    const done = now >= books.doneAt;
    if (done) books.seenDoneAt ??= now;
    const rateLimit = verdict ? { remaining: verdict.remaining, resetMs: verdict.resetMs } : {};
    return { value: snapshotAt(connector, done, now), rateLimit };
  };
}

/** A task/response reading shaped like the real one, about a kilobyte of JSON in `raw`. */
export function snapshotAt(connector: string, done: boolean, now: number): TaskSnapshot {
  const status = done ? 'completed' : 'running';
  const entity = {
    id: connector,
    type: 'convert',
    status,
    vcredits: done ? 1 : 0,
    created_at: new Date(now).toISOString(),
  };
  const output = done
    ? {
        status: 'successful',
        result: {
          output: [{ connector: `${connector}-out`, name: 'document.pdf', size: 48_213 }],
        },
        entity: { ...entity },
      }
    : { entity: { ...entity } };
  return {
    connector,
    status,
    outcome: done ? 'successful' : undefined,
    resultReady: done,
    vcredits: done ? 1 : undefined,
    error: undefined,
    warning: undefined,
    raw: {
      code: 'OK',
      message: 'Your request has been successfully processed.',
      entity,
      result: { output },
    },
  };
}
