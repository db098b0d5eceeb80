import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VertopalClient } from '../../../src/vertopal/client';
import { VertopalError } from '../../../src/vertopal/errors';
import type { FailureKind } from '../../../src/vertopal/types';
import type { FaultRule } from '../../simulator/faults';
import { assertNoToken, CREDS, TOKEN, useHarnessWithTask, type Harness } from './harness';

/** A bystander server standing in for "another origin"; it records whatever reaches it. */
async function startBystander(): Promise<{
  url: string;
  seen: IncomingHttpHeaders[];
  server: Server;
}> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, server };
}

describe('the token never leaks', () => {
  const t = useHarnessWithTask();

  it('is not sent to the origin a redirect points at', async () => {
    const other = await startBystander();
    try {
      t.h.sim.faults.add({ fault: 'redirect', location: `${other.url}/v1/task/response` });
      await assert.rejects(t.h.client.taskResponse(CREDS, t.connector), VertopalError);
      t.h.sim.faults.add({ fault: 'redirect', location: `${other.url}/`, httpStatus: 307 });
      await assert.rejects(t.h.client.taskResponse(CREDS, t.connector), VertopalError);
      assert.equal(other.seen.length, 0, 'the other origin received a request');
      assert.equal(t.h.sim.requests[0].headers.authorization, `Bearer ${TOKEN}`);
    } finally {
      await new Promise<void>((resolve) => other.server.close(() => resolve()));
    }
  });

  // Each scenario arranges one failure kind; together they cover every kind the client throws.
  const scenarios: Array<[FailureKind, string, (h: Harness) => Promise<unknown>]> = [
    [
      'credential',
      'rejected credentials',
      (x) => x.makeClient().taskResponse({ app: 'nobody', token: TOKEN }, t.connector),
    ],
    [
      'credential',
      'an invalid token',
      (x) => x.client.taskResponse({ app: 'a', token: `${TOKEN} x` }, t.connector),
    ],
    [
      'rateLimited',
      'a 429',
      (x) => {
        x.sim.faults.add({ fault: 'status429', retryAfterSeconds: 1 });
        return x.client.taskResponse(CREDS, t.connector);
      },
    ],
    ['notFound', 'an unknown connector', (x) => x.client.taskResponse(CREDS, 'missing')],
    [
      'rejected',
      'a server message that echoes the token',
      (x) => {
        const rule: FaultRule = {
          fault: 'errorBody',
          code: 'INVALID_PARAMETER',
          message: `the request with Bearer ${TOKEN} was odd`,
        };
        x.sim.faults.add(rule);
        return x.client.taskResponse(CREDS, t.connector);
      },
    ],
    [
      'server',
      'a 500 whose code carries the token',
      (x) => {
        x.sim.faults.add({ fault: 'status', httpStatus: 500, code: `E_${TOKEN}`, message: TOKEN });
        return x.client.taskResponse(CREDS, t.connector);
      },
    ],
    [
      'network',
      'a refused connection',
      async () => {
        const client = new VertopalClient({ baseUrl: 'http://127.0.0.1:9', userAgent: 't' });
        try {
          return await client.taskResponse(CREDS, t.connector);
        } finally {
          await client.dispose();
        }
      },
    ],
    [
      'network',
      'a reset',
      (x) => {
        x.sim.faults.add({ fault: 'reset' });
        return x.client.taskResponse(CREDS, t.connector);
      },
    ],
    [
      'timeout',
      'a stall',
      (x) => {
        x.sim.faults.add({ fault: 'stall' });
        return x
          .makeClient({ timeouts: { headersMs: 100, connectMs: 100 } })
          .taskResponse(CREDS, t.connector);
      },
    ],
    [
      'badResponse',
      'a redirect',
      (x) => {
        x.sim.faults.add({ fault: 'redirect', location: `http://evil.example/?t=${TOKEN}` });
        return x.client.taskResponse(CREDS, t.connector);
      },
    ],
    [
      'badResponse',
      'malformed JSON',
      (x) => {
        x.sim.faults.add({ fault: 'malformed' });
        return x.client.taskResponse(CREDS, t.connector);
      },
    ],
    [
      'cancelled',
      'an aborted signal',
      (x) => x.client.taskResponse(CREDS, t.connector, { signal: AbortSignal.abort() }),
    ],
    [
      'insecure',
      'a non-loopback http URL',
      async () => new VertopalClient({ baseUrl: 'http://example.com', userAgent: 't' }),
    ],
  ];

  for (const [kind, name, run] of scenarios) {
    it(`is absent from the ${kind} error for ${name}`, async () => {
      let caught: unknown;
      try {
        await run(t.h);
      } catch (err) {
        caught = err;
      }
      assert.ok(caught instanceof VertopalError, 'expected a VertopalError');
      assert.equal(caught.kind, kind);
      assertNoToken(caught);
      assert.ok(!JSON.stringify(caught.details).includes(TOKEN), 'the token is in details');
    });
  }
});
