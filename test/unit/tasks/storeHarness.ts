import type { TaskPersistence } from '../../../src/tasks/persistence';
import { MemoryPersistence } from '../../../src/tasks/persistence';
import type { TaskChange } from '../../../src/tasks/taskStore';
import { TaskStore } from '../../../src/tasks/taskStore';

/** A store at a fixed time, with its events (as `kind:connector`) and warnings recorded. */
export function storeWith(persistence: TaskPersistence = new MemoryPersistence(), now = 1_000_000) {
  const warnings: string[] = [];
  const store = new TaskStore(
    persistence,
    (message) => warnings.push(message),
    () => now,
  );
  const events: string[] = [];
  store.onDidChange(({ kind, task }: TaskChange) => events.push(`${kind}:${task.connector}`));
  return { store, events, warnings, persistence };
}
