// Section 1: how soon a task's end is seen, and how many requests that costs, for our scheduler
// and the CLI's schedule on the same seeded task mix; the trade-off curve over a few settings;
// and a batch under a tight rate limit.

import type { SchedulerOptions } from '../src/monitor/scheduler';
import type { RunOutcome, Schedule, TaskOutcome } from './pollRun';
import { runSchedule } from './pollRun';
import type { RateRule } from './rateWindow';
import { defaultSchedulerOptions } from './settingDefaults';
import { mean, percentile } from './stats';
import type { Row } from './table';
import { fixed, seconds } from './table';
import { drawTaskMix } from './taskMix';
import { HOUR, MINUTE, SECOND } from './time';

export interface LagCostSizes {
  readonly mixTasks: number;
  readonly batchTasks: number;
  readonly rateLimits: readonly number[];
}

const SEED = 7;
const SHORT_MS = 30 * SECOND;
/** (min, max) seconds for the trade-off curve; the defaults are added to it. */
const CURVE = [
  [2, 20],
  [3, 30],
  [1, 15],
  [1, 30],
  [5, 120],
  [10, 300],
] as const;

interface Summary {
  readonly meanLagMs: number;
  readonly p95LagMs: number;
  readonly requestsPerTask: number;
}

function summarize(tasks: readonly TaskOutcome[]): Summary {
  const lags = tasks.map((task) => task.lagMs ?? NaN);
  return {
    meanLagMs: mean(lags),
    p95LagMs: percentile(lags, 95),
    requestsPerTask: mean(tasks.map((task) => task.requests)),
  };
}

export async function measureLagCost(sizes: LagCostSizes): Promise<Row[]> {
  const defaults = defaultSchedulerOptions();
  const ours: Schedule = { kind: 'ours', options: defaults };
  const cli: Schedule = { kind: 'cli' };
  const mix = drawTaskMix(sizes.mixTasks, SEED, HOUR);
  const [oursRun, cliRun] = [
    await runSchedule(mix, ours, { seed: SEED }),
    await runSchedule(mix, cli, { seed: SEED }),
  ];
  const [minS, maxS] = [defaults.minIntervalMs / SECOND, defaults.maxIntervalMs / SECOND];
  const setting = `min ${minS} s / max ${maxS} s`;
  const section = `1. Lag & cost (${mix.length} tasks, ours = defaults ${setting})`;
  const rows: Row[] = [...comparisonRows(section, oursRun, cliRun)];

  const curveSection = '1. Trade-off curve (full mix): mean lag · p95 lag · requests/task';
  const cliAll = summarize(cliRun.tasks);
  rows.push({ section: curveSection, measure: 'CLI schedule', ours: '', cli: point(cliAll) });
  const settings = [...CURVE, [defaults.minIntervalMs / SECOND, defaults.maxIntervalMs / SECOND]]
    .map(([min, max]) => ({ min, max }))
    .sort((a, b) => a.max - b.max);
  for (const { min, max } of settings) {
    const options: SchedulerOptions = {
      ...defaults,
      minIntervalMs: min * SECOND,
      maxIntervalMs: max * SECOND,
    };
    const isDefault =
      min * SECOND === defaults.minIntervalMs && max * SECOND === defaults.maxIntervalMs;
    const run = isDefault
      ? oursRun
      : await runSchedule(mix, { kind: 'ours', options }, { seed: SEED });
    const summary = summarize(run.tasks);
    const beats =
      summary.meanLagMs <= cliAll.meanLagMs && summary.requestsPerTask <= cliAll.requestsPerTask;
    rows.push({
      section: curveSection,
      measure: `ours min ${min} s / max ${max} s${isDefault ? ' (defaults)' : ''}`,
      ours: `${point(summary)}${beats ? ' — beats the CLI on both' : ''}`,
    });
  }

  for (const limit of sizes.rateLimits) {
    rows.push(...(await rateLimitedRows(sizes.batchTasks, { windowMs: MINUTE, limit }, ours)));
  }
  return rows;
}

function point(summary: Summary): string {
  const { meanLagMs, p95LagMs, requestsPerTask } = summary;
  return `${seconds(meanLagMs)} · ${seconds(p95LagMs)} · ${fixed(requestsPerTask)}`;
}

function comparisonRows(section: string, ours: RunOutcome, cli: RunOutcome): Row[] {
  const all = [summarize(ours.tasks), summarize(cli.tasks)] as const;
  const shortOnly = (run: RunOutcome) => run.tasks.filter((task) => task.durationMs <= SHORT_MS);
  const short = [summarize(shortOnly(ours)), summarize(shortOnly(cli))] as const;
  const ratio = (a: number, b: number) => `${fixed(a / b, 2)}× the CLI's`;
  const requestRatio = ratio(all[0].requestsPerTask, all[1].requestsPerTask);
  return [
    {
      section,
      measure: 'Mean detection lag, full mix',
      ours: `${seconds(all[0].meanLagMs)} (${ratio(all[0].meanLagMs, all[1].meanLagMs)})`,
      cli: seconds(all[1].meanLagMs),
      target: "≤ the CLI's",
      met: all[0].meanLagMs <= all[1].meanLagMs,
    },
    {
      section,
      measure: 'p95 detection lag, full mix',
      ours: seconds(all[0].p95LagMs),
      cli: seconds(all[1].p95LagMs),
    },
    {
      section,
      measure: 'Requests per task, full mix',
      ours: `${fixed(all[0].requestsPerTask)} (${requestRatio})`,
      cli: fixed(all[1].requestsPerTask),
      target: "≤ the CLI's",
      met: all[0].requestsPerTask <= all[1].requestsPerTask,
    },
    {
      section,
      measure: `Mean lag, tasks ending within 30 s (${shortOnly(ours).length})`,
      ours: `${seconds(short[0].meanLagMs)} (${ratio(short[0].meanLagMs, short[1].meanLagMs)})`,
      cli: seconds(short[1].meanLagMs),
      target: "≤ 1/3 of the CLI's",
      met: short[0].meanLagMs * 3 <= short[1].meanLagMs,
    },
    {
      section,
      measure: 'p95 lag · requests/task, tasks ending within 30 s',
      ours: `${seconds(short[0].p95LagMs)} · ${fixed(short[0].requestsPerTask)}`,
      cli: `${seconds(short[1].p95LagMs)} · ${fixed(short[1].requestsPerTask)}`,
    },
    {
      section,
      measure: 'Tasks whose end was never seen',
      ours: String(ours.unseen),
      cli: String(cli.unseen),
      target: '0',
      met: ours.unseen === 0,
    },
  ];
}

/** A batch started together under a tight limit: ours must back off and still see every end. */
async function rateLimitedRows(count: number, rule: RateRule, ours: Schedule): Promise<Row[]> {
  const batch = drawTaskMix(count, SEED + rule.limit, 0);
  const free = await runSchedule(batch, ours, { seed: SEED });
  const limited = await runSchedule(batch, ours, { seed: SEED, rateRule: rule });
  const cli = await runSchedule(batch, { kind: 'cli' }, { seed: SEED, rateRule: rule });
  const section = `1. Rate limit ${rule.limit}/min, ${count} tasks started at once`;
  const lag = (run: RunOutcome) => mean(run.tasks.map((task) => task.lagMs ?? NaN));
  const perTask = (run: RunOutcome) => mean(run.tasks.map((task) => task.requests));
  const extra = lag(limited) - lag(free);
  return [
    {
      section,
      measure: '429 refusals received',
      ours: String(limited.refused),
      cli: `${cli.refused} (no 429 handling: refused checks are wasted)`,
      target: '0 beyond the first (back off, then stay under)',
      met: limited.refused <= 1,
    },
    {
      section,
      measure: 'Tasks seen finished',
      ours: `${count - limited.unseen}/${count}`,
      cli: `${count - cli.unseen}/${count}`,
      target: 'all',
      met: limited.unseen === 0,
    },
    {
      section,
      measure: 'Mean lag (extra over no limit) · requests/task',
      ours: `${seconds(lag(limited))} (+${seconds(extra)}) · ${fixed(perTask(limited))}`,
      cli: `${seconds(lag(cli))} · ${fixed(perTask(cli))}`,
    },
  ];
}
