import * as vscode from 'vscode';
import { Settings } from './ids';
import type { SchedulerOptions } from './monitor/scheduler';
import { VertopalError } from './vertopal/errors';
import { parseBaseUrl } from './vertopal/origin';

export type NotificationLevel = 'all' | 'failuresOnly' | 'none';

/** The settings as the code uses them: defaults applied, numbers clamped to a safe range. */
export interface MonitorSettings {
  readonly baseUrl: string;
  readonly minIntervalSeconds: number;
  readonly maxIntervalSeconds: number;
  readonly timeoutMinutes: number;
  readonly unfocusedSlowdown: number;
  readonly notifications: NotificationLevel;
  readonly automaticDownload: boolean;
}

/** Defaults, and the ranges a value is clamped into. package.json must agree (a test checks). */
export const SETTING_DEFAULTS: MonitorSettings = {
  baseUrl: 'https://api.vertopal.com',
  minIntervalSeconds: 3,
  maxIntervalSeconds: 40,
  timeoutMinutes: 180,
  unfocusedSlowdown: 3,
  notifications: 'all',
  automaticDownload: false,
};

const RANGES = {
  minIntervalSeconds: [1, 600],
  maxIntervalSeconds: [5, 3600],
  timeoutMinutes: [1, 10080],
  unfocusedSlowdown: [1, 20],
} as const;

const NOTIFICATION_LEVELS: readonly NotificationLevel[] = ['all', 'failuresOnly', 'none'];

/**
 * Reads the settings. Out-of-range or mistyped values fall back to a clamp or the default rather
 * than reaching the scheduler, where an interval of 0 would hammer the API.
 */
export function readSettings(
  config: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration(Settings.section),
): MonitorSettings {
  const number = (key: keyof typeof RANGES, id: string): number => {
    const value = config.get<unknown>(id);
    const [low, high] = RANGES[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) return SETTING_DEFAULTS[key];
    return Math.min(high, Math.max(low, value));
  };
  const min = number('minIntervalSeconds', Settings.minIntervalSeconds);
  const notifications = config.get<unknown>(Settings.notifications);
  // baseUrl is application-scoped: read only the user's global value, so a workspace's
  // settings.json can never redirect the token even if VS Code ignored the scope.
  const baseUrl = config.inspect<unknown>(Settings.baseUrl)?.globalValue;
  return {
    baseUrl:
      typeof baseUrl === 'string' && baseUrl.trim() ? baseUrl.trim() : SETTING_DEFAULTS.baseUrl,
    minIntervalSeconds: min,
    maxIntervalSeconds: Math.max(min, number('maxIntervalSeconds', Settings.maxIntervalSeconds)),
    timeoutMinutes: number('timeoutMinutes', Settings.timeoutMinutes),
    unfocusedSlowdown: number('unfocusedSlowdown', Settings.unfocusedSlowdown),
    notifications: NOTIFICATION_LEVELS.includes(notifications as NotificationLevel)
      ? (notifications as NotificationLevel)
      : SETTING_DEFAULTS.notifications,
    automaticDownload: config.get<unknown>(Settings.automaticDownload) === true,
  };
}

/** True when a configuration change touches any of this extension's settings. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(Settings.section);
}

/**
 * Why the configured API address cannot be used, in words for the user; undefined when it can.
 * The client refuses such an address anyway; this is so the user hears why, at the moment the
 * setting changes, rather than finding tasks quietly unanswered.
 */
export function baseUrlProblem(baseUrl: string): string | undefined {
  try {
    parseBaseUrl(baseUrl);
    return undefined;
  } catch (error) {
    return error instanceof VertopalError ? error.message : String(error);
  }
}

/** The warning shown once for an unusable `vertopal.api.baseUrl`. */
export function baseUrlWarning(problem: string): string {
  return (
    `${problem} Change the setting vertopal.api.baseUrl (user settings); until then no ` +
    'Vertopal task is checked.'
  );
}

/** What the poll scheduler needs from the settings, in its units. */
export function schedulerOptions(settings: MonitorSettings): SchedulerOptions {
  return {
    minIntervalMs: settings.minIntervalSeconds * 1000,
    maxIntervalMs: settings.maxIntervalSeconds * 1000,
    timeoutMinutes: settings.timeoutMinutes,
    unfocusedFactor: settings.unfocusedSlowdown,
  };
}
