import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { Logger } from '../log';
import { parseConnector } from '../tasks/connectorInput';
import type { TaskSource } from '../tasks/task';
import type { TaskStore } from '../tasks/taskStore';
import { replaceControlCharacters } from '../text';
import type { TaskTree } from '../views/taskTree';

export interface MonitorArguments {
  readonly connector?: string;
  readonly label?: string;
  readonly source?: TaskSource;
}

/** What monitoring led to, for callers such as the public API and tests. */
export interface MonitorResult {
  readonly connector: string;
  readonly added: boolean;
}

/**
 * "Monitor Vertopal Task": asks for a connector and an optional label, unless both came as
 * arguments, then tracks it. A connector already tracked is revealed instead of duplicated.
 */
export function registerMonitorCommand(
  store: TaskStore,
  tree: TaskTree,
  showProgress: (connector: string) => void,
  log: Logger,
): vscode.Disposable {
  return vscode.commands.registerCommand(
    Commands.monitorTask,
    async (args?: MonitorArguments): Promise<MonitorResult | undefined> => {
      const connector = args?.connector !== undefined ? checked(args.connector) : await ask();
      if (!connector) return undefined;
      const label =
        args?.connector !== undefined ? args.label : await askLabel(store.has(connector));
      if (label === null) return undefined;

      const { added } = store.add(connector, cleanLabel(label), args?.source);
      // Saved before we answer: a task the user was told is tracked survives a crash that
      // comes right after.
      await store.flush();
      log.info(`${added ? 'tracking' : 'already tracking'} ${connector}`);
      if (added) showProgress(connector);
      await tree.reveal(connector).catch(() => undefined); // the view may be hidden; not an error
      return { connector, added };
    },
  );
}

/** Validates a connector given as an argument; a bad one is an error, not a prompt. */
function checked(text: string): string | undefined {
  const parsed = parseConnector(String(text));
  if (parsed.ok) return parsed.connector;
  void vscode.window.showErrorMessage(`Cannot monitor that task: ${parsed.problem}`);
  return undefined;
}

async function ask(): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Monitor Vertopal Task',
    prompt: 'Connector of the task to follow; a pasted JSON reply or CLI line works too',
    placeHolder: 'e.g. 3f2b9c1e-8a7d-4e6f-9b0a-1c2d3e4f5a6b',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseConnector(value);
      return parsed.ok ? undefined : parsed.problem;
    },
  });
  if (text === undefined) return undefined;
  const parsed = parseConnector(text);
  return parsed.ok ? parsed.connector : undefined;
}

/** Undefined for "no label", null when the user cancelled. */
async function askLabel(alreadyTracked: boolean): Promise<string | undefined | null> {
  if (alreadyTracked) return undefined;
  const label = await vscode.window.showInputBox({
    title: 'Monitor Vertopal Task',
    prompt: 'Optional label shown in the list (press Enter to skip)',
    ignoreFocusOut: true,
    validateInput: (value) => (value.length > 200 ? 'Keep the label under 200 characters.' : ''),
  });
  return label === undefined ? null : label;
}

function cleanLabel(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  const clean = replaceControlCharacters(label).trim().slice(0, 200);
  return clean ? clean : undefined;
}
