import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { VertopalApi } from '../../src/api';
import { Commands, EXTENSION_ID, Settings } from '../../src/ids';
import { DEFAULT_CREDENTIAL } from '../simulator/simulator';
import { untilChecked, untilState } from './support';
import { writeMarker } from './marker';

/**
 * The first life of the window: a simulator in its own process (it must outlive this extension
 * host), three tracked tasks, then a window reload while the last task's save is still under way
 * (or, with VERTOPAL_RESTART=kill, the extension host killed outright).
 */
export async function trackThenReload(): Promise<void> {
  const sim = await startSimulatorProcess();
  const config = vscode.workspace.getConfiguration(Settings.section);
  await config.update(Settings.baseUrl, sim.url, vscode.ConfigurationTarget.Global);
  await config.update(Settings.minIntervalSeconds, 1, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand(Commands.setCredentials, DEFAULT_CREDENTIAL);
  const api = await vscode.extensions.getExtension<VertopalApi>(EXTENSION_ID)!.activate();

  const finished = await createTask(sim.url, 0);
  const running = [await createTask(sim.url, 600_000), await createTask(sim.url, 600_000)];
  await api.track(finished, 'finished before reload');
  await api.track(running[0], 'running across reload');
  await untilState(api, finished, 'succeeded');
  await untilChecked(api, running[0]);
  writeMarker({ simUrl: sim.url, simPid: sim.pid, finished, running });
  // Deliberately not waiting for this task's save: the reload (or the kill) races the write.
  await api.track(running[1], 'added just before reload');
  if (process.env.VERTOPAL_RESTART === 'kill') {
    // A crash: the extension host dies at once, with no chance to deactivate or flush. The
    // runner (--host-may-die) then reopens the window, as a person would.
    process.kill(process.pid, 'SIGKILL');
  }
  await vscode.commands.executeCommand('workbench.action.reloadWindow');
}

async function startSimulatorProcess(): Promise<{ url: string; pid: number }> {
  const main = path.join(__dirname, '../simulator/main.js');
  const child = spawn(process.execPath, [main, '--port', '0'], {
    detached: true, // its own process group: the reload ends this host, not the simulator
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(/listening on (\S+)/);
      if (match) resolve(match[1]);
    });
  });
  child.stdout!.destroy();
  child.unref();
  return { url, pid: child.pid! };
}

export async function simControl(simUrl: string, route: string, body: object): Promise<unknown> {
  const response = await fetch(`${simUrl}/__sim/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${route}: HTTP ${response.status}`);
  return response.json();
}

async function createTask(simUrl: string, durationMs: number): Promise<string> {
  const reply = (await simControl(simUrl, 'tasks', { durationMs })) as { connector: string };
  return reply.connector;
}
