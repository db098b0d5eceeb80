import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MonitorResult } from '../../src/commands/monitorCommand';
import { Commands } from '../../src/ids';
import { taskOf, untilChecked, untilState, useHarness } from './support/harness';

// The heart of the product, end to end: the real command tracks a connector, the real scheduler
// polls the simulator over HTTP, and the task's state follows the conversion.
describe('monitoring a task', () => {
  const h = useHarness();

  it('tracks a connector given to the command and follows it to success', async () => {
    const { id } = h.sim.createTask({ durationMs: 60_000, outcome: 'successful' });
    const result = await vscode.commands.executeCommand<MonitorResult>(Commands.monitorTask, {
      connector: id,
      label: 'Quarterly report',
    });
    assert.deepEqual(result, { connector: id, added: true });
    await untilChecked(h, id);
    assert.equal(taskOf(h.api, id)?.state, 'running');

    h.sim.advance(60_000);
    h.api.refresh(id);
    const done = await untilState(h.api, id, 'succeeded');
    assert.equal(done.label, 'Quarterly report');
    assert.equal(typeof done.vcredits, 'number');
    assert.ok(done.lastCheckedAt);
  });

  it('sends stored credentials, connector and include list as multipart data', async () => {
    const { id } = h.sim.createTask({ durationMs: 0 });
    await h.api.track(id);
    await untilState(h.api, id, 'succeeded');
    const polls = h.sim.requests.filter((r) => r.path === 'task/response');
    assert.ok(polls.length >= 1);
    const sent = polls[0];
    assert.equal(sent.method, 'POST');
    assert.equal(sent.headers.authorization, 'Bearer test-token');
    assert.match(String(sent.headers['user-agent']), /^VertopalTaskMonitor\//);
    assert.deepEqual(sent.fields, ['data']);
    const data = sent.data as {
      app: string;
      connector: string;
      parameters?: { include?: string[] };
    };
    assert.equal(data.app, 'test-app');
    assert.equal(data.connector, id);
    assert.ok(data.parameters?.include?.includes('entity'));
  });

  it('shows a failed conversion as failed, with the error the server gave', async () => {
    const { id } = h.sim.createTask({ durationMs: 0, outcome: 'failed' });
    await h.api.track(id, 'broken.png');
    const task = await untilState(h.api, id, 'failed');
    assert.equal(task.state, 'failed');
    const row = h.internals.tree.getTreeItem(id);
    assert.match(String(row.description), /^failed · FAILED_CONVERT/);
  });

  it('does not call a completed task done while its result is still empty', async () => {
    const { id } = h.sim.createTask({ durationMs: 0, resultDelayMs: 30_000 });
    await h.api.track(id);
    await untilChecked(h, id);
    assert.equal(taskOf(h.api, id)?.state, 'running', 'empty result must not be final');

    h.sim.advance(30_000);
    h.api.refresh(id);
    await untilState(h.api, id, 'succeeded');
  });

  it('reveals a connector already tracked instead of adding it twice', async () => {
    const { id } = h.sim.createTask({ durationMs: 60_000 });
    await h.api.track(id, 'first');
    const again = await vscode.commands.executeCommand<MonitorResult>(Commands.monitorTask, {
      connector: id,
      label: 'second',
    });
    assert.deepEqual(again, { connector: id, added: false });
    assert.equal(h.api.getTasks().filter((t) => t.connector === id).length, 1);
    assert.equal(taskOf(h.api, id)?.label, 'first');
  });

  it('takes the connector out of a pasted JSON reply', async () => {
    const { id } = h.sim.createTask({ durationMs: 60_000 });
    const pasted = JSON.stringify({ entity: { id, status: 'running' }, result: {} });
    const result = await vscode.commands.executeCommand<MonitorResult>(Commands.monitorTask, {
      connector: pasted,
    });
    assert.equal(result?.connector, id);
  });

  it('refuses text that holds no connector, and tracks nothing', async () => {
    await assert.rejects(h.api.track('not a connector'), /No connector found/);
    const result = await vscode.commands.executeCommand(Commands.monitorTask, {
      connector: 'x'.repeat(10_000),
    });
    assert.equal(result, undefined);
    assert.equal(h.api.getTasks().length, 0);
  });

  it('stops polling a task that is no longer tracked', async () => {
    const { id } = h.sim.createTask({ durationMs: 60_000 });
    await h.api.track(id);
    await untilChecked(h, id);
    await vscode.commands.executeCommand(Commands.stopTracking, id, [id]);
    assert.equal(taskOf(h.api, id), undefined);
    const removedAt = h.sim.requests.length;
    h.api.refresh(); // checks every tracked unfinished task at once
    // A task tracked afterwards is a marker: once it is checked, any poll of the removed task
    // that refresh() could have started would already have arrived.
    const marker = h.sim.createTask({ durationMs: 60_000 }).id;
    await h.api.track(marker);
    await untilChecked(h, marker);
    const later = h.sim.requests
      .slice(removedAt)
      .map((r) => (r.data as { connector?: string }).connector);
    assert.ok(!later.includes(id), 'the removed task was polled again');
  });
});
