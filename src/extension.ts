import * as vscode from 'vscode';
import type { VertopalApi } from './api';
import { createApi } from './api';
import { registerClipboardCommand } from './commands/clipboardCommand';
import { registerConvertCommand } from './commands/convertCommand';
import { registerCredentialCommands } from './commands/credentialCommands';
import { registerDownloadCommand } from './commands/downloadCommand';
import { registerMonitorCommand } from './commands/monitorCommand';
import { registerTaskCommands } from './commands/taskCommands';
import { MonitorLinkHandler } from './commands/uriHandler';
import { ApiConnection, timeoutsFromTestEnvironment } from './connection';
import { FormatCatalog } from './conversion/formatCatalog';
import { OutputChoices } from './conversion/outputChoices';
import { CredentialStore } from './credentials';
import { ResultDocuments } from './documents/resultDocuments';
import { Commands, StateKeys } from './ids';
import { LiveSettings } from './liveSettings';
import { componentLogger, createLogChannel } from './log';
import { systemClock } from './monitor/clock';
import { PollScheduler } from './monitor/scheduler';
import { schedulerOptions } from './settings';
import { MementoPersistence } from './tasks/mementoPersistence';
import { TaskStore } from './tasks/taskStore';
import type { TestInternals } from './testInternals';
import { AutoDownloader } from './views/autoDownloader';
import { CompletionNotifier } from './views/completionNotifier';
import { TaskStatusBar } from './views/statusBar';
import { showTaskProgress } from './views/taskProgress';
import { TaskTree } from './views/taskTree';
import { WelcomeContext } from './views/welcomeContext';

export async function activate(context: vscode.ExtensionContext): Promise<VertopalApi> {
  const started = performance.now();
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };

  // Logging: one channel; each component tags its lines.
  const channel = own(createLogChannel());
  const log = (component: string) => componentLogger(channel, component);
  const version = String(context.extension.packageJSON.version);
  channel.info(`Vertopal Task Monitor ${version} on VS Code ${vscode.version}`);

  // Settings, credentials, and the connection to the API that joins them.
  const settings = own(new LiveSettings());
  const credentials = own(new CredentialStore(context.secrets));
  const userAgent = `VertopalTaskMonitor/${version} (VS Code ${vscode.version})`;
  // Tests shorten the client's timeouts through the environment; nothing else can.
  const timeouts =
    context.extensionMode === vscode.ExtensionMode.Test ? timeoutsFromTestEnvironment : undefined;
  const connection = own(
    new ApiConnection(credentials, () => settings.current.baseUrl, userAgent, log('api'), {
      timeouts,
    }),
  );

  // The tracked tasks, and the scheduler that polls the unfinished ones.
  const persistence = new MementoPersistence(context.globalState, StateKeys.tasks);
  const store = own(new TaskStore(persistence, (message) => log('store').warn(message)));
  await store.load();
  const scheduler = own(
    new PollScheduler({
      store,
      check: (connector, signal) => connection.taskResponse(connector, signal),
      clock: systemClock,
      options: () => schedulerOptions(settings.current),
      log: log('poll'),
    }),
  );
  scheduler.setFocused(vscode.window.state.focused);
  own(
    vscode.window.onDidChangeWindowState((state) => {
      scheduler.setFocused(state.focused);
      // Other windows share the stored list; take in what they changed while we were away.
      if (state.focused) void store.syncFromStorage();
    }),
  );
  // New credentials (here or in another window), a new address or proxy: worth asking again.
  own(credentials.onDidChange(() => scheduler.resumeAfterCredentialChange()));
  own(connection.onDidChangeNetwork(() => scheduler.refresh()));

  // Views: tree, status bar, result documents, notifications, welcome content.
  const tree = own(new TaskTree(store));
  const statusBar = own(new TaskStatusBar(store));
  const documents = own(new ResultDocuments(store));
  const run = (command: string) => (connector: string) =>
    vscode.commands.executeCommand(command, connector);
  own(
    new CompletionNotifier(
      store,
      () => settings.current.notifications,
      {
        openResult: (connector) => documents.open(connector),
        downloadResult: run(Commands.downloadResult),
        copyConnector: run(Commands.copyConnector),
      },
      log('notify'),
    ),
  );
  const welcome = own(new WelcomeContext(store, credentials));

  // Commands for following tasks.
  own(registerMonitorCommand(store, tree, (c) => showTaskProgress(store, c), log('monitor')));
  own(registerClipboardCommand());
  own(vscode.window.registerUriHandler(new MonitorLinkHandler(log('link'))));
  registerTaskCommands(store, scheduler, documents, log('tasks')).forEach(own);
  registerCredentialCommands(credentials, log('credentials')).forEach(own);
  own(vscode.commands.registerCommand(Commands.showLog, () => channel.show(true)));

  // Commands for converting files and saving results.
  const formats = new FormatCatalog(async (input, signal) => {
    const reply = await connection.use((client, creds) =>
      client.convertFormats(creds, { sublist: 'outputs', format: input, signal }),
    );
    return reply.value;
  });
  const choices = new OutputChoices(context.globalState, StateKeys.outputChoices);
  own(registerConvertCommand(connection, formats, choices, log('convert')));
  own(registerDownloadCommand(store, connection, log('download')));
  own(new AutoDownloader(store, () => settings.current.automaticDownload));

  // The API for other extensions; integration tests also get a look inside.
  const api = createApi(store, scheduler, context.subscriptions);
  channel.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  const testInternals: TestInternals = { tree, statusBar, contextKeys: welcome.keys };
  return Object.assign(Object.create(api) as VertopalApi, { testInternals });
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes.
}
