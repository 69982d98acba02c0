// Family-wise control for discrete tests: Tarone's improvement on Bonferroni.
//
// A pattern of 12 sessions can never give Fisher's test a p-value below 1e-4,
// however many of them errored; counting it among the hypotheses would only
// lower everybody else's level. Tarone's method counts only the patterns that
// could reach the level they are tested at, and keeps the chance of any false
// rejection in the whole family at or below alpha.

/**
 * The per-test level (in log) for `logMinimums`, the smallest log p each hypothesis
 * could reach: alpha / k for the smallest k with at most k hypotheses able to reach it.
 */
export function taroneLevel(logMinimums: readonly number[], alpha: number): { logLevel: number; testable: number } {
  const sorted = [...logMinimums].sort((a, b) => a - b);
  const logAlpha = Math.log(alpha);
  // count(k) = hypotheses whose minimum is at or below alpha / k; it falls as k grows, so the first k that fits is the answer.
  let reachable = sorted.length;
  for (let k = 1; k <= sorted.length; k += 1) {
    const level = logAlpha - Math.log(k);
    while (reachable > 0 && sorted[reachable - 1]! > level) reachable -= 1;
    if (reachable <= k) return { logLevel: level, testable: reachable };
  }
  return { logLevel: logAlpha - Math.log(Math.max(1, sorted.length)), testable: sorted.length };
}
