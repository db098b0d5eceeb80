import assert from 'node:assert/strict';
import type { PollPolicyOptions } from '../../../src/monitor/pollPolicy';
import {
  FAILURE_CAP_MS,
  nextCheckDelay,
  RESULT_RECHECK_MS,
  resultRecheckDelay,
} from '../../../src/monitor/pollPolicy';

const options = (extra: Partial<PollPolicyOptions> = {}): PollPolicyOptions => ({
  minIntervalMs: 3_000,
  maxIntervalMs: 30_000,
  jitter: 0,
  random: () => 0.5,
  ...extra,
});

describe('pollPolicy', () => {
  it('follows the documented table for a healthy task (min 3 s, max 30 s)', () => {
    const delays: number[] = [];
    let age = 0;
    for (let i = 0; i < 20; i++) {
      const delay = nextCheckDelay(age, 0, options());
      delays.push(delay);
      age += delay;
    }
    assert.deepEqual(
      delays,
      [
        3000, 3000, 3000, 3000, 3000, 3000, 3600, 4320, 5184, 6221, 7465, 8958, 10750, 12900, 15480,
        18576, 22291, 26749, 30000, 30000,
      ],
    );
  });

  it('keeps healthy delays within min and max and never shrinking with age', () => {
    let previous = 0;
    for (let age = 0; age <= 3_600_000; age += 7_000) {
      const delay = nextCheckDelay(
        age,
        0,
        options({ minIntervalMs: 5_000, maxIntervalMs: 30_000 }),
      );
      assert.ok(delay >= 5_000 && delay <= 30_000, `${delay} at age ${age}`);
      assert.ok(delay >= previous);
      previous = delay;
    }
    assert.equal(previous, 30_000);
  });

  it('bounds the jitter and stays within min and max', () => {
    for (const draw of [0, 0.1, 0.5, 0.9, 0.9999]) {
      const jittered = options({ jitter: 0.2, random: () => draw });
      const young = nextCheckDelay(25_000, 0, jittered); // 5 s before jitter
      assert.ok(young >= 4_000 && young <= 6_000, `young ${young}`);
      const old = nextCheckDelay(3_600_000, 0, jittered); // at the cap
      assert.ok(old >= 24_000 && old <= 30_000, `old ${old}`);
    }
    const low = nextCheckDelay(25_000, 0, options({ jitter: 0.2, random: () => 0 }));
    const high = nextCheckDelay(25_000, 0, options({ jitter: 0.2, random: () => 0.9999 }));
    assert.equal(low, 4_000);
    assert.ok(high > 5_990, 'the draw moves the delay both ways');
  });

  it('backs off exponentially on failures, capped at five minutes', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => nextCheckDelay(0, n, options()));
    assert.deepEqual(delays, [5e3, 10e3, 20e3, 40e3, 80e3, 160e3, FAILURE_CAP_MS, FAILURE_CAP_MS]);
  });

  it('never retries a failing task sooner than a healthy one of its age', () => {
    assert.equal(nextCheckDelay(3_600_000, 1, options()), 30_000);
  });

  it('keeps jittered backoff under the cap', () => {
    const high = options({ jitter: 0.2, random: () => 0.9999 });
    assert.equal(nextCheckDelay(0, 20, high), FAILURE_CAP_MS);
  });

  it('lets a maximum above the failure cap stand', () => {
    const slow = options({ maxIntervalMs: 10 * 60_000 });
    assert.equal(nextCheckDelay(3_600_000, 1, slow), 10 * 60_000);
  });

  it('treats a maximum below the minimum as the minimum', () => {
    assert.equal(nextCheckDelay(3_600_000, 0, options({ maxIntervalMs: 1_000 })), 3_000);
  });

  it('re-checks a missing result quickly, but not below the minimum interval', () => {
    assert.equal(resultRecheckDelay({ minIntervalMs: 500 }), RESULT_RECHECK_MS);
    assert.equal(resultRecheckDelay({ minIntervalMs: 5_000 }), 5_000);
  });
});
