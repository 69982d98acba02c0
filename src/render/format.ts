// Plain-text formatting of figures, shared by templates and reports.

export function formatPercent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return 'n/a';
  const percent = rate * 100;
  return `${percent >= 10 || percent === 0 ? percent.toFixed(1) : percent.toFixed(2)}%`;
}

export function formatCount(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
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
