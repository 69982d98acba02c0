// Builds the one octokit the run uses: @actions/github's client with GitHub's
// recommended throttling and bounded retries, and every REST call counted here.

import Bottleneck from 'bottleneck/light.js';
import { getOctokit } from '@actions/github';
import { defaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

/** A repository on GitHub. */
export interface RepositoryRef {
  owner: string;
  repo: string;
}

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface RequestCounts {
  reads: number;
  writes: number;
  /** x-ratelimit-remaining of the latest response, or null before any. */
  remaining: number | null;
}

export interface ClientOptions {
  token: string;
  /** REST API root; GITHUB_API_URL on a runner, so GitHub Enterprise works unchanged. */
  baseUrl: string;
  warn: (message: string) => void;
  /** How many times a throttled request is tried again before the run gives up on it. */
  maxRateLimitRetries?: number;
  /** Base of the retry back-off for server errors, in ms (waits grow as 1, 4, 9 times this). */
  retryBaseMs?: number;
  /** Seconds to back off from a secondary rate limit that sent no retry-after (GitHub suggests 60). */
  secondaryFallbackSeconds?: number;
  /** Milliseconds per second of rate-limit wait; only tests shrink it. */
  rateLimitSecondMs?: number;
  /** Milliseconds between two writes (by default a second, three for writes that notify, as GitHub asks); only tests set it. */
  writeSpacingMs?: number;
}

/**
 * The error to stop a run with when GitHub refused a request for lack of a
 * permission, or null when the error is something else. A 403 or 429 that is a
 * rate limit is not a permission problem and says so.
 */
export function refusal(error: unknown, action: string, permission: string): Error | null {
  const status = httpStatusOf(error);
  if (status !== 401 && status !== 403 && status !== 429) return null;
  const response = (error as { response?: { headers?: Record<string, string | undefined> } }).response;
  const message = error instanceof Error ? error.message : '';
  if (status === 429 || response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message)) {
    return new Error(
      `${action} hit GitHub's rate limit (HTTP ${status}) and retries ran out; run again later or lower download-concurrency.`,
    );
  }
  return new Error(
    `${action} was refused (HTTP ${status}). The token needs the "${permission}" permission; add it under "permissions:" in the workflow.`,
  );
}

/** The HTTP status of an octokit RequestError, or null for anything else. */
export function httpStatusOf(error: unknown): number | null {
  if (error !== null && typeof error === 'object' && 'status' in error && typeof error.status === 'number') {
    return error.status;
  }
  return null;
}

type Fetch = typeof fetch;

/**
 * Reads every response body to the end before octokit sees it. Octokit turns a
 * body cut off mid-way into an empty string; read here, a dropped connection
 * fails the request instead, and the retry plugin tries it again.
 */
export function wholeBodyFetch(base: Fetch): Fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const bodyless =
      [101, 204, 205, 304].includes(response.status) || (response.status >= 300 && response.status < 400);
    if (bodyless || init?.method === 'HEAD') return response;
    const body = await response.arrayBuffer();
    const whole = new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(whole, 'url', { value: response.url });
    return whole;
  };
}

/** plugin-throttling's write and notification limiters, `ms` apart. */
function spacedWrites(ms: number): { write: Bottleneck.Group; notifications: Bottleneck.Group } {
  const spaced = (id: string) => new Bottleneck.Group({ id, maxConcurrent: 1, minTime: ms, timeout: 120_000 });
  return { write: spaced('octokit-write'), notifications: spaced('octokit-notifications') };
}

export function createGitHubClient(options: ClientOptions): { client: GitHubClient; counts: RequestCounts } {
  const counts: RequestCounts = { reads: 0, writes: 0, remaining: null };
  const maxRetries = options.maxRateLimitRetries ?? 3;
  const client = getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      userAgent: 'crash-report-aggregator',
      // Keeps @actions/github's proxy-aware fetch underneath.
      request: { ...defaults.request, fetch: wholeBodyFetch((defaults.request?.fetch as Fetch | undefined) ?? fetch) },
      retry: { retries: 3, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
      throttle: {
        // Writes one at a time, a second apart (three for those that notify, such as a new issue or comment), as
        // plugin-throttling does by default; tests shrink the spacing.
        ...(options.writeSpacingMs === undefined ? {} : spacedWrites(options.writeSpacingMs)),
        fallbackSecondaryRateRetryAfter: options.secondaryFallbackSeconds ?? 60,
        retryAfterBaseValue: options.rateLimitSecondMs ?? 1000,
        onRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          options.warn(
            `Rate limit reached on ${request.method} ${request.url}; waiting ${retryAfter}s (attempt ${retryCount + 1}).`,
          );
          return retryCount < maxRetries;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          options.warn(`Secondary rate limit on ${request.method} ${request.url}; backing off ${retryAfter}s.`);
          return retryCount < maxRetries;
        },
      },
    },
    throttling,
    retry,
  );
  const noteBudget = (headers: Record<string, unknown> | undefined) => {
    const remaining = Number(headers?.['x-ratelimit-remaining']);
    if (Number.isFinite(remaining)) counts.remaining = remaining;
  };
  client.hook.wrap('request', async (request, endpoint) => {
    if (endpoint.method === 'GET' || endpoint.method === 'HEAD') counts.reads += 1;
    else counts.writes += 1;
    try {
      const response = await request(endpoint);
      noteBudget(response.headers);
      return response;
    } catch (error) {
      noteBudget((error as { response?: { headers?: Record<string, unknown> } }).response?.headers);
      throw error;
    }
  });
  return { client, counts };
}
