import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule } from './faults';
import type { CreateTaskOptions } from './taskStore';
import type { Simulator } from './simulator';

// The simulator's own endpoints under /__sim/. They need no credentials and never count toward
// rate limits or faults, so a test can steer a simulator running in another process.

function reply(res: ServerResponse, status: number, json: unknown): void {
  const body = Buffer.from(JSON.stringify(json));
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(body.length),
  });
  res.end(body);
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const value: unknown = JSON.parse(body.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

type Route = (sim: Simulator, body: Record<string, unknown>) => unknown;

const ROUTES: Record<string, Route> = {
  'GET /__sim/requests': (sim) => ({ requests: sim.requests }),
  'GET /__sim/faults': (sim) => ({ faults: sim.faults.list() }),
  'POST /__sim/faults': (sim, body) => ({ id: sim.faults.add(body as unknown as FaultRule) }),
  'DELETE /__sim/faults': (sim) => {
    sim.faults.clear();
    return {};
  },
  'POST /__sim/faults/clear': (sim) => {
    sim.faults.clear();
    return {};
  },
  'POST /__sim/tasks': (sim, body) => ({
    connector: sim.createTask(body as CreateTaskOptions).id,
  }),
  'POST /__sim/clock': (sim, body) => {
    if (typeof body.now === 'number') sim.setNow(body.now);
    if (typeof body.advanceMs === 'number') sim.advance(body.advanceMs);
    return { now: sim.now() };
  },
  'GET /__sim/stats': (sim) => ({
    connectionCount: sim.connectionCount,
    requestCount: sim.requests.length,
    now: sim.now(),
  }),
  'POST /__sim/reset': (sim) => {
    sim.reset();
    return {};
  },
};

export function isControlPath(url: string): boolean {
  return url === '/__sim' || url.startsWith('/__sim/');
}

export function handleControl(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
): void {
  const url = (req.url ?? '').split('?')[0];
  const key = `${req.method ?? ''} ${url}`;
  const route = Object.hasOwn(ROUTES, key) ? ROUTES[key] : undefined;
  if (!route) {
    reply(res, 404, { error: `no control endpoint ${req.method ?? ''} ${url}` });
    return;
  }
  try {
    reply(res, 200, route(sim, parseBody(body)));
  } catch (err) {
    reply(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
