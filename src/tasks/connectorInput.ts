// Turns what a person pastes into a connector. People copy ids out of CLI output, JSON replies
// and logs, so the id is searched for rather than demanded alone.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const MAX_INPUT = 100_000;

export type ConnectorParse =
  | { readonly ok: true; readonly connector: string }
  | { readonly ok: false; readonly problem: string };

/** Finds the one connector in `text`, or says in plain words why there is none. */
export function parseConnector(text: string): ConnectorParse {
  if (text.length > MAX_INPUT) {
    return { ok: false, problem: 'That text is too long; paste the connector or one line.' };
  }
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, problem: 'Enter a connector (the id of a Vertopal task).' };

  const found = [...new Set((trimmed.match(UUID) ?? []).map((id) => id.toLowerCase()))];
  if (found.length === 1) return { ok: true, connector: trimmed.match(UUID)![0] };
  if (found.length === 0) {
    return {
      ok: false,
      problem: 'No connector found. A connector looks like 3f2b9c1e-8a7d-4e6f-9b0a-1c2d3e4f5a6b.',
    };
  }
  const preferred = connectorFromJson(trimmed);
  if (preferred) return { ok: true, connector: preferred };
  return {
    ok: false,
    problem: `Found ${found.length} different connectors; paste just the one to monitor.`,
  };
}

/** In a pasted API reply, the monitored task is `entity.id` (or a top-level `connector`). */
function connectorFromJson(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const record = value as { entity?: { id?: unknown }; connector?: unknown };
  const candidate = record.entity?.id ?? record.connector;
  return typeof candidate === 'string' && isConnector(candidate) ? candidate : undefined;
}

/** True when `text` is exactly one connector. */
export function isConnector(text: string): boolean {
  const match = text.match(UUID);
  return match !== null && match[0] === text;
}

/** The first block of a connector, enough to tell tasks apart in a narrow view. */
export function shortConnector(connector: string): string {
  return connector.length > 8 ? `${connector.slice(0, 8)}…` : connector;
}
