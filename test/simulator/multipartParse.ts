/** One field of a multipart/form-data body. */
export interface FormPart {
  readonly name: string;
  readonly filename: string | undefined;
  readonly body: Buffer;
}

function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]) : undefined;
}

function dispositionParam(headers: string, param: string): string | undefined {
  const match = new RegExp(`;\\s*${param}="([^"]*)"`, 'i').exec(headers);
  return match ? match[1] : undefined;
}

/**
 * Splits a buffered multipart body into its parts. Returns undefined when the body is not
 * multipart or is malformed, which the simulator reports as a missing `data` field.
 */
export function parseMultipart(
  body: Buffer,
  contentType: string | undefined,
): FormPart[] | undefined {
  const boundary = boundaryOf(contentType);
  if (!boundary || !/multipart\/form-data/i.test(contentType ?? '')) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) return undefined;
  for (;;) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return parts;
    const headerStart = afterDelimiter + 2; // skip CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd < 0) return undefined;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd);
    if (next < 0) return undefined;
    const headers = body.subarray(headerStart, headerEnd).toString('utf8');
    const name = dispositionParam(headers, 'name');
    if (name === undefined) return undefined;
    parts.push({
      name,
      filename: dispositionParam(headers, 'filename'),
      body: body.subarray(headerEnd + 4, next),
    });
    start = next + 2;
  }
}
