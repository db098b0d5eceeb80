import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TaskInfo, VertopalApi } from '../../../src/api';
import type { TestInternals } from '../../../src/testInternals';
import { Commands, EXTENSION_ID, Settings } from '../../../src/ids';
import type { TaskState } from '../../../src/tasks/task';
import type { Simulator } from '../../simulator/simulator';
import { DEFAULT_CREDENTIAL, startSimulator } from '../../simulator/simulator';
import { waitFor } from './waitFor';

/** What a host suite works with: the extension's API and a simulator it talks to over HTTP. */
export interface Harness {
  readonly api: VertopalApi;
  readonly internals: TestInternals;
  readonly sim: Simulator;
}

let shared: Promise<Harness> | undefined;

/**
 * Starts one simulator for the whole host run (in this extension host process, on loopback) and
 * points the real extension at it through its real settings and credentials commands.
 */
export function harness(): Promise<Harness> {
  shared ??= (async () => {
    const sim = await startSimulator({ now: () => Date.now() });
    await configure(Settings.baseUrl, sim.url);
    await configure(Settings.minIntervalSeconds, 1);
    await configure(Settings.maxIntervalSeconds, 5);
    await vscode.commands.executeCommand(Commands.setCredentials, DEFAULT_CREDENTIAL);
    const extension = vscode.extensions.getExtension<VertopalApi>(EXTENSION_ID);
    assert.ok(extension, 'extension not found');
    const api = await extension.activate();
    const internals = (api as unknown as { testInternals?: TestInternals }).testInternals;
    assert.ok(internals, 'test internals are only there in extension test mode');
    return { api, internals, sim };
  })();
  return shared;
}

/**
 * The usual hooks of a host suite that works with the simulator: the shared harness before the
 * first test, a clean slate and a frozen simulator clock before each. The returned object is
 * filled in by the time tests run.
 */
export function useHarness(): Harness {
  const h = {} as { -readonly [K in keyof Harness]: Harness[K] };
  before(async () => {
    Object.assign(h, await harness());
  });
  beforeEach(async () => {
    await resetAll(h);
    h.sim.setNow(Date.now()); // the simulator's clock stands still until a test moves it
  });
  return h;
}

/** Sets one of our settings at user level, as a person would in the Settings editor. */
export async function configure(key: string, value: unknown): Promise<void> {
  await vscode.workspace
    .getConfiguration(Settings.section)
    .update(key, value, vscode.ConfigurationTarget.Global);
}

/** Stops tracking everything and forgets the simulator's state, between tests. */
export async function resetAll(h: Harness): Promise<void> {
  for (const task of h.api.getTasks()) h.api.untrack(task.connector);
  h.sim.reset();
  await vscode.commands.executeCommand(Commands.setCredentials, DEFAULT_CREDENTIAL);
}

export function taskOf(api: VertopalApi, connector: string): TaskInfo | undefined {
  return api.getTasks().find((t) => t.connector === connector);
}

/** Waits until the task reaches one of `states`, driven by the API's change event. */
export function untilState(
  api: VertopalApi,
  connector: string,
  ...states: TaskState[]
): Promise<TaskInfo> {
  return waitFor(
    `${connector} to become ${states.join(' or ')} (is ${taskOf(api, connector)?.state})`,
    () => {
      const task = taskOf(api, connector);
      return task && states.includes(task.state) ? task : undefined;
    },
    [api.onDidChangeTasks],
  );
}

/** The "Vertopal" output channel as a document, opened the way the Show Log command does. */
export async function logDocument(): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand(Commands.showLog);
  return waitFor(
    'the Vertopal output channel',
    () =>
      vscode.workspace.textDocuments.find(
        (d) => d.uri.scheme === 'output' && d.uri.path === `${EXTENSION_ID}.Vertopal`,
      ),
    [vscode.workspace.onDidOpenTextDocument],
  );
}

/** Resolves with the whole log once a line matching `pattern` has been written to it. */
export async function untilLogged(pattern: RegExp): Promise<string> {
  const document = await logDocument();
  return waitFor(
    `a log line matching ${pattern}`,
    () => pattern.test(document.getText()) && document.getText(),
    [vscode.workspace.onDidChangeTextDocument],
  );
}

/** Waits until the extension has had at least one answer about `connector`. */
export function untilChecked(h: Harness, connector: string): Promise<TaskInfo> {
  return waitFor(
    `a first check of ${connector}`,
    () => {
      const task = taskOf(h.api, connector);
      return task?.lastCheckedAt !== undefined ? task : undefined;
    },
    [h.api.onDidChangeTasks],
  );
}
