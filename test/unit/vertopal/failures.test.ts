import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VertopalClient } from '../../../src/vertopal/client';
import { CREDS, expectFailure, startHarness, useHarnessWithTask } from './harness';

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('VertopalClient failures against the simulator', () => {
  const t = useHarnessWithTask();

  const poll = (client?: VertopalClient, signal?: AbortSignal) =>
    (client ?? t.h.client).taskResponse(CREDS, t.connector, { signal });

  describe('credential', () => {
    it('INVALID_CREDENTIAL for a wrong token, with the code and HTTP 403', async () => {
      const wrong = { app: CREDS.app, token: 'wrong-token-77' };
      const err = await expectFailure(
        t.h.client.taskResponse(wrong, t.connector),
        'credential',
        'wrong-token-77',
      );
      assert.equal(err.details.code, 'INVALID_CREDENTIAL');
      assert.equal(err.details.httpStatus, 403);
      assert.match(err.message, /INVALID_CREDENTIAL/);
      assert.equal(err.transient, false);
    });

    it('INVALID_CREDENTIAL for an unknown App ID', async () => {
      const err = await expectFailure(
        t.h.client.taskResponse({ app: 'someone-else', token: CREDS.token }, t.connector),
        'credential',
      );
      assert.equal(err.details.code, 'INVALID_CREDENTIAL');
    });

    for (const code of [
      'MISSING_AUTHORIZATION_HEADER',
      'INVALID_AUTHORIZATION_HEADER',
      'FREE_PLAN_DISALLOWED',
      'DISABLED_FOR_FREE_APP',
    ]) {
      it(`${code} is a credential failure`, async () => {
        t.h.sim.faults.add({ fault: 'errorBody', code, httpStatus: 403, times: 1 });
        const err = await expectFailure(poll(), 'credential');
        assert.equal(err.details.code, code);
      });
    }

    it('refuses a token with spaces or line breaks without sending anything', async () => {
      for (const token of ['', 'has space', 'line\nbreak']) {
        await expectFailure(
          t.h.client.taskResponse({ app: 'a', token }, t.connector),
          'credential',
        );
      }
      assert.equal(t.h.sim.requests.length, 0);
    });
  });

  describe('rateLimited', () => {
    it('uses Retry-After when present', async () => {
      t.h.sim.faults.add({ fault: 'status429', retryAfterSeconds: 7, resetSeconds: 50 });
      const err = await expectFailure(poll(), 'rateLimited');
      assert.equal(err.details.retryAfterMs, 7000);
      assert.equal(err.details.code, 'TOO_MANY_REQUESTS');
      assert.equal(err.details.rateLimit?.remaining, 0);
      assert.equal(err.transient, true);
    });

    it('falls back to X-RATELIMIT-RESET without Retry-After', async () => {
      t.h.sim.faults.add({ fault: 'status429', resetSeconds: 42 });
      const err = await expectFailure(poll(), 'rateLimited');
      assert.equal(err.details.retryAfterMs, 42_000);
    });

    it('uses a default delay when the server gives no hint', async () => {
      t.h.sim.faults.add({ fault: 'status429' });
      const err = await expectFailure(poll(), 'rateLimited');
      assert.equal(err.details.retryAfterMs, 60_000);
    });

    it('reports FREE_APP_LIMITED', async () => {
      t.h.sim.faults.add({ fault: 'status429', code: 'FREE_APP_LIMITED', retryAfterSeconds: 120 });
      const err = await expectFailure(poll(), 'rateLimited');
      assert.equal(err.details.code, 'FREE_APP_LIMITED');
      assert.equal(err.details.retryAfterMs, 120_000);
    });

    it("hits the simulator's own limit with the delay it announces", async () => {
      await t.h.close();
      t.h = await startHarness({ rateLimit: { windowMs: 30_000, limit: 2 } });
      t.connector = t.h.sim.createTask().id;
      await poll();
      const second = await poll();
      assert.equal(second.rateLimit.remaining, 0);
      t.h.sim.advance(10_000);
      const err = await expectFailure(poll(), 'rateLimited');
      assert.equal(err.details.httpStatus, 429);
      assert.equal(err.details.retryAfterMs, 20_000);
    });
  });

  describe('notFound and rejected', () => {
    it('an unknown connector is notFound', async () => {
      const err = await expectFailure(t.h.client.taskResponse(CREDS, 'no-such-task'), 'notFound');
      assert.equal(err.details.code, 'NO_CONNECTOR_DEPENDENT_TASK');
      assert.equal(err.details.httpStatus, 200);
    });

    it('WRONG_VALUE_DATA_KEY is notFound only when it is about the connector', async () => {
      t.h.sim.faults.add({
        fault: 'errorBody',
        code: 'WRONG_VALUE_DATA_KEY',
        message: 'The data key "connector" has a wrong value.',
        times: 1,
      });
      await expectFailure(poll(), 'notFound');
      t.h.sim.faults.add({
        fault: 'errorBody',
        code: 'WRONG_VALUE_DATA_KEY',
        message: 'The data key "mode" has a wrong value.',
        times: 1,
      });
      await expectFailure(poll(), 'rejected');
    });

    for (const placement of ['error', 'bare', 'result'] as const) {
      it(`an error code at "${placement}" on HTTP 200 is a rejected request`, async () => {
        t.h.sim.faults.add({ fault: 'errorBody', code: 'INSUFFICIENT_VCREDITS', placement });
        const err = await expectFailure(poll(), 'rejected');
        assert.equal(err.details.code, 'INSUFFICIENT_VCREDITS');
        assert.equal(err.details.httpStatus, 200);
        assert.match(err.message, /INSUFFICIENT_VCREDITS/);
      });
    }

    it('a 4xx without a code is rejected with its status', async () => {
      t.h.sim.faults.add({ fault: 'status', httpStatus: 418 });
      const err = await expectFailure(poll(), 'rejected');
      assert.equal(err.details.httpStatus, 418);
    });
  });

  describe('server', () => {
    for (const httpStatus of [500, 502, 503]) {
      it(`HTTP ${httpStatus} without a code`, async () => {
        t.h.sim.faults.add({ fault: 'status', httpStatus });
        const err = await expectFailure(poll(), 'server');
        assert.equal(err.details.httpStatus, httpStatus);
        assert.equal(err.transient, true);
      });
    }

    it('HTTP 503 with a JSON code keeps the code', async () => {
      t.h.sim.faults.add({ fault: 'status', httpStatus: 503, code: 'INTERNAL_SERVER_ERROR' });
      const err = await expectFailure(poll(), 'server');
      assert.equal(err.details.code, 'INTERNAL_SERVER_ERROR');
    });

    it('an HTML error page on 502 is still a server failure', async () => {
      t.h.sim.faults.add({ fault: 'html', httpStatus: 502 });
      const err = await expectFailure(poll(), 'server');
      assert.equal(err.details.httpStatus, 502);
    });
  });

  describe('network and timeout', () => {
    it('a refused connection is a network failure', async () => {
      const client = new VertopalClient({ baseUrl: await closedPortUrl(), userAgent: 't' });
      try {
        const err = await expectFailure(client.taskResponse(CREDS, 'x'), 'network');
        assert.match(err.message, /refused/);
      } finally {
        await client.dispose();
      }
    });

    it('a connection reset in the middle of the body is a network failure', async () => {
      t.h.sim.faults.add({ fault: 'reset' });
      await expectFailure(poll(), 'network');
    });

    it('a server that never answers times out', async () => {
      t.h.sim.faults.add({ fault: 'stall' });
      const client = t.h.makeClient({ timeouts: { connectMs: 100, headersMs: 150 } });
      const err = await expectFailure(poll(client), 'timeout');
      assert.equal(err.transient, true);
    });

    it('a body that drips in too slowly times out', async () => {
      t.h.sim.faults.add({ fault: 'drip', intervalMs: 20, chunkBytes: 1 });
      const client = t.h.makeClient({ timeouts: { bodyMs: 200 } });
      const err = await expectFailure(poll(client), 'timeout');
      assert.match(err.message, /too long/);
    });
  });

  describe('badResponse', () => {
    const cases = [
      ['malformed JSON', { fault: 'malformed' }],
      ['truncated JSON', { fault: 'truncated' }],
      ['an HTML page on HTTP 200', { fault: 'html' }],
      ['an oversized body', { fault: 'oversized' }],
      ['an oversized body with Content-Length', { fault: 'oversized', declareLength: true }],
    ] as const;
    for (const [name, fault] of cases) {
      it(name, async () => {
        t.h.sim.faults.add({ ...fault });
        const err = await expectFailure(poll(), 'badResponse');
        assert.equal(err.transient, true);
      });
    }

    it('stops reading at the size cap and accepts replies under it', async () => {
      const client = t.h.makeClient({ maxResponseBytes: 4000 });
      await poll(client);
      t.h.sim.faults.add({ fault: 'oversized', bytes: 5000, times: 1 });
      const err = await expectFailure(poll(client), 'badResponse');
      assert.match(err.message, /4000-byte limit/);
    });

    it('a reply without the expected fields is badResponse', async () => {
      const upload = await t.h.client.uploadFile(CREDS, { path: __filename, name: 'x.md' });
      t.h.sim.faults.add({ fault: 'entityAbsent', path: 'convert/file' });
      const err = await expectFailure(
        t.h.client.convertFile(CREDS, upload.value.connector, 'pdf'),
        'badResponse',
      );
      assert.match(err.message, /unexpected shape/);
    });

    it('a redirect is refused and not followed', async () => {
      t.h.sim.faults.add({ fault: 'redirect', location: 'http://127.0.0.1:9/elsewhere' });
      const err = await expectFailure(poll(), 'badResponse');
      assert.equal(err.details.httpStatus, 302);
      assert.match(err.message, /redirect/);
    });
  });

  describe('cancelled', () => {
    it('aborting while waiting for the reply cancels the request', async () => {
      t.h.sim.faults.add({ fault: 'stall' });
      const controller = new AbortController();
      const arrived = t.h.sim.nextRequest();
      const pending = poll(undefined, controller.signal);
      await arrived;
      controller.abort();
      const err = await expectFailure(pending, 'cancelled');
      assert.equal(err.transient, false);
    });

    it('an already aborted signal sends nothing', async () => {
      await expectFailure(poll(undefined, AbortSignal.abort()), 'cancelled');
      assert.equal(t.h.sim.requests.length, 0);
    });

    it('aborting during a slow body cancels rather than timing out', async () => {
      t.h.sim.faults.add({ fault: 'drip', intervalMs: 30, chunkBytes: 1 });
      const controller = new AbortController();
      const arrived = t.h.sim.nextRequest();
      const pending = poll(undefined, controller.signal);
      await arrived;
      controller.abort();
      await expectFailure(pending, 'cancelled');
    });
  });
});
