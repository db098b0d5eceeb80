// Section 2: TCP connections and throughput of the real client against the real simulator over
// loopback. Ours: one VertopalClient (its own keep-alive Agent) making every poll. The CLI opens
// a new connection per request; that is measured too, with a fresh client per poll.

import { DEFAULT_CREDENTIAL, startSimulator } from '../test/simulator/simulator';
import { VertopalClient } from '../src/vertopal/client';
import type { Row } from './table';
import { fixed } from './table';

const USER_AGENT = 'VertopalTaskMonitor-bench';

interface PollFigures {
  readonly connections: number;
  readonly perSecond: number;
  readonly failures: number;
}

export async function measureConnections(polls: number): Promise<Row[]> {
  const ours = await pollSimulator(polls, 'shared');
  const cli = await pollSimulator(polls, 'fresh');
  const section = `2. Connections (${polls} polls, loopback simulator, one after another)`;
  return [
    {
      section,
      measure: 'TCP connections opened (counted by the simulator)',
      ours: String(ours.connections),
      cli: String(cli.connections),
      target: '1',
      met: ours.connections === 1,
    },
    {
      section,
      measure: 'Requests per second',
      ours: fixed(ours.perSecond, 0),
      cli: fixed(cli.perSecond, 0),
    },
    {
      section,
      measure: 'Failed polls',
      ours: String(ours.failures),
      cli: String(cli.failures),
      target: '0',
      met: ours.failures === 0,
    },
  ];
}

/** `shared`: one client for every poll (ours). `fresh`: a new client, so connection, per poll. */
async function pollSimulator(polls: number, mode: 'shared' | 'fresh'): Promise<PollFigures> {
  // A limit the run cannot reach: this section is about connections, not refusals.
  const sim = await startSimulator({ rateLimit: { windowMs: 60_000, limit: 10 * polls } });
  const task = sim.createTask({ durationMs: 60 * 60_000 });
  const creds = { app: DEFAULT_CREDENTIAL.app, token: DEFAULT_CREDENTIAL.token };
  const shared = new VertopalClient({ baseUrl: sim.url, userAgent: USER_AGENT });
  let failures = 0;
  const started = performance.now();
  try {
    for (let i = 0; i < polls; i++) {
      const client =
        mode === 'shared'
          ? shared
          : new VertopalClient({ baseUrl: sim.url, userAgent: USER_AGENT });
      try {
        await client.taskResponse(creds, task.id);
      } catch {
        failures++;
      } finally {
        if (client !== shared) await client.dispose();
      }
    }
    const elapsedS = (performance.now() - started) / 1000;
    return { connections: sim.connectionCount, perSecond: polls / elapsedS, failures };
  } finally {
    await shared.dispose();
    await sim.close();
  }
}
