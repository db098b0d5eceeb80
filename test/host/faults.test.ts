import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../src/ids';
import { DEFAULT_CREDENTIAL } from '../simulator/simulator';
import type { FaultRule } from '../simulator/faults';
import type { Harness } from './support/harness';
import {
  configure,
  harness,
  taskOf,
  untilChecked,
  untilLogged,
  untilState,
} from './support/harness';
import { recordMessages, type MessageRecorder } from './support/messages';
import { recordRows, type RowHistory } from './support/rowHistory';
import { closedPort, startTrapServer } from './support/trapServer';

// The simulator's fault injection against the real extension: each fault must show in the tree,
// leave a log line, lose no task, and be recovered from once it ends. Timeouts are shortened
// (VERTOPAL_TEST_TIMEOUT_MS, honoured in extension test mode only) so stalls end within a test.
const TEST_TIMEOUT_MS = 1500;

describe('faults', () => {
  let h: Harness;
  let messages: MessageRecorder;
  const tracked = new Set<string>();
  let tried = 0;
  let lost = 0;

  before(async () => {
    h = await harness();
    process.env.VERTOPAL_TEST_TIMEOUT_MS = String(TEST_TIMEOUT_MS);
    messages = recordMessages();
  });
  let rows: RowHistory;
  beforeEach(() => {
    // Not resetAll: re-saving the credentials fires a late change event that resumes polling
    // at once, which would hide the very retry these tests watch for.
    for (const task of h.api.getTasks()) h.api.untrack(task.connector);
    h.sim.reset();
    rows = recordRows(h);
  });
  afterEach(() => {
    rows.dispose();
    tried += 1;
    // A task is lost if it vanished from the list while the test ran, whatever else happened.
    for (const connector of tracked) if (!taskOf(h.api, connector)) lost += 1;
    tracked.clear();
  });
  after(async () => {
    delete process.env.VERTOPAL_TEST_TIMEOUT_MS;
    messages.dispose();
    await configure(Settings.baseUrl, h.sim.url);
    console.log(`      faults tried: ${tried}, tasks lost: ${lost}`);
    assert.equal(lost, 0, 'a fault made a tracked task disappear');
  });

  /** Tracks a new simulator task; `fault` applies from its very first check. */
  async function track(label: string, durationMs = 0, fault?: FaultRule): Promise<string> {
    const { id } = h.sim.createTask({ durationMs });
    if (fault) h.sim.faults.add({ ...fault, connector: id });
    await h.api.track(id, label);
    tracked.add(id);
    return id;
  }

  /** Says the failure in the log, and in the row; then the next check succeeds by itself. */
  async function survives(rule: FaultRule, kind: string, words: RegExp): Promise<void> {
    const id = await track(rule.fault, 0, { times: 1, ...rule });
    const log = await untilLogged(new RegExp(`Checking ${id} failed \\(${kind}\\): .*`));
    assert.match(log.split('\n').find((l) => l.includes(`Checking ${id} failed`)) ?? '', words);
    // The fault is spent: the retry (after the backoff) must get through.
    await untilState(h.api, id, 'succeeded');
    rows.assertShown(id, /^running · .* · last check failed, retrying$/, words);
    assert.doesNotMatch(rows.latest(id).tooltip, /⚠/, 'the trouble note outlived the trouble');
  }

  // Each of these hits only the first check of the task (`times: 1` in survives): the task is
  // created completed, so "recovered" means the next check reads the success.
  const transient: Array<[string, FaultRule, string, RegExp]> = [
    ['HTTP 500', { fault: 'status', httpStatus: 500 }, 'server', /internal problem/],
    ['HTTP 502', { fault: 'status', httpStatus: 502 }, 'server', /HTTP 502/],
    ['HTTP 503', { fault: 'status', httpStatus: 503 }, 'server', /HTTP 503/],
    ['a connection reset mid-body', { fault: 'reset' }, 'network', /closed|reset/],
    ['malformed JSON', { fault: 'malformed' }, 'badResponse', /not valid JSON/],
    ['a truncated body', { fault: 'truncated' }, 'badResponse', /not valid JSON|cut short/],
    ['an HTML page', { fault: 'html' }, 'badResponse', /HTML page/],
    ['an HTML error page', { fault: 'html', httpStatus: 502 }, 'server', /HTTP 502/],
    ['a body over the size cap', { fault: 'oversized' }, 'badResponse', /larger than/],
    ['a stall past the timeout', { fault: 'stall' }, 'timeout', /did not start answering/],
    [
      'a drip slower than the timeout',
      { fault: 'drip', intervalMs: 200, chunkBytes: 1 },
      'timeout',
      /took too long/,
    ],
  ];
  for (const [what, rule, kind, words] of transient) {
    it(`survives ${what}`, () => survives(rule, kind, words));
  }

  it('reads a slow but steady drip as a normal answer', async () => {
    const id = await track('drip', 0, { fault: 'drip', intervalMs: 5, chunkBytes: 256 });
    await untilState(h.api, id, 'succeeded');
  });

  it('never follows a redirect to another origin, and the token does not go there', async () => {
    const trap = await startTrapServer();
    try {
      const location = `${trap.url}/v1/task/response`;
      await survives({ fault: 'redirect', location, httpStatus: 307 }, 'badResponse', /redirect/);
      assert.equal(trap.visits.length, 0, 'a request reached the redirect target');
    } finally {
      await trap.close();
    }
  });

  it('pauses on 403, says the credentials were refused, and resumes with new ones', async () => {
    const id = await track('403', 0, { fault: 'status', httpStatus: 403, times: 1 });
    await untilState(h.api, id, 'unauthorized');
    await untilLogged(/refused the credentials; polling paused/);
    rows.assertShown(id, /^credentials rejected · paused$/, /did not accept the App ID/);
    await vscode.commands.executeCommand(Commands.setCredentials, DEFAULT_CREDENTIAL);
    await untilState(h.api, id, 'succeeded');
  });

  const limits: Array<[string, FaultRule, RegExp]> = [
    ['429 with Retry-After', { fault: 'status429', retryAfterSeconds: 1 }, /Try again in 1 s/],
    ['429 with only a reset header', { fault: 'status429', resetSeconds: 1 }, /Try again in/],
    [
      'FREE_APP_LIMITED',
      { fault: 'status429', code: 'FREE_APP_LIMITED', retryAfterSeconds: 1 },
      /daily limit/,
    ],
  ];
  for (const [what, rule, words] of limits) {
    it(`waits out ${what} and resumes by itself`, async () => {
      const id = await track(rule.fault, 0, { times: 1, ...rule });
      await untilLogged(/Rate limited; checks paused until/);
      await untilState(h.api, id, 'succeeded');
      rows.assertShown(id, /^rate limited · until \d/, words);
    });
  }

  it('waits a minute after a 429 that says nothing, unless the credentials change', async () => {
    const id = await track('429 bare', 0, { fault: 'status429', times: 1 });
    await untilState(h.api, id, 'rateLimited');
    rows.assertShown(id, /^rate limited · until \d/, /Try again in 60 s/);
    // New credentials have their own quota: the pause is lifted at once.
    await vscode.commands.executeCommand(Commands.setCredentials, DEFAULT_CREDENTIAL);
    await untilState(h.api, id, 'succeeded');
  });

  it('retries an unresolvable host name and recovers when the address is fixed', async () => {
    const id = await track('dns', 60_000);
    await untilChecked(h, id);
    await configure(Settings.baseUrl, 'https://vertopal-simulator.invalid');
    h.api.refresh(id);
    await untilLogged(new RegExp(`Checking ${id} failed \\((network|timeout)\\)`));
    rows.assertShown(id, /last check failed, retrying/, /could not be resolved|could not connect/);
    await configure(Settings.baseUrl, h.sim.url);
    h.sim.advance(60_000);
    h.api.refresh(id);
    await untilState(h.api, id, 'succeeded');
  });

  it('keeps retrying a refused loopback connection and recovers', async () => {
    const id = await track('refused', 60_000);
    await untilChecked(h, id);
    await configure(Settings.baseUrl, `http://127.0.0.1:${await closedPort()}`);
    h.api.refresh(id);
    await untilLogged(new RegExp(`Checking ${id} failed \\(network\\): .*ECONNREFUSED`));
    rows.assertShown(id, /last check failed, retrying/, /connection was refused/);
    await configure(Settings.baseUrl, h.sim.url);
    h.sim.advance(60_000);
    h.api.refresh(id);
    await untilState(h.api, id, 'succeeded');
  });

  it('marks an unknown connector not found, stops asking, and keeps it listed', async () => {
    const unknown = 'aaaaaaaa-0000-4000-8000-000000000000';
    await h.api.track(unknown, 'unknown');
    tracked.add(unknown);
    await untilState(h.api, unknown, 'notFound');
    await untilLogged(new RegExp(`Checking ${unknown} failed \\(notFound\\)`));
    rows.assertShown(unknown, /^not found$/, /does not know this task/);
  });

  for (const fault of ['extraFields', 'missingFields'] as const) {
    it(`accepts a reply with ${fault === 'extraFields' ? 'extra' : 'missing'} fields`, async () => {
      const id = await track(fault, 0, { fault });
      const task = await untilState(h.api, id, 'succeeded');
      assert.ok(task.lastResponse, 'the reply is kept for the result document');
    });
  }

  it('keeps polling through a reply without the entity, then finishes', async () => {
    const id = await track('no entity', 0, { fault: 'entityAbsent', times: 1 });
    await untilState(h.api, id, 'succeeded');
  });

  it('does not take back a completion the server walks back, nor announce it twice', async () => {
    const id = await track('walked back', 60_000, { fault: 'completedThenRunning' });
    await untilState(h.api, id, 'succeeded');
    await messages.until(/"walked back" succeeded/);
    h.api.refresh(id);
    await untilLogged(new RegExp(`${id}: finished, but Vertopal now says "running"`));
    assert.equal(taskOf(h.api, id)?.state, 'succeeded');
    const announced = messages.shown.filter((m) => m.text.includes('"walked back" succeeded'));
    assert.equal(announced.length, 1, 'announced more than once');
  });
});
