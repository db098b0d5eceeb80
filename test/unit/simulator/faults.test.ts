import * as assert from 'node:assert/strict';
import { request } from 'undici';
import { startSimulator, type Simulator } from '../../simulator/simulator';
import { APP, call, errorCode, TOKEN } from './rawClient';

describe('simulator: fault injection', () => {
  let sim: Simulator;
  let connector: string;
  const formats = { data: { app: APP, parameters: { sublist: 'inputs' } } };

  beforeEach(async () => {
    sim = await startSimulator({ credentials: [{ app: APP, token: TOKEN }] });
    sim.setNow(0);
    connector = sim.createTask({ durationMs: 1000 }).id;
  });
  afterEach(async () => {
    await sim.close();
  });

  const monitor = (c = connector) =>
    call(sim, 'task/response', { data: { app: APP, connector: c } });

  it('applies a fault to the next N requests only', async () => {
    sim.faults.add({ fault: 'status', httpStatus: 503, times: 2 });
    assert.equal((await monitor()).status, 503);
    assert.equal((await monitor()).status, 503);
    assert.equal((await monitor()).status, 200);
    assert.deepEqual(sim.faults.list(), []);
  });

  it('applies a fault per path or per connector, until cleared', async () => {
    const other = sim.createTask().id;
    sim.faults.add({ fault: 'status', httpStatus: 500, path: 'convert/formats' });
    sim.faults.add({ fault: 'status', httpStatus: 502, connector: other });
    assert.equal((await call(sim, 'convert/formats', formats)).status, 500);
    assert.equal((await call(sim, 'convert/formats', formats)).status, 500);
    assert.equal((await monitor(other)).status, 502);
    assert.equal((await monitor()).status, 200);
    sim.faults.clear();
    assert.equal((await monitor(other)).status, 200);
  });

  it('sends JSON codes with status faults and 429 variants with chosen headers', async () => {
    sim.faults.add({ fault: 'status', httpStatus: 503, code: 'INTERNAL_SERVER_ERROR', times: 1 });
    assert.equal(errorCode(await monitor()), 'INTERNAL_SERVER_ERROR');
    sim.faults.add({ fault: 'status429', code: 'FREE_APP_LIMITED', resetSeconds: 9, times: 1 });
    const limited = await monitor();
    assert.equal(limited.status, 429);
    assert.equal(errorCode(limited), 'FREE_APP_LIMITED');
    assert.equal(limited.headers['retry-after'], undefined);
    assert.equal(limited.headers['x-ratelimit-reset'], '9');
    sim.faults.add({ fault: 'status429', retryAfterSeconds: 3, times: 1 });
    const plain = await monitor();
    assert.equal(plain.headers['retry-after'], '3');
    assert.equal(plain.headers['x-ratelimit-reset'], undefined);
  });

  it('breaks bodies: malformed, truncated, html and oversized', async () => {
    sim.faults.add({ fault: 'malformed', times: 1 });
    const malformed = await monitor();
    assert.throws(() => JSON.parse(malformed.text));
    sim.faults.add({ fault: 'truncated', times: 1 });
    const truncated = await monitor();
    assert.throws(() => JSON.parse(truncated.text));
    assert.ok(truncated.text.startsWith('{"result"'));
    sim.faults.add({ fault: 'html', times: 1 });
    const html = await monitor();
    assert.match(String(html.headers['content-type']), /^text\/html/);
    sim.faults.add({ fault: 'oversized', bytes: 3 * 1024 * 1024, times: 1 });
    const big = await monitor();
    assert.equal(big.text.length, 3 * 1024 * 1024);
    assert.ok(JSON.parse(big.text));
  });

  it('redirects to the location the test gives', async () => {
    sim.faults.add({ fault: 'redirect', location: 'http://127.0.0.1:9/x', times: 1 });
    const reply = await monitor();
    assert.equal(reply.status, 302);
    assert.equal(reply.headers.location, 'http://127.0.0.1:9/x');
  });

  it('resets the connection mid-body', async () => {
    sim.faults.add({ fault: 'reset', times: 1 });
    await assert.rejects(monitor());
    assert.equal((await monitor()).status, 200);
  });

  it('stalls until the client gives up', async () => {
    sim.faults.add({ fault: 'stall', times: 1 });
    const controller = new AbortController();
    const arrived = sim.nextRequest();
    const pending = monitor();
    const stalled = request(`${sim.url}/v1/task/response`, {
      method: 'POST',
      signal: controller.signal,
    });
    await arrived;
    controller.abort();
    await assert.rejects(stalled);
    assert.equal((await pending).status, 200, 'the first request consumed the single stall');
  });

  it('drips a body slowly but completely', async () => {
    sim.faults.add({ fault: 'drip', intervalMs: 1, chunkBytes: 64, times: 1 });
    const reply = await monitor();
    assert.equal(reply.status, 200);
    assert.ok(JSON.parse(reply.text));
  });

  it('changes shapes: extra/missing fields, no entity, completed then running', async () => {
    sim.faults.add({ fault: 'extraFields', times: 1 });
    assert.ok((await monitor()).json.x_sim_extra);
    sim.faults.add({ fault: 'missingFields', times: 1 });
    const trimmed = (await monitor()).json.result as Record<string, unknown>;
    assert.equal(trimmed.error, undefined);
    assert.equal(trimmed.warning, undefined);
    sim.faults.add({ fault: 'entityAbsent', times: 1 });
    const result = (await monitor()).json.result as { output: Record<string, unknown> };
    assert.equal(result.output.entity, undefined);
    sim.faults.add({ fault: 'completedThenRunning', times: 2 });
    const status = async () =>
      ((await monitor()).json.result as { output: { entity: { status: string } } }).output.entity
        .status;
    assert.equal(await status(), 'completed');
    assert.equal(await status(), 'running');
  });

  it('refuses unknown fault names', () => {
    assert.throws(() => sim.faults.add({ fault: 'nonsense' } as never), /unknown fault/);
  });
});
