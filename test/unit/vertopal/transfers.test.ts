import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simulatedOutput } from '../../simulator/conversion';
import { CREDS, expectFailure, startHarness, tempDir, type Harness } from './harness';

describe('uploads and downloads', () => {
  let h: Harness;
  let dir: { path: string; remove(): Promise<void> };

  beforeEach(async () => {
    h = await startHarness({ conversionMs: 3000, maxUploadBytes: 4 * 1024 * 1024 });
    dir = await tempDir();
  });
  afterEach(async () => {
    await h.close();
    await dir.remove();
  });

  async function fileWith(name: string, bytes: Buffer): Promise<string> {
    const path = join(dir.path, name);
    await writeFile(path, bytes);
    return path;
  }

  /** Upload → convert → wait (by moving the clock) → download URL; returns the download id. */
  async function convertedDownload(input: Buffer, name = 'notes.md') {
    const path = await fileWith(name, input);
    const upload = await h.client.uploadFile(CREDS, { path });
    const convert = await h.client.convertFile(CREDS, upload.value.connector, 'pdf');
    h.sim.advance(3000);
    const snap = await h.client.taskResponse(CREDS, convert.value.connector);
    assert.equal(snap.value.outcome, 'successful');
    return (await h.client.downloadUrl(CREDS, convert.value.connector)).value;
  }

  it('streams a file up with progress and gets its connector back', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const path = await fileWith('big.md', bytes);
    const progress: Array<[number, number]> = [];
    const reply = await h.client.uploadFile(
      CREDS,
      { path, name: 'renamed "quoted".md' },
      { onProgress: (sent, total) => progress.push([sent, total]) },
    );
    assert.equal(reply.value.size, bytes.length);
    assert.equal(reply.value.name, 'renamed %22quoted%22.md');
    assert.ok(reply.value.connector.length > 0);
    assert.ok(reply.value.expiresAt);
    const recorded = h.sim.requests[0];
    assert.deepEqual(recorded.file, { name: 'renamed %22quoted%22.md', size: bytes.length });
    assert.deepEqual(recorded.fields, ['data', 'file']);
    assert.deepEqual(recorded.data, { app: CREDS.app });
    assert.ok(progress.length > 10, 'progress is reported chunk by chunk');
    assert.deepEqual(progress.at(-1), [bytes.length, bytes.length]);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i][0] > progress[i - 1][0]);
  });

  it('reports the upload errors the API sends with HTTP 200', async () => {
    const empty = await fileWith('empty.md', Buffer.alloc(0));
    let err = await expectFailure(h.client.uploadFile(CREDS, { path: empty }), 'rejected');
    assert.equal(err.details.code, 'EMPTY_FILE');
    const exe = await fileWith('tool.exe', Buffer.from('MZ'));
    err = await expectFailure(h.client.uploadFile(CREDS, { path: exe }), 'rejected');
    assert.equal(err.details.code, 'NOT_VALID_EXTENSION');
    const big = await fileWith('big.md', Buffer.alloc(4 * 1024 * 1024 + 1, 'a'));
    err = await expectFailure(h.client.uploadFile(CREDS, { path: big }), 'rejected');
    assert.equal(err.details.code, 'LIMIT_UPLOAD_SIZE');
  });

  it('fails clearly for a file that does not exist, before sending anything', async () => {
    const err = await expectFailure(
      h.client.uploadFile(CREDS, { path: join(dir.path, 'nope.md') }),
      'rejected',
    );
    assert.match(err.message, /ENOENT/);
    assert.equal(h.sim.requests.length, 0);
  });

  it('starts an async conversion and returns the entity id to monitor', async () => {
    const path = await fileWith('a.md', Buffer.from('# a'));
    const upload = await h.client.uploadFile(CREDS, { path });
    const convert = await h.client.convertFile(CREDS, upload.value.connector, 'html', {
      input: 'md',
    });
    assert.equal(convert.value.status, 'running');
    const data = h.sim.requests[1].data as Record<string, unknown>;
    assert.equal(data.mode, 'async');
    assert.deepEqual(data.include, ['entity', 'result']);
    assert.deepEqual(data.parameters, { output: 'html', input: 'md' });
    assert.equal(data.connector, upload.value.connector);
    const status = await h.client.convertStatus(CREDS, convert.value.connector);
    assert.equal(status.value.status, 'pending');
    const snap = await h.client.taskResponse(CREDS, convert.value.connector);
    assert.equal(snap.value.connector, convert.value.connector);
    assert.equal(snap.value.status, 'running');
  });

  it('downloads the converted bytes to the destination, with progress', async () => {
    const input = randomBytes(200_000);
    const link = await convertedDownload(input);
    assert.equal(link.name, 'notes.pdf');
    assert.match(link.url ?? '', /\/v1\/download\/url\/get$/);
    const dest = join(dir.path, 'out.pdf');
    const seen: Array<number | undefined> = [];
    const reply = await h.client.downloadFile(CREDS, link.connector, dest, {
      onProgress: (_received, total) => seen.push(total),
    });
    const expected = simulatedOutput(input, 'pdf');
    assert.equal(reply.value.bytes, expected.length);
    assert.deepEqual(await readFile(dest), expected);
    assert.equal(seen[0], expected.length);
    assert.deepEqual(await readdir(dir.path), ['notes.md', 'out.pdf']);
  });

  it('an expired link is a clear DOWNLOAD_EXPIRED failure and writes nothing', async () => {
    const link = await convertedDownload(Buffer.from('# hi'));
    h.sim.advance(10 * 60_000);
    const dest = join(dir.path, 'out.pdf');
    const err = await expectFailure(h.client.downloadFile(CREDS, link.connector, dest), 'notFound');
    assert.equal(err.details.code, 'DOWNLOAD_EXPIRED');
    assert.match(err.message, /expired/);
    assert.deepEqual(await readdir(dir.path), ['notes.md']);
  });

  it('leaves no partial file when the connection breaks mid-download', async () => {
    const link = await convertedDownload(randomBytes(100_000));
    h.sim.faults.add({ fault: 'reset', path: 'download/url/get' });
    await expectFailure(
      h.client.downloadFile(CREDS, link.connector, join(dir.path, 'o.pdf')),
      'network',
    );
    assert.deepEqual(await readdir(dir.path), ['notes.md']);
  });

  it('leaves no partial file when the download is cancelled', async () => {
    const link = await convertedDownload(randomBytes(5_000));
    h.sim.faults.add({ fault: 'drip', intervalMs: 5, chunkBytes: 100, path: 'download/url/get' });
    const controller = new AbortController();
    const pending = h.client.downloadFile(CREDS, link.connector, join(dir.path, 'o.pdf'), {
      signal: controller.signal,
      onProgress: (received) => {
        if (received >= 300) controller.abort();
      },
    });
    await expectFailure(pending, 'cancelled');
    assert.deepEqual(await readdir(dir.path), ['notes.md']);
  });

  it('does not overwrite the destination when the download fails', async () => {
    const link = await convertedDownload(randomBytes(50_000));
    const dest = await fileWith('keep.pdf', Buffer.from('old'));
    h.sim.faults.add({ fault: 'reset', path: 'download/url/get' });
    await expectFailure(h.client.downloadFile(CREDS, link.connector, dest), 'network');
    assert.equal(await readFile(dest, 'utf8'), 'old');
  });

  it('asks for a download URL too early and gets a rejection', async () => {
    const path = await fileWith('a.md', Buffer.from('# a'));
    const upload = await h.client.uploadFile(CREDS, { path });
    const convert = await h.client.convertFile(CREDS, upload.value.connector, 'pdf');
    const err = await expectFailure(
      h.client.downloadUrl(CREDS, convert.value.connector),
      'rejected',
    );
    assert.equal(err.details.code, 'NOT_READY_DEPENDENT_TASK');
  });
});
