import * as vscode from 'vscode';
import type { MonitorArguments, MonitorResult } from './commands/monitorCommand';
import { Commands } from './ids';
import type { PollScheduler } from './monitor/scheduler';
import { parseConnector } from './tasks/connectorInput';
import type { TaskState, TrackedTask } from './tasks/task';
import type { TaskStore } from './tasks/taskStore';

/** A tracked task as other extensions see it: a frozen copy, never a live object. */
export interface TaskInfo {
  readonly connector: string;
  readonly label: string | undefined;
  /**
   * `running`, `succeeded` or `failed` are the task's own states. The rest say why it is not
   * being followed normally: `rateLimited`, `unreachable`, `unauthorized`, `notFound`, `stale`.
   */
  readonly state: TaskState;
  readonly lastCheckedAt: number | undefined;
  readonly vcredits: number | undefined;
  readonly lastResponse: unknown;
}

/** What `activate` returns: `vscode.extensions.getExtension(id).exports`. */
export interface VertopalApi {
  getTasks(): readonly TaskInfo[];
  readonly onDidChangeTasks: vscode.Event<void>;
  /** Starts tracking a connector (validated); resolves to false if it was tracked already. */
  track(connector: string, label?: string): Promise<boolean>;
  untrack(connector: string): void;
  /** Checks one task, or every unfinished one, now. */
  refresh(connector?: string): void;
}

/** The API object; `onDidChangeTasks` is disposed with `subscriptions`. */
export function createApi(
  store: TaskStore,
  scheduler: PollScheduler,
  subscriptions: vscode.Disposable[],
): VertopalApi {
  const changed = new vscode.EventEmitter<void>();
  subscriptions.push(
    changed,
    store.onDidChange(() => changed.fire()),
  );
  return Object.freeze({
    getTasks: () => store.all().map(toInfo),
    onDidChangeTasks: changed.event,
    track,
    untrack: (connector: string) => void store.remove([connector]),
    refresh: (connector?: string) => scheduler.refresh(connector),
  });
}

/** Tracks through the command, so callers get the same validation and feedback as people. */
async function track(connector: string, label?: string): Promise<boolean> {
  const parsed = parseConnector(connector);
  if (!parsed.ok) throw new Error(parsed.problem);
  const args: MonitorArguments = { connector: parsed.connector, label };
  const result = await vscode.commands.executeCommand<MonitorResult>(Commands.monitorTask, args);
  return result.added;
}

function toInfo(task: TrackedTask): TaskInfo {
  return Object.freeze({
    connector: task.connector,
    label: task.label,
    state: task.state,
    lastCheckedAt: task.lastCheckedAt,
    vcredits: task.vcredits,
    lastResponse: structuredClone(task.lastResponse),
  });
}
