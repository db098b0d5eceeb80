// Every id that package.json and the code share, defined once. A host test checks both sides
// agree, so a renamed command or setting cannot silently stop working.

export const EXTENSION_ID = 'vertopal-community.vertopal-task-monitor';

export const Commands = {
  monitorTask: 'vertopal.monitorTask',
  setCredentials: 'vertopal.setCredentials',
  useFreeCredential: 'vertopal.useFreeCredential',
  clearCredentials: 'vertopal.clearCredentials',
  refreshAll: 'vertopal.refreshAll',
  clearFinished: 'vertopal.clearFinished',
  openResult: 'vertopal.openResult',
  refreshTask: 'vertopal.refreshTask',
  copyConnector: 'vertopal.copyConnector',
  stopTracking: 'vertopal.stopTracking',
  showLog: 'vertopal.showLog',
  convertFile: 'vertopal.convertFile',
  downloadResult: 'vertopal.downloadResult',
  monitorFromClipboard: 'vertopal.monitorFromClipboard',
} as const;

export const Views = {
  container: 'vertopal',
  tasks: 'vertopal.tasks',
} as const;

/** Context keys read by `when` clauses in package.json. */
export const ContextKeys = {
  /** Set once secret storage answered, so the welcome content never flashes the wrong way. */
  credentialsMissing: 'vertopal.credentialsMissing',
  credentialRejected: 'vertopal.credentialRejected',
  hasTasks: 'vertopal.hasTasks',
} as const;

/** `contextValue` of tree items; menus match the prefix. */
export const TreeItemContext = {
  task: 'vertopal.task',
} as const;

export const Settings = {
  section: 'vertopal',
  baseUrl: 'api.baseUrl',
  minIntervalSeconds: 'polling.minIntervalSeconds',
  maxIntervalSeconds: 'polling.maxIntervalSeconds',
  timeoutMinutes: 'polling.timeoutMinutes',
  unfocusedSlowdown: 'polling.unfocusedSlowdown',
  notifications: 'notifications',
  automaticDownload: 'download.automatic',
} as const;

/** URI scheme of the read-only result documents. */
export const RESULT_SCHEME = 'vertopal-task';

/** Keys in globalState. */
export const StateKeys = {
  tasks: 'vertopal.trackedTasks',
  outputChoices: 'vertopal.lastOutputFormats',
} as const;

/** Keys in SecretStorage. */
export const SecretKeys = {
  credentials: 'vertopal.credentials',
} as const;
