// Plain-text formatting of figures, shared by templates and reports.

export function formatPercent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return 'n/a';
  const percent = rate * 100;
  return `${percent >= 10 || percent === 0 ? percent.toFixed(1) : percent.toFixed(2)}%`;
}

export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'n/a';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${Math.round(seconds - minutes * 60)}s`;
  const hours = Math.floor(minutes / 60);
  return `${hours}h ${minutes - hours * 60}m`;
}

export function formatInterval(interval: { low: number; high: number } | null | undefined): string {
  return interval ? `${formatPercent(interval.low)}–${formatPercent(interval.high)}` : 'n/a';
}

/** A p-value a reader can take in: two significant digits, "< 1e-300" past what doubles hold. */
export function formatPValue(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value === 0) return '< 1e-300';
  if (value >= 0.001) return value.toPrecision(2);
  const [mantissa, exponent] = value.toExponential(1).split('e');
  return `${mantissa}e${exponent}`;
}
