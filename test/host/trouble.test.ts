import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../../src/ids';
import { DEFAULT_CREDENTIAL } from '../simulator/simulator';
import { taskOf, untilChecked, untilState, useHarness } from './support/harness';

// When the API says no: rate limits and refused credentials pause polling visibly, and
// polling resumes by itself once the cause is gone.
describe('polling trouble', () => {
  const h = useHarness();
  after(() => h.sim.faults.clear());

  it('pauses every task on 429 until Retry-After, says so, then resumes', async () => {
    const first = h.sim.createTask({ durationMs: 60_000 }).id;
    await h.api.track(first, 'first');
    await untilChecked(h, first);

    h.sim.faults.add({ fault: 'status429', retryAfterSeconds: 2, connector: first, times: 1 });
    const refusedAt = Date.now();
    h.api.refresh(first);
    await untilState(h.api, first, 'rateLimited');
    assert.match(h.internals.statusBar.text ?? '', /paused until/);
    assert.match(h.internals.tree.view.message ?? '', /Checks resume at/);

    // A task added during the pause waits too: the limit is the credential's, not the task's.
    const second = h.sim.createTask({ durationMs: 60_000 }).id;
    const nextPoll = h.sim.nextRequest();
    await h.api.track(second, 'second');
    await untilState(h.api, second, 'rateLimited');
    assert.match(String(h.internals.tree.getTreeItem(second).description), /^rate limited · until/);

    const resumed = await nextPoll;
    assert.ok(Date.now() - refusedAt >= 2_000, 'asked again before Retry-After had passed');
    assert.equal(resumed.path, 'task/response');
    h.sim.advance(60_000);
    await untilState(h.api, first, 'running', 'succeeded');
    await untilState(h.api, second, 'running', 'succeeded');
  });

  it('stops all polling on refused credentials and resumes with new ones', async () => {
    const { id } = h.sim.createTask({ durationMs: 60_000 });
    await h.api.track(id, 'needs a key');
    await untilChecked(h, id);

    await vscode.commands.executeCommand(Commands.setCredentials, {
      app: DEFAULT_CREDENTIAL.app,
      token: 'wrong-token',
    });
    h.api.refresh(id);
    await untilState(h.api, id, 'unauthorized');
    assert.equal(h.internals.contextKeys.get(ContextKeys.credentialRejected), true);
    assert.match(h.internals.statusBar.text ?? '', /credentials rejected/);
    assert.match(h.internals.tree.view.message ?? '', /refused the credentials/);

    h.sim.advance(60_000);
    await vscode.commands.executeCommand(Commands.setCredentials, DEFAULT_CREDENTIAL);
    await untilState(h.api, id, 'succeeded');
    assert.equal(h.internals.contextKeys.get(ContextKeys.credentialRejected), false);
    assert.equal(h.internals.tree.view.message, undefined);
  });

  it('keeps retrying through server errors and recovers when they stop', async () => {
    const { id } = h.sim.createTask({ durationMs: 0 });
    h.sim.faults.add({ fault: 'status', httpStatus: 503, connector: id, times: 2 });
    await h.api.track(id);
    await untilState(h.api, id, 'succeeded');
    const polls = h.sim.requests.filter((r) => (r.data as { connector?: string }).connector === id);
    assert.ok(polls.length >= 3, `expected two failures and a success, saw ${polls.length}`);
  });

  it('marks an unknown connector as not found and keeps it listed', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await h.api.track(unknown, 'typo');
    const task = await untilState(h.api, unknown, 'notFound');
    assert.equal(task.label, 'typo');
    assert.equal(taskOf(h.api, unknown)?.state, 'notFound');
  });
});
