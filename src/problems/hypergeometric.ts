// Exact tails of the hypergeometric and binomial distributions, in log space so
// that counts in the millions and p-values far below 1e-300 stay ordered.
//
// A problem is tested with Fisher's exact test: of all N sessions, E errored;
// the pattern holds n of them; under "no difference" its errored count X is
// hypergeometric(N, E, n). Conditioning on both margins makes the test exact
// whatever the baseline rate, which a binomial test against an estimated rate
// is not when the comparison has few sessions.

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** log Γ(x) for x > 0 (Lanczos, g = 7: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i += 1) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** log of the binomial coefficient C(n, k). */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  if (k === 0 || k === n) return 0;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** log(exp(a) + exp(b)) without overflow. */
export function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log(1 - exp(a)) for a <= 0. */
function logOneMinusExp(a: number): number {
  if (a >= 0) return Number.NEGATIVE_INFINITY;
  return a > -Math.LN2 ? Math.log(-Math.expm1(a)) : Math.log1p(-Math.exp(a));
}

/** A discrete distribution on lo..hi, given by its log pmf at one point and the ratio pmf(k+1)/pmf(k). */
interface Discrete {
  lo: number;
  hi: number;
  /** The mode, or any point at or next to it. */
  mode: number;
  logPmf(k: number): number;
  ratio(k: number): number;
}

// Terms are summed away from the mode, where they only shrink: stop once one no longer moves the sum.
const NEGLIGIBLE = Math.log(1e-17);

/** log P(X >= x), summing outward from whichever side of the mode is the smaller tail. */
function logUpperTail(d: Discrete, x: number): number {
  if (x <= d.lo) return 0;
  if (x > d.hi) return Number.NEGATIVE_INFINITY;
  if (x > d.mode) {
    let term = d.logPmf(x);
    let sum = term;
    for (let k = x; k < d.hi; k += 1) {
      term += Math.log(d.ratio(k));
      sum = logAdd(sum, term);
      if (term - sum < NEGLIGIBLE) break;
    }
    return Math.min(0, sum);
  }
  return logOneMinusExp(logLowerTail(d, x - 1));
}

/** log P(X <= x). */
function logLowerTail(d: Discrete, x: number): number {
  if (x >= d.hi) return 0;
  if (x < d.lo) return Number.NEGATIVE_INFINITY;
  if (x < d.mode) {
    let term = d.logPmf(x);
    let sum = term;
    for (let k = x; k > d.lo; k -= 1) {
      term -= Math.log(d.ratio(k - 1));
      sum = logAdd(sum, term);
      if (term - sum < NEGLIGIBLE) break;
    }
    return Math.min(0, sum);
  }
  return logOneMinusExp(logUpperTail(d, x + 1));
}

/** Hypergeometric(N, E, n): draws n of N items of which E are marked; X is the number marked. */
function hypergeometric(total: number, marked: number, drawn: number): Discrete {
  const lo = Math.max(0, drawn - (total - marked));
  const hi = Math.min(drawn, marked);
  const base = logChoose(total, drawn);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((drawn + 1) * (marked + 1)) / (total + 2))));
  return {
    lo,
    hi,
    mode,
    logPmf: (k) => logChoose(marked, k) + logChoose(total - marked, drawn - k) - base,
    ratio: (k) => ((marked - k) * (drawn - k)) / ((k + 1) * (total - marked - drawn + k + 1)),
  };
}

function binomial(trials: number, rate: number): Discrete {
  const mode = Math.min(trials, Math.floor((trials + 1) * rate));
  const logP = Math.log(rate);
  const logQ = Math.log1p(-rate);
  return {
    lo: 0,
    hi: trials,
    mode,
    logPmf: (k) => logChoose(trials, k) + (k === 0 ? 0 : k * logP) + (k === trials ? 0 : (trials - k) * logQ),
    ratio: (k) => ((trials - k) / (k + 1)) * (rate / (1 - rate)),
  };
}

/**
 * The 2×2 table of a pattern against the rest: `events` of the pattern's `sessions`
 * errored, `totalEvents` of all `totalSessions`.
 */
export interface Table {
  events: number;
  sessions: number;
  totalEvents: number;
  totalSessions: number;
}

/** log p of Fisher's exact test, one-sided: the pattern errors more often than the rest. */
export function logFisherGreater(table: Table): number {
  return logUpperTail(hypergeometric(table.totalSessions, table.totalEvents, table.sessions), table.events);
}

/** log p of Fisher's exact test, one-sided: the pattern errors less often than the rest. */
export function logFisherLess(table: Table): number {
  return logLowerTail(hypergeometric(table.totalSessions, table.totalEvents, table.sessions), table.events);
}

/**
 * The smallest log p Fisher's one-sided test could give a pattern of `sessions`
 * whatever its errors: all the errors it could hold. Tarone's method leaves out
 * of the multiplicity count every pattern that could never reach the level.
 */
export function logMinimumFisher(sessions: number, totalEvents: number, totalSessions: number): number {
  const most = Math.min(sessions, totalEvents);
  if (most === 0) return 0;
  return logFisherGreater({ events: most, sessions, totalEvents, totalSessions });
}

/** log P(X >= successes) for X ~ binomial(trials, rate). */
export function logBinomialGreater(successes: number, trials: number, rate: number): number {
  if (successes <= 0) return 0;
  if (rate <= 0) return Number.NEGATIVE_INFINITY;
  if (rate >= 1) return 0;
  return logUpperTail(binomial(trials, rate), successes);
}

/**
 * Lancaster's mid-p of the one-sided Fisher test: half the probability of the table
 * itself is left out, which takes away most of the exact test's conservatism on
 * small counts while staying close to its nominal level.
 */
export function logFisherGreaterMid(table: Table): number {
  const d = hypergeometric(table.totalSessions, table.totalEvents, table.sessions);
  const tail = logUpperTail(d, table.events);
  if (table.events < d.lo || table.events > d.hi) return tail;
  const half = d.logPmf(table.events) - Math.LN2;
  return tail === Number.NEGATIVE_INFINITY ? tail : tail + logOneMinusExp(Math.min(0, half - tail));
}
