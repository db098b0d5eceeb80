import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startSimulator, type Simulator } from '../../simulator/simulator';
import { APP, call, control, errorCode, TOKEN } from './rawClient';

describe('simulator: control API', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator({ credentials: [{ app: APP, token: TOKEN }] });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('creates tasks, moves the clock and reports them through task/response', async () => {
    await control(sim, 'POST', '/__sim/clock', { now: 1_000 });
    const created = await control(sim, 'POST', '/__sim/tasks', {
      durationMs: 2000,
      outcome: 'failed',
    });
    const connector = created.json.connector as string;
    const state = async () =>
      (await call(sim, 'task/response', { data: { app: APP, connector } })).json;
    assert.equal(JSON.stringify(await state()).includes('"status":"running"'), true);
    const clock = await control(sim, 'POST', '/__sim/clock', { advanceMs: 2000 });
    assert.equal(clock.json.now, 3000);
    assert.match(JSON.stringify(await state()), /FAILED_CONVERT/);
  });

  it('adds, lists and clears faults; control calls are never faulted or recorded', async () => {
    const added = await control(sim, 'POST', '/__sim/faults', { fault: 'status', httpStatus: 503 });
    assert.equal(added.status, 200);
    const listed = await control(sim, 'GET', '/__sim/faults');
    assert.equal((listed.json.faults as unknown[]).length, 1);
    assert.equal((await call(sim, 'convert/formats', { data: { app: APP } })).status, 503);
    await control(sim, 'DELETE', '/__sim/faults');
    const reply = await call(sim, 'convert/formats', {
      data: { app: APP, parameters: { sublist: 'inputs' } },
    });
    assert.equal(reply.status, 200);
    const requests = await control(sim, 'GET', '/__sim/requests');
    assert.deepEqual(
      (requests.json.requests as Array<{ path: string }>).map((r) => r.path),
      ['convert/formats', 'convert/formats'],
    );
  });

  it('rejects unknown faults and endpoints with a clear error', async () => {
    const bad = await control(sim, 'POST', '/__sim/faults', { fault: 'explode' });
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.error), /unknown fault/);
    assert.equal((await control(sim, 'GET', '/__sim/nothing')).status, 404);
  });

  it('reports stats and resets tasks, requests and faults', async () => {
    const task = sim.createTask();
    await call(sim, 'task/response', { data: { app: APP, connector: task.id } });
    await control(sim, 'POST', '/__sim/faults', { fault: 'stall' });
    const stats = await control(sim, 'GET', '/__sim/stats');
    assert.equal(stats.json.requestCount, 1);
    assert.ok((stats.json.connectionCount as number) >= 1);
    await control(sim, 'POST', '/__sim/reset');
    assert.equal(sim.requests.length, 0);
    assert.deepEqual(sim.faults.list(), []);
    const gone = await call(sim, 'task/response', { data: { app: APP, connector: task.id } });
    assert.equal(errorCode(gone), 'NO_CONNECTOR_DEPENDENT_TASK');
  });
});

describe('simulator: loopback only', () => {
  it('refuses to listen on a non-loopback address', async () => {
    await assert.rejects(startSimulator({ host: '0.0.0.0' }), /loopback only/);
  });

  it('runs as a command, prints its address and credentials, and stops on SIGTERM', async () => {
    const main = join(__dirname, '..', '..', 'simulator', 'main.js');
    const child = spawn(process.execPath, [main, '--port', '0', '--seed', '7']);
    try {
      const lines = createInterface({ input: child.stdout });
      const output: string[] = [];
      for await (const line of lines) {
        output.push(line);
        if (line.startsWith('Control API')) break;
      }
      assert.match(output[0], /^Vertopal simulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(output.some((l) => l.includes('free / FREE-TOKEN')));
      assert.ok(output.some((l) => l.includes('test-app / test-token')));
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
