import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConvertArguments, ConvertResult } from '../../src/commands/convertCommand';
import type { DownloadArguments } from '../../src/commands/downloadCommand';
import type { MonitorResult } from '../../src/commands/monitorCommand';
import { MonitorLinkHandler } from '../../src/commands/uriHandler';
import { Commands, EXTENSION_ID, Settings } from '../../src/ids';
import type { Logger } from '../../src/log';
import { simulatedOutput } from '../simulator/conversion';
import { configure, taskOf, untilLogged, untilState, useHarness } from './support/harness';

// Closing the loop: a file goes up, its conversion is tracked, and the result comes back down,
// all through the real commands and the simulator over HTTP.
describe('converting files and downloading results', () => {
  const h = useHarness();
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vertopal-convert-'));
  });
  afterEach(() => {
    h.sim.faults.clear();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const source = (name: string, content: string) => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, content);
    return vscode.Uri.file(file);
  };
  const convert = (args: ConvertArguments) =>
    vscode.commands.executeCommand<ConvertResult[]>(Commands.convertFile, args);
  const download = (args: DownloadArguments) =>
    vscode.commands.executeCommand<string | undefined>(Commands.downloadResult, args);

  /** Converts `file` and waits until its task succeeded; returns the connector. */
  async function convertToSuccess(file: vscode.Uri, output: string): Promise<string> {
    const [result] = await convert({ files: [file], output });
    assert.ok(result.connector, 'no task was started');
    h.sim.advance(60_000);
    h.api.refresh(result.connector);
    await untilState(h.api, result.connector, 'succeeded');
    return result.connector;
  }

  it('uploads, converts, tracks under the file name and downloads beside the source', async () => {
    const file = source('notes.md', '# Notes\n\nhello\n');
    const connector = await convertToSuccess(file, 'pdf');
    assert.equal(taskOf(h.api, connector)?.label, 'notes.md');
    const upload = h.sim.requests.find((r) => r.path === 'upload/file');
    assert.deepEqual(upload?.file, { name: 'notes.md', size: 15 });
    const start = h.sim.requests.find((r) => r.path === 'convert/file');
    assert.deepEqual((start?.data as { parameters: unknown }).parameters, { output: 'pdf' });

    const saved = await download({ connector });
    assert.equal(saved, path.join(folder, 'notes.pdf'));
    const expected = simulatedOutput(Buffer.from('# Notes\n\nhello\n'), 'pdf');
    assert.deepEqual(fs.readFileSync(saved), expected);
  });

  it('shows a failed conversion as failed and has nothing to download', async () => {
    const file = source('will-fail.md', 'x');
    const [result] = await convert({ files: [file], output: 'pdf' });
    assert.ok(result.connector);
    h.sim.advance(60_000);
    h.api.refresh(result.connector);
    await untilState(h.api, result.connector, 'failed');
    assert.equal(await download({ connector: result.connector }), undefined);
    assert.deepEqual(fs.readdirSync(folder), ['will-fail.md']);
  });

  it('explains a refused upload and tracks nothing', async () => {
    const file = source('empty.md', '');
    const [result] = await convert({ files: [file], output: 'pdf' });
    assert.equal(result.connector, undefined);
    assert.equal(h.api.getTasks().length, 0);
    await untilLogged(/Uploading empty\.md: .*EMPTY_FILE/);
  });

  it('leaves nothing tracked when the upload is cancelled', async () => {
    const file = source('big.md', 'y'.repeat(1000));
    h.sim.faults.add({ fault: 'stall', path: 'upload/file' });
    const cancel = new vscode.CancellationTokenSource();
    const uploading = h.sim.nextRequest();
    const converting = convert({ files: [file], output: 'pdf', cancellation: cancel.token });
    assert.equal((await uploading).path, 'upload/file');
    cancel.cancel();
    const [result] = await converting;
    assert.equal(result.connector, undefined);
    assert.equal(h.api.getTasks().length, 0);
    assert.equal(h.sim.requests.filter((r) => r.path === 'convert/file').length, 0);
  });

  it('removes the partial file when a download is cancelled', async () => {
    const connector = await convertToSuccess(source('slow.md', 'z'.repeat(4000)), 'pdf');
    h.sim.faults.add({ fault: 'drip', path: 'download/url/get', intervalMs: 50, chunkBytes: 64 });
    const cancel = new vscode.CancellationTokenSource();
    const partial = untilNewFile(folder);
    const downloading = download({ connector, cancellation: cancel.token });
    await partial; // bytes are arriving and being written
    cancel.cancel();
    assert.equal(await downloading, undefined);
    assert.deepEqual(fs.readdirSync(folder), ['slow.md'], 'a partial file was left behind');
  });

  it('explains an expired download link and leaves no file', async () => {
    const connector = await convertToSuccess(source('late.md', 'late'), 'txt');
    h.sim.faults.add({ fault: 'errorBody', code: 'DOWNLOAD_EXPIRED', path: 'download/url/get' });
    assert.equal(await download({ connector }), undefined);
    assert.deepEqual(fs.readdirSync(folder), ['late.md']);
    await untilLogged(/download of .*DOWNLOAD_EXPIRED/);
  });

  it('never replaces an existing file unless told to', async () => {
    const connector = await convertToSuccess(source('keep.md', 'new content'), 'pdf');
    const existing = path.join(folder, 'keep.pdf');
    fs.writeFileSync(existing, 'precious');

    const beside = await download({ connector, overwrite: false });
    assert.equal(beside, path.join(folder, 'keep (1).pdf'));
    assert.equal(fs.readFileSync(existing, 'utf8'), 'precious');

    const replaced = await download({ connector, overwrite: true });
    assert.equal(replaced, existing);
    assert.match(fs.readFileSync(existing, 'utf8'), /new content$/);
  });

  it('downloads by itself when vertopal.download.automatic is on', async () => {
    await configure(Settings.automaticDownload, true);
    try {
      const file = source('auto.md', 'automatic');
      await convertToSuccess(file, 'html');
      await untilLogged(/saved \d+ bytes of .* to .*auto\.html/);
      assert.ok(fs.existsSync(path.join(folder, 'auto.html')));
    } finally {
      await configure(Settings.automaticDownload, undefined);
    }
  });

  it('monitors the connector found on the clipboard', async () => {
    const { id } = h.sim.createTask({ durationMs: 60_000 });
    await vscode.env.clipboard.writeText(`vertopal: convert task ${id} is running`);
    const result = await vscode.commands.executeCommand<MonitorResult>(
      Commands.monitorFromClipboard,
    );
    assert.deepEqual(result, { connector: id, added: true });
  });

  it('acts on a monitor link only after the user agrees', async () => {
    const { id } = h.sim.createTask({ durationMs: 60_000 });
    const link = vscode.Uri.parse(
      `vscode://${EXTENSION_ID}/monitor?connector=${id}&label=From%20a%20link`,
    );
    const asked: string[] = [];
    const declining = new MonitorLinkHandler(silent, async (message) => {
      asked.push(message);
      return false;
    });
    assert.equal(await declining.open(link), undefined);
    assert.equal(h.api.getTasks().length, 0);
    assert.match(asked[0], /From a link/);

    const agreeing = new MonitorLinkHandler(silent, async () => true);
    assert.deepEqual(await agreeing.open(link), { connector: id, added: true });
    assert.equal(taskOf(h.api, id)?.label, 'From a link');

    const bad = vscode.Uri.parse('vscode://x.y/monitor?connector=not-an-id');
    assert.equal(await agreeing.open(bad), undefined);
  });
});

const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Resolves when a file appears in `folder` (the download's partial file). */
function untilNewFile(folder: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = fs.watch(folder, () => {
      watcher.close();
      resolve();
    });
  });
}
