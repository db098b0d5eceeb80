// A deterministic clock for tests and the benchmark: time moves only when told to, and timers
// run in due order (ties in the order they were set).

import type { Clock, TimerHandle } from '../../src/monitor/clock';

interface FakeTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

export class FakeClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, FakeTimer>();
  // A min-heap by (at, id), so the benchmark's thousands of timers stay cheap. Cleared timers
  // stay in it until they surface, and are skipped then.
  private readonly heap: FakeTimer[] = [];
  /** How many timer callbacks have run so far. */
  fired = 0;

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), callback };
    this.timers.set(timer.id, timer);
    this.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** Timers set and not yet run or cleared. */
  get pendingCount(): number {
    return this.timers.size;
  }

  /** When the earliest pending timer is due, if any. */
  get nextDueAt(): number | undefined {
    this.dropCleared();
    return this.heap[0]?.at;
  }

  /**
   * Moves time forward by `ms`, running every timer that falls due on the way (including ones
   * those timers set), each at its own due time. Synchronous: promises are not awaited.
   */
  advance(ms: number): void {
    const target = this.time + ms;
    for (let timer = this.takeDue(target); timer; timer = this.takeDue(target)) this.run(timer);
    this.time = target;
  }

  /**
   * Like `advance`, but lets pending promise callbacks run before and after each timer, so a
   * fake request resolved by one timer is fully handled before the next timer runs.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.time + ms;
    await this.settle();
    for (let timer = this.takeDue(target); timer; timer = this.takeDue(target)) {
      this.run(timer);
      await this.settle();
    }
    this.time = target;
    await this.settle();
  }

  /** Simulates `ms` of wall time (reads well in benchmarks: `await clock.runFor(HOUR)`). */
  runFor(ms: number): Promise<void> {
    return this.advanceAsync(ms);
  }

  /**
   * Lets every queued promise callback run: Node empties the whole microtask queue (including
   * callbacks queued meanwhile) before it runs an immediate. No time passes on the fake clock.
   */
  settle(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  private takeDue(target: number): FakeTimer | undefined {
    this.dropCleared();
    const first = this.heap[0];
    if (!first || first.at > target) return undefined;
    this.pop();
    this.timers.delete(first.id);
    return first;
  }

  private dropCleared(): void {
    while (this.heap.length > 0 && !this.timers.has(this.heap[0].id)) this.pop();
  }

  private push(timer: FakeTimer): void {
    const heap = this.heap;
    heap.push(timer);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < heap.length && earlier(heap[left], heap[first])) first = left;
      if (right < heap.length && earlier(heap[right], heap[first])) first = right;
      if (first === i) return;
      [heap[i], heap[first]] = [heap[first], heap[i]];
      i = first;
    }
  }

  private run(timer: FakeTimer): void {
    this.time = timer.at;
    this.fired++;
    timer.callback();
  }
}

function earlier(a: FakeTimer, b: FakeTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}
