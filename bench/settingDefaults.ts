// The polling settings a user gets without touching anything. src/settings.ts holds them too, but
// it imports `vscode`, which plain Node cannot load; package.json carries the same defaults (a
// host test asserts the two agree), so they are read from there.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchedulerOptions } from '../src/monitor/scheduler';
import { SECOND } from './time';

/** The repository root: this file runs from out/bench/. */
export const REPO_ROOT = join(__dirname, '..', '..');

interface Manifest {
  version: string;
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
}

function numberDefault(manifest: Manifest, id: string): number {
  const value = manifest.contributes.configuration.properties[id]?.default;
  if (typeof value !== 'number') throw new Error(`package.json has no numeric default for ${id}`);
  return value;
}

/** The scheduler options the extension builds from default settings (see src/extension.ts). */
export function defaultSchedulerOptions(): SchedulerOptions {
  const manifest = readManifest();
  return {
    minIntervalMs: numberDefault(manifest, 'vertopal.polling.minIntervalSeconds') * SECOND,
    maxIntervalMs: numberDefault(manifest, 'vertopal.polling.maxIntervalSeconds') * SECOND,
    timeoutMinutes: numberDefault(manifest, 'vertopal.polling.timeoutMinutes'),
    unfocusedFactor: numberDefault(manifest, 'vertopal.polling.unfocusedSlowdown'),
  };
}
