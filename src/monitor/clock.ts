// Time, injected: the scheduler asks this for the time and its timers, so tests and the benchmark
// can replace it with a fake one and run hours of polling in milliseconds.

export type TimerHandle = ReturnType<typeof setTimeout> | number;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};
