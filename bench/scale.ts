// Section 3: many tracked tasks for an hour of simulated time, with the real scheduler, the real
// store and its persistence (an in-memory stand-in that serializes like the real one), and the
// tree's refresh traffic. Measures the CPU this costs per simulated minute and the peak heap.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PollScheduler } from '../src/monitor/scheduler';
import { MemoryPersistence } from '../src/tasks/persistence';
import type { TrackedTask } from '../src/tasks/task';
import { applySnapshot, newTask } from '../src/tasks/task';
import { encodeState } from '../src/tasks/taskCodec';
import { TaskStore } from '../src/tasks/taskStore';
import { FakeClock } from '../test/support/fakeClock';
import { SeededRandom } from '../test/simulator/random';
import { defaultSchedulerOptions } from './settingDefaults';
import type { Row } from './table';
import { fixed } from './table';
import { HOUR, MINUTE } from './time';
import { snapshotAt, TimelineApi } from './timelineApi';
import { TreeRefreshModel } from './treeRefreshModel';

export interface ScaleSizes {
  readonly tracked: number;
  readonly running: number;
  readonly simulatedMs: number;
}

const SEED = 11;
const MB = 1024 * 1024;

export async function measureScale(sizes: ScaleSizes): Promise<Row[]> {
  const gc = exposeGc();
  gc();
  const baselineHeap = liveHeap();
  const clock = new FakeClock();
  const t0 = clock.now();
  const random = new SeededRandom(SEED);
  const api = new TimelineApi(clock);
  const tasks: TrackedTask[] = [];
  for (let i = 0; i < sizes.tracked; i++) {
    const connector = `scale-${String(i).padStart(5, '0')}`;
    if (i < sizes.running) {
      // Started in the last ten minutes; will run 1 min – 2 h in all (log-uniform).
      const addedAt = t0 - Math.floor(random.next() * 10 * MINUTE);
      const duration = Math.round(MINUTE * 120 ** random.next());
      api.add({ connector, doneAt: addedAt + duration });
      tasks.push(newTask(connector, addedAt));
    } else {
      const addedAt = t0 - Math.floor(random.next() * 24 * HOUR);
      const done = applySnapshot(newTask(connector, addedAt), snapshotAt(connector, true, t0), t0);
      tasks.push(done);
    }
  }
  // As after a window reload: the list comes back from storage, then polling starts.
  const store = new TaskStore(new MemoryPersistence(encodeState(tasks)), undefined, () =>
    clock.now(),
  );
  await store.load();
  const tree = new TreeRefreshModel(store);
  const options = defaultSchedulerOptions();

  let peakHeap = liveHeap();
  const sampleHeap = (): void => {
    peakHeap = Math.max(peakHeap, liveHeap());
    clock.setTimeout(sampleHeap, MINUTE);
  };
  const cpuBefore = process.cpuUsage();
  const scheduler = new PollScheduler({
    store,
    check: api.check,
    clock,
    random: () => random.next(),
    options: () => options,
  });
  sampleHeap();
  await clock.advanceAsync(sizes.simulatedMs);
  await store.flush();
  const cpu = process.cpuUsage(cpuBefore);
  sampleHeap();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const minutes = sizes.simulatedMs / MINUTE;
  const cpuPerMinuteMs = cpuMs / minutes;
  const stillRunning = store.all().filter((task) => task.state === 'running').length;
  scheduler.dispose();
  tree.dispose();
  store.dispose();

  const size = `${sizes.tracked} tracked, ${sizes.running} running, ${minutes} simulated min`;
  const section = `3. Scale (${size})`;
  const share = cpuPerMinuteMs / MINUTE;
  return [
    {
      section,
      measure: 'CPU time per simulated minute (share of one core)',
      ours: `${fixed(cpuPerMinuteMs)} ms (${fixed(share * 100, 3)} %)`,
      target: '< 1 % of one core (600 ms/min)',
      met: share < 0.01,
    },
    {
      section,
      // The process also holds the benchmark's own modules (simulator, undici, earlier
      // sections); what this run adds on top of that is what the extension would cost.
      measure:
        'Peak live heap (after GC) used by this run (above the process baseline) · whole process',
      ours: `${fixed((peakHeap - baselineHeap) / MB)} MB · ${fixed(peakHeap / MB)} MB`,
      target: '< 30 MB',
      met: peakHeap - baselineHeap < 30 * MB,
    },
    {
      section,
      measure: 'Checks made · tasks still running at the end',
      ours: `${api.requests} · ${stillRunning}`,
    },
    {
      section,
      measure: 'Tree refresh events fired (whole-list) · task changes seen by the tree',
      ours: `${tree.fired} (${tree.wholeList}) · ${tree.changes}`,
      target: 'only changed rows refresh',
      met: tree.wholeList === 0 && tree.fired < tree.changes,
    },
  ];
}

/** Collecting before the run makes the heap figures about this run, not about earlier ones. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Heap in use, after a collection when node runs with --expose-gc (npm run bench does): what
 * the tasks really hold, not how much garbage happened to be waiting for the collector.
 */
function liveHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}
