import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { Logger } from '../log';
import { isConnector } from '../tasks/connectorInput';
import { replaceControlCharacters } from '../text';
import type { MonitorArguments, MonitorResult } from './monitorCommand';

/** Asks the user whether to act on a link; resolves true to go ahead. */
export type ConfirmLink = (message: string, detail: string) => Thenable<boolean>;

/**
 * Handles `vscode://<publisher>.vertopal-task-monitor/monitor?connector=<id>&label=<text>`.
 * A link can come from any web page, so nothing happens before the user says yes.
 */
export class MonitorLinkHandler implements vscode.UriHandler {
  constructor(
    private readonly log: Logger,
    private readonly confirm: ConfirmLink = askUser,
  ) {}

  handleUri(uri: vscode.Uri): void {
    void this.open(uri);
  }

  /** Resolves to what monitoring led to, or undefined when the link was refused or declined. */
  async open(uri: vscode.Uri): Promise<MonitorResult | undefined> {
    if (uri.path !== '/monitor') {
      this.log.warn(`ignored a link to an unknown path: ${uri.path}`);
      void vscode.window.showWarningMessage(`Vertopal cannot open links to "${uri.path}".`);
      return undefined;
    }
    const query = new URLSearchParams(uri.query);
    const connector = query.get('connector')?.trim() ?? '';
    if (!isConnector(connector)) {
      void vscode.window.showErrorMessage('The Vertopal link holds no valid connector.');
      return undefined;
    }
    const rawLabel = query.get('label');
    const label = rawLabel ? replaceControlCharacters(rawLabel).trim().slice(0, 200) : undefined;
    const named = label ? `"${label}" (${connector})` : connector;
    const yes = await this.confirm(
      `Monitor Vertopal task ${named}?`,
      'A link asked VS Code to track this task. Its status will be checked with your credentials.',
    );
    if (!yes) return undefined;
    this.log.info(`monitoring ${connector} from a link`);
    const args: MonitorArguments = { connector, label };
    return vscode.commands.executeCommand<MonitorResult>(Commands.monitorTask, args);
  }
}

async function askUser(message: string, detail: string): Promise<boolean> {
  const monitor = 'Monitor';
  const choice = await vscode.window.showInformationMessage(
    message,
    { modal: true, detail },
    monitor,
  );
  return choice === monitor;
}
