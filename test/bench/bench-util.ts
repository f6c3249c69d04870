/**
 * Shared shape of every benchmark: a figure measured beside a baseline measured in the same run.
 * Each `test/bench/*.bench.ts` default-exports `async () => BenchRow[]`; `npm run bench` runs them all
 * and prints one table.
 */
export interface BenchRow {
  /** What was measured, e.g. "POST /api/v1/bookings req/s (100 conns, 10 s)". */
  figure: string;
  value: number;
  unit: string;
  /** The same-run baseline it is compared with, e.g. "GET /healthz req/s". */
  baselineLabel: string;
  baseline: number;
  /** value / baseline (or baseline / value when lower is better; say which in `aim`). */
  ratio: number;
  /** The target, in words, e.g. "ratio ≥ 0.5". */
  aim: string;
  /** Whether the aim was met. */
  met: boolean;
}

export function percentile(sortedOrNot: readonly number[], p: number): number {
  const sorted = [...sortedOrNot].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['figure', 'value', 'baseline', 'ratio', 'aim', 'met'];
  const lines = rows.map((r) => [
    r.figure,
    `${round(r.value)} ${r.unit}`,
    `${round(r.baseline)} (${r.baselineLabel})`,
    round(r.ratio).toString(),
    r.aim,
    r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(fmt)].join('\n');
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);
