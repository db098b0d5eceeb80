import * as vscode from 'vscode';
import { Commands } from './ids';
import { createLogChannel } from './log';

export function activate(context: vscode.ExtensionContext) {
  const log = createLogChannel();
  context.subscriptions.push(log);
  log.info('activated');
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => log.show()));
  return { logFile: () => vscode.Uri.joinPath(context.logUri, 'Vertopal.log').fsPath, env: process.env, logUri: context.logUri.fsPath };
}
