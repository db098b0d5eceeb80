import * as vscode from 'vscode';
import type { ResultDocuments } from '../documents/resultDocuments';
import { Commands } from '../ids';
import type { Logger } from '../log';
import type { PollScheduler } from '../monitor/scheduler';
import type { TaskStore } from '../tasks/taskStore';

/**
 * The actions on tracked tasks: from a row of the view (the row's connector is the argument,
 * plus the whole selection for multi-select) or with a connector given by a caller.
 */
export function registerTaskCommands(
  store: TaskStore,
  scheduler: PollScheduler,
  documents: ResultDocuments,
  log: Logger,
): vscode.Disposable[] {
  const known = (connector: unknown): connector is string =>
    typeof connector === 'string' && store.has(connector);

  return [
    vscode.commands.registerCommand(Commands.openResult, async (connector?: string) => {
      if (known(connector)) await documents.open(connector);
    }),
    vscode.commands.registerCommand(Commands.refreshTask, (connector?: string) => {
      if (known(connector)) scheduler.refresh(connector);
    }),
    vscode.commands.registerCommand(Commands.refreshAll, () => scheduler.refresh()),
    vscode.commands.registerCommand(Commands.copyConnector, async (connector?: string) => {
      if (!known(connector)) return;
      await vscode.env.clipboard.writeText(connector);
      vscode.window.setStatusBarMessage(`Copied connector ${connector}`, 3000);
    }),
    vscode.commands.registerCommand(
      Commands.stopTracking,
      (connector?: string, selection?: readonly string[]) => {
        const chosen = selection?.length ? selection : [connector];
        const connectors = chosen.filter(known);
        if (connectors.length === 0) return;
        store.remove(connectors);
        log.info(`stopped tracking ${connectors.join(', ')}`);
      },
    ),
    vscode.commands.registerCommand(Commands.clearFinished, () => {
      const removed = store.clearFinished();
      if (removed.length) log.info(`cleared ${removed.length} finished task(s)`);
    }),
  ];
}
