import assert from 'node:assert/strict';
import { RateGate } from '../../../src/monitor/rateGate';

describe('RateGate', () => {
  let gate: RateGate;
  let changes: number;
  beforeEach(() => {
    gate = new RateGate();
    changes = 0;
    gate.onDidChange(() => changes++);
  });
  afterEach(() => gate.dispose());

  it('is open until blocked, and closed until the given time', () => {
    assert.equal(gate.isOpen(0), true);
    gate.block(1_000);
    assert.equal(gate.isOpen(999), false);
    assert.equal(gate.isOpen(1_000), true);
    assert.equal(gate.openAt, 1_000);
    assert.equal(gate.reason, 'rateLimited');
    assert.equal(changes, 1);
  });

  it('extends a block but never shortens it', () => {
    gate.block(5_000);
    gate.block(3_000);
    assert.equal(gate.openAt, 5_000);
    gate.block(8_000);
    assert.equal(gate.openAt, 8_000);
    assert.equal(changes, 2, 'no event for the block that changed nothing');
  });

  it('slows down when few requests remain and the reset time is known', () => {
    gate.observe({ remaining: 3, resetMs: 10_000 }, 100);
    gate.observe({ remaining: 0 }, 100);
    assert.equal(gate.openAt, undefined);
    gate.observe({ remaining: 2, resetMs: 10_000 }, 100);
    assert.equal(gate.openAt, 10_100);
    assert.equal(gate.reason, 'slowDown');
  });

  it('names a refusal as the reason over its own slow-down', () => {
    gate.block(10_000, 'slowDown');
    gate.block(9_000, 'rateLimited');
    assert.equal(gate.reason, 'rateLimited');
    assert.equal(gate.openAt, 10_000);
  });

  it('opens on expire only once due, and at once on reset', () => {
    gate.block(1_000);
    gate.expire(999);
    assert.equal(gate.openAt, 1_000);
    gate.expire(1_000);
    assert.equal(gate.openAt, undefined);
    assert.equal(gate.reason, undefined);
    gate.block(5_000);
    gate.reset();
    assert.equal(gate.isOpen(0), true);
    assert.equal(changes, 4);
  });
});
