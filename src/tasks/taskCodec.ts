// The stored form of the task list: writing it, and reading it back without trusting it. Stored
// state outlives versions of this extension and can be edited by hand, so every entry is checked
// field by field; what can be repaired is, and the rest is dropped with a note saying why.

import type { ApiNotice } from '../vertopal/types';
import type { TaskSource, TaskState, TrackedTask, Trouble } from './task';
import { TASK_STATES, tidy } from './task';

export const STORAGE_VERSION = 1;

/**
 * Replies larger than this (as JSON characters) stay in memory but are not stored: globalState
 * is rewritten whole on every change, and one huge reply must not slow every later write.
 */
export const MAX_STORED_RESPONSE_CHARS = 256 * 1024;

export interface StoredState {
  readonly version: typeof STORAGE_VERSION;
  readonly tasks: readonly TrackedTask[];
}

export interface DecodedState {
  readonly tasks: TrackedTask[];
  /** One line per thing that was not as expected; empty when the state was clean. */
  readonly notes: string[];
}

export function encodeState(tasks: readonly TrackedTask[]): StoredState {
  return {
    version: STORAGE_VERSION,
    tasks: tasks.map((task) =>
      responseTooLarge(task) ? tidy({ ...task, lastResponse: undefined }) : task,
    ),
  };
}

/**
 * Reads what was stored. Accepts the current format, and the first format: a plain array of
 * task objects or bare connector strings. `now` stands in for missing times. Never throws.
 */
export function decodeState(value: unknown, now: number): DecodedState {
  const notes: string[] = [];
  if (value === undefined || value === null) return { tasks: [], notes };

  let entries: unknown[];
  if (Array.isArray(value)) {
    entries = value; // the un-versioned first format; upgraded on the next write
  } else if (isRecord(value) && Array.isArray(value.tasks)) {
    if (value.version !== STORAGE_VERSION) {
      // Most likely written by a newer build: read what we understand rather than lose it all.
      notes.push(`unknown format version ${String(value.version)}; kept the entries that matched`);
    }
    entries = value.tasks;
  } else {
    notes.push('the saved task list was unreadable; starting with an empty list');
    return { tasks: [], notes };
  }

  const tasks: TrackedTask[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    const task = decodeTask(entry, now, (problem) => notes.push(`${where}: ${problem}`));
    if (!task) return;
    if (seen.has(task.connector)) {
      notes.push(`${where}: dropped (duplicate of ${task.connector})`);
      return;
    }
    seen.add(task.connector);
    tasks.push(task);
  });
  return { tasks, notes };
}

function decodeTask(
  entry: unknown,
  now: number,
  note: (problem: string) => void,
): TrackedTask | undefined {
  if (typeof entry === 'string') {
    // The first format could hold bare connectors.
    if (entry.trim() !== '') return { connector: entry.trim(), addedAt: now, state: 'running' };
    note('dropped (empty connector)');
    return undefined;
  }
  if (!isRecord(entry)) {
    note('dropped (not a task)');
    return undefined;
  }
  if (typeof entry.connector !== 'string' || entry.connector.trim() === '') {
    note('dropped (no connector)');
    return undefined;
  }

  const repaired: string[] = [];
  const field = <T>(name: string, valid: (value: unknown) => value is T): T | undefined => {
    const value = entry[name];
    if (value === undefined || valid(value)) return value;
    repaired.push(name);
    return undefined;
  };
  // Unknown states become running: the next check tells the truth.
  const state = field('state', isTaskState) ?? 'running';
  const addedAt = field('addedAt', isTime) ?? now;
  if (entry.state === undefined) repaired.push('state');
  if (entry.addedAt === undefined) repaired.push('addedAt');

  const task = tidy<TrackedTask>({
    connector: entry.connector.trim(),
    label: field('label', isString),
    addedAt,
    state,
    lastCheckedAt: field('lastCheckedAt', isTime),
    lastStatus: field('lastStatus', isString),
    outcome: field('outcome', isString),
    vcredits: field('vcredits', isFiniteNumber),
    completedAt: field('completedAt', isTime),
    lastResponse: entry.lastResponse,
    trouble: field('trouble', isTrouble),
    error: field('error', isNotice),
    warning: field('warning', isNotice),
    source: field('source', isSource),
    announcedAt: field('announcedAt', isTime),
  });
  if (repaired.length > 0) note(`${task.connector}: repaired ${repaired.join(', ')}`);
  return task;
}

const responseSizes = new WeakMap<TrackedTask, number>();

function responseTooLarge(task: TrackedTask): boolean {
  if (task.lastResponse === undefined) return false;
  // Tasks are immutable, so each one's size is measured once, not on every write.
  let size = responseSizes.get(task);
  if (size === undefined) {
    try {
      size = JSON.stringify(task.lastResponse)?.length ?? 0;
    } catch {
      size = Infinity; // not serializable (cycle, BigInt): certainly not storable
    }
    responseSizes.set(task, size);
  }
  return size > MAX_STORED_RESPONSE_CHARS;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isTime(value: unknown): value is number {
  return isFiniteNumber(value) && value >= 0;
}

function isTaskState(value: unknown): value is TaskState {
  return (TASK_STATES as readonly unknown[]).includes(value);
}

function isNotice(value: unknown): value is ApiNotice {
  return isRecord(value) && isString(value.code) && isString(value.message);
}

function isTrouble(value: unknown): value is Trouble {
  return (
    isRecord(value) &&
    isString(value.message) &&
    (value.until === undefined || isTime(value.until)) &&
    (value.since === undefined || isTime(value.since))
  );
}

function isSource(value: unknown): value is TaskSource {
  return isRecord(value) && value.kind === 'file' && isString(value.path);
}
