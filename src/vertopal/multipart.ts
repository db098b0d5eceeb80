import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/** A file part whose bytes are read from disk as they are sent, never held in memory whole. */
export interface FilePart {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

export interface MultipartBody {
  readonly contentType: string;
  /** Exact byte length, so the request carries Content-Length rather than chunked encoding. */
  readonly length: number;
  readonly stream: Readable;
}

// Quotes and line breaks would end the header early; percent-encoding them is what browsers do.
function quoteFileName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Builds the body every API request uses: a `data` field holding the JSON string and, for uploads,
 * a `file` field. `onFileBytes` is told how many file bytes have been handed to the socket so far.
 */
export function multipartBody(
  dataJson: string,
  file?: FilePart,
  onFileBytes?: (sent: number, total: number) => void,
): MultipartBody {
  const boundary = `----VertopalTaskMonitor${randomBytes(16).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${dataJson}\r\n`,
  );
  const fileHead = file
    ? Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
          `filename="${quoteFileName(file.name)}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      )
    : Buffer.alloc(0);
  const fileTail = file ? Buffer.from('\r\n') : Buffer.alloc(0);
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const length = head.length + fileHead.length + (file?.size ?? 0) + fileTail.length + tail.length;

  async function* parts(): AsyncGenerator<Buffer> {
    yield head;
    if (file) {
      yield fileHead;
      let sent = 0;
      if (file.size > 0) {
        // `end` pins the byte count to the size announced in Content-Length.
        for await (const chunk of createReadStream(file.path, { start: 0, end: file.size - 1 })) {
          const buf = chunk as Buffer;
          sent += buf.length;
          yield buf;
          onFileBytes?.(sent, file.size);
        }
      } else {
        onFileBytes?.(0, 0);
      }
      yield fileTail;
    }
    yield tail;
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    stream: Readable.from(parts(), { objectMode: false }),
  };
}
