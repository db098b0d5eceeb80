// A stand-in for the client's task/response call: each connector follows a script of answers
// (the last one repeats), optionally slow, and every call is recorded with its fake time.

import type { FakeClock } from '../../support/fakeClock';
import { VertopalError } from '../../../src/vertopal/errors';
import type { FailureKind, RateLimitInfo, TaskSnapshot } from '../../../src/vertopal/types';

type Answer = 'running' | 'succeeded' | 'failed' | 'noResult';

export type Step = {
  readonly latencyMs?: number;
  /** A misbehaving client: the request neither settles nor stops when aborted. */
  readonly ignoresAbort?: boolean;
  readonly rateLimit?: RateLimitInfo;
} & ({ readonly answer: Answer } | { readonly error: VertopalError });

export const running = (extra: Partial<Step> = {}): Step => ({ answer: 'running', ...extra });
export const succeeded = (extra: Partial<Step> = {}): Step => ({ answer: 'succeeded', ...extra });
export const failedConversion = (): Step => ({ answer: 'failed' });
/** "completed", but the result (and so the outcome) is not written yet. */
export const noResult = (): Step => ({ answer: 'noResult' });
export const failure = (
  kind: FailureKind,
  details: ConstructorParameters<typeof VertopalError>[2] = {},
  extra: { latencyMs?: number } = {},
): Step => ({ error: new VertopalError(kind, `simulated ${kind}`, details), ...extra });

export interface Call {
  readonly connector: string;
  readonly at: number;
  readonly signal: AbortSignal;
}

export class ScriptedApi {
  readonly calls: Call[] = [];
  /** The most requests that were in flight at once: overall, and for any single connector. */
  maxInFlight = 0;
  maxInFlightPerTask = 0;
  private inFlight = 0;
  private readonly inFlightPerTask = new Map<string, number>();
  private readonly scripts = new Map<string, Step[]>();

  constructor(private readonly clock: FakeClock) {}

  /** Sets what `connector` answers next, in order; the last step repeats forever. */
  script(connector: string, ...steps: Step[]): void {
    this.scripts.set(connector, [...steps]);
  }

  /** Fake times at which `connector` was checked. */
  times(connector: string): number[] {
    return this.calls.filter((call) => call.connector === connector).map((call) => call.at);
  }

  /** Gaps between consecutive checks of `connector`. */
  intervals(connector: string): number[] {
    const times = this.times(connector);
    return times.slice(1).map((time, i) => time - times[i]);
  }

  readonly check = (connector: string, signal: AbortSignal) => {
    const steps = this.scripts.get(connector) ?? [];
    const step = (steps.length > 1 ? steps.shift() : steps[0]) ?? running();
    this.calls.push({ connector, at: this.clock.now(), signal });
    this.enter(connector);

    return new Promise<{ value: TaskSnapshot; rateLimit: RateLimitInfo }>((resolve, reject) => {
      let open = true;
      const finish = (): boolean => {
        if (open) this.leave(connector);
        const first = open;
        open = false;
        return first;
      };
      const answer = () => {
        if (!finish()) return;
        if ('error' in step) reject(step.error);
        else resolve({ value: snapshot(connector, step.answer), rateLimit: step.rateLimit ?? {} });
      };
      if (!step.latencyMs) return answer();
      const timer = this.clock.setTimeout(answer, step.latencyMs);
      if (step.ignoresAbort) return;
      signal.addEventListener('abort', () => {
        this.clock.clearTimeout(timer);
        if (finish()) reject(new VertopalError('cancelled', 'aborted'));
      });
    });
  };

  private enter(connector: string): void {
    this.inFlight++;
    const forTask = (this.inFlightPerTask.get(connector) ?? 0) + 1;
    this.inFlightPerTask.set(connector, forTask);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.maxInFlightPerTask = Math.max(this.maxInFlightPerTask, forTask);
  }

  private leave(connector: string): void {
    this.inFlight--;
    this.inFlightPerTask.set(connector, (this.inFlightPerTask.get(connector) ?? 1) - 1);
  }
}

function snapshot(connector: string, answer: Answer): TaskSnapshot {
  const completed = answer !== 'running';
  const outcome =
    answer === 'succeeded' ? 'successful' : answer === 'failed' ? 'failed' : undefined;
  return {
    connector,
    status: completed ? 'completed' : 'running',
    outcome,
    resultReady: outcome !== undefined,
    vcredits: completed ? 1 : undefined,
    error: undefined,
    warning: undefined,
    raw: {
      result: {
        output: { entity: { id: connector, status: completed ? 'completed' : 'running' } },
      },
    },
  };
}
