import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type DownloadProgress = (received: number, total: number | undefined) => void;

/** Marks errors raised by the local file system, so they are not reported as network trouble. */
export class LocalFileError extends Error {
  override readonly name = 'LocalFileError';
  constructor(
    readonly what: string,
    readonly cause: unknown,
  ) {
    super(what);
  }
}

/**
 * Streams `body` into `destPath`. Bytes go to a hidden sibling first and are renamed into place
 * only when complete, so a failed or cancelled download never leaves a file that looks finished.
 */
export async function streamToFile(
  body: Readable,
  destPath: string,
  total: number | undefined,
  onProgress?: DownloadProgress,
): Promise<number> {
  const temp = join(
    dirname(destPath),
    `.${basename(destPath)}.${randomBytes(6).toString('hex')}.part`,
  );
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      try {
        onProgress?.(received, total);
      } catch {
        // A broken progress display must not break the download.
      }
      done(null, chunk);
    },
  });
  const out = createWriteStream(temp, { flags: 'wx' });
  // Remembered to tell a broken connection (the body fails) from a local disk problem.
  let bodyFailed = false;
  body.on('error', () => {
    bodyFailed = true;
  });
  try {
    await pipeline(body, counter, out);
    await rename(temp, destPath).catch((err: unknown) => {
      throw new LocalFileError('the downloaded file could not be moved into place', err);
    });
    return received;
  } catch (err) {
    body.destroy();
    await rm(temp, { force: true });
    if (!bodyFailed && !(err instanceof LocalFileError)) {
      throw new LocalFileError('the downloaded file could not be written', err);
    }
    throw err;
  }
}
