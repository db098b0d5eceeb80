import assert from 'node:assert/strict';
import { drawTaskMix, TASK_MIX } from '../../../bench/taskMix';
import { RateWindow } from '../../../bench/rateWindow';

describe('bench: the task mix', () => {
  it('is the same for the same seed and different for another', () => {
    assert.deepEqual(drawTaskMix(50, 7, 60_000), drawTaskMix(50, 7, 60_000));
    assert.notDeepEqual(drawTaskMix(50, 7, 60_000), drawTaskMix(50, 8, 60_000));
  });

  it('stays within its bands, weighted toward short tasks', () => {
    const tasks = drawTaskMix(2000, 7, 0);
    const shortest = TASK_MIX[0].fromMs;
    const longest = TASK_MIX[TASK_MIX.length - 1].toMs;
    assert.ok(tasks.every((t) => t.durationMs >= shortest && t.durationMs <= longest));
    const short = tasks.filter((t) => t.durationMs <= TASK_MIX[0].toMs).length / tasks.length;
    assert.ok(short > 0.55 && short < 0.65, `share of short tasks ${short}`);
  });
});

describe('bench: the rate window', () => {
  it('allows `limit` requests per window, then refuses until it resets', () => {
    const window = new RateWindow({ windowMs: 60_000, limit: 2 });
    assert.deepEqual(window.hit(0), { allowed: true, remaining: 1, resetMs: 60_000 });
    assert.deepEqual(window.hit(500), { allowed: true, remaining: 0, resetMs: 60_000 });
    assert.deepEqual(window.hit(30_000), { allowed: false, retryAfterMs: 30_000 });
    assert.equal(window.hit(60_000).allowed, true);
  });
});
