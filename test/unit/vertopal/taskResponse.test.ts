import * as assert from 'node:assert/strict';
import { CREDS, startHarness, type Harness } from './harness';

describe('VertopalClient.taskResponse against the simulator', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('follows a task from running to completed, then to a written result', async () => {
    const task = h.sim.createTask({ durationMs: 5000, resultDelayMs: 1000 });

    const running = (await h.client.taskResponse(CREDS, task.id)).value;
    assert.equal(running.connector, task.id);
    assert.equal(running.status, 'running');
    assert.equal(running.resultReady, false);
    assert.equal(running.outcome, undefined);
    assert.equal(running.error, undefined);

    h.sim.advance(5000);
    const completedEarly = (await h.client.taskResponse(CREDS, task.id)).value;
    assert.equal(completedEarly.status, 'completed');
    assert.equal(completedEarly.resultReady, false, 'the result is not written yet');
    assert.equal(completedEarly.outcome, undefined);

    h.sim.advance(1000);
    const done = (await h.client.taskResponse(CREDS, task.id)).value;
    assert.equal(done.status, 'completed');
    assert.equal(done.resultReady, true);
    assert.equal(done.outcome, 'successful');
    assert.equal(done.vcredits, 1);
    assert.equal(done.error, undefined);
  });

  it('reports a failed conversion (FAILED_CONVERT) as a snapshot, not a thrown error', async () => {
    const task = h.sim.createTask({ durationMs: 0, outcome: 'failed' });
    const snap = (await h.client.taskResponse(CREDS, task.id)).value;
    assert.equal(snap.status, 'completed');
    assert.equal(snap.outcome, 'failed');
    assert.equal(snap.resultReady, true);
    assert.equal(snap.error?.code, 'FAILED_CONVERT');
    assert.ok(snap.error.message.length > 0);
  });

  it('asks for the monitored entity through parameters.include', async () => {
    const task = h.sim.createTask();
    await h.client.taskResponse(CREDS, task.id);
    const data = h.sim.requests[0].data as Record<string, unknown>;
    assert.equal(data.connector, task.id);
    const params = data.parameters as { include: string[] };
    assert.ok(params.include.includes('entity'));
    assert.ok(params.include.includes('result'));
  });

  it('tolerates extra fields everywhere', async () => {
    const task = h.sim.createTask({ durationMs: 0 });
    h.sim.faults.add({ fault: 'extraFields' });
    const snap = (await h.client.taskResponse(CREDS, task.id)).value;
    assert.equal(snap.outcome, 'successful');
    assert.equal((snap.raw as Record<string, unknown>).x_sim_extra !== undefined, true);
  });

  it('tolerates missing optional fields', async () => {
    const task = h.sim.createTask({ durationMs: 0 });
    h.sim.faults.add({ fault: 'missingFields' });
    const snap = (await h.client.taskResponse(CREDS, task.id)).value;
    assert.equal(snap.status, 'completed');
    assert.equal(snap.outcome, 'successful');
    assert.equal(snap.vcredits, undefined);
  });

  it('tolerates a null result while running when fields are missing', async () => {
    const task = h.sim.createTask({ durationMs: 60_000 });
    h.sim.faults.add({ fault: 'missingFields' });
    const snap = (await h.client.taskResponse(CREDS, task.id)).value;
    assert.equal(snap.status, 'running');
    assert.equal(snap.resultReady, false);
  });

  it('copes with the entity being absent', async () => {
    const task = h.sim.createTask({ durationMs: 0 });
    h.sim.faults.add({ fault: 'entityAbsent' });
    const snap = (await h.client.taskResponse(CREDS, task.id)).value;
    assert.equal(snap.connector, task.id, 'falls back to the asked connector');
    assert.equal(snap.status, undefined);
    assert.equal(snap.outcome, 'successful');
  });

  it('reports what the server says even when it goes from completed back to running', async () => {
    const task = h.sim.createTask({ durationMs: 60_000 });
    h.sim.faults.add({ fault: 'completedThenRunning', connector: task.id });
    const first = (await h.client.taskResponse(CREDS, task.id)).value;
    const second = (await h.client.taskResponse(CREDS, task.id)).value;
    assert.equal(first.status, 'completed');
    assert.equal(first.outcome, 'successful');
    assert.equal(second.status, 'running');
    assert.equal(second.resultReady, false);
  });

  for (const placement of ['warning', 'result', 'output', 'monitored'] as const) {
    it(`picks up a warning placed at "${placement}"`, async () => {
      const task = h.sim.createTask({ durationMs: 0 });
      h.sim.faults.add({ fault: 'warningBody', code: 'SOME_WARNING', placement });
      const snap = (await h.client.taskResponse(CREDS, task.id)).value;
      assert.equal(snap.warning?.code, 'SOME_WARNING');
      assert.equal(snap.outcome, 'successful');
    });
  }

  it('exposes the rate-limit headers of a successful reply', async () => {
    const task = h.sim.createTask();
    const first = await h.client.taskResponse(CREDS, task.id);
    const second = await h.client.taskResponse(CREDS, task.id);
    assert.equal(first.rateLimit.remaining, 999);
    assert.equal(second.rateLimit.remaining, 998);
    assert.equal(first.rateLimit.resetMs, 60_000);
  });
});
