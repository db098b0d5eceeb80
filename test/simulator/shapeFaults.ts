import type { ActiveFault, ShapeFault } from './faults';
import { notice } from './wire';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function path(root: unknown, ...keys: string[]): Json | undefined {
  let node = obj(root);
  for (const key of keys) node = obj(node?.[key]);
  return node;
}

function addExtras(root: Json): void {
  root.x_sim_extra = { note: 'a field no client knows', list: [1, 2, 3] };
  const targets = [
    path(root, 'entity'),
    path(root, 'result'),
    path(root, 'result', 'output'),
    path(root, 'result', 'output', 'entity'),
    path(root, 'result', 'output', 'result'),
  ];
  for (const target of targets) if (target) target.x_sim_extra = 'unexpected';
}

function dropOptional(root: Json): void {
  const result = path(root, 'result');
  if (result) {
    delete result.error;
    delete result.warning;
  }
  const output = path(root, 'result', 'output');
  if (output) delete output.payload;
  for (const entity of [path(root, 'entity'), path(root, 'result', 'output', 'entity')]) {
    if (!entity) continue;
    delete entity.vcredits;
    delete entity.created_at;
    delete entity.type;
  }
  const monitored = path(root, 'result', 'output', 'result');
  if (monitored) {
    delete monitored.warning;
    if (Object.keys(monitored).length === 0 && output) output.result = null;
  }
}

function flipCompletion(root: Json, hit: number): void {
  const output = path(root, 'result', 'output');
  const entity = path(root, 'result', 'output', 'entity');
  if (!output || !entity) return;
  if (hit === 0) {
    entity.status = 'completed';
    output.result = { output: { status: 'successful' }, error: {}, warning: {} };
  } else {
    entity.status = 'running';
    output.result = {};
  }
}

function placeWarning(root: Json, fault: Extract<ShapeFault, { fault: 'warningBody' }>): void {
  const value = notice(fault.code, fault.message);
  const where = fault.placement ?? 'warning';
  const target =
    where === 'warning'
      ? root
      : where === 'result'
        ? path(root, 'result')
        : where === 'output'
          ? path(root, 'result', 'output')
          : path(root, 'result', 'output', 'result');
  if (target) target.warning = value;
}

/** Applies shape faults to a copy of a JSON reply body. */
export function applyShapeFaults(json: unknown, faults: ActiveFault[]): unknown {
  const root = obj(structuredClone(json));
  if (!root) return json;
  for (const { rule, hit } of faults) {
    const fault = rule as ShapeFault;
    if (fault.fault === 'extraFields') addExtras(root);
    else if (fault.fault === 'missingFields') dropOptional(root);
    else if (fault.fault === 'entityAbsent') {
      delete root.entity;
      delete path(root, 'result', 'output')?.entity;
    } else if (fault.fault === 'completedThenRunning') flipCompletion(root, hit);
    else if (fault.fault === 'warningBody') placeWarning(root, fault);
  }
  return root;
}
