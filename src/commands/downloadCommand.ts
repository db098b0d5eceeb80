import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApiConnection } from '../connection';
import { besideSource, exists, freeName } from '../conversion/downloadTarget';
import { describeTransferFailure } from '../conversion/uploadProblems';
import { Commands } from '../ids';
import type { Logger } from '../log';
import type { TrackedTask } from '../tasks/task';
import type { TaskStore } from '../tasks/taskStore';
import { taskTitle } from '../views/taskPresentation';
import { VertopalError } from '../vertopal/errors';
import { explainApiFailure, withAbortSignal } from './userErrors';

/** For automation and tests: download without dialogs. */
export interface DownloadArguments {
  readonly connector: string;
  /** Where to save; default: beside the source file, else a save dialog. */
  readonly destination?: string;
  /** When the destination exists: true replaces it, false saves beside it; unset asks. */
  readonly overwrite?: boolean;
  readonly cancellation?: vscode.CancellationToken;
  /** Skips the "Open / Reveal" message, e.g. for automatic downloads. */
  readonly quiet?: boolean;
}

/**
 * "Download Result": asks Vertopal for a download link of a succeeded task and streams the file
 * to disk with progress. Resolves to the saved path, or undefined when nothing was saved.
 */
export function registerDownloadCommand(
  store: TaskStore,
  connection: ApiConnection,
  log: Logger,
): vscode.Disposable {
  return vscode.commands.registerCommand(
    Commands.downloadResult,
    async (given?: string | DownloadArguments): Promise<string | undefined> => {
      const args = typeof given === 'string' ? { connector: given } : given;
      const task = args && store.get(args.connector);
      if (!args || !task) return undefined;
      if (task.state !== 'succeeded') {
        void vscode.window.showWarningMessage(
          `"${taskTitle(task)}" has no converted file to download (it is ${task.state}).`,
        );
        return undefined;
      }
      try {
        return await download(task, args, connection, log);
      } catch (error) {
        if (error instanceof VertopalError && error.kind === 'cancelled') {
          log.info(`download of ${task.connector} cancelled; no file left behind`);
          return undefined;
        }
        if (error instanceof VertopalError && error.details.code) {
          log.warn(`download of ${task.connector}: ${error.message}`);
          const message = describeTransferFailure('Downloading', taskTitle(task), error);
          void vscode.window.showErrorMessage(message);
          return undefined;
        }
        explainApiFailure(`Downloading "${taskTitle(task)}" failed`, error, log);
        return undefined;
      }
    },
  );
}

async function download(
  task: TrackedTask,
  args: DownloadArguments,
  connection: ApiConnection,
  log: Logger,
): Promise<string | undefined> {
  const link = await connection.use((client, credentials) =>
    client.downloadUrl(credentials, task.connector),
  );
  const target = await chooseTarget(task, link.value.name, args);
  if (!target) return undefined;

  const name = path.basename(target);
  const bytes = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Vertopal: downloading ${name}`,
      cancellable: true,
    },
    (progress, token) =>
      withAbortSignal([token, args.cancellation], async (signal) => {
        let reported = 0;
        const reply = await connection.use((client, credentials) =>
          client.downloadFile(credentials, link.value.connector, target, {
            signal,
            onProgress: (received, total) => {
              if (!total) return;
              const percent = Math.floor((received / total) * 100);
              progress.report({ increment: percent - reported });
              reported = percent;
            },
          }),
        );
        return reply.value.bytes;
      }),
  );
  log.info(`saved ${bytes} bytes of ${task.connector} to ${target}`);
  if (!args.quiet) void offerToOpen(target);
  return target;
}

/** The destination path, or undefined when the user backed out. */
async function chooseTarget(
  task: TrackedTask,
  outputName: string,
  args: DownloadArguments,
): Promise<string | undefined> {
  let target = args.destination;
  if (!target && task.source) target = besideSource(task.source.path, outputName);
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const chosen = await vscode.window.showSaveDialog({
      title: 'Save Converted File',
      defaultUri: folder ? vscode.Uri.joinPath(folder, outputName) : undefined,
    });
    if (!chosen) return undefined;
    return chosen.fsPath; // the save dialog already asked about replacing
  }
  if (!(await exists(target))) return target;
  const overwrite = args.overwrite ?? (await askOverwrite(target));
  if (overwrite === undefined) return undefined;
  return overwrite ? target : freeName(target);
}

async function askOverwrite(target: string): Promise<boolean | undefined> {
  const replace = 'Replace';
  const keepBoth = 'Keep Both';
  const choice = await vscode.window.showWarningMessage(
    `"${path.basename(target)}" already exists in ${path.dirname(target)}.`,
    { modal: true, detail: 'Replace it with the converted file, or save the new one beside it?' },
    replace,
    keepBoth,
  );
  return choice === undefined ? undefined : choice === replace;
}

async function offerToOpen(target: string): Promise<void> {
  const open = 'Open';
  const reveal = 'Reveal in Explorer';
  const choice = await vscode.window.showInformationMessage(
    `Saved ${path.basename(target)}.`,
    open,
    reveal,
  );
  const uri = vscode.Uri.file(target);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', uri);
  if (choice === reveal) await vscode.commands.executeCommand('revealInExplorer', uri);
}
