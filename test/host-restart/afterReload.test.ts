import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { VertopalApi } from '../../src/api';
import { Commands, ContextKeys, EXTENSION_ID } from '../../src/ids';
import { DEFAULT_CREDENTIAL } from '../simulator/simulator';
import type { TestInternals } from '../../src/testInternals';
import { recordMessages, type MessageRecorder } from '../host/support/messages';
import { simControl } from './beforeReload';
import { readMarker, type Marker } from './marker';
import { untilState } from './support';

// The second life of the window, after `workbench.action.reloadWindow` ended the first
// extension host: what was tracked must be back, and what was running must be followed again.
describe('after a window reload', () => {
  let marker: Marker;
  let api: VertopalApi;
  let messages: MessageRecorder;

  before(async () => {
    marker = readMarker()!;
    assert.ok(marker, 'the run before the reload left no marker');
    messages = recordMessages();
    api = await vscode.extensions.getExtension<VertopalApi>(EXTENSION_ID)!.activate();
  });
  after(() => {
    messages.dispose();
    try {
      process.kill(marker.simPid); // the simulator the first run started
    } catch {
      // already gone
    }
  });

  it('brings back every tracked task, including the one saved as the window closed', () => {
    const connectors = api.getTasks().map((t) => t.connector);
    for (const connector of [marker.finished, ...marker.running]) {
      assert.ok(connectors.includes(connector), `${connector} was lost in the reload`);
    }
  });

  it('keeps the finished task finished, with its label', () => {
    const task = api.getTasks().find((t) => t.connector === marker.finished);
    assert.equal(task?.state, 'succeeded');
    assert.equal(task?.label, 'finished before reload');
  });

  it('resumes the unfinished tasks and announces each end once', async () => {
    // This web workbench has no secret provider, so SecretStorage lives in memory and the
    // credentials do not survive a reload (desktop VS Code keeps them in the OS keychain). The
    // tasks wait, shown as "credentials rejected", until the user sets them again.
    const internals = (api as unknown as { testInternals: TestInternals }).testInternals;
    if (internals.contextKeys.get(ContextKeys.credentialsMissing) !== false) {
      await vscode.commands.executeCommand(Commands.setCredentials, DEFAULT_CREDENTIAL);
    }
    await simControl(marker.simUrl, 'clock', { advanceMs: 700_000 });
    for (const connector of marker.running) await untilState(api, connector, 'succeeded');
    await messages.until(/"added just before reload" succeeded/);
    await messages.until(/"running across reload" succeeded/);
    const old = messages.shown.filter((m) => m.text.includes('finished before reload'));
    assert.deepEqual(old, [], 'a task that ended before the reload was announced again');
  });
});
