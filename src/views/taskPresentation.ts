import * as vscode from 'vscode';
import { formatClock, formatCredits, formatDuration } from '../format';
import { shortConnector } from '../tasks/connectorInput';
import type { TaskState, TrackedTask } from '../tasks/task';

// How a tracked task looks wherever it is shown: icon, one-line description, tooltip. Kept apart
// from the tree provider so the status bar and notifications speak the same words.

const ICONS: Record<TaskState, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('loading~spin'),
  succeeded: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  rateLimited: new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground')),
  unreachable: new vscode.ThemeIcon(
    'debug-disconnect',
    new vscode.ThemeColor('list.warningForeground'),
  ),
  unauthorized: new vscode.ThemeIcon('key', new vscode.ThemeColor('list.errorForeground')),
  notFound: new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground')),
  stale: new vscode.ThemeIcon('history', new vscode.ThemeColor('list.warningForeground')),
};

export function taskIcon(task: TrackedTask): vscode.ThemeIcon {
  return ICONS[task.state];
}

export function taskTitle(task: TrackedTask): string {
  return task.label ?? shortConnector(task.connector);
}

/** The short line beside the title, e.g. "running · 1m 20s" or "succeeded in 42 s · 3 vCredits". */
export function taskDescription(task: TrackedTask, now: number): string {
  const credits = task.vcredits !== undefined ? ` · ${formatCredits(task.vcredits)}` : '';
  const took = formatDuration((task.completedAt ?? now) - task.addedAt);
  switch (task.state) {
    case 'running':
      // A failed check leaves the task running as far as we know; the row must still say that
      // the last check did not get through (the tooltip says why).
      return task.trouble ? `running · ${took} · last check failed, retrying` : `running · ${took}`;
    case 'succeeded':
      // A task that had already finished when it was added: how long it took is unknown here.
      return task.completedAt !== undefined && task.completedAt - task.addedAt < 1000
        ? `succeeded${credits}`
        : `succeeded in ${took}${credits}`;
    case 'failed':
      return `failed${task.error ? ` · ${task.error.code}` : ''}${credits}`;
    case 'rateLimited':
      return task.trouble?.until
        ? `rate limited · until ${formatClock(task.trouble.until)}`
        : 'rate limited';
    case 'unreachable':
      return 'unreachable · retrying';
    case 'unauthorized':
      return 'credentials rejected · paused';
    case 'notFound':
      return 'not found';
    case 'stale':
      return `stale · still running after ${took}`;
  }
}

/** The hover: everything we know, with the connector in full. */
export function taskTooltip(task: TrackedTask): vscode.MarkdownString {
  const lines = [`**${escape(taskTitle(task))}**`, '', `Connector: \`${task.connector}\``];
  lines.push(`State: ${task.state}`);
  if (task.lastStatus) lines.push(`API status: \`${escape(task.lastStatus)}\``);
  if (task.outcome) lines.push(`Conversion: ${escape(task.outcome)}`);
  if (task.vcredits !== undefined) lines.push(`Spent: ${formatCredits(task.vcredits)}`);
  if (task.error) lines.push(`Error: \`${escape(task.error.code)}\` ${escape(task.error.message)}`);
  if (task.warning) {
    lines.push(`Warning: \`${escape(task.warning.code)}\` ${escape(task.warning.message)}`);
  }
  if (task.trouble) lines.push(`⚠ ${escape(task.trouble.message)}`);
  lines.push('', `Tracked since ${new Date(task.addedAt).toLocaleString()}`);
  lines.push(
    task.lastCheckedAt
      ? `Last checked ${new Date(task.lastCheckedAt).toLocaleString()}`
      : 'Not checked yet',
  );
  const tooltip = new vscode.MarkdownString(lines.join('  \n'));
  tooltip.supportThemeIcons = false;
  return tooltip;
}

/** Markdown-escapes text that came from the server or the user. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
