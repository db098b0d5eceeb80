import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/simulator';
import { APP, call, errorCode, TOKEN } from './rawClient';

describe('simulator: authentication', () => {
  let sim: Simulator;
  const data = { app: APP, parameters: { sublist: 'inputs' } };

  beforeEach(async () => {
    sim = await startSimulator({ credentials: [{ app: APP, token: TOKEN }] });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('accepts a configured app/token pair and the free credential', async () => {
    assert.equal(errorCode(await call(sim, 'convert/formats', { data })), undefined);
    const free = await call(sim, 'convert/formats', {
      authorization: 'Bearer FREE-TOKEN',
      data: { ...data, app: 'free' },
    });
    assert.equal(free.status, 200);
    assert.equal(errorCode(free), undefined);
  });

  it('answers 403 MISSING_AUTHORIZATION_HEADER without the header', async () => {
    const reply = await call(sim, 'convert/formats', { authorization: null, data });
    assert.equal(reply.status, 403);
    assert.equal(errorCode(reply), 'MISSING_AUTHORIZATION_HEADER');
  });

  it('answers 403 INVALID_AUTHORIZATION_HEADER for a header not of the Bearer form', async () => {
    for (const authorization of [`Token ${TOKEN}`, 'Bearer ', `bearer ${TOKEN}`]) {
      const reply = await call(sim, 'convert/formats', { authorization, data });
      assert.equal(reply.status, 403, authorization);
      assert.equal(errorCode(reply), 'INVALID_AUTHORIZATION_HEADER', authorization);
    }
  });

  it('answers 403 INVALID_CREDENTIAL for a wrong token or app, or crossed pairs', async () => {
    const cases = [
      { authorization: 'Bearer nope', data },
      { data: { ...data, app: 'other' } },
      { authorization: 'Bearer FREE-TOKEN', data },
    ];
    for (const c of cases) {
      const reply = await call(sim, 'convert/formats', c);
      assert.equal(reply.status, 403);
      assert.equal(errorCode(reply), 'INVALID_CREDENTIAL');
    }
  });

  it('reports a missing or broken data field with HTTP 200', async () => {
    let reply = await call(sim, 'convert/formats', {});
    assert.equal(reply.status, 200);
    assert.equal(errorCode(reply), 'MISSING_REQUIRED_FIELD');
    reply = await call(sim, 'convert/formats', { dataText: '{not json' });
    assert.equal(errorCode(reply), 'WRONG_TYPE_FIELD');
  });

  it('refuses other methods (POST_METHOD_ALLOWED) and unknown paths (NOT_FOUND)', async () => {
    const get = await call(sim, 'convert/formats', { method: 'GET' });
    assert.equal(get.status, 405);
    assert.equal(errorCode(get), 'POST_METHOD_ALLOWED');
    const unknown = await call(sim, 'no/such/thing', { data });
    assert.equal(unknown.status, 404);
    assert.equal(errorCode(unknown), 'NOT_FOUND');
  });

  it('records the request, including the authorization header and connection', async () => {
    await call(sim, 'convert/formats', { data });
    const [req] = sim.requests;
    assert.equal(req.path, 'convert/formats');
    assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(req.data, data);
    assert.equal(req.connectionId, 1);
    assert.equal(sim.connectionCount, 1);
  });
});
