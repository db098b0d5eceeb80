import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/simulator';
import { APP, call, errorCode, TOKEN } from './rawClient';

describe('simulator: rate limits', () => {
  let sim: Simulator;
  const data = { app: APP, parameters: { sublist: 'inputs' } };
  const free = { authorization: 'Bearer FREE-TOKEN', data: { ...data, app: 'free' } };

  beforeEach(async () => {
    sim = await startSimulator({
      credentials: [{ app: APP, token: TOKEN }],
      rateLimit: { windowMs: 10_000, limit: 3 },
      freeRateLimit: { windowMs: 60_000, limit: 1 },
    });
    sim.setNow(1_000_000);
  });
  afterEach(async () => {
    await sim.close();
  });

  it('sends remaining and reset on every reply, counting down', async () => {
    const first = await call(sim, 'convert/formats', { data });
    assert.equal(first.headers['x-ratelimit-remaining'], '2');
    assert.equal(first.headers['x-ratelimit-reset'], '10');
    sim.advance(4000);
    const second = await call(sim, 'convert/formats', { data });
    assert.equal(second.headers['x-ratelimit-remaining'], '1');
    assert.equal(second.headers['x-ratelimit-reset'], '6');
    const failed = await call(sim, 'task/response', { data: { app: APP, connector: 'x' } });
    assert.equal(errorCode(failed), 'NO_CONNECTOR_DEPENDENT_TASK');
    assert.equal(failed.headers['x-ratelimit-remaining'], '0');
  });

  it('answers 429 TOO_MANY_REQUESTS with Retry-After over the limit, then resets', async () => {
    for (let i = 0; i < 3; i++) await call(sim, 'convert/formats', { data });
    sim.advance(2500);
    const refused = await call(sim, 'convert/formats', { data });
    assert.equal(refused.status, 429);
    assert.equal(errorCode(refused), 'TOO_MANY_REQUESTS');
    assert.equal(refused.headers['retry-after'], '8');
    assert.equal(refused.headers['x-ratelimit-remaining'], '0');
    sim.advance(7500);
    const again = await call(sim, 'convert/formats', { data });
    assert.equal(again.status, 200);
    assert.equal(again.headers['x-ratelimit-remaining'], '2');
  });

  it('limits the free app separately and more strictly', async () => {
    assert.equal((await call(sim, 'convert/formats', free)).status, 200);
    assert.equal((await call(sim, 'convert/formats', free)).status, 429);
    assert.equal((await call(sim, 'convert/formats', { data })).status, 200);
  });
});
