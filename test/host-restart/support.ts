import type { TaskInfo, VertopalApi } from '../../src/api';
import type { TaskState } from '../../src/tasks/task';
import { waitFor } from '../host/support/waitFor';

// The host suite's helpers take its in-process harness; these take the API alone, because here
// the simulator runs in its own process to outlive the reload.

export function untilState(
  api: VertopalApi,
  connector: string,
  ...states: TaskState[]
): Promise<TaskInfo> {
  const find = () => api.getTasks().find((t) => t.connector === connector);
  return waitFor(
    `${connector} to become ${states.join(' or ')} (is ${find()?.state})`,
    () => {
      const task = find();
      return task && states.includes(task.state) ? task : undefined;
    },
    [api.onDidChangeTasks],
  );
}

export function untilChecked(api: VertopalApi, connector: string): Promise<TaskInfo> {
  return waitFor(
    `a first check of ${connector}`,
    () => api.getTasks().find((t) => t.connector === connector && t.lastCheckedAt !== undefined),
    [api.onDidChangeTasks],
  );
}
