import * as vscode from 'vscode';
import type { VertopalApi } from './api';
import { createApi } from './api';
import { registerCredentialCommands } from './commands/credentialCommands';
import type { MonitorArguments, MonitorResult } from './commands/monitorCommand';
import { registerMonitorCommand } from './commands/monitorCommand';
import { registerClipboardCommand } from './commands/clipboardCommand';
import { registerConvertCommand } from './commands/convertCommand';
import { registerDownloadCommand } from './commands/downloadCommand';
import { MonitorLinkHandler } from './commands/uriHandler';
import { FormatCatalog } from './conversion/formatCatalog';
import { OutputChoices } from './conversion/outputChoices';
import { registerTaskCommands } from './commands/taskCommands';
import { ApiConnection } from './connection';
import { CredentialStore } from './credentials';
import { ResultDocuments } from './documents/resultDocuments';
import { Commands, ContextKeys, StateKeys } from './ids';
import { componentLogger, createLogChannel } from './log';
import { systemClock } from './monitor/clock';
import { PollScheduler } from './monitor/scheduler';
import { affectsSettings, readSettings } from './settings';
import { MementoPersistence } from './tasks/mementoPersistence';
import { parseConnector } from './tasks/connectorInput';
import { TaskStore } from './tasks/taskStore';
import type { TestInternals } from './testInternals';
import { AutoDownloader } from './views/autoDownloader';
import { CompletionNotifier } from './views/completionNotifier';
import { ContextKeySetter } from './views/contextKeys';
import { TaskStatusBar } from './views/statusBar';
import { showTaskProgress } from './views/taskProgress';
import { TaskTree } from './views/taskTree';

export async function activate(context: vscode.ExtensionContext): Promise<VertopalApi> {
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };

  // Logging: one channel, each component tags its lines.
  const channel = own(createLogChannel());
  const log = (component: string) => componentLogger(channel, component);
  const version = String(context.extension.packageJSON.version);
  channel.info(`Vertopal Task Monitor ${version} on VS Code ${vscode.version}`);

  // Settings and credentials.
  let settings = readSettings();
  own(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event)) settings = readSettings();
    }),
  );
  const credentials = own(new CredentialStore(context.secrets));
  const connection = own(
    new ApiConnection(
      credentials,
      () => settings.baseUrl,
      `VertopalTaskMonitor/${version} (VS Code ${vscode.version})`,
      log('api'),
    ),
  );

  // The tracked tasks and the scheduler that polls them.
  const store = own(
    new TaskStore(new MementoPersistence(context.globalState, StateKeys.tasks), (message) => {
      channel.warn(`[store] ${message}`);
    }),
  );
  await store.load();
  const scheduler = own(
    new PollScheduler({
      store,
      check: (connector, signal) => connection.taskResponse(connector, signal),
      clock: systemClock,
      options: () => ({
        minIntervalMs: settings.minIntervalSeconds * 1000,
        maxIntervalMs: settings.maxIntervalSeconds * 1000,
        timeoutMinutes: settings.timeoutMinutes,
        unfocusedFactor: settings.unfocusedSlowdown,
      }),
      log: log('poll'),
    }),
  );
  scheduler.setFocused(vscode.window.state.focused);
  own(vscode.window.onDidChangeWindowState((state) => scheduler.setFocused(state.focused)));

  // Views: tree, status bar, result documents, notifications, welcome-view context keys.
  const tree = own(new TaskTree(store));
  const statusBar = own(new TaskStatusBar(store));
  const documents = own(new ResultDocuments(store));
  own(
    new CompletionNotifier(
      store,
      () => settings.notifications,
      {
        openResult: (connector) => documents.open(connector),
        downloadResult: (connector) =>
          vscode.commands.executeCommand(Commands.downloadResult, connector),
        copyConnector: (connector) =>
          vscode.commands.executeCommand(Commands.copyConnector, connector),
      },
      log('notify'),
    ),
  );
  const contextKeys = new ContextKeySetter();
  const syncTaskKeys = () => {
    const tasks = store.all();
    contextKeys.set(ContextKeys.hasTasks, tasks.length > 0);
    contextKeys.set(
      ContextKeys.credentialRejected,
      tasks.some((t) => t.state === 'unauthorized'),
    );
  };
  own(store.onDidChange(syncTaskKeys));
  syncTaskKeys();
  const syncCredentialKey = async () => {
    const stored = await credentials.get().catch(() => undefined);
    contextKeys.set(ContextKeys.hasCredentials, stored !== undefined);
  };
  await syncCredentialKey();
  // New credentials (here or in another window) may fix what the old ones broke.
  own(
    credentials.onDidChange(async () => {
      await syncCredentialKey();
      scheduler.resumeAfterCredentialChange();
    }),
  );

  // Commands.
  own(registerMonitorCommand(store, tree, (c) => showTaskProgress(store, c), log('monitor')));
  for (const command of registerTaskCommands(store, scheduler, documents, log('tasks'))) {
    own(command);
  }
  for (const command of registerCredentialCommands(credentials, log('credentials'))) own(command);
  own(vscode.commands.registerCommand(Commands.showLog, () => channel.show(true)));

  // Converting files and saving results.
  const formats = new FormatCatalog(async (input, signal) => {
    const reply = await connection.use((client, creds) =>
      client.convertFormats(creds, { sublist: 'outputs', format: input, signal }),
    );
    return reply.value;
  });
  const choices = new OutputChoices(context.globalState, StateKeys.outputChoices);
  own(registerConvertCommand(connection, formats, choices, log('convert')));
  own(registerDownloadCommand(store, connection, log('download')));
  own(new AutoDownloader(store, () => settings.automaticDownload));
  own(registerClipboardCommand());
  own(vscode.window.registerUriHandler(new MonitorLinkHandler(log('link'))));

  // The API other extensions (and the tests) use.
  const changed = own(new vscode.EventEmitter<void>());
  own(store.onDidChange(() => changed.fire()));
  const api = createApi(store, scheduler, changed.event, async (connector, label) => {
    const parsed = parseConnector(connector);
    if (!parsed.ok) throw new Error(parsed.problem);
    const args: MonitorArguments = { connector: parsed.connector, label };
    const result = await vscode.commands.executeCommand<MonitorResult>(Commands.monitorTask, args);
    return result.added;
  });
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    const internals: TestInternals = { tree, statusBar, contextKeys };
    return Object.assign(Object.create(api) as VertopalApi, { testInternals: internals });
  }
  return api;
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes.
}
