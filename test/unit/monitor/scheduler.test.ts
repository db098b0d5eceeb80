import assert from 'node:assert/strict';
import { RESULT_RECHECK_LIMIT } from '../../../src/monitor/pollPolicy';
import { NO_OUTCOME_CODE } from '../../../src/tasks/task';
import { Harness, HOUR, MINUTE, SECOND } from './harness';
import { failedConversion, noResult, running, succeeded } from './scriptedApi';

describe('PollScheduler: cadence and lifecycle', () => {
  let h: Harness;
  afterEach(() => {
    h.dispose();
    assert.equal(h.clock.pendingCount, 0, 'no timer outlives dispose');
  });

  it('checks a task at once, then densely while young, growing to the maximum', async () => {
    h = new Harness();
    h.api.script('a', running());
    await h.start('a');
    assert.deepEqual(h.api.times('a'), [h.t0]);

    await h.clock.advanceAsync(20 * MINUTE);
    const intervals = h.api.intervals('a');
    assert.deepEqual(
      intervals.slice(0, 10),
      [3000, 3000, 3000, 3000, 3000, 3000, 3600, 4320, 5184, 6221],
    );
    intervals.forEach((gap, i) => {
      assert.ok(gap >= 3 * SECOND && gap <= 30 * SECOND, `gap ${gap} within min/max`);
      if (i > 0) assert.ok(gap >= intervals[i - 1], 'gaps never shrink for a healthy task');
    });
    assert.equal(intervals.at(-1), 30 * SECOND);
  });

  it('respects other min/max settings', async () => {
    h = new Harness({ minIntervalMs: 5 * SECOND, maxIntervalMs: 20 * SECOND });
    await h.start('a');
    await h.clock.advanceAsync(10 * MINUTE);
    const intervals = h.api.intervals('a');
    assert.equal(intervals[0], 5 * SECOND);
    assert.ok(intervals.every((gap) => gap >= 5 * SECOND && gap <= 20 * SECOND));
    assert.equal(intervals.at(-1), 20 * SECOND);
  });

  it('applies jitter with the injected random source', async () => {
    h = new Harness({ jitter: 0.2 }, () => 0);
    await h.start('a');
    await h.clock.advanceAsync(30 * MINUTE);
    // The lowest draw scales every wait by 0.8; at the cap that is 80 % of the maximum.
    assert.equal(h.api.intervals('a').at(-1), 0.8 * 30 * SECOND);
    assert.ok(h.api.intervals('a').every((gap) => gap >= 3 * SECOND));
  });

  it('stops polling once the task succeeded', async () => {
    h = new Harness();
    h.api.script('a', running(), running(), succeeded());
    await h.start('a');
    await h.clock.advanceAsync(HOUR);
    assert.equal(h.api.times('a').length, 3);
    assert.equal(h.state('a'), 'succeeded');
    assert.equal(h.store.get('a')?.outcome, 'successful');
    assert.equal(h.clock.pendingCount, 0);
  });

  it('stops polling once the conversion failed', async () => {
    h = new Harness();
    h.api.script('a', running(), failedConversion());
    await h.start('a');
    await h.clock.advanceAsync(HOUR);
    assert.equal(h.api.times('a').length, 2);
    assert.equal(h.state('a'), 'failed');
  });

  it('re-checks briefly when completed arrives before the result', async () => {
    h = new Harness({ minIntervalMs: SECOND });
    h.api.script('a', running(), noResult(), noResult(), succeeded());
    await h.start('a');
    await h.clock.advanceAsync(HOUR);
    assert.deepEqual(h.api.intervals('a'), [1000, 1500, 1500]);
    assert.equal(h.state('a'), 'succeeded');
  });

  it('settles a completed task whose outcome never comes, then stops', async () => {
    h = new Harness();
    h.api.script('a', noResult());
    await h.start('a');
    await h.clock.advanceAsync(HOUR);
    assert.equal(h.api.times('a').length, 1 + RESULT_RECHECK_LIMIT);
    const task = h.store.get('a');
    assert.equal(task?.state, 'failed');
    assert.equal(task?.error?.code, NO_OUTCOME_CODE);
  });

  it('does not poll finished tasks, and picks up tasks added later at once', async () => {
    h = new Harness();
    h.store.add('done');
    h.store.update('done', (task) => ({ ...task, state: 'succeeded' }));
    await h.start();
    await h.clock.advanceAsync(5 * SECOND);
    assert.equal(h.api.calls.length, 0);

    h.store.add('later');
    assert.deepEqual(h.api.times('later'), [h.t0 + 5 * SECOND]);
  });

  it('keeps one request per task and at most maxConcurrent overall', async () => {
    h = new Harness({ maxConcurrent: 3 });
    const connectors = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'];
    for (const c of connectors) h.api.script(c, running({ latencyMs: 5 * SECOND }));
    await h.start(...connectors);
    assert.equal(h.api.calls.length, 3, 'only three start at once');

    for (let i = 0; i < 20; i++) {
      h.scheduler.refresh(); // pressing refresh while requests are out must not double them
      await h.clock.advanceAsync(3 * SECOND);
    }
    await h.clock.advanceAsync(10 * MINUTE);
    assert.equal(h.api.maxInFlight, 3);
    assert.equal(h.api.maxInFlightPerTask, 1);
    for (const c of connectors) assert.ok(h.api.times(c).length > 3, `${c} was polled`);
  });

  it('does not send a second request for a task whose answer is pending', async () => {
    h = new Harness();
    h.api.script('a', running({ latencyMs: 5 * SECOND }));
    await h.start('a');
    h.scheduler.refresh('a');
    h.scheduler.refresh();
    assert.equal(h.api.calls.length, 1);
    await h.clock.advanceAsync(MINUTE);
    assert.equal(h.api.maxInFlightPerTask, 1);
  });

  it('stretches waits while unfocused and catches up on focus', async () => {
    h = new Harness();
    h.scheduler.setFocused(false);
    await h.start('a');
    await h.clock.advanceAsync(25 * SECOND);
    // Focused, the waits after the checks at 0 s and 9 s would be 3 s and 3 s: here three times.
    assert.deepEqual(h.api.intervals('a'), [9000, 9000]);
    // The check at 18 s planned 3.6 s (focused), so at 25 s it is overdue: focus checks at once.
    h.scheduler.setFocused(true);
    assert.equal(h.api.times('a').at(-1), h.t0 + 25 * SECOND);
    // Focused, the next wait is 5 s (unfocused it would be 15 s).
    await h.clock.advanceAsync(5 * SECOND);
    assert.equal(h.api.times('a').at(-1), h.t0 + 30 * SECOND, 'back to the focused pace');
  });

  it('on focus, a wait not yet overdue shrinks to the focused schedule', async () => {
    h = new Harness();
    h.scheduler.setFocused(false);
    await h.start('a');
    await h.clock.advanceAsync(SECOND);
    h.scheduler.setFocused(true);
    await h.clock.advanceAsync(2 * SECOND);
    assert.deepEqual(h.api.times('a'), [h.t0, h.t0 + 3 * SECOND]);
  });

  it('removing a task aborts its request and cancels its timer', async () => {
    h = new Harness();
    h.api.script('slow', running({ latencyMs: 10 * SECOND }));
    await h.start('slow', 'idle');
    const request = h.api.calls[0].signal;
    const timersBefore = h.clock.pendingCount; // the slow reply, and idle's next check
    assert.equal(timersBefore, 2);

    h.store.remove(['slow', 'idle']);
    assert.equal(request.aborted, true);
    assert.equal(h.clock.pendingCount, 0);
    await h.clock.advanceAsync(HOUR);
    assert.equal(h.api.calls.length, 2);
  });

  it('frees the request slot of a removed task at once', async () => {
    h = new Harness({ maxConcurrent: 1 });
    h.api.script('hang', running({ latencyMs: HOUR, ignoresAbort: true }));
    await h.start('hang', 'b');
    assert.deepEqual(h.api.times('b'), []);
    h.store.remove(['hang']);
    assert.deepEqual(h.api.times('b'), [h.t0]);
    h.clock.advance(HOUR); // let the ignored reply land, so no timer is left behind
  });

  it('dispose aborts requests and clears every timer', async () => {
    h = new Harness();
    h.api.script('slow', running({ latencyMs: 10 * SECOND }));
    await h.start('slow', 'idle', 'other');
    h.scheduler.dispose();
    assert.equal(h.api.calls[0].signal.aborted, true);
    assert.equal(h.clock.pendingCount, 0);
    await h.clock.advanceAsync(HOUR);
    assert.equal(h.api.calls.length, 3);
  });

  it('reads its settings afresh', async () => {
    h = new Harness();
    await h.start('a');
    await h.clock.advanceAsync(10 * MINUTE);
    assert.equal(h.api.intervals('a').at(-1), 30 * SECOND);

    h.options = { ...h.options, maxIntervalMs: 20 * SECOND };
    const before = h.api.times('a').length;
    await h.clock.advanceAsync(5 * MINUTE);
    const later = h.api.intervals('a').slice(before); // skip the wait planned before the change
    assert.ok(later.length > 5);
    assert.ok(later.every((gap) => gap === 20 * SECOND));
  });
});
