// Small text helpers for what the views show. No VS Code import, so they are unit tested.

/** "42 s", "1m 20s", "2h 5m", "3d 4h": short and steady enough for a tree description. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** "3 vCredits", "1 vCredit". */
export function formatCredits(vcredits: number): string {
  return `${vcredits} vCredit${vcredits === 1 ? '' : 's'}`;
}

/** Local wall-clock time, e.g. "14:05:09", for "until …" and "last checked …". */
export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour12: false });
}
