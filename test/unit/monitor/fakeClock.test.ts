import assert from 'node:assert/strict';
import { FakeClock } from '../../support/fakeClock';

describe('FakeClock', () => {
  it('runs due timers in time order, ties in the order they were set', () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => seen.push(`c@${clock.now()}`), 20);
    clock.setTimeout(() => seen.push('late'), 31);
    clock.advance(30);
    assert.deepEqual(seen, ['a@10', 'b@20', 'c@20']);
    assert.equal(clock.now(), 30);
    assert.equal(clock.pendingCount, 1);
  });

  it('runs timers set by timers when they fall due within the advance', () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    const tick = () => {
      seen.push(clock.now());
      clock.setTimeout(tick, 10);
    };
    clock.setTimeout(tick, 10);
    clock.advance(35);
    assert.deepEqual(seen, [10, 20, 30]);
  });

  it('does not run cleared timers', () => {
    const clock = new FakeClock(0);
    let ran = false;
    const handle = clock.setTimeout(() => (ran = true), 5);
    clock.clearTimeout(handle);
    clock.advance(10);
    assert.equal(ran, false);
    assert.equal(clock.pendingCount, 0);
  });

  it('advanceAsync lets awaited work finish between timers', async () => {
    const clock = new FakeClock(0);
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const seen: number[] = [];
    const worker = async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(100);
        seen.push(clock.now());
      }
    };
    void worker();
    await clock.advanceAsync(1_000);
    assert.deepEqual(seen, [100, 200, 300]);
  });
});
