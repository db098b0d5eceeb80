// Sets up the workbench for the README's screenshot: `npm run tour` runs this entry in the real
// host against the simulator and saves docs/tour.png. Not a test; it asserts nothing.
import * as vscode from 'vscode';
import type { VertopalApi } from '../../src/api';
import { Commands, EXTENSION_ID, Settings, Views } from '../../src/ids';
import { DEFAULT_CREDENTIAL, startSimulator } from '../simulator/simulator';

export async function run(): Promise<void> {
  const sim = await startSimulator();
  const config = vscode.workspace.getConfiguration(Settings.section);
  await config.update(Settings.baseUrl, sim.url, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand(Commands.setCredentials, DEFAULT_CREDENTIAL);
  const api = (await vscode.extensions.getExtension<VertopalApi>(EXTENSION_ID)!.activate())!;

  const tasks = [
    { label: 'quarterly-report.docx → pdf', durationMs: 0, outcome: 'successful' },
    { label: 'broken-scan.png → webp', durationMs: 0, outcome: 'failed' },
    { label: 'slides.pptx → pdf', durationMs: 120_000, outcome: 'successful' },
    { label: 'thesis.tex → docx', durationMs: 3_600_000, outcome: 'successful' },
  ] as const;
  const ids: string[] = [];
  for (const task of tasks) {
    const { id } = sim.createTask({ durationMs: task.durationMs, outcome: task.outcome });
    ids.push(id);
    await api.track(id, task.label);
  }
  await until(() => api.getTasks().every((t) => t.lastCheckedAt !== undefined), api);
  await vscode.commands.executeCommand(`${Views.tasks}.focus`);
  await vscode.commands.executeCommand(Commands.openResult, ids[0]);
  // Let the workbench paint the tree and the editor, then have the runner take the picture
  // while this host still serves the view.
  await pause(1500);
  console.log('[screenshot]');
  await pause(1500);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function until(done: () => boolean, api: VertopalApi): Promise<void> {
  return new Promise((resolve) => {
    if (done()) return resolve();
    const subscription = api.onDidChangeTasks(() => {
      if (!done()) return;
      subscription.dispose();
      resolve();
    });
  });
}
