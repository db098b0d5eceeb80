import { apiTimestamp } from './clock';
import { simulatedOutput, type Outcome } from './conversion';
import type { SeededRandom } from './random';

export interface UploadTask {
  readonly kind: 'upload';
  readonly id: string;
  readonly createdAt: number;
  readonly name: string;
  readonly bytes: Buffer;
  readonly payload: unknown;
}

export interface ConvertTask {
  readonly kind: 'convert';
  readonly id: string;
  readonly createdAt: number;
  readonly durationMs: number;
  /** How long after completing the entity the result stays unwritten. */
  readonly resultDelayMs: number;
  readonly outcome: Outcome;
  readonly name: string;
  readonly output: string;
  readonly content: Buffer;
  readonly payload: unknown;
}

export interface DownloadTask {
  readonly kind: 'download';
  readonly id: string;
  readonly createdAt: number;
  readonly convertId: string;
  readonly expiresAt: number;
  readonly payload: unknown;
}

export type SimTask = UploadTask | ConvertTask | DownloadTask;

/** A convert task's state at one instant of the simulator's clock. */
export interface ConvertState {
  readonly entityStatus: 'running' | 'completed';
  readonly resultWritten: boolean;
  /** What convert/status answers: it may report the outcome before the task completes. */
  readonly conversionStatus: 'pending' | Outcome;
}

export function convertState(task: ConvertTask, now: number): ConvertState {
  const doneAt = task.createdAt + task.durationMs;
  const completed = now >= doneAt;
  return {
    entityStatus: completed ? 'completed' : 'running',
    resultWritten: completed && now >= doneAt + task.resultDelayMs,
    conversionStatus: completed ? task.outcome : 'pending',
  };
}

/** What `POST /__sim/tasks` and `sim.createTask` accept. */
export interface CreateTaskOptions {
  connector?: string;
  durationMs?: number;
  outcome?: Outcome;
  resultDelayMs?: number;
  /** Name of the (pretend) input file; the output name is derived from it. */
  name?: string;
  output?: string;
  /** Input bytes; the download holds simulatedOutput(content, output). */
  content?: string;
}

/** Every task the simulator knows, keyed by its id (the connector clients pass around). */
export class TaskStore {
  private readonly tasks = new Map<string, SimTask>();

  constructor(private readonly random: SeededRandom) {}

  newId(): string {
    let id = this.random.uuid();
    while (this.tasks.has(id)) id = this.random.uuid();
    return id;
  }

  get(id: unknown): SimTask | undefined {
    return typeof id === 'string' ? this.tasks.get(id) : undefined;
  }

  add<T extends SimTask>(task: T): T {
    this.tasks.set(task.id, task);
    return task;
  }

  createConvert(options: CreateTaskOptions, now: number): ConvertTask {
    const output = options.output ?? 'pdf';
    const id = options.connector ?? this.newId();
    const input = Buffer.from(options.content ?? `simulated input for ${id}\n`);
    return this.add({
      kind: 'convert',
      id,
      createdAt: now,
      durationMs: options.durationMs ?? 0,
      resultDelayMs: options.resultDelayMs ?? 0,
      outcome: options.outcome ?? 'successful',
      name: options.name ?? 'document.md',
      output,
      content: simulatedOutput(input, output),
      payload: { connector: id, parameters: { output } },
    });
  }

  clear(): void {
    this.tasks.clear();
  }
}

/** The entity object the API shows for a task. */
export function entityOf(task: SimTask, now: number): Record<string, unknown> {
  const base = { id: task.id, created_at: apiTimestamp(task.createdAt) };
  if (task.kind !== 'convert') {
    return { ...base, type: `${task.kind}`, status: 'completed', vcredits: 0 };
  }
  const state = convertState(task, now);
  const entity: Record<string, unknown> = { ...base, type: 'convert', status: state.entityStatus };
  if (state.entityStatus === 'completed') {
    entity.vcredits = task.outcome === 'successful' ? 1 : 0;
  }
  return entity;
}
