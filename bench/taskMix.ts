// The seeded mix of conversion durations both schedules are measured on. Most conversions end
// within seconds; a few run for most of an hour. Each band is log-uniform inside, so short
// durations within a band are as likely as long ones on a log scale.

import { SeededRandom } from '../test/simulator/random';
import { HOUR, MINUTE, SECOND } from './time';

export interface MixBand {
  /** Fraction of all tasks drawn from this band. */
  readonly share: number;
  readonly fromMs: number;
  readonly toMs: number;
}

export const TASK_MIX: readonly MixBand[] = [
  { share: 0.6, fromMs: 3 * SECOND, toMs: 30 * SECOND },
  { share: 0.25, fromMs: 30 * SECOND, toMs: 5 * MINUTE },
  { share: 0.1, fromMs: 5 * MINUTE, toMs: 20 * MINUTE },
  { share: 0.05, fromMs: 20 * MINUTE, toMs: HOUR },
];

export interface MixTask {
  readonly connector: string;
  /** When the task starts, and is handed to the poller, on the simulated clock (ms from 0). */
  readonly startMs: number;
  readonly durationMs: number;
}

/**
 * `count` tasks from the mix; the same seed gives the same tasks. Starts are spread uniformly
 * over `spreadMs` so that no two pollers march in step by construction.
 */
export function drawTaskMix(count: number, seed: number, spreadMs: number): MixTask[] {
  const random = new SeededRandom(seed);
  const tasks: MixTask[] = [];
  for (let i = 0; i < count; i++) {
    const band = pickBand(random.next());
    const durationMs = Math.round(band.fromMs * (band.toMs / band.fromMs) ** random.next());
    const startMs = Math.floor(random.next() * spreadMs);
    tasks.push({ connector: `task-${String(i).padStart(5, '0')}`, startMs, durationMs });
  }
  return tasks;
}

function pickBand(u: number): MixBand {
  let edge = 0;
  for (const band of TASK_MIX) {
    edge += band.share;
    if (u < edge) return band;
  }
  return TASK_MIX[TASK_MIX.length - 1];
}
