import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { VertopalClient, type ClientOptions } from '../../../src/vertopal/client';
import { VertopalError } from '../../../src/vertopal/errors';
import type { Credentials, FailureKind } from '../../../src/vertopal/types';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/simulator';

// A token that cannot appear in any text by accident, so finding it anywhere is a leak.
export const TOKEN = 'tok-SECRET-9f3c2a71e6';
export const CREDS: Credentials = { app: 'app-under-test', token: TOKEN };
export const START_MS = Date.UTC(2025, 0, 1);

export interface Harness {
  sim: Simulator;
  client: VertopalClient;
  /** A fresh client against the same simulator, e.g. with small timeouts. */
  makeClient(options?: Partial<ClientOptions>): VertopalClient;
  close(): Promise<void>;
}

/** A simulator with a frozen clock and a client pointed at it. */
export async function startHarness(
  simOptions: SimulatorOptions = {},
  clientOptions: Partial<ClientOptions> = {},
): Promise<Harness> {
  const sim = await startSimulator({ credentials: [CREDS], ...simOptions });
  sim.setNow(START_MS);
  const clients: VertopalClient[] = [];
  const makeClient = (options: Partial<ClientOptions> = {}): VertopalClient => {
    const client = new VertopalClient({
      baseUrl: sim.url,
      userAgent: 'VertopalTaskMonitor/0.1.0 (test)',
      ...clientOptions,
      ...options,
    });
    clients.push(client);
    return client;
  };
  const client = makeClient();
  return {
    sim,
    client,
    makeClient,
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await sim.close();
    },
  };
}

/** What a suite using `useHarnessWithTask` sees; filled in before each test. */
export interface HarnessWithTask {
  h: Harness;
  /** A conversion that keeps running for the whole test. */
  connector: string;
}

/** Registers the hooks most client suites share: a fresh harness and a running task per test. */
export function useHarnessWithTask(): HarnessWithTask {
  const t = {} as HarnessWithTask;
  beforeEach(async () => {
    t.h = await startHarness();
    t.connector = t.h.sim.createTask({ durationMs: 60_000 }).id;
  });
  afterEach(async () => {
    await t.h.close();
  });
  return t;
}

/** Awaits a rejection, checks it is a VertopalError of `kind` that does not leak the token. */
export async function expectFailure(
  promise: Promise<unknown>,
  kind: FailureKind,
  token: string = TOKEN,
): Promise<VertopalError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof VertopalError, `expected a VertopalError, got ${inspect(caught)}`);
  assert.equal(caught.kind, kind, `wrong kind; message: ${caught.message}`);
  assertNoToken(caught, token);
  return caught;
}

export function assertNoToken(err: Error, token: string = TOKEN): void {
  for (const text of [err.message, err.stack ?? '', inspect(err, { depth: 10 })]) {
    assert.ok(!text.includes(token), `the token leaked into: ${text}`);
  }
}

export async function tempDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'vertopal-test-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
