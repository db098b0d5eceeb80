import * as vscode from 'vscode';
import { Commands } from '../ids';
import { parseConnector } from '../tasks/connectorInput';
import type { MonitorArguments, MonitorResult } from './monitorCommand';

/** "Monitor Connector from Clipboard": the one-gesture path after copying an id elsewhere. */
export function registerClipboardCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.monitorFromClipboard, async () => {
    const parsed = parseConnector(await vscode.env.clipboard.readText());
    if (!parsed.ok) {
      void vscode.window.showWarningMessage(`The clipboard holds no connector: ${parsed.problem}`);
      return undefined;
    }
    const args: MonitorArguments = { connector: parsed.connector };
    return vscode.commands.executeCommand<MonitorResult>(Commands.monitorTask, args);
  });
}
