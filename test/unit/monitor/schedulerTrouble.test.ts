import assert from 'node:assert/strict';
import { Harness, HOUR, MINUTE, SECOND } from './harness';
import { failure, running } from './scriptedApi';

describe('PollScheduler: trouble', () => {
  let h: Harness;
  afterEach(() => {
    h.dispose();
    assert.equal(h.clock.pendingCount, 0, 'no timer outlives dispose');
  });

  /** Calls made strictly between two times. */
  const callsBetween = (from: number, to: number) =>
    h.api.calls.filter((call) => call.at > from && call.at < to);

  it('a 429 pauses every task until the server allows, then resumes', async () => {
    h = new Harness();
    h.api.script('a', running(), failure('rateLimited', { retryAfterMs: 30 * SECOND }), running());
    h.api.script('b', running());
    let pauseEvents = 0;
    h.scheduler.onDidChangePause(() => pauseEvents++);
    await h.start('a', 'b');

    await h.clock.advanceAsync(3 * SECOND); // a is refused; b, due at the same time, must wait
    const until = h.t0 + 33 * SECOND;
    assert.deepEqual(h.api.times('b'), [h.t0]);
    for (const c of ['a', 'b']) {
      assert.equal(h.state(c), 'rateLimited');
      assert.equal(h.store.get(c)?.trouble?.until, until);
    }
    assert.equal(h.scheduler.pausedUntil(), until);
    assert.equal(h.scheduler.pauseReason, 'rateLimited');

    await h.clock.advanceAsync(40 * SECOND);
    assert.deepEqual(callsBetween(h.t0 + 3 * SECOND, until), []);
    assert.ok(h.api.times('a').includes(until) && h.api.times('b').includes(until));
    assert.equal(h.state('a'), 'running');
    assert.equal(h.state('b'), 'running');
    assert.equal(h.store.get('b')?.trouble, undefined);
    assert.equal(h.scheduler.pausedUntil(), undefined);
    assert.equal(pauseEvents, 2, 'paused, then resumed');
  });

  it('shows paused tasks as running once the pause ends, before their next check', async () => {
    h = new Harness();
    await h.start('a');
    await h.clock.advanceAsync(10 * MINUTE); // old enough to wait the 30 s maximum between checks
    h.api.script('a', failure('rateLimited', { retryAfterMs: 5 * SECOND }), running());
    const before = h.api.calls.length;
    while (h.api.calls.length === before) await h.clock.advanceAsync(SECOND);
    assert.equal(h.state('a'), 'rateLimited');

    await h.clock.advanceAsync(6 * SECOND);
    assert.equal(h.api.calls.length, before + 1, 'not checked again yet');
    assert.equal(h.state('a'), 'running');
    assert.equal(h.store.get('a')?.trouble, undefined);
  });

  it('shows a task added during a pause as paused, and does not ask for it early', async () => {
    h = new Harness();
    h.api.script('a', running(), failure('rateLimited', { retryAfterMs: 30 * SECOND }), running());
    await h.start('a');
    await h.clock.advanceAsync(3 * SECOND);
    assert.equal(h.state('a'), 'rateLimited');

    h.store.add('late');
    assert.equal(h.state('late'), 'rateLimited');
    assert.equal(h.store.get('late')?.trouble?.until, h.t0 + 33 * SECOND);
    await h.clock.advanceAsync(20 * SECOND);
    assert.deepEqual(h.api.times('late'), [], 'asked before the pause ended');
    await h.clock.advanceAsync(15 * SECOND);
    assert.deepEqual(h.api.times('late'), [h.t0 + 33 * SECOND]);
  });

  it('shows a task added while the credentials are refused as refused too', async () => {
    h = new Harness();
    h.api.script('a', running(), failure('credential', { code: 'INVALID_CREDENTIAL' }));
    await h.start('a');
    await h.clock.advanceAsync(3 * SECOND);
    h.store.add('late');
    assert.equal(h.state('late'), 'unauthorized');
    await h.clock.advanceAsync(MINUTE);
    assert.deepEqual(h.api.times('late'), []);
  });

  it('keeps a saved rate-limit pause across a restart', async () => {
    h = new Harness();
    h.store.add('a');
    const until = h.t0 + 20 * SECOND;
    h.store.update('a', (task) => ({
      ...task,
      state: 'rateLimited',
      trouble: { message: 'wait', until },
    }));
    await h.start();
    assert.equal(h.api.calls.length, 0);
    assert.equal(h.scheduler.pausedUntil(), until);
    await h.clock.advanceAsync(20 * SECOND);
    assert.deepEqual(h.api.times('a'), [until]);
  });

  it('a 429 without Retry-After falls back to the reset time', async () => {
    h = new Harness();
    h.api.script('a', failure('rateLimited', { rateLimit: { resetMs: 45 * SECOND } }), running());
    await h.start('a');
    assert.equal(h.scheduler.pausedUntil(), h.t0 + 45 * SECOND);
  });

  it('slows down before the quota runs out, without calling it trouble', async () => {
    h = new Harness();
    h.api.script('a', running({ rateLimit: { remaining: 1, resetMs: 20 * SECOND } }), running());
    h.api.script('b', running());
    await h.start('a', 'b');
    assert.equal(h.scheduler.pauseReason, 'slowDown');
    assert.equal(h.scheduler.pausedUntil(), h.t0 + 20 * SECOND);

    await h.clock.advanceAsync(30 * SECOND);
    assert.deepEqual(callsBetween(h.t0, h.t0 + 20 * SECOND), []);
    assert.equal(h.api.times('b')[1], h.t0 + 20 * SECOND);
    assert.equal(h.state('a'), 'running');
    assert.equal(h.scheduler.pauseReason, undefined);
  });

  it('spreads the requests left over the window instead of pausing', async () => {
    h = new Harness();
    const quota = { remaining: 4, resetMs: 20 * SECOND };
    h.api.script('a', running({ rateLimit: quota }), running(), running());
    h.api.script('b', running(), running(), running());
    await h.start('a', 'b');
    assert.equal(h.scheduler.pauseReason, undefined, 'enough left: no pause');
    await h.clock.advanceAsync(19 * SECOND);
    // Four requests left for 20 s: one every 5 s, whoever is due.
    const starts = h.api.calls.map((call) => call.at - h.t0).sort((x, y) => x - y);
    assert.deepEqual(starts, [0, 0, 5_000, 10_000, 15_000]);
  });

  it('forgets the spacing once the window it was measured in is over', async () => {
    h = new Harness();
    h.api.script('a', running({ rateLimit: { remaining: 4, resetMs: 8 * SECOND } }), running());
    h.api.script('b', running(), running());
    await h.start('a', 'b');
    await h.clock.advanceAsync(20 * SECOND);
    // After t0 + 8 s the quota is fresh: both tasks go back to their own pace (3 s, 3 s, …).
    const late = h.api.calls.filter((call) => call.at >= h.t0 + 9 * SECOND);
    assert.ok(late.some((c) => c.connector === 'a') && late.some((c) => c.connector === 'b'));
    const after = h.api.times('b').filter((t) => t >= h.t0 + 8 * SECOND);
    const gaps = after.slice(1).map((t, i) => t - after[i]);
    assert.ok(gaps.length >= 2, 'b was hardly asked after the window');
    assert.ok(
      gaps.every((gap) => gap <= 4 * SECOND),
      `b waited too long: ${gaps}`,
    );
  });

  it('refused credentials stop all polling until they change', async () => {
    h = new Harness();
    h.api.script('a', running(), failure('credential', { code: 'INVALID_CREDENTIAL' }));
    h.api.script('b', running({ latencyMs: 5 * SECOND })); // answers while polling is halted
    await h.start('a', 'b');
    await h.clock.advanceAsync(3 * SECOND);
    assert.equal(h.state('a'), 'unauthorized');
    assert.equal(h.state('b'), 'unauthorized');
    assert.equal(h.scheduler.pauseReason, 'credential');

    const calls = h.api.calls.length;
    await h.clock.advanceAsync(4 * SECOND); // b's answer has landed
    assert.equal(h.clock.pendingCount, 0, 'nothing waits on a timer while halted');
    await h.clock.advanceAsync(30 * MINUTE);
    h.scheduler.refresh(); // not even when asked: the same credentials would be refused again
    await h.clock.settle();
    assert.equal(h.api.calls.length, calls, 'nothing asked while the credentials are bad');

    h.api.script('a', running());
    h.scheduler.resumeAfterCredentialChange();
    await h.clock.settle();
    assert.equal(h.api.times('a').at(-1), h.clock.now());
    assert.equal(h.api.times('b').at(-1), h.clock.now());
    assert.equal(h.state('a'), 'running');
    assert.equal(h.scheduler.pauseReason, undefined);
  });

  it('backs off on transient failures, turns unreachable, and recovers', async () => {
    h = new Harness();
    const outage = Array.from({ length: 6 }, () => failure('network'));
    h.api.script('a', running(), ...outage, running());
    await h.start('a');

    await h.clock.advanceAsync(80 * SECOND); // five failures so far, 75 s of failing
    assert.equal(h.state('a'), 'running');
    assert.match(h.store.get('a')?.trouble?.message ?? '', /simulated network/);

    await h.clock.advanceAsync(80 * SECOND); // the sixth, 155 s after the first
    assert.equal(h.state('a'), 'unreachable');

    await h.clock.advanceAsync(3 * MINUTE); // the fault is over
    assert.equal(h.state('a'), 'running');
    assert.equal(h.store.get('a')?.trouble, undefined);
    const gaps = h.api.intervals('a');
    assert.deepEqual(gaps.slice(0, 7), [3000, 5000, 10000, 20000, 40000, 80000, 160000]);

    await h.clock.advanceAsync(10 * MINUTE);
    assert.ok(
      h.api
        .intervals('a')
        .slice(7)
        .every((gap) => gap <= 30 * SECOND),
      'healthy pace again',
    );
  });

  it('caps the backoff and keeps retrying an unreachable task', async () => {
    h = new Harness({ timeoutMinutes: 0 }); // 0: never stale, so only the backoff is seen
    h.api.script('a', failure('server', { httpStatus: 503 }));
    await h.start('a');
    await h.clock.advanceAsync(HOUR);
    const gaps = h.api.intervals('a');
    assert.equal(h.state('a'), 'unreachable');
    assert.ok(gaps.every((gap) => gap <= 5 * MINUTE));
    assert.equal(gaps.at(-1), 5 * MINUTE);
  });

  it('stops polling a task the server does not know', async () => {
    h = new Harness();
    h.api.script('a', running(), failure('notFound'));
    await h.start('a');
    await h.clock.advanceAsync(HOUR);
    assert.equal(h.api.times('a').length, 2);
    assert.equal(h.state('a'), 'notFound');
  });

  it('marks a task stale after the time limit, and refresh revives it', async () => {
    h = new Harness({ timeoutMinutes: 10 });
    await h.start('a');
    await h.clock.advanceAsync(HOUR);
    const times = h.api.times('a');
    const last = times[times.length - 1];
    assert.equal(h.state('a'), 'stale');
    assert.ok(last >= h.t0 + 10 * MINUTE && last < h.t0 + 11 * MINUTE, 'noticed within a wait');

    h.scheduler.refresh('a');
    await h.clock.settle();
    assert.equal(h.api.times('a').at(-1), h.clock.now());
    assert.equal(h.state('a'), 'running');
    await h.clock.advanceAsync(5 * MINUTE);
    assert.ok(h.api.times('a').length > times.length + 3, 'polled again');
    await h.clock.advanceAsync(HOUR);
    assert.equal(h.state('a'), 'stale', 'a revived task gets a fresh window, not forever');
  });

  it('refresh revives a task the server did not know', async () => {
    h = new Harness();
    h.api.script('a', failure('notFound'), running());
    await h.start('a');
    assert.equal(h.state('a'), 'notFound');
    h.scheduler.refresh('a');
    await h.clock.settle();
    assert.equal(h.state('a'), 'running');
  });

  it('refresh without a connector checks every unfinished task now', async () => {
    h = new Harness();
    h.store.add('done');
    h.store.update('done', (task) => ({ ...task, state: 'succeeded' }));
    await h.start('a', 'b');
    await h.clock.advanceAsync(SECOND);

    h.scheduler.refresh();
    const now = h.clock.now();
    assert.equal(h.api.times('a').at(-1), now);
    assert.equal(h.api.times('b').at(-1), now);
    assert.equal(h.api.times('done').length, 0);
  });
});
