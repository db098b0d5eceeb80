// Fault rules: what to break, and which requests it applies to.

/** Faults that replace the reply entirely. */
export type ReplacingFault =
  | { fault: 'status'; httpStatus?: number; code?: string; message?: string }
  | {
      fault: 'status429';
      /** Seconds for Retry-After; omitted means no Retry-After header. */
      retryAfterSeconds?: number;
      /** Seconds for X-RATELIMIT-RESET; omitted means no such header. */
      resetSeconds?: number;
      code?: 'TOO_MANY_REQUESTS' | 'FREE_APP_LIMITED';
    }
  | { fault: 'stall' }
  | { fault: 'malformed' }
  | { fault: 'html'; httpStatus?: number }
  | { fault: 'oversized'; bytes?: number; declareLength?: boolean }
  | { fault: 'redirect'; location: string; httpStatus?: number }
  | {
      fault: 'errorBody';
      code: string;
      message?: string;
      httpStatus?: number;
      /** `error` (top level), `bare` (top-level code/message) or `result` (result.error). */
      placement?: 'error' | 'bare' | 'result';
    };

/** Faults that change the JSON of a normal reply. */
export type ShapeFault =
  | { fault: 'extraFields' }
  | { fault: 'missingFields' }
  | { fault: 'entityAbsent' }
  | { fault: 'completedThenRunning' }
  | {
      fault: 'warningBody';
      code: string;
      message?: string;
      placement?: 'warning' | 'result' | 'output' | 'monitored';
    };

/** Faults in how a normal reply's bytes travel. */
export type DeliveryFault =
  | { fault: 'reset' }
  | { fault: 'truncated' }
  | { fault: 'drip'; intervalMs?: number; chunkBytes?: number };

export type FaultSpec = ReplacingFault | ShapeFault | DeliveryFault;
export type FaultName = FaultSpec['fault'];

/** Which requests a fault applies to. All given conditions must hold. */
export interface FaultScope {
  /** Applies to this many matching requests, then is removed. Omitted: until cleared. */
  times?: number;
  /** API path below /v1/, e.g. `task/response`. */
  path?: string;
  /** The `connector` in the request's data. */
  connector?: string;
}

export type FaultRule = FaultSpec & FaultScope;

export interface ActiveFault {
  readonly id: number;
  readonly rule: FaultRule;
  /** How many requests this rule had already applied to before this one. */
  readonly hit: number;
}

const REPLACING = new Set<FaultName>([
  'status',
  'status429',
  'stall',
  'malformed',
  'html',
  'oversized',
  'redirect',
  'errorBody',
]);
const SHAPE = new Set<FaultName>([
  'extraFields',
  'missingFields',
  'entityAbsent',
  'completedThenRunning',
  'warningBody',
]);
const DELIVERY = new Set<FaultName>(['reset', 'truncated', 'drip']);

export function isReplacing(rule: FaultRule): rule is ReplacingFault & FaultScope {
  return REPLACING.has(rule.fault);
}
export function isShape(rule: FaultRule): rule is ShapeFault & FaultScope {
  return SHAPE.has(rule.fault);
}
export function isDelivery(rule: FaultRule): rule is DeliveryFault & FaultScope {
  return DELIVERY.has(rule.fault);
}

export function isKnownFault(name: unknown): name is FaultName {
  return (
    typeof name === 'string' &&
    (REPLACING.has(name as FaultName) ||
      SHAPE.has(name as FaultName) ||
      DELIVERY.has(name as FaultName))
  );
}

/** The active fault rules, consulted once per API request. */
export class FaultBook {
  private readonly rules = new Map<number, { rule: FaultRule; hits: number }>();
  private nextId = 1;

  add(rule: FaultRule): number {
    if (!isKnownFault(rule.fault)) throw new Error(`unknown fault "${String(rule.fault)}"`);
    const id = this.nextId++;
    this.rules.set(id, { rule: { ...rule }, hits: 0 });
    return id;
  }

  remove(id: number): boolean {
    return this.rules.delete(id);
  }

  clear(): void {
    this.rules.clear();
  }

  list(): Array<{ id: number; rule: FaultRule; hits: number }> {
    return [...this.rules].map(([id, entry]) => ({ id, rule: entry.rule, hits: entry.hits }));
  }

  /** The rules matching this request, in the order they were added; counts them as used. */
  take(path: string, connector: unknown): ActiveFault[] {
    const taken: ActiveFault[] = [];
    for (const [id, entry] of this.rules) {
      const { rule } = entry;
      if (rule.path !== undefined && rule.path.replace(/^\/?(v1\/)?/, '') !== path) continue;
      if (rule.connector !== undefined && rule.connector !== connector) continue;
      taken.push({ id, rule, hit: entry.hits });
      entry.hits += 1;
      if (rule.times !== undefined && entry.hits >= rule.times) this.rules.delete(id);
    }
    return taken;
  }
}
