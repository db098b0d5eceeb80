import { apiTimestamp } from './clock';
import { extensionOf, outputName, simulatedOutput, type OutcomeRule } from './conversion';
import { canConvert, formatsFor, inputFormats, outputFormats } from './formatsTable';
import { convertState, entityOf, type SimTask, type TaskStore } from './taskStore';
import { jsonReply, notice, taskError, type SimReply } from './wire';

export interface EndpointConfig {
  readonly maxUploadBytes: number;
  readonly conversionMs: number;
  readonly resultDelayMs: number;
  readonly downloadTtlMs: number;
  readonly outcomeRule: OutcomeRule;
  /** The simulator's own base URL, for the `url` field of download/url. */
  readonly baseUrl: () => string;
}

export interface UploadedFile {
  readonly name: string;
  readonly bytes: Buffer;
  /** The body exceeded what the simulator keeps; only the size check matters then. */
  readonly tooLarge: boolean;
  readonly size: number;
}

export interface EndpointContext {
  readonly data: Record<string, unknown>;
  readonly file: UploadedFile | undefined;
  readonly now: number;
  readonly store: TaskStore;
  readonly config: EndpointConfig;
}

type Include = 'entity' | 'payload' | 'result';

function includeList(value: unknown, fallback: Include[]): Include[] {
  if (!Array.isArray(value)) return fallback;
  return value.filter((v): v is Include => v === 'entity' || v === 'payload' || v === 'result');
}

function params(ctx: EndpointContext): Record<string, unknown> {
  const p = ctx.data.parameters;
  return typeof p === 'object' && p !== null && !Array.isArray(p)
    ? (p as Record<string, unknown>)
    : {};
}

/** Wraps a task's output the way every endpoint does, honouring data-level `include`. */
function taskReply(ctx: EndpointContext, entity: unknown, output: unknown): SimReply {
  const include = includeList(ctx.data.include, ['result']);
  const body: Record<string, unknown> = {};
  if (include.includes('entity')) body.entity = entity;
  if (include.includes('payload')) body.payload = ctx.data;
  if (include.includes('result')) body.result = { output, error: {}, warning: {} };
  return jsonReply(body);
}

/** A fresh entity for the request being answered (every API request is itself a task). */
function requestEntity(ctx: EndpointContext, type: string, status = 'completed'): unknown {
  return { id: ctx.store.newId(), type, status, created_at: apiTimestamp(ctx.now) };
}

/** The `result` object of a task, or `{}` while it has not been written. */
function monitoredResult(task: SimTask, now: number): unknown {
  if (task.kind === 'upload') {
    return {
      output: { connector: task.id, name: task.name, size: task.bytes.length },
      error: {},
      warning: {},
    };
  }
  if (task.kind === 'download') return { output: { connector: task.id }, error: {}, warning: {} };
  const state = convertState(task, now);
  if (!state.resultWritten) return {};
  if (task.outcome === 'failed') {
    return { output: { status: 'failed' }, error: notice('FAILED_CONVERT'), warning: {} };
  }
  return { output: { status: 'successful', connector: task.id }, error: {}, warning: {} };
}

// The API does not document its answer for an unknown connector; the simulator picks
// NO_CONNECTOR_DEPENDENT_TASK with HTTP 200, like the other task-level errors.
function missingConnector(): SimReply {
  return taskError('NO_CONNECTOR_DEPENDENT_TASK');
}

function uploadFile(ctx: EndpointContext): SimReply {
  const file = ctx.file;
  if (!file) return taskError('MISSING_REQUIRED_FIELD', 'The form field "file" is required.');
  if (file.size === 0) return taskError('EMPTY_FILE');
  if (file.tooLarge || file.size > ctx.config.maxUploadBytes) {
    const kb = (n: number): number => Math.ceil(n / 1024);
    return taskError(
      'LIMIT_UPLOAD_SIZE',
      `The file is too large: at most ${kb(ctx.config.maxUploadBytes)} KB, ` +
        `got ${kb(file.size)} KB.`,
    );
  }
  if (!inputFormats().includes(extensionOf(file.name))) return taskError('NOT_VALID_EXTENSION');
  const task = ctx.store.add({
    kind: 'upload',
    id: ctx.store.newId(),
    createdAt: ctx.now,
    name: file.name,
    bytes: file.bytes,
    payload: ctx.data,
  });
  const expiresAt = apiTimestamp(ctx.now + 24 * 3_600_000);
  const output = { connector: task.id, name: task.name, size: file.size, expires_at: expiresAt };
  return taskReply(ctx, entityOf(task, ctx.now), output);
}

function convertFile(ctx: EndpointContext): SimReply {
  const upload = ctx.store.get(ctx.data.connector);
  if (!upload || upload.kind !== 'upload') return missingConnector();
  const p = params(ctx);
  if (typeof p.output !== 'string' || p.output === '') {
    return taskError('MISSING_REQUIRED_PARAMETER', 'The parameter "output" is required.');
  }
  const input = typeof p.input === 'string' ? p.input : extensionOf(upload.name);
  if (!inputFormats().includes(input)) return taskError('INVALID_INPUT_FORMAT', 'Unknown input.');
  if (!outputFormats().includes(p.output)) return taskError('INVALID_OUTPUT_FORMAT');
  if (!canConvert(input, p.output)) return taskError('NO_CONVERTER_INPUT_TO_OUTPUT');
  // Only async mode is simulated: a sync request is answered the same way.
  const task = ctx.store.add({
    kind: 'convert',
    id: ctx.store.newId(),
    createdAt: ctx.now,
    durationMs: ctx.config.conversionMs,
    resultDelayMs: ctx.config.resultDelayMs,
    outcome: ctx.config.outcomeRule({ name: upload.name, output: p.output }),
    name: outputName(upload.name, p.output),
    output: p.output,
    content: simulatedOutput(upload.bytes, p.output),
    payload: ctx.data,
  });
  return taskReply(ctx, entityOf(task, ctx.now), {});
}

function convertStatus(ctx: EndpointContext): SimReply {
  const task = ctx.store.get(ctx.data.connector);
  if (!task || task.kind !== 'convert') return missingConnector();
  const status = convertState(task, ctx.now).conversionStatus;
  return taskReply(ctx, requestEntity(ctx, 'convert-status'), { status });
}

function taskResponse(ctx: EndpointContext): SimReply {
  const task = ctx.store.get(ctx.data.connector);
  if (!task) return missingConnector();
  const include = includeList(params(ctx).include, ['entity', 'payload', 'result']);
  const output: Record<string, unknown> = {};
  if (include.includes('entity')) output.entity = entityOf(task, ctx.now);
  if (include.includes('payload')) output.payload = task.payload;
  if (include.includes('result')) output.result = monitoredResult(task, ctx.now);
  return taskReply(ctx, requestEntity(ctx, 'task-response'), output);
}

function downloadUrl(ctx: EndpointContext): SimReply {
  const task = ctx.store.get(ctx.data.connector);
  if (!task || task.kind !== 'convert') return missingConnector();
  if (!convertState(task, ctx.now).resultWritten) return taskError('NOT_READY_DEPENDENT_TASK');
  if (task.outcome === 'failed') return taskError('FAILED_CONVERT');
  const download = ctx.store.add({
    kind: 'download',
    id: ctx.store.newId(),
    createdAt: ctx.now,
    convertId: task.id,
    expiresAt: ctx.now + ctx.config.downloadTtlMs,
    payload: ctx.data,
  });
  return taskReply(ctx, entityOf(download, ctx.now), {
    connector: download.id,
    name: task.name,
    size: task.content.length,
    expires_at: apiTimestamp(download.expiresAt),
    url: `${ctx.config.baseUrl()}/v1/download/url/get`,
  });
}

function downloadGet(ctx: EndpointContext): SimReply {
  const download = ctx.store.get(ctx.data.connector);
  if (!download || download.kind !== 'download') return missingConnector();
  if (ctx.now >= download.expiresAt) return taskError('DOWNLOAD_EXPIRED');
  const task = ctx.store.get(download.convertId);
  if (!task || task.kind !== 'convert') return missingConnector();
  return {
    status: 200,
    headers: { 'Content-Disposition': `attachment; filename="${task.name}"` },
    bytes: task.content,
    contentType: 'application/octet-stream',
  };
}

function convertFormats(ctx: EndpointContext): SimReply {
  const p = params(ctx);
  if (p.sublist !== 'inputs' && p.sublist !== 'outputs') {
    return taskError('MISSING_REQUIRED_PARAMETER', 'The parameter "sublist" is required.');
  }
  const format = typeof p.format === 'string' ? p.format : undefined;
  const list = formatsFor(p.sublist, format);
  if (!list) return taskError('INVALID_FORMAT');
  const formats = list.map((name) => ({ name, title: name.toUpperCase() }));
  return taskReply(ctx, requestEntity(ctx, 'convert-formats'), { sublist: p.sublist, formats });
}

/** The API paths below /v1/ that the simulator answers. */
export const ENDPOINTS: Readonly<Record<string, (ctx: EndpointContext) => SimReply>> = {
  'upload/file': uploadFile,
  'convert/file': convertFile,
  'convert/status': convertStatus,
  'task/response': taskResponse,
  'download/url': downloadUrl,
  'download/url/get': downloadGet,
  'convert/formats': convertFormats,
};
