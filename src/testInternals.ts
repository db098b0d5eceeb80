import type { ContextKeySetter } from './views/contextKeys';
import type { TaskStatusBar } from './views/statusBar';
import type { TaskTree } from './views/taskTree';

/**
 * Parts that integration tests inspect directly, because VS Code offers no API to read a tree
 * view's rows or a status bar item back. Attached to the API only in extension test mode.
 */
export interface TestInternals {
  readonly tree: TaskTree;
  readonly statusBar: TaskStatusBar;
  readonly contextKeys: ContextKeySetter;
}
