import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApiConnection } from '../connection';
import type { FormatCatalog } from '../conversion/formatCatalog';
import { inputFormatOf } from '../conversion/formatCatalog';
import type { OutputChoices } from '../conversion/outputChoices';
import { describeTransferFailure } from '../conversion/uploadProblems';
import { Commands } from '../ids';
import type { Logger } from '../log';
import { VertopalError } from '../vertopal/errors';
import type { MonitorArguments, MonitorResult } from './monitorCommand';
import { explainApiFailure, withAbortSignal } from './userErrors';

/** For keybindings, other extensions and tests: convert these files to `output`, asking nothing. */
export interface ConvertArguments {
  readonly files: readonly vscode.Uri[];
  readonly output?: string;
  /** Cancels like the notification's Cancel button does. */
  readonly cancellation?: vscode.CancellationToken;
}

export interface ConvertResult {
  readonly file: string;
  /** The convert task now tracked; undefined when this file was not converted. */
  readonly connector?: string;
}

/**
 * "Convert File…": upload each file, start an async conversion and track its task under the
 * file's name. From the palette it asks for files; from the Explorer it takes the selection.
 */
export function registerConvertCommand(
  connection: ApiConnection,
  formats: FormatCatalog,
  choices: OutputChoices,
  log: Logger,
): vscode.Disposable {
  return vscode.commands.registerCommand(
    Commands.convertFile,
    async (first?: vscode.Uri | ConvertArguments, selected?: vscode.Uri[]) => {
      const args = toArguments(first, selected);
      const files = args.files.length ? args.files : await pickFiles();
      const results: ConvertResult[] = [];
      // Files are grouped by type so the output format is asked once per type.
      for (const [input, group] of groupByInputFormat(files ?? [])) {
        const output = args.output ?? (await pickOutput(formats, choices, input, log));
        if (!output) {
          results.push(...group.map((file) => ({ file: file.fsPath })));
          continue;
        }
        for (const file of group) {
          const connector = await convertOne(connection, file, output, args.cancellation, log);
          results.push({ file: file.fsPath, connector });
        }
      }
      return results;
    },
  );
}

function toArguments(
  first: vscode.Uri | ConvertArguments | undefined,
  selected: vscode.Uri[] | undefined,
): ConvertArguments {
  if (first instanceof vscode.Uri) return { files: selected?.length ? selected : [first] };
  return first ?? { files: [] };
}

async function pickFiles(): Promise<readonly vscode.Uri[] | undefined> {
  return vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: 'Convert',
    title: 'Convert Files with Vertopal',
  });
}

function groupByInputFormat(files: readonly vscode.Uri[]): Map<string, vscode.Uri[]> {
  const groups = new Map<string, vscode.Uri[]>();
  for (const file of files) {
    const input = inputFormatOf(path.basename(file.fsPath));
    groups.set(input, [...(groups.get(input) ?? []), file]);
  }
  return groups;
}

async function pickOutput(
  formats: FormatCatalog,
  choices: OutputChoices,
  input: string,
  log: Logger,
): Promise<string | undefined> {
  if (!input) {
    void vscode.window.showErrorMessage(
      'Vertopal needs a file extension to know what to convert from.',
    );
    return undefined;
  }
  let outputs: string[];
  try {
    outputs = await formats.outputsFor(input);
  } catch (error) {
    explainApiFailure(`Listing formats for .${input} files failed`, error, log);
    return undefined;
  }
  if (outputs.length === 0) {
    void vscode.window.showErrorMessage(`Vertopal cannot convert .${input} files.`);
    return undefined;
  }
  const last = choices.last(input);
  const items: vscode.QuickPickItem[] = outputs.map((format) => ({
    label: format,
    description: format === last ? 'last used' : undefined,
  }));
  items.sort((a, b) => Number(b.label === last) - Number(a.label === last));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Convert .${input} to…`,
    placeHolder: 'Output format',
  });
  if (!picked) return undefined;
  await choices.remember(input, picked.label);
  return picked.label;
}

async function convertOne(
  connection: ApiConnection,
  file: vscode.Uri,
  output: string,
  cancellation: vscode.CancellationToken | undefined,
  log: Logger,
): Promise<string | undefined> {
  const name = path.basename(file.fsPath);
  if (file.scheme !== 'file') {
    void vscode.window.showErrorMessage(`"${name}" is not on this machine's disk; save it first.`);
    return undefined;
  }
  let step = 'Uploading';
  try {
    const connector = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Vertopal: ${name} → ${output}`,
        cancellable: true,
      },
      (progress, token) =>
        withAbortSignal([token, cancellation], async (signal) => {
          let reported = 0;
          const upload = await connection.use((client, credentials) =>
            client.uploadFile(
              credentials,
              { path: file.fsPath },
              {
                signal,
                onProgress: (sent, total) => {
                  const percent = total ? Math.floor((sent / total) * 90) : 0;
                  progress.report({ message: 'uploading…', increment: percent - reported });
                  reported = percent;
                },
              },
            ),
          );
          step = 'Starting the conversion of';
          progress.report({ message: 'starting the conversion…' });
          const convert = await connection.use((client, credentials) =>
            client.convertFile(credentials, upload.value.connector, output, { signal }),
          );
          return convert.value.connector;
        }),
    );
    log.info(`converting ${name} to ${output}: task ${connector}`);
    const monitor: MonitorArguments = {
      connector,
      label: name,
      source: { kind: 'file', path: file.fsPath },
    };
    await vscode.commands.executeCommand<MonitorResult>(Commands.monitorTask, monitor);
    return connector;
  } catch (error) {
    if (error instanceof VertopalError && error.kind === 'cancelled') {
      log.info(`conversion of ${name} cancelled; nothing is tracked`);
      return undefined;
    }
    if (error instanceof VertopalError && error.kind === 'rejected') {
      log.warn(`${step} ${name}: ${error.message}`);
      void vscode.window.showErrorMessage(describeTransferFailure(step, name, error));
      return undefined;
    }
    explainApiFailure(`${step} "${name}" failed`, error, log);
    return undefined;
  }
}
