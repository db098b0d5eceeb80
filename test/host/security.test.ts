import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../src/ids';
import { resultUri } from '../../src/documents/resultUri';
import { startSimulator, type Simulator } from '../simulator/simulator';
import type { Harness } from './support/harness';
import {
  configure,
  harness,
  logDocument,
  resetAll,
  untilChecked,
  untilState,
} from './support/harness';
import { recordMessages, type MessageRecorder } from './support/messages';
import { waitFor } from './support/waitFor';
import { startTrapServer, type TrapServer } from './support/trapServer';

// Where the token may be: SecretStorage and the Authorization header to the configured API.
// Nowhere else, whatever the server sends back, and no workspace can send it somewhere else.
const SECRET = { app: 'sec-app', token: 'tok-LEAKCHECK-5d1e8b27c4' };

describe('security', () => {
  let h: Harness;
  let sim: Simulator;
  let trap: TrapServer;
  let messages: MessageRecorder;

  before(async () => {
    h = await harness();
    sim = await startSimulator({ credentials: [SECRET] });
    trap = await startTrapServer();
    messages = recordMessages();
    await configure(Settings.baseUrl, sim.url);
    await vscode.commands.executeCommand(Commands.setCredentials, SECRET);
  });
  after(async () => {
    messages.dispose();
    await configure(Settings.baseUrl, h.sim.url);
    await resetAll(h);
    await trap.close();
    await sim.close();
  });

  it('keeps the token out of settings, stored tasks, the log, documents and messages', async () => {
    const ok = sim.createTask({ durationMs: 0 }).id;
    const echoed = sim.createTask({ durationMs: 0 }).id;
    // A server that echoes the token back, in an error and in an otherwise good reply.
    sim.faults.add({
      fault: 'errorBody',
      code: 'X',
      message: `bad ${SECRET.token}`,
      connector: echoed,
      times: 1,
    });
    const refused = sim.createTask({ durationMs: 0 }).id;
    sim.faults.add({ fault: 'status', httpStatus: 403, connector: refused, times: 1 });
    for (const id of [ok, echoed, refused]) await h.api.track(id, `leak ${id.slice(0, 4)}`);
    await untilState(h.api, ok, 'succeeded');
    await untilState(h.api, refused, 'unauthorized', 'succeeded');
    await vscode.commands.executeCommand(Commands.setCredentials, SECRET);
    await untilState(h.api, echoed, 'succeeded');
    await untilState(h.api, refused, 'succeeded');

    const places: Record<string, string> = {
      'settings (vertopal, http)': JSON.stringify([
        vscode.workspace.getConfiguration('vertopal'),
        vscode.workspace.getConfiguration('http'),
      ]),
      // What the store writes to globalState is exactly this list (see taskCodec.encodeState).
      'tracked tasks': JSON.stringify(h.api.getTasks()),
      log: (await logDocument()).getText(),
      messages: JSON.stringify(messages.shown),
    };
    for (const id of [ok, echoed, refused]) {
      const tree = h.internals.tree;
      const row = tree.resolveTreeItem(tree.getTreeItem(id), id);
      places[`tree row ${id}`] = (row.tooltip as vscode.MarkdownString).value;
      const document = await vscode.workspace.openTextDocument(resultUri(id, undefined));
      places[`result document ${id}`] = document.getText();
    }
    for (const [where, text] of Object.entries(places)) {
      assert.ok(!text.includes(SECRET.token), `the token is in ${where}`);
    }
    assert.ok(sim.requests.length >= 3, 'the scan is only meaningful if requests were made');
    assert.doesNotMatch(places.log, /authorization|bearer/i, 'a log line printed a header');
  });

  it("ignores a workspace's .vscode/settings.json that points the API elsewhere", async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host runs with a workspace folder');
    const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    // The window-scoped key proves VS Code read the file; baseUrl must still be ignored.
    await fs.writeFile(
      file,
      JSON.stringify({ 'vertopal.api.baseUrl': trap.url, 'vertopal.polling.unfocusedSlowdown': 7 }),
    );
    try {
      await waitFor(
        'the workspace settings to load',
        () => vscode.workspace.getConfiguration('vertopal').get('polling.unfocusedSlowdown') === 7,
        [vscode.workspace.onDidChangeConfiguration],
      );
      const id = sim.createTask({ durationMs: 0 }).id;
      await h.api.track(id);
      await untilState(h.api, id, 'succeeded');
      assert.equal(trap.visits.length, 0, 'a request went to the workspace-chosen address');
      assert.ok(sim.requests.some((r) => (r.data as { connector?: string }).connector === id));
    } finally {
      await fs.rm(file);
    }
  });

  it('refuses plain http to another machine, says so once, and sends nothing', async () => {
    const id = sim.createTask({ durationMs: 60_000 }).id;
    await h.api.track(id, 'plain http');
    await untilChecked(h, id);
    const before = sim.requests.length;
    await configure(Settings.baseUrl, 'http://api.vertopal.com');
    await messages.until(/must use https/);
    h.api.refresh(id);
    await untilState(h.api, id, 'unreachable');
    h.api.refresh(id);
    await untilState(h.api, id, 'unreachable');
    const warnings = messages.shown.filter((m) => /must use https/.test(m.text));
    assert.equal(warnings.length, 1, 'the warning is shown once, not on every check');
    await configure(Settings.baseUrl, sim.url);
    sim.advance(60_000);
    await untilState(h.api, id, 'succeeded');
    assert.ok(sim.requests.length > before);
  });
});
