import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, RESULT_SCHEME, Settings } from '../../src/ids';
import {
  configure,
  taskOf,
  untilChecked,
  untilLogged,
  untilState,
  useHarness,
} from './support/harness';
import { waitFor } from './support/waitFor';

// What the user sees: rows of the tree, the badge, the status bar, the result document and the
// completion notifications.
describe('views', () => {
  const h = useHarness();

  it('lists each task as a row with state, icon, description and actions', async () => {
    const running = h.sim.createTask({ durationMs: 60_000 }).id;
    const done = h.sim.createTask({ durationMs: 0 }).id;
    await h.api.track(running, 'still going');
    await h.api.track(done);
    await untilChecked(h, running);
    await untilState(h.api, done, 'succeeded');

    const tree = h.internals.tree;
    assert.deepEqual(tree.getChildren(), [running, done]);
    const row = tree.getTreeItem(running);
    assert.equal(row.label, 'still going');
    assert.match(String(row.description), /^running · \d+ s$/);
    assert.equal((row.iconPath as vscode.ThemeIcon).id, 'loading~spin');
    assert.equal(row.contextValue, 'vertopal.task.running');
    assert.deepEqual(row.command?.arguments, [running]);
    const hovered = tree.resolveTreeItem(row, running);
    assert.match((hovered.tooltip as vscode.MarkdownString).value, new RegExp(running));
    assert.match((hovered.tooltip as vscode.MarkdownString).value, /Last checked/);

    const finished = tree.getTreeItem(done);
    assert.equal(finished.label, `${done.slice(0, 8)}…`, 'no label: the short connector');
    assert.match(String(finished.description), /^succeeded( in \d+ s)? · \d+ vCredits?$/);
    assert.equal((finished.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    assert.deepEqual(tree.view.badge, { value: 1, tooltip: '1 running task' });
    assert.equal(h.internals.statusBar.text, '$(sync~spin) Vertopal: 1 running');
  });

  it('redraws a row only when something it shows changed', async () => {
    const { id } = h.sim.createTask({ durationMs: 60_000 });
    await h.api.track(id);
    await untilChecked(h, id);
    // Hidden, so the running-time timer (which redraws on purpose) stays off.
    const tree = h.internals.tree;
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor('the view to hide', () => !tree.view.visible, [tree.view.onDidChangeVisibility]);
    tree.getTreeItem(id); // drawn, as the view does
    const redrawn: (readonly string[] | undefined)[] = [];
    const listening = tree.onDidChangeTreeData((rows) => redrawn.push(rows));
    try {
      const checked = taskOf(h.api, id)?.lastCheckedAt;
      h.api.refresh(id); // still running: only the check time moves
      await waitFor(
        'a second check',
        () => (taskOf(h.api, id)?.lastCheckedAt ?? 0) > (checked ?? 0),
        [h.api.onDidChangeTasks],
      );
      assert.deepEqual(redrawn, [], 'a check that changed nothing visible redrew the row');

      h.sim.advance(60_000);
      h.api.refresh(id);
      await untilState(h.api, id, 'succeeded');
      assert.deepEqual(redrawn, [[id]]);
    } finally {
      listening.dispose();
    }
  });

  it('clears finished tasks and keeps running ones', async () => {
    const running = h.sim.createTask({ durationMs: 60_000 }).id;
    const done = h.sim.createTask({ durationMs: 0 }).id;
    await h.api.track(running);
    await h.api.track(done);
    await untilState(h.api, done, 'succeeded');
    await vscode.commands.executeCommand(Commands.clearFinished);
    assert.deepEqual(
      h.api.getTasks().map((t) => t.connector),
      [running],
    );
  });

  it('stops tracking every selected row at once', async () => {
    const ids = [0, 1, 2].map(() => h.sim.createTask({ durationMs: 60_000 }).id);
    for (const id of ids) await h.api.track(id);
    await vscode.commands.executeCommand(Commands.stopTracking, ids[0], [ids[0], ids[2]]);
    assert.deepEqual(
      h.api.getTasks().map((t) => t.connector),
      [ids[1]],
    );
  });

  it('copies the connector to the clipboard', async () => {
    const { id } = h.sim.createTask({ durationMs: 60_000 });
    await h.api.track(id);
    await vscode.commands.executeCommand(Commands.copyConnector, id);
    assert.equal(await vscode.env.clipboard.readText(), id);
  });

  it('opens the latest response as read-only JSON that refreshes in place', async () => {
    const { id } = h.sim.createTask({ durationMs: 60_000 });
    await h.api.track(id, 'Annual report');
    await untilChecked(h, id);
    await vscode.commands.executeCommand(Commands.openResult, id);
    const editor = await waitFor(
      'the result editor',
      () =>
        vscode.window.activeTextEditor?.document.uri.scheme === RESULT_SCHEME &&
        vscode.window.activeTextEditor,
      [vscode.window.onDidChangeActiveTextEditor],
    );
    const document = editor.document;
    assert.equal(document.languageId, 'json');
    assert.equal(document.uri.path, '/Annual report.json');
    assert.equal(document.isDirty, false);
    assert.equal(JSON.parse(document.getText()).result.output.entity.status, 'running');

    const refreshed = waitFor(
      'the document to show the completed task',
      () => /"completed"/.test(document.getText()) && document,
      [vscode.workspace.onDidChangeTextDocument],
    );
    h.sim.advance(60_000);
    h.api.refresh(id);
    await refreshed;
    assert.equal(JSON.parse(document.getText()).result.output.entity.status, 'completed');
    assert.equal(document.isDirty, false, 'a refresh must not leave a save prompt');
    assert.ok(!document.getText().includes('test-token'), 'the token leaked into the document');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('announces finished tasks as vertopal.notifications allows', async () => {
    await configure(Settings.notifications, 'failuresOnly');
    try {
      const quiet = h.sim.createTask({ durationMs: 0, outcome: 'successful' }).id;
      const loud = h.sim.createTask({ durationMs: 0, outcome: 'failed' }).id;
      await h.api.track(quiet, 'quiet-success');
      await untilState(h.api, quiet, 'succeeded');
      await h.api.track(loud, 'loud-failure');
      await untilState(h.api, loud, 'failed');
      const log = await untilLogged(/"loud-failure" failed; notifying/);
      assert.doesNotMatch(log, /"quiet-success" succeeded; notifying/);
    } finally {
      await configure(Settings.notifications, undefined);
    }
  });
});
