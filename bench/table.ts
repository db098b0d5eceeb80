// The one table the benchmark prints: a row per figure, ours beside the CLI's where the CLI has
// one, with the target and whether it was met (judged in full runs only).

export interface Row {
  readonly section: string;
  readonly measure: string;
  readonly ours: string;
  /** The CLI schedule's figure, where comparing makes sense. */
  readonly cli?: string;
  readonly target?: string;
  /** true/false when judged; undefined when there is no target or the run does not judge. */
  readonly met?: boolean;
}

export function renderTable(rows: readonly Row[], judge: boolean): string {
  const header = ['Section', 'Measure', 'Ours', 'CLI schedule', 'Target', 'Met'];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const r of rows) {
    const met =
      r.target === undefined ? '' : !judge ? 'not judged' : r.met === undefined ? '?' : mark(r.met);
    lines.push(row([r.section, r.measure, r.ours, r.cli ?? '', r.target ?? '', met]));
  }
  return lines.join('\n');
}

function mark(met: boolean): string {
  return met ? '✓' : '✗';
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** Seconds with one decimal, e.g. "7.4 s". */
export function seconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'n/a';
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
