import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, Settings, Views } from '../../src/ids';
import { SETTING_DEFAULTS } from '../../src/settings';
import { waitFor } from './support/waitFor';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, { default: unknown }> };
  };
}

describe('activation', () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const manifest = extension?.packageJSON as Manifest;

  before(async () => {
    console.log(`    (VS Code ${vscode.version}, ${vscode.env.appHost}, Node ${process.version})`);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
    await extension.activate();
  });

  it('activates', () => {
    assert.equal(extension?.isActive, true);
  });

  it('registers every contributed command, and contributes every command it has', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((c) => c.command);
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
    assert.deepEqual([...contributed].sort(), Object.values(Commands).sort());
  });

  it('contributes the Tracked Tasks view in its own container', () => {
    const views = manifest.contributes.views[Views.container] ?? [];
    assert.deepEqual(
      views.map((v) => v.id),
      [Views.tasks],
    );
  });

  it('has package.json setting defaults equal to the code defaults', () => {
    const properties = manifest.contributes.configuration.properties;
    const codeDefaults: Record<string, unknown> = {
      [Settings.baseUrl]: SETTING_DEFAULTS.baseUrl,
      [Settings.minIntervalSeconds]: SETTING_DEFAULTS.minIntervalSeconds,
      [Settings.maxIntervalSeconds]: SETTING_DEFAULTS.maxIntervalSeconds,
      [Settings.timeoutMinutes]: SETTING_DEFAULTS.timeoutMinutes,
      [Settings.unfocusedSlowdown]: SETTING_DEFAULTS.unfocusedSlowdown,
      [Settings.notifications]: SETTING_DEFAULTS.notifications,
      [Settings.automaticDownload]: SETTING_DEFAULTS.automaticDownload,
    };
    const manifestDefaults = Object.fromEntries(
      Object.entries(properties).map(([id, p]) => [
        id.slice(`${Settings.section}.`.length),
        p.default,
      ]),
    );
    assert.deepEqual(manifestDefaults, codeDefaults);
    const live = vscode.workspace.getConfiguration(Settings.section);
    for (const [id, value] of Object.entries(codeDefaults)) {
      assert.deepEqual(live.inspect(id)?.defaultValue, value, id);
    }
  });

  it('creates the "Vertopal" log output channel', async () => {
    // Output channels are not listed by the API, but a shown channel is an open text document.
    await vscode.commands.executeCommand(Commands.showLog);
    const channel = await waitFor(
      'the Vertopal output channel',
      () => vscode.workspace.textDocuments.find((d) => isOurOutputChannel(d.uri)),
      [vscode.workspace.onDidOpenTextDocument],
    );
    assert.equal(channel.uri.scheme, 'output');
  });
});

function isOurOutputChannel(uri: vscode.Uri): boolean {
  return uri.scheme === 'output' && uri.path === `${EXTENSION_ID}.Vertopal`;
}
